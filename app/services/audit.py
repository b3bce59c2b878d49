"""The audit convention: every staff write adds one AuditLog row in the same transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.logs import mask_niks
from app.models import AuditLog, User


def objek_ref(objek: object | tuple[str, object] | None) -> tuple[str | None, str | None]:
    """``(jenis, id)`` for a model instance (its table name) or an explicit pair."""
    if objek is None:
        return None, None
    if isinstance(objek, tuple):
        jenis, ident = objek
        return str(jenis), None if ident is None else str(ident)
    return getattr(objek, "__tablename__", type(objek).__name__.lower()), str(objek.id)


def audit(
    sesi: Session,
    actor: User | None,
    aksi: str,
    objek: object | tuple[str, object] | None = None,
    ringkasan: str = "",
    ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> AuditLog:
    """Record one action; NIK-shaped numbers in ``ringkasan`` are masked as a safety net."""
    jenis, ident = objek_ref(objek)
    baris = AuditLog(
        actor_user_id=actor.id if actor is not None else None,
        aksi=aksi,
        objek_jenis=jenis,
        objek_id=ident,
        ringkasan=mask_niks(ringkasan or ""),
        ip=ip,
    )
    if waktu is not None:
        baris.waktu = waktu
    sesi.add(baris)
    return baris


def audit_staf(
    sesi: Session,
    actor: User | None,
    aksi: str,
    objek: object | None,
    ringkasan: str,
    ip: str | None,
    waktu: dt.datetime | None = None,
) -> None:
    """Audit only when the actor is staff (applicants' own actions live in the claim history)."""
    if actor is not None and actor.is_staf:
        audit(sesi, actor, aksi, objek, ringkasan, ip, waktu)
