"""Downloads of issued documents: the worker's certificate and the claimant's payment letter."""

from __future__ import annotations

from flask import Response, abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.akses import perlu_masuk
from app.akun import bp
from app.extensions import db
from app.models import Klaim, Peserta
from app.services import surat as layanan
from app.services.waktu import hari_ini


def _kirim_pdf(isi: bytes, nama_berkas: str) -> Response:
    """The PDF as a download; the security hook adds no-store (these pages are private)."""
    r = Response(isi, mimetype="application/pdf")
    r.headers["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    r.headers["Content-Length"] = str(len(isi))
    return r


def _terbitkan(buat):
    """Issue (or fetch) a document and commit; a race for the same number is retried once."""
    for percobaan in range(2):
        try:
            surat, isi = buat()
            db.session.commit()
            return surat, isi
        except IntegrityError:
            db.session.rollback()
            if percobaan:
                raise
    raise AssertionError("unreachable")


@bp.get("/sertifikat.pdf")
@perlu_masuk("peserta")
def sertifikat():
    """The signed-in worker's participation certificate (PDF, verifiable by QR)."""
    peserta = db.session.scalar(select(Peserta).where(Peserta.user_id == current_user.id))
    if peserta is None or layanan.alasan_tanpa_sertifikat(peserta, hari_ini()):
        abort(404)
    _surat, isi = _terbitkan(lambda: layanan.sertifikat(db.session, peserta, hari_ini()))
    return _kirim_pdf(isi, f"sertifikat-kepesertaan-{peserta.kpj}.pdf")


@bp.get("/klaim/<public_id>/surat.pdf")
@perlu_masuk("peserta", "ahli_waris")
def surat_bayar(public_id: str):
    """The payment letter of a paid claim: only its claimant, only once it is ``dibayar``."""
    klaim = db.session.scalar(select(Klaim).where(Klaim.public_id == public_id))
    if klaim is None or klaim.pemohon_user_id != current_user.id or klaim.state != "dibayar":
        abort(404)
    _surat, isi = _terbitkan(lambda: layanan.surat_bayar(db.session, klaim))
    return _kirim_pdf(isi, f"surat-pembayaran-{klaim.nomor}.pdf")
