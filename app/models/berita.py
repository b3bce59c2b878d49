"""News articles written by comms staff, every save kept as a revision."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import Timestamps, salah_satu, sekarang

STATUS_BERITA = ("draf", "menunggu_tinjauan", "terbit", "diarsipkan")


class Berita(Timestamps, db.Model):
    """One article; the row holds the working copy, ``revisi`` every saved state."""

    __tablename__ = "berita"
    __table_args__ = (
        salah_satu("status", STATUS_BERITA),
        # The public list: published, newest first.
        Index("ix_berita_status_waktu_terbit", "status", "waktu_terbit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    judul: Mapped[str] = mapped_column(String(200), nullable=False)
    slug: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    ringkasan: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    isi: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Random name of the stored image set (see app/services/gambar_berita.py); None = no image.
    gambar: Mapped[str | None] = mapped_column(String(40))
    alt_gambar: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    gambar_dekoratif: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draf")
    # A published article's changes wait in its last revision, not in these columns (which
    # stay what the public sees) until someone may publish them: "draf" or
    # "menunggu_tinjauan" while they wait, None when there are none.
    perubahan: Mapped[str | None] = mapped_column(String(20))
    # Visible to the public when status is "terbit" and this moment has passed (UTC).
    waktu_terbit: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    penulis_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    diajukan_oleh_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    peninjau_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # False for an article an admin published urgently, until someone else reviews it.
    ditinjau: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    diubah_oleh_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    # Optimistic locking: every save raises it; a save from an older copy is refused.
    versi: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    penulis = relationship("User", foreign_keys=[penulis_id])
    peninjau = relationship("User", foreign_keys=[peninjau_id])
    diubah_oleh = relationship("User", foreign_keys=[diubah_oleh_id])
    revisi = relationship("BeritaRevisi", back_populates="berita", order_by="BeritaRevisi.nomor",
                          cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": versi}  # noqa: RUF012 - SQLAlchemy's own hook

    def __repr__(self) -> str:
        return f"<Berita {self.id} {self.status}>"


class BeritaRevisi(db.Model):
    """One saved state of an article (number = the article's version after that save)."""

    __tablename__ = "berita_revisi"
    __table_args__ = (
        Index("ux_berita_revisi_nomor", "berita_id", "nomor", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    berita_id: Mapped[int] = mapped_column(
        ForeignKey("berita.id", ondelete="CASCADE"), nullable=False)
    nomor: Mapped[int] = mapped_column(Integer, nullable=False)
    judul: Mapped[str] = mapped_column(String(200), nullable=False)
    ringkasan: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    isi: Mapped[str] = mapped_column(Text, nullable=False, default="")
    gambar: Mapped[str | None] = mapped_column(String(40))
    alt_gambar: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    gambar_dekoratif: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    waktu_terbit: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    catatan: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    oleh_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    dibuat: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False)

    berita = relationship("Berita", back_populates="revisi")
    oleh = relationship("User", foreign_keys=[oleh_id])


class BeritaSlugLama(db.Model):
    """An address an article had before its title (and so its slug) changed: answers 301."""

    __tablename__ = "berita_slug_lama"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    berita_id: Mapped[int] = mapped_column(
        ForeignKey("berita.id", ondelete="CASCADE"), nullable=False)
    dibuat: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False)
