"""Audit log: who did what to which record, when, from where; filters and paging."""

from __future__ import annotations

from flask import request
from sqlalchemy import select

from app.akses import PERAN_STAF, perlu_masuk
from app.batas import angka_id
from app.extensions import db
from app.models import AuditLog, User
from app.staf import bp
from app.staf.cari import SaringAudit, cari_audit
from app.staf.halaman import ambil_halaman, nomor_halaman
from app.staf.isian import Galat, tanggal
from app.staf.umum import PERAN_PETUGAS, sebagai_fragmen
from app.web import render_page

# Plain names for the actions the services record (unknown ones are shown as stored).
LABEL_AKSI = {
    "akun.totp_daftar": "Verifikasi dua langkah diaktifkan",
    "akun.totp_reset": "Verifikasi dua langkah diatur ulang",
    "peserta.buat": "Peserta didaftarkan",
    "peserta.ubah": "Data peserta diubah",
    "akun.buat": "Akun dibuat",
    "akun.ubah": "Akun diubah",
    "klaim.buat": "Klaim didaftarkan",
    "klaim.pindah": "Status klaim diubah",
    "klaim.catatan": "Catatan klaim",
    "dokumen.minta": "Dokumen diminta",
    "dokumen.terima": "Dokumen diterima",
    "dokumen.tolak": "Dokumen ditolak",
    "dokumen.lewati": "Dokumen tidak diperlukan",
    "dokumen.unggah": "Dokumen diunggah",
    "dokumen.lihat": "Berkas dibuka",
    "aktivasi.terbitkan": "Kode aktivasi diterbitkan",
    "aktivasi.pakai": "Akun diaktifkan",
}


def baca_saring(galat: Galat) -> SaringAudit:
    """Filters from the query string; a date that is not a date is reported, not guessed."""
    args = request.args
    pelaku = args.get("pelaku", "")
    tanggal_ok = {}
    for kunci, label in (("dari", "Tanggal awal"), ("sampai", "Tanggal akhir")):
        mentah = args.get(kunci, "").strip()
        tanggal_ok[kunci] = tanggal(mentah) if mentah else None
        if mentah and tanggal_ok[kunci] is None:
            galat.tambah(kunci, f"{label} harus tanggal yang benar, misalnya 2026-03-02.")
    if tanggal_ok["dari"] and tanggal_ok["sampai"] and tanggal_ok["sampai"] < tanggal_ok["dari"]:
        galat.tambah("sampai", "Tanggal akhir harus sama dengan atau sesudah tanggal awal.")
    return SaringAudit(
        pelaku=angka_id(pelaku),
        aksi=args.get("aksi", "")[:60],
        objek=args.get("objek", "")[:30],
        dari=tanggal_ok["dari"],
        sampai=tanggal_ok["sampai"],
    )


@bp.route("/audit")
@perlu_masuk(*PERAN_PETUGAS)
def audit_daftar():
    """The audit log with filters by actor, action, object type and date range."""
    galat = Galat()
    saring = baca_saring(galat)
    halaman = ambil_halaman(db.session, cari_audit(saring),
                            nomor_halaman(request.args.get("halaman")))
    # Actors offered in the filter: staff, plus anyone who already appears in the log.
    pelaku = db.session.scalars(
        select(User).where(
            User.peran.in_(PERAN_STAF)
            | User.id.in_(select(AuditLog.actor_user_id).distinct())
        ).order_by(User.nama)
    ).all()
    aksi = sorted(set(LABEL_AKSI) | set(db.session.scalars(select(AuditLog.aksi).distinct())))
    objek = sorted(o for o in db.session.scalars(select(AuditLog.objek_jenis).distinct()) if o)
    return render_page(
        "staf/audit.html", "staf/_audit_hasil.html", status=422 if galat else 200,
        saring=saring, halaman=halaman, args=saring.sebagai_args(), fragmen=sebagai_fragmen(),
        pilihan_pelaku=pelaku, pilihan_aksi=aksi, pilihan_objek=objek, label_aksi=LABEL_AKSI,
        galat=galat,
    )
