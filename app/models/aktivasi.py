"""One-time activation codes (stored hashed; see app/domain/aktivasi.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import milik_pengguna, sekarang


class KodeAktivasi(db.Model):
    """A code an officer gave a worker or heir to set (or reset) their password."""

    __tablename__ = "kode_aktivasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = milik_pengguna()
    hash: Mapped[str] = mapped_column(String(255), nullable=False)
    dibuat: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False
    )
    kedaluwarsa: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    dipakai_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Set when a newer code replaces this one before it was used.
    dicabut_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    dibuat_oleh: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user = relationship("User", foreign_keys=[user_id])

    def berlaku(self, pada: dt.datetime) -> bool:
        """Unused, not replaced and not expired at ``pada``."""
        return (
            self.dipakai_pada is None
            and self.dicabut_pada is None
            and _aware(pada) < _aware(self.kedaluwarsa)
        )


def _aware(waktu: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes for timezone-aware columns; treat them as UTC."""
    return waktu if waktu.tzinfo else waktu.replace(tzinfo=dt.UTC)
