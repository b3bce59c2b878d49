"""Benefit calculator: what a family would receive; every amount comes from ``data``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.format import rupiah
from app.domain.konten import PENANDA

KASUS = ("meninggal_biasa", "meninggal_kecelakaan_kerja", "cacat_total_tetap")
LABEL_KASUS = {
    "meninggal_biasa": "Meninggal bukan karena kecelakaan kerja",
    "meninggal_kecelakaan_kerja": "Meninggal karena kecelakaan kerja",
    "cacat_total_tetap": "Cacat total tetap karena kecelakaan kerja",
}
# Who pays the contribution: the programme (registered at the lowest income bracket) or the
# worker (a self-paying BPU, at the income they declared to BPJS when registering).
PESERTA = ("sigap", "mandiri")
# More digits than any real monthly income; keeps absurd input out of the arithmetic.
MAKS_DIGIT = 12


@dataclass(frozen=True)
class Masukan:
    """What the visitor told us."""

    kasus: str
    penghasilan: int  # monthly income as registered with BPJS, never the worker's real income
    lama_kepesertaan_tahun: int
    anak: tuple[str, ...] = ()
    peserta: str = "mandiri"  # "sigap": registered by the programme at the lowest bracket


@dataclass(frozen=True)
class Baris:
    """One line of the result; ``dihitung`` says whether it counts towards ``total``."""

    label: str
    jumlah: int
    aturan: str
    dihitung: bool = True
    terverifikasi: bool = True


@dataclass(frozen=True)
class Hasil:
    """Lines, the total received at the claim (lump sums + first year of scholarships), notes."""

    kasus: str
    baris: tuple[Baris, ...]
    total: int
    beasiswa_maksimal: int
    catatan: tuple[str, ...]


# ---------------------------------------------------------------- reading the form


def angka_bulat(teks: str) -> int:
    """Parse ``1.000.000``, ``Rp 1000000`` or ``-5`` written in ASCII digits ('²' and '٣' are
    not numbers); raise ValueError otherwise."""
    bersih = re.sub(r"^rp", "", teks.strip().lower()).replace(".", "").replace(" ", "")
    if not re.fullmatch(r"-?[0-9]+", bersih):
        raise ValueError(teks)
    return int(bersih)


def daftar_anak(form: Mapping[str, str]) -> list[str]:
    """Children's levels from ``anak`` (comma-separated) and/or ``anak_1``, ``anak_2`` …"""
    nilai: list[str] = []
    if form.get("anak"):
        nilai += [x for x in (s.strip() for s in form["anak"].split(",")) if x]
    kunci = sorted(
        (k for k in form if re.fullmatch(r"anak_[0-9]+", k)), key=lambda k: int(k.split("_")[1])
    )
    nilai += [form[k].strip() for k in kunci if form[k].strip()]
    return [x.lower() for x in nilai]


# ---------------------------------------------------------------- calculation


def _n(item: Mapping[str, Any]) -> int:
    """The integer value of a data figure."""
    return int(item["nilai"])


def _aturan(teks: str, *items: Mapping[str, Any]) -> str:
    """Rule text with the figures' sources (unverified lines are tagged by the page)."""
    sumber = "; ".join(dict.fromkeys(str(i["sumber"]) for i in items))
    return f"{teks} ({sumber})"


def _terverifikasi(*items: Mapping[str, Any]) -> bool:
    return all(i.get("verified", False) for i in items)


def _baris_jkm(jkm: Mapping[str, Any]) -> list[Baris]:
    """The three JKM parts; they must add up to the published total."""
    sekaligus, berkala, pemakaman = (
        jkm["santunan_sekaligus"],
        jkm["santunan_berkala"],
        jkm["biaya_pemakaman"],
    )
    if _n(sekaligus) + _n(berkala) + _n(pemakaman) != _n(jkm["total"]):
        raise ValueError("data manfaat.jkm: bagian-bagian tidak sama dengan total")
    bulan, per_bulan = jkm["santunan_berkala_bulan"], jkm["santunan_berkala_per_bulan"]
    return [
        Baris("Santunan sekaligus JKM", _n(sekaligus), _aturan("Jumlah tetap", sekaligus)),
        Baris(
            "Santunan berkala JKM",
            _n(berkala),
            _aturan(
                f"{_n(bulan)} × {rupiah(_n(per_bulan))}, dibayar sekaligus",
                berkala,
                bulan,
                per_bulan,
            ),
            terverifikasi=_terverifikasi(berkala, bulan, per_bulan),
        ),
        Baris("Biaya pemakaman", _n(pemakaman), _aturan("Jumlah tetap", pemakaman)),
    ]


def _teks_penghasilan(penghasilan: int, peserta: str) -> str:
    """How the income in a formula is named: never as the worker's real income."""
    if peserta == "sigap":
        return f"penghasilan terdaftar peserta SIGAP {rupiah(penghasilan)}"
    return f"penghasilan yang dilaporkan ke BPJS {rupiah(penghasilan)}"


def santunan_kematian_kk(meninggal: Mapping[str, Any], penghasilan: int) -> int:
    """The work-accident death payment: ``kali_penghasilan`` × income, never below ``minimum``
    (both from manfaat.yaml ``jkk.meninggal``). The calculator and new claims both use this."""
    return max(_n(meninggal["kali_penghasilan"]) * penghasilan, _n(meninggal["minimum"]))


def _baris_meninggal_kk(
    meninggal: Mapping[str, Any], penghasilan: int, peserta: str = "mandiri"
) -> list[Baris]:
    """Work-accident death: 48 × income with the JKM santunan as the floor, plus the rest."""
    kali, minimum = meninggal["kali_penghasilan"], meninggal["minimum"]
    hitungan = _n(kali) * penghasilan
    if santunan_kematian_kk(meninggal, penghasilan) == hitungan:
        santunan = Baris(
            "Santunan kematian kecelakaan kerja",
            hitungan,
            _aturan(f"{_n(kali)} × {_teks_penghasilan(penghasilan, peserta)}", kali),
            terverifikasi=_terverifikasi(kali),
        )
    else:
        santunan = Baris(
            "Santunan kematian kecelakaan kerja",
            _n(minimum),
            _aturan(
                f"{_n(kali)} × {_teks_penghasilan(penghasilan, peserta)} = "
                f"{rupiah(hitungan)}, lebih kecil dari batas "
                f"bawah {rupiah(_n(minimum))}; yang dibayar batas bawah",
                kali,
                minimum,
            ),
            terverifikasi=_terverifikasi(kali, minimum),
        )
    berkala, pemakaman = meninggal["santunan_berkala"], meninggal["biaya_pemakaman"]
    return [
        santunan,
        Baris(
            "Santunan berkala",
            _n(berkala),
            _aturan("24 × Rp500.000, dibayar sekaligus (tidak dicicil)", berkala),
        ),
        Baris("Biaya pemakaman", _n(pemakaman), _aturan("Jumlah tetap", pemakaman)),
    ]


def _baris_cacat(
    cacat: Mapping[str, Any], penghasilan: int, peserta: str = "mandiri"
) -> list[Baris]:
    """Total permanent disability: 70% × 80 × income, plus santunan berkala paid at once."""
    persen, kali = cacat["persen"], cacat["kali"]
    jumlah = (_n(persen) * _n(kali) * penghasilan + 50) // 100  # whole rupiah, rounded
    berkala = cacat["santunan_berkala"]
    bulan, per_bulan = cacat["santunan_berkala_bulan"], cacat["santunan_berkala_per_bulan"]
    if _n(bulan) * _n(per_bulan) != _n(berkala):
        raise ValueError("data manfaat.jkk.cacat_total_tetap: santunan berkala tidak cocok")
    return [
        Baris(
            "Santunan cacat total tetap",
            jumlah,
            _aturan(
                f"{_n(persen)}% × {_n(kali)} × {_teks_penghasilan(penghasilan, peserta)}",
                persen,
                kali,
            ),
            terverifikasi=_terverifikasi(persen, kali),
        ),
        Baris(
            "Santunan berkala",
            _n(berkala),
            _aturan(
                f"{_n(bulan)} × {rupiah(_n(per_bulan))}, dibayar sekaligus (tidak dicicil)",
                berkala,
                bulan,
                per_bulan,
            ),
            terverifikasi=_terverifikasi(berkala, bulan, per_bulan),
        ),
    ]


def _baris_beasiswa(beasiswa: Mapping[str, Any], anak: tuple[str, ...]) -> list[Baris]:
    """Per child: this year's amount for the current level, and the most it can reach."""
    jenjang = beasiswa["jenjang"]
    urutan = list(jenjang)
    batas_anak = beasiswa["maks_per_anak"]
    hasil: list[Baris] = []
    for ke, kode in enumerate(anak, start=1):
        j = jenjang[kode]
        per_tahun, maks_tahun = j["per_tahun"], j["maks_tahun"]
        hasil.append(
            Baris(
                f"Beasiswa anak ke-{ke} ({j['nama']}), per tahun",
                _n(per_tahun),
                _aturan(
                    f"{rupiah(_n(per_tahun))} per tahun untuk {j['nama']}, paling lama "
                    f"{_n(maks_tahun)} tahun di jenjang ini; diajukan setiap tahun",
                    per_tahun,
                    maks_tahun,
                ),
                terverifikasi=_terverifikasi(per_tahun, maks_tahun),
            )
        )
        # Years already spent in the current level are unknown, so count the whole level.
        sisa = [jenjang[k] for k in urutan[urutan.index(kode) :]]
        sampai_lulus = sum(_n(x["per_tahun"]) * _n(x["maks_tahun"]) for x in sisa)
        hasil.append(
            Baris(
                f"Beasiswa anak ke-{ke}, paling banyak sampai kuliah",
                min(sampai_lulus, _n(batas_anak)),
                _aturan(
                    f"Jumlah per tahun × lama maksimal, dari {j['nama']} sampai jenjang "
                    f"terakhir; batas per anak {rupiah(_n(batas_anak))}",
                    batas_anak,
                ),
                dihitung=False,
                terverifikasi=_terverifikasi(batas_anak),
            )
        )
    return hasil


def hitung(masukan: Masukan, data: Mapping[str, Any]) -> Hasil:
    """Estimate the benefits for one case from the figures in ``data``."""
    if masukan.kasus not in KASUS:
        raise ValueError(f"kasus tidak dikenal: {masukan.kasus!r}")
    manfaat = data["manfaat"]
    beasiswa = manfaat["beasiswa"]
    catatan: list[str] = []

    if masukan.kasus == "meninggal_biasa":
        baris = _baris_jkm(manfaat["jkm"])
        min_tahun = beasiswa["masa_iur_minimal_tahun"]
        berhak_beasiswa = masukan.lama_kepesertaan_tahun >= _n(min_tahun)
        if masukan.anak and not berhak_beasiswa:
            catatan.append(
                f"Beasiswa tidak dihitung: untuk meninggal bukan karena kecelakaan kerja, "
                f"peserta harus sudah membayar iuran paling sedikit {_n(min_tahun)} tahun."
            )
        if masukan.lama_kepesertaan_tahun == 0:
            awal = manfaat["jkm"]["meninggal_awal_jumlah"]
            bulan = manfaat["jkm"]["meninggal_awal_bulan"]
            catatan.append(
                f"Jika peserta meninggal dalam {_n(bulan)} bulan pertama kepesertaan, ahli "
                f"waris mungkin hanya menerima {rupiah(_n(awal))}; aturan ini belum pasti{PENANDA}."
            )
    elif masukan.kasus == "meninggal_kecelakaan_kerja":
        baris = _baris_meninggal_kk(
            manfaat["jkk"]["meninggal"], masukan.penghasilan, masukan.peserta
        )
        berhak_beasiswa = True
    else:
        baris = _baris_cacat(
            manfaat["jkk"]["cacat_total_tetap"], masukan.penghasilan, masukan.peserta
        )
        berhak_beasiswa = True
        catatan.append(
            "Selain santunan ini, biaya berobat sampai sembuh dan pengganti penghasilan "
            "selama tidak bisa bekerja juga ditanggung. Keduanya tidak dihitung di sini."
        )

    maks_anak = _n(beasiswa["maks_anak"])
    anak = masukan.anak[:maks_anak]
    if len(masukan.anak) > maks_anak:
        catatan.append(f"Beasiswa hanya untuk paling banyak {maks_anak} anak.")
    if berhak_beasiswa and anak:
        baris += _baris_beasiswa(beasiswa, anak)
        catatan.append(
            "Beasiswa diajukan setiap tahun dan berhenti jika anak berusia "
            f"{_n(beasiswa['batas_usia'])} tahun, menikah, atau bekerja."
        )

    iuran = data.get("iuran")
    if iuran and masukan.kasus != "meninggal_biasa":
        terendah = _n(iuran["bpu"]["penghasilan_terendah"])
        if masukan.peserta == "sigap":
            catatan.append(
                f"Peserta SIGAP didaftarkan dengan penghasilan {rupiah(terendah)} per bulan, "
                "golongan terendah, berapa pun penghasilan Anda yang sebenarnya. Santunan "
                "dihitung dari angka itu."
            )
        elif masukan.penghasilan < terendah:
            catatan.append(
                f"Penghasilan terendah yang bisa dilaporkan peserta BPU adalah "
                f"{rupiah(terendah)}. Peserta yang iurannya dibayar pemerintah daerah "
                "terdaftar dengan penghasilan ini."
            )
    catatan.append("Ini perkiraan. Jumlah pasti ditetapkan BPJS Ketenagakerjaan saat klaim.")

    return Hasil(
        kasus=masukan.kasus,
        baris=tuple(baris),
        total=sum(b.jumlah for b in baris if b.dihitung),
        beasiswa_maksimal=sum(b.jumlah for b in baris if not b.dihitung),
        catatan=tuple(catatan),
    )
