"""The single ownership check for claims and their documents."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Dokumen, Klaim, Peserta, User


def boleh_lihat(user: User | None, klaim: Klaim) -> bool:
    """Staff see every claim; the applicant and the insured worker see their own."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_staf:
        return user.peran in ("petugas", "admin")
    if klaim.pemohon_user_id == user.id:
        return True
    return klaim.peserta is not None and klaim.peserta.user_id == user.id


def get_klaim_for(sesi: Session, user: User | None, public_id: str) -> Klaim:
    """The claim behind ``public_id`` if ``user`` may see it; 404 otherwise (never 403)."""
    klaim = sesi.scalar(select(Klaim).where(Klaim.public_id == public_id))
    if klaim is None or not boleh_lihat(user, klaim):
        abort(404)
    return klaim


def get_dokumen_for(sesi: Session, user: User | None, public_id: str, dokumen_id: int) -> Dokumen:
    """A document of a claim ``user`` may see; 404 when either does not match."""
    klaim = get_klaim_for(sesi, user, public_id)
    dok = sesi.get(Dokumen, dokumen_id)
    if dok is None or dok.klaim_id != klaim.id:
        abort(404)
    return dok


def klaim_milik(sesi: Session, user: User) -> list[Klaim]:
    """Claims the user applied for or that concern the user as the insured worker."""
    sebagai_peserta = select(Peserta.id).where(Peserta.user_id == user.id)
    return list(
        sesi.scalars(
            select(Klaim)
            .where((Klaim.pemohon_user_id == user.id) | Klaim.peserta_id.in_(sebagai_peserta))
            .order_by(Klaim.id.desc())
        )
    )
