"""Audit log: who did what to which record, when, from where."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import sekarang


class AuditLog(db.Model):
    """One staff write (or security event); ``ringkasan`` never holds a raw NIK."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_objek", "objek_jenis", "objek_id"),
        Index("ix_audit_log_actor_user_id_waktu", "actor_user_id", "waktu"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    aksi: Mapped[str] = mapped_column(String(60), nullable=False, index=True)
    objek_jenis: Mapped[str | None] = mapped_column(String(30))
    objek_id: Mapped[str | None] = mapped_column(String(40))
    ringkasan: Mapped[str] = mapped_column(Text, nullable=False, default="")
    ip: Mapped[str | None] = mapped_column(String(45))
    waktu: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False, index=True
    )

    actor = relationship("User", foreign_keys=[actor_user_id])
