"""Issued documents: the data behind each PDF, issue-or-reuse, storage, revocation, lookup.

A PDF is rendered once and its bytes are kept in the storage under ``surat/<kode>.pdf``, so a
repeat download is a file read and returns the very same bytes (and SHA-256) that anyone can
verify. The record keeps a hash of the data the PDF shows; when that data changes (a new
cover period, a corrected name) the next download issues a new document and the old one
verifies as ``diganti``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import has_request_context, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import surat as domain
from app.domain.format import rupiah, tanggal
from app.models import Klaim, Peserta, SuratTerbit, User
from app.penyimpanan import penyimpanan
from app.services import data
from app.services.audit import audit
from app.services.klaim import HUBUNGAN
from app.services.outbox import basis_url
from app.services.pdf import qr_svg, render_pdf
from app.services.waktu import sekarang, tanggal_wib

TEMPLATE = {"sertifikat": "pdf/sertifikat.html", "surat_bayar": "pdf/surat_bayar.html"}


class SuratTidakTersedia(Exception):
    """This document cannot be issued now; the message says why, in plain words."""


def _wilayah() -> dict[str, Any]:
    from app.konten_app import wilayah

    w = wilayah()
    return {"pemerintah": w["pemerintah"], "nama": w["nama"], "program": w["program"]["nama"]}


def _call_center() -> str:
    return data.baca_data("layanan")["kanal"]["call_center"]["nilai"]


def alasan_tanpa_sertifikat(peserta: Peserta, hari: dt.date) -> str | None:
    """Why this worker gets no certificate today, or None when he does."""
    if peserta.status == "meninggal":
        return "Peserta sudah meninggal dunia, jadi sertifikat kepesertaan tidak diterbitkan."
    if peserta.mulai is not None and hari < peserta.mulai and peserta.status == "aktif":
        return (f"Masa perlindungan baru mulai {tanggal(peserta.mulai)}. Sertifikat bisa "
                "diunduh mulai tanggal itu.")
    if not peserta.aktif_pada(hari):
        return ("Masa perlindungan Anda sudah berakhir, jadi sertifikat kepesertaan tidak "
                "diterbitkan. Hubungi petugas program jika Anda ingin didaftarkan lagi.")
    if not peserta.kpj:
        return ("Nomor peserta (KPJ) Anda belum terbit dari BPJS Ketenagakerjaan. Sertifikat "
                "bisa diunduh setelah nomor itu ada.")
    return None


def _iuran(peserta: Peserta) -> dict[str, Any]:
    """Monthly premium of the programmes the city pays (JKK + JKM), from content/data."""
    bpu = data.baca_data("iuran")["bpu"]
    penghasilan = peserta.penghasilan or bpu["penghasilan_terendah"]["nilai"]
    persen = bpu["jkk_persen"]["nilai"]
    baris = []
    if peserta.program_jkk:
        jkk = max(round(penghasilan * persen / 100), bpu["jkk_terendah_per_bulan"]["nilai"])
        baris.append({"nama": f"Jaminan Kecelakaan Kerja (JKK), {persen}% × penghasilan "
                              f"{rupiah(penghasilan)}", "jumlah": jkk})
    if peserta.program_jkm:
        baris.append({"nama": "Jaminan Kematian (JKM)", "jumlah": bpu["jkm_per_bulan"]["nilai"]})
    per_bulan = sum(b["jumlah"] for b in baris)
    return {"baris": baris, "per_bulan": per_bulan, "per_tahun": per_bulan * 12,
            "sumber": bpu["jkm_per_bulan"]["sumber"]}


def _manfaat(peserta: Peserta) -> list[str]:
    """Three plain lines on what the cover pays."""
    m = data.baca_data("manfaat")
    baris = []
    if peserta.program_jkk:
        baris.append("Kecelakaan kerja (JKK): biaya perawatan " + m["jkk"]["perawatan"]["nilai"]
                     .lower() + ", dan santunan selama Anda tidak mampu bekerja.")
        meninggal = m["jkk"]["meninggal"]
        baris.append(
            f"Meninggal karena kecelakaan kerja: ahli waris menerima "
            f"{meninggal['kali_penghasilan']['nilai']} × penghasilan yang dilaporkan "
            f"(paling sedikit {rupiah(meninggal['minimum']['nilai'])}), ditambah santunan "
            "berkala dan biaya pemakaman.")
    if peserta.program_jkm:
        baris.append(f"Meninggal dunia bukan karena kerja (JKM): ahli waris menerima "
                     f"{rupiah(m['jkm']['total']['nilai'])}, yaitu santunan, santunan berkala, "
                     "dan biaya pemakaman.")
    return baris


def isi_sertifikat(peserta: Peserta) -> dict[str, Any]:
    """Everything the certificate shows except its number, code and issue date."""
    return {
        "wilayah": _wilayah(),
        "nama": peserta.nama,
        "nik_samar": peserta.nik_samar,
        "kpj": peserta.kpj,
        "program": peserta.program,
        "mulai": peserta.mulai,
        "akhir": peserta.akhir,
        "dibiayai_oleh": peserta.dibiayai_oleh,
        "iuran": _iuran(peserta),
        "manfaat": _manfaat(peserta),
        "call_center": _call_center(),
    }


def _rincian_bayar(klaim: Klaim) -> list[dict[str, Any]]:
    """Itemised amounts; a difference between the items and the payment is shown, not hidden."""
    baris = [{"nama": k["nama"], "jumlah": k["jumlah"]}
             for k in klaim.komponen or [] if k.get("jumlah")]
    dibayar = klaim.jumlah_dibayar or 0
    if not baris:
        return [{"nama": f"Santunan {klaim.jenis_info.nama}", "jumlah": dibayar}]
    selisih = dibayar - sum(b["jumlah"] for b in baris)
    if selisih:
        baris.append({"nama": "Penyesuaian menurut keputusan BPJS Ketenagakerjaan",
                      "jumlah": selisih})
    return baris


def isi_surat_bayar(klaim: Klaim) -> dict[str, Any]:
    """Everything the payment letter shows except its number, code and issue date."""
    p = klaim.peserta
    return {
        "wilayah": _wilayah(),
        "nomor_klaim": klaim.nomor,
        "jenis_klaim": klaim.jenis_info.nama,
        "peserta": p.nama,
        "nik_samar": p.nik_samar,
        "kpj": p.kpj,
        "tanggal_kejadian": klaim.tanggal_kejadian,
        "meninggal": klaim.jenis in ("JKM", "JKK_meninggal") or p.status == "meninggal",
        "penerima": klaim.pemohon_nama,
        "hubungan": HUBUNGAN.get(klaim.hubungan, klaim.hubungan),
        "rincian": _rincian_bayar(klaim),
        "total": klaim.jumlah_dibayar,
        "tanggal_bayar": klaim.tanggal_bayar,
        "referensi_samar": domain.samarkan_referensi(klaim.referensi_bank),
        "call_center": _call_center(),
    }


def kunci_surat(surat: SuratTerbit) -> str:
    """The storage key of one record's PDF (app/penyimpanan.py; never under static/)."""
    return f"surat/{surat.kode}.pdf"


def baca_surat(surat: SuratTerbit) -> bytes | None:
    """The stored PDF of one record, or None when it is not (or no longer) stored."""
    try:
        return penyimpanan().baca(kunci_surat(surat))
    except FileNotFoundError:
        return None


def url_verifikasi(kode: str) -> str:
    """The address the QR code points at: ``<SIGAP_BASE_URL>/verifikasi/<kode>``."""
    if has_request_context():
        path = url_for("public.verifikasi_kode", kode=kode)
    else:
        path = f"/verifikasi/{kode}"
    return basis_url() + path


def _terakhir(sesi: Session, jenis: str, peserta: Peserta, klaim: Klaim | None):
    q = select(SuratTerbit).where(SuratTerbit.jenis == jenis,
                                  SuratTerbit.peserta_id == peserta.id)
    q = q.where(SuratTerbit.klaim_id == klaim.id) if klaim is not None else q
    return sesi.scalar(q.order_by(SuratTerbit.id.desc()).limit(1))


def render_surat(surat: SuratTerbit, isi: dict[str, Any]) -> bytes:
    """The PDF of one record (number, code and issue date come from the record)."""
    alamat = url_verifikasi(surat.kode)
    return render_pdf(
        TEMPLATE[surat.jenis], isi=isi, surat=surat, judul=surat.nama_jenis,
        kode_tampil=domain.kode_tampil(surat.kode), alamat_verifikasi=alamat,
        alamat_form=alamat.rsplit("/", 1)[0], qr=qr_svg(alamat),
        tanggal_terbit=tanggal_wib(surat.terbit_pada),
    )


def terbitkan(
    sesi: Session, jenis: str, peserta: Peserta, isi: dict[str, Any], nama: str,
    klaim: Klaim | None = None, waktu: dt.datetime | None = None,
) -> tuple[SuratTerbit, bytes]:
    """The current document for this subject and data: the stored one, or a new one."""
    sidik = domain.sidik_isi({"jenis": jenis, **isi})
    lama = _terakhir(sesi, jenis, peserta, klaim)
    if lama is not None and lama.status == "sah" and lama.sidik_isi == sidik:
        tersimpan = baca_surat(lama)
        if tersimpan is not None:
            return lama, tersimpan
    waktu = waktu or sekarang()
    tahun = tanggal_wib(waktu).year
    urut = (sesi.scalar(select(func.max(SuratTerbit.urut)).where(
        SuratTerbit.jenis == jenis, SuratTerbit.tahun == tahun)) or 0) + 1
    baru = SuratTerbit(
        jenis=jenis, peserta_id=peserta.id, klaim_id=klaim.id if klaim else None,
        tahun=tahun, urut=urut, nomor=domain.nomor_surat(jenis, tahun, urut),
        kode=domain.kode_baru(), nama_samar=domain.samarkan_nama(nama), sidik_isi=sidik,
        sha256="", ukuran=0, terbit_pada=waktu,
    )
    isi_pdf = render_surat(baru, isi)
    baru.sha256 = domain.sha256_hex(isi_pdf)
    baru.ukuran = len(isi_pdf)
    sesi.add(baru)
    sesi.flush()
    if lama is not None and lama.diganti_oleh_id is None:
        lama.diganti_oleh_id = baru.id
    penyimpanan().simpan(kunci_surat(baru), isi_pdf)
    return baru, isi_pdf


def sertifikat(sesi: Session, peserta: Peserta, hari: dt.date) -> tuple[SuratTerbit, bytes]:
    """The worker's certificate; raises SuratTidakTersedia with the reason when there is none."""
    alasan = alasan_tanpa_sertifikat(peserta, hari)
    if alasan:
        raise SuratTidakTersedia(alasan)
    return terbitkan(sesi, "sertifikat", peserta, isi_sertifikat(peserta), peserta.nama)


def surat_bayar(sesi: Session, klaim: Klaim) -> tuple[SuratTerbit, bytes]:
    """The payment letter of a paid claim, issued to the claimant."""
    if klaim.state != "dibayar":
        raise SuratTidakTersedia("Surat pembayaran terbit setelah santunan dibayarkan.")
    return terbitkan(sesi, "surat_bayar", klaim.peserta, isi_surat_bayar(klaim),
                     klaim.pemohon_nama, klaim=klaim)


def cabut(sesi: Session, surat: SuratTerbit, alasan: str, actor: User, ip: str | None) -> None:
    """Revoke a document (it then verifies as ``dicabut``); audited."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValueError("Tulis alasan pencabutan.")
    if surat.dicabut_pada is not None:
        raise ValueError("Dokumen ini sudah dicabut.")
    surat.dicabut_pada = sekarang()
    surat.alasan_cabut = alasan
    surat.dicabut_oleh = actor.id
    audit(sesi, actor, "surat.cabut", surat,
          f"{surat.nama_jenis} {surat.nomor} dicabut. Alasan: {alasan}", ip)
    sesi.flush()


def status_verifikasi(surat: SuratTerbit | None, hari: dt.date) -> str:
    """What the public verification says of a document on ``hari`` (one of
    ``domain.STATUS_VERIFIKASI``).

    A certificate records cover that may end after it was printed (the period runs out, the
    holder dies or is taken off the programme); the paper still says "peserta", so a valid
    certificate of someone not covered today verifies as ``tidak_aktif``, never as ``sah``.
    A payment letter attests to a payment made, which stays true."""
    if surat is None:
        return "tidak_ditemukan"
    if surat.status != "sah":
        return surat.status
    if surat.jenis == "sertifikat" and not surat.peserta.aktif_pada(hari):
        return "tidak_aktif"
    return "sah"


def cari_kode(sesi: Session, kode: str) -> SuratTerbit | None:
    """The record with this (normalised) verification code."""
    return sesi.scalar(select(SuratTerbit).where(SuratTerbit.kode == kode))


def cari_sha256(sesi: Session, sidik: str) -> SuratTerbit | None:
    """The record whose PDF has exactly these bytes."""
    return sesi.scalar(select(SuratTerbit).where(SuratTerbit.sha256 == sidik)
                       .order_by(SuratTerbit.id.desc()).limit(1))


def daftar_surat(sesi: Session, *, peserta: Peserta | None = None,
                 klaim: Klaim | None = None) -> list[SuratTerbit]:
    """Documents issued about a participant (all kinds) or for one claim, newest first."""
    q = select(SuratTerbit).order_by(SuratTerbit.id.desc())
    if klaim is not None:
        q = q.where(SuratTerbit.klaim_id == klaim.id)
    elif peserta is not None:
        q = q.where(SuratTerbit.peserta_id == peserta.id)
    return list(sesi.scalars(q))
