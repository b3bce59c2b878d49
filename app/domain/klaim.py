"""Claim state machine, claim types, reference numbers and the service target (no Flask here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

Menunggu = Literal["petugas", "anda", "bpjs"]


class StatusKlaim(StrEnum):
    """Internal claim states; values are what the database stores."""

    DITERIMA = "diterima"
    VERIFIKASI_BERKAS = "verifikasi_berkas"
    PERLU_DOKUMEN = "perlu_dokumen"
    DIAJUKAN_BPJS = "diajukan_bpjs"
    DISETUJUI = "disetujui"
    DIBAYAR = "dibayar"
    DITOLAK = "ditolak"
    DIBATALKAN = "dibatalkan"


@dataclass(frozen=True, slots=True)
class InfoStatus:
    """How one state is shown: label, who acts next, public step, still open."""

    kode: StatusKlaim
    label: str
    menunggu: Menunggu | None
    langkah: int | None
    terbuka: bool


S = StatusKlaim

STATUS: dict[StatusKlaim, InfoStatus] = {
    info.kode: info
    for info in (
        InfoStatus(S.DITERIMA, "Pengajuan diterima", "petugas", 1, True),
        InfoStatus(S.VERIFIKASI_BERKAS, "Pemeriksaan berkas", "petugas", 2, True),
        InfoStatus(S.PERLU_DOKUMEN, "Perlu dokumen dari Anda", "anda", 2, True),
        InfoStatus(S.DIAJUKAN_BPJS, "Diajukan ke BPJS Ketenagakerjaan", "bpjs", 3, True),
        InfoStatus(S.DISETUJUI, "Disetujui", "bpjs", 4, True),
        InfoStatus(S.DIBAYAR, "Dana telah dibayarkan", None, 5, False),
        InfoStatus(S.DITOLAK, "Ditolak", None, None, False),
        InfoStatus(S.DIBATALKAN, "Dibatalkan", None, None, False),
    )
}

# The five steps an applicant sees on the timeline (perlu_dokumen shares step 2).
LANGKAH_PUBLIK: dict[int, str] = {
    1: "Pengajuan diterima",
    2: "Pemeriksaan berkas",
    3: "Diajukan ke BPJS Ketenagakerjaan",
    4: "Disetujui",
    5: "Dana dibayarkan",
}

MENUNGGU_LABEL: dict[str, str] = {
    "petugas": "Petugas",
    "anda": "Anda",
    "bpjs": "BPJS Ketenagakerjaan",
}

STATUS_TERBUKA: frozenset[StatusKlaim] = frozenset(k for k, v in STATUS.items() if v.terbuka)
STATUS_WAJIB_ALASAN: frozenset[StatusKlaim] = frozenset({S.DITOLAK, S.DIBATALKAN})


def alasan_wajib(ke: str) -> bool:
    """A refusal or cancellation needs a reason, and that reason is always shown to the
    applicant (``pindah`` refuses the move without one; the service always shows it)."""
    return ke in {s.value for s in STATUS_WAJIB_ALASAN}

# Forward moves. There is no way back from "Diajukan ke BPJS Ketenagakerjaan" to
# "Perlu dokumen dari Anda": when BPJS asks for more, the claim stays with BPJS and the
# request is its own event (``AKSI_BPJS_MINTA``) with one message to the applicant.
_MAJU: dict[StatusKlaim, frozenset[StatusKlaim]] = {
    S.DITERIMA: frozenset({S.VERIFIKASI_BERKAS}),
    S.VERIFIKASI_BERKAS: frozenset({S.PERLU_DOKUMEN, S.DIAJUKAN_BPJS, S.DITOLAK}),
    S.PERLU_DOKUMEN: frozenset({S.VERIFIKASI_BERKAS}),
    S.DIAJUKAN_BPJS: frozenset({S.DISETUJUI, S.DITOLAK}),
    S.DISETUJUI: frozenset({S.DIBAYAR}),
}

# Every legal (from, to) pair: the forward moves plus "any open state -> dibatalkan".
PERPINDAHAN_SAH: frozenset[tuple[StatusKlaim, StatusKlaim]] = frozenset(
    {(dari, ke) for dari, tujuan in _MAJU.items() for ke in tujuan}
    | {(dari, S.DIBATALKAN) for dari in STATUS_TERBUKA}
)

# Moves the applicant sees by default on the timeline and in notifications. Every state
# change is visible; only free-standing internal notes (no state change) are hidden.
KELUARAN_APPLICANT: frozenset[tuple[StatusKlaim, StatusKlaim]] = PERPINDAHAN_SAH


class PerpindahanTidakSah(ValueError):
    """A state change that the rules do not allow; the message is shown to officers."""


# --- preconditions ----------------------------------------------------------------------
#
# The moves and why they exist (PRODUCT.md terms: peserta, ahli waris/pemohon, petugas,
# BPJS Ketenagakerjaan). "Lengkap" means every document on the claim's list is either
# accepted (diterima) or marked not needed (tidak_diperlukan).
#
# ========================  ==================================  =============================
# move                      precondition                        why
# ========================  ==================================  =============================
# diterima → verifikasi     none                                a petugas starts checking
# verifikasi → perlu_dok.   a document is asked for / refused   the heir must know what to send
# verifikasi → diajukan     documents lengkap                   BPJS rejects incomplete files
# verifikasi → ditolak      reason                              the heir reads the reason
# perlu_dok. → verifikasi   none                                papers came in (upload or desk)
# diajukan → disetujui      documents lengkap, approved amount  the heir is told the amount
# diajukan → ditolak        reason                              the heir reads the reason
# disetujui → dibayar       amount, payment date, bank ref.     the payment letter needs them
# any open → dibatalkan     reason                              the heir reads the reason
# ========================  ==================================  =============================
#
# BPJS asking for one more document after submission is not a move: the claim stays
# "Diajukan ke BPJS Ketenagakerjaan", the document is asked for, and the heir gets one
# message saying BPJS asked for it (see ``AKSI_BPJS_MINTA``).

AKSI_BPJS_MINTA = "bpjs_minta_dokumen"
DOKUMEN_SELESAI = frozenset({"diterima", "tidak_diperlukan"})
DOKUMEN_DARI_PEMOHON = frozenset({"diminta", "ditolak"})


@dataclass(frozen=True, slots=True)
class FaktaDokumen:
    """What the rules need to know about one document of a claim."""

    kode: str
    nama: str
    status: str
    wajib: bool = True


@dataclass(frozen=True, slots=True)
class FaktaKlaim:
    """What the preconditions look at: documents and the recorded amounts."""

    dokumen: tuple[FaktaDokumen, ...] = ()
    jumlah_disetujui: int | None = None
    jumlah_dibayar: int | None = None
    tanggal_bayar: dt.date | None = None
    referensi_bank: str | None = None


def _daftar(nama: list[str]) -> str:
    kutip = [f"\u201c{n}\u201d" for n in nama]
    return kutip[0] if len(kutip) == 1 else ", ".join(kutip[:-1]) + " dan " + kutip[-1]


def _syarat_lengkap(f: FaktaKlaim) -> str | None:
    kurang = [d.nama for d in f.dokumen if d.status not in DOKUMEN_SELESAI]
    if not kurang:
        return None
    return f"Dokumen belum lengkap: {_daftar(kurang)} belum diterima."


def _syarat_ada_permintaan(f: FaktaKlaim) -> str | None:
    if any(d.status in DOKUMEN_DARI_PEMOHON for d in f.dokumen):
        return None
    return ("Belum ada dokumen yang diminta dari pemohon. Minta dokumennya dulu di bagian "
            "Dokumen, supaya pemohon tahu apa yang harus dikirim.")


def _syarat_jumlah_disetujui(f: FaktaKlaim) -> str | None:
    if f.jumlah_disetujui and f.jumlah_disetujui > 0:
        return None
    return "Jumlah yang disetujui BPJS Ketenagakerjaan belum dicatat."


def _syarat_pembayaran(f: FaktaKlaim) -> str | None:
    kurang = []
    if not (f.jumlah_dibayar and f.jumlah_dibayar > 0):
        kurang.append("jumlah yang dibayar")
    if f.tanggal_bayar is None:
        kurang.append("tanggal pembayaran")
    if not (f.referensi_bank or "").strip():
        kurang.append("nomor referensi bank")
    if not kurang:
        return None
    teks = kurang[0] if len(kurang) == 1 else ", ".join(kurang[:-1]) + " dan " + kurang[-1]
    return f"Pembayaran belum lengkap: {teks} belum dicatat."


@dataclass(frozen=True, slots=True)
class Syarat:
    """One precondition: a code, the check (None = holds, else the reason in Indonesian),
    and whether the officer supplies it in the same form as the move (amounts)."""

    kode: str
    periksa: object  # Callable[[FaktaKlaim], str | None]
    dari_formulir: bool = False


SYARAT_LENGKAP = Syarat("dokumen_lengkap", _syarat_lengkap)
SYARAT_PERMINTAAN = Syarat("ada_permintaan", _syarat_ada_permintaan)
SYARAT_DISETUJUI = Syarat("jumlah_disetujui", _syarat_jumlah_disetujui, dari_formulir=True)
SYARAT_BAYAR = Syarat("pembayaran", _syarat_pembayaran, dari_formulir=True)

SYARAT_PINDAH: dict[tuple[StatusKlaim, StatusKlaim], tuple[Syarat, ...]] = {
    (S.VERIFIKASI_BERKAS, S.PERLU_DOKUMEN): (SYARAT_PERMINTAAN,),
    (S.VERIFIKASI_BERKAS, S.DIAJUKAN_BPJS): (SYARAT_LENGKAP,),
    (S.DIAJUKAN_BPJS, S.DISETUJUI): (SYARAT_LENGKAP, SYARAT_DISETUJUI),
    (S.DISETUJUI, S.DIBAYAR): (SYARAT_BAYAR,),
}


def syarat_belum_terpenuhi(
    dari: str, ke: str, fakta: FaktaKlaim, *, kecuali_formulir: bool = False
) -> list[str]:
    """Reasons (Indonesian, for officers) why the move cannot happen yet; [] when it can.

    ``kecuali_formulir`` skips what the move's own form supplies (the amounts), for
    deciding whether to show that form at all.
    """
    asal, tujuan = status(dari).kode, status(ke).kode
    hasil = []
    for syarat in SYARAT_PINDAH.get((asal, tujuan), ()):
        if kecuali_formulir and syarat.dari_formulir:
            continue
        alasan = syarat.periksa(fakta)  # type: ignore[operator]
        if alasan:
            hasil.append(alasan)
    return hasil


def alasan_tolak(dari: str, ke: str, fakta: FaktaKlaim) -> str | None:
    """One sentence saying why the move is refused now, or None when it may happen."""
    kurang = syarat_belum_terpenuhi(dari, ke, fakta)
    if not kurang:
        return None
    return (f"Klaim belum bisa dipindah ke \u201c{STATUS[StatusKlaim(ke)].label}\u201d. "
            + " ".join(kurang))


@dataclass(frozen=True, slots=True)
class Perpindahan:
    """A validated state change, ready to be stored as an append-only event."""

    dari: StatusKlaim
    ke: StatusKlaim
    alasan: str | None
    terlihat_pemohon: bool


def status(kode: str) -> InfoStatus:
    """Look up a state by its code; raise PerpindahanTidakSah for an unknown code."""
    try:
        return STATUS[StatusKlaim(kode)]
    except ValueError:
        raise PerpindahanTidakSah(f"Status klaim tidak dikenal: {kode!r}.") from None


def langkah_berikut(kode: str) -> list[StatusKlaim]:
    """Legal target states from a state, in the order the state table lists them."""
    dari = status(kode).kode
    return [ke for ke in STATUS if (dari, ke) in PERPINDAHAN_SAH]


def terlihat_pemohon_bawaan(dari: str | None, ke: str | None) -> bool:
    """Whether an event is shown to the applicant unless the officer decides otherwise."""
    if dari is None or ke is None or dari == ke:
        return False  # a note without a state change is internal
    return (dari, ke) in KELUARAN_APPLICANT


def pindah(
    dari: str, ke: str, alasan: str | None = None, fakta: FaktaKlaim | None = None
) -> Perpindahan:
    """Validate a move and return it, or raise PerpindahanTidakSah with the reason.

    With ``fakta`` the move's preconditions (``SYARAT_PINDAH``) are checked as well; the
    services always pass them.
    """
    asal, tujuan = status(dari), status(ke)
    if (asal.kode, tujuan.kode) not in PERPINDAHAN_SAH:
        if not asal.terbuka:
            pesan = f"Klaim berstatus \u201c{asal.label}\u201d sudah selesai dan tidak bisa diubah."
        else:
            boleh = ", ".join(f"\u201c{STATUS[s].label}\u201d" for s in langkah_berikut(dari))
            pesan = (
                f"Klaim berstatus \u201c{asal.label}\u201d tidak bisa dipindah ke "
                f"\u201c{tujuan.label}\u201d. Pilihan yang sah: {boleh}."
            )
        raise PerpindahanTidakSah(pesan)
    alasan_bersih = (alasan or "").strip() or None
    if tujuan.kode in STATUS_WAJIB_ALASAN and alasan_bersih is None:
        raise PerpindahanTidakSah(
            f"Alasan wajib diisi untuk status \u201c{tujuan.label}\u201d. "
            "Tulis alasannya dengan jelas karena akan dibaca oleh pemohon."
        )
    if fakta is not None:
        tolak = alasan_tolak(asal.kode, tujuan.kode, fakta)
        if tolak:
            raise PerpindahanTidakSah(tolak)
    return Perpindahan(
        dari=asal.kode,
        ke=tujuan.kode,
        alasan=alasan_bersih,
        terlihat_pemohon=terlihat_pemohon_bawaan(asal.kode, tujuan.kode),
    )


# --- claim types and reference numbers -------------------------------------------------


@dataclass(frozen=True, slots=True)
class JenisKlaim:
    """A kind of claim: code, Indonesian name, reference prefix."""

    kode: str
    nama: str
    awalan: str


JENIS_KLAIM: dict[str, JenisKlaim] = {
    j.kode: j
    for j in (
        JenisKlaim("JKM", "Jaminan Kematian (JKM)", "JKM"),
        JenisKlaim("JKK", "Jaminan Kecelakaan Kerja (JKK)", "JKK"),
        JenisKlaim("JKK_meninggal", "Jaminan Kecelakaan Kerja, peserta meninggal dunia", "JKKM"),
        JenisKlaim("beasiswa", "Beasiswa pendidikan anak", "BEA"),
    )
}

URUT_MAKS = 999_999


def jenis_klaim(kode: str) -> JenisKlaim:
    """Look up a claim type by its code; raise ValueError for an unknown one."""
    try:
        return JENIS_KLAIM[kode]
    except KeyError:
        raise ValueError(f"Jenis klaim tidak dikenal: {kode!r}.") from None


def nomor_referensi(jenis: str, tahun: int, urut: int) -> str:
    """Public claim reference such as ``JKM-2026-000017`` (prefix, year, 6-digit sequence)."""
    if not 2000 <= tahun <= 9999:
        raise ValueError(f"Tahun tidak masuk akal: {tahun}.")
    if not 1 <= urut <= URUT_MAKS:
        raise ValueError(f"Nomor urut harus 1–{URUT_MAKS}: {urut}.")
    return f"{jenis_klaim(jenis).awalan}-{tahun:04d}-{urut:06d}"


# --- service target --------------------------------------------------------------------

# Where the target lives: content/data/layanan.yaml, key ``target_layanan``, e.g.
#   target_layanan:
#     JKM:
#       hari_kerja: 3
#       dihitung_sejak: berkas_lengkap
#       sumber: "..."
#       verified: false
KUNCI_TARGET_LAYANAN = "target_layanan"


def target_dari_data(data: Mapping[str, object]) -> dict[str, int]:
    """Extract ``{jenis: working days}`` from the parsed layanan.yaml mapping."""
    bagian = data.get(KUNCI_TARGET_LAYANAN) or {}
    if not isinstance(bagian, Mapping):
        raise ValueError(f"'{KUNCI_TARGET_LAYANAN}' harus berupa pemetaan.")
    hasil: dict[str, int] = {}
    for jenis, isi in bagian.items():
        hari = isi.get("hari_kerja") if isinstance(isi, Mapping) else isi
        if not isinstance(hari, int) or isinstance(hari, bool) or hari < 1:
            raise ValueError(f"Target layanan {jenis!r}: hari_kerja harus bilangan bulat ≥ 1.")
        hasil[str(jenis)] = hari
    return hasil


def muat_target_layanan(path: str | Path) -> dict[str, int]:
    """Read the service targets from a layanan.yaml file (called by the app, never at import)."""
    from app.domain.yaml_cepat import baca_yaml

    return target_dari_data(baca_yaml(Path(path).read_text(encoding="utf-8")) or {})


def tambah_hari_kerja(mulai: dt.date, jumlah: int, libur: Iterable[dt.date] = ()) -> dt.date:
    """The date ``jumlah`` working days after ``mulai`` (Mon–Fri, skipping ``libur``)."""
    if jumlah < 0:
        raise ValueError("Jumlah hari kerja tidak boleh negatif.")
    hari_libur = frozenset(libur)
    tanggal = mulai
    sisa = jumlah
    while sisa:
        tanggal += dt.timedelta(days=1)
        if tanggal.weekday() < 5 and tanggal not in hari_libur:
            sisa -= 1
    return tanggal


def batas_layanan(
    jenis: str,
    sejak: dt.date,
    libur: Iterable[dt.date],
    target_hari: Mapping[str, int],
) -> dt.date | None:
    """Service-target date counted from ``sejak`` (documents complete); None if no target.

    This is the programme's promise, not a predicted payment date: show it as "target",
    together with "sejak <tanggal>", and say so plainly when it has passed.
    """
    jenis_klaim(jenis)  # an unknown type is a programming error, not "no target"
    hari = target_hari.get(jenis)
    if hari is None:
        return None
    return tambah_hari_kerja(sejak, hari, libur)


def terlambat(batas: dt.date | None, hari_ini: dt.date) -> bool:
    """True once ``hari_ini`` is past the target date (the target day itself is on time)."""
    return batas is not None and hari_ini > batas
