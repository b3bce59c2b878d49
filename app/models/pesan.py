"""Outbox of SMS/WhatsApp-sized messages to applicants, delivered by ``flask kirim-notifikasi``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import milik_pengguna, salah_satu, sekarang

STATUS_PESAN = ("menunggu", "terkirim", "gagal")


class Pesan(db.Model):
    """One message for one user; written in the same transaction as the change it reports."""

    __tablename__ = "pesan"
    __table_args__ = (
        salah_satu("status", STATUS_PESAN),
        # The sender picks pending rows oldest first.
        Index("ix_pesan_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = milik_pengguna()
    klaim_id: Mapped[int | None] = mapped_column(
        ForeignKey("klaim.id", ondelete="CASCADE"), index=True
    )
    teks: Mapped[str] = mapped_column(Text, nullable=False)
    tautan: Mapped[str | None] = mapped_column(String(300))
    dibuat: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False
    )
    terkirim_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    saluran: Mapped[str] = mapped_column(String(20), default="sms", nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="menunggu", nullable=False)
    percobaan: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    galat: Mapped[str | None] = mapped_column(Text)
    # A sender takes a message by setting this lease in a conditional UPDATE; another sender
    # skips it until the lease runs out (a crashed sender's messages are retried then).
    dikunci_sampai: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    user = relationship("User", foreign_keys=[user_id])
    klaim = relationship("Klaim")
