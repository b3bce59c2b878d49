"""Writing applicant messages to the outbox (delivery is ``flask kirim-notifikasi``)."""

from __future__ import annotations

import datetime as dt

from flask import has_request_context, url_for
from sqlalchemy.orm import Session

from app.models import Klaim, Pesan

BASIS_BAWAAN = "http://localhost:5000"


def basis_url() -> str:
    """Site address for links in messages: SIGAP_BASE_URL (required in production), else the
    current request's host (development and tests only)."""
    from app.batas import tautan_mutlak

    return tautan_mutlak("")


def _tautan(endpoint: str, cadangan: str, **nilai) -> str:
    """An absolute link: built by the router during a request, else the known path."""
    path = url_for(endpoint, **nilai) if has_request_context() else cadangan
    return basis_url() + path


def tautan_klaim(klaim: Klaim) -> str:
    """Absolute link to the applicant's claim page (by public id, never the reference)."""
    return _tautan("akun.klaim", f"/akun/klaim/{klaim.public_id}", public_id=klaim.public_id)


def tautan_surat_bayar(klaim: Klaim) -> str:
    """Absolute link to the payment letter of a paid claim (the applicant signs in first)."""
    return _tautan("akun.surat_bayar", f"/akun/klaim/{klaim.public_id}/surat.pdf",
                   public_id=klaim.public_id)


def tulis_pesan(
    sesi: Session, klaim: Klaim, teks: str, tautan: str, waktu: dt.datetime | None = None
) -> Pesan | None:
    """Queue ``teks`` for the claim's applicant; None when the applicant has no account.

    ``waktu`` is when the event happened (demo data and back-dated records carry their own
    date; without it the message is dated now)."""
    if klaim.pemohon_user_id is None:
        return None
    pesan = Pesan(user_id=klaim.pemohon_user_id, klaim=klaim, teks=teks, tautan=tautan)
    if waktu is not None:
        pesan.dibuat = waktu
    sesi.add(pesan)
    return pesan
