"""Participant import jobs: one uploaded file, its check report and its write."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import salah_satu, sekarang

# antre → memeriksa → siap (report shown) → antre_tulis → menulis → selesai; or gagal.
STATUS_IMPOR = ("antre", "memeriksa", "siap", "antre_tulis", "menulis", "selesai", "gagal")
STATUS_BERJALAN = ("antre", "memeriksa", "antre_tulis", "menulis")


class ImporPeserta(db.Model):
    """An officer's participant file. The file and the rejected-rows report live in the
    app's storage under ``impor/`` (app/penyimpanan.py, never under static/); counts and
    status here. ``flask bersihkan`` removes the row, its report and any file left behind
    once the ``impor_peserta`` retention period (content/data/retensi.yaml) has passed."""

    __tablename__ = "impor_peserta"
    __table_args__ = (
        salah_satu("status", STATUS_IMPOR),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    oleh_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    nama_berkas: Mapped[str] = mapped_column(String(200), nullable=False)
    berkas: Mapped[str] = mapped_column(String(80), nullable=False)  # random stored name
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    ukuran: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="antre", nullable=False)
    pesan: Mapped[str | None] = mapped_column(Text)  # why the file failed, in Indonesian
    total: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    baru: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    diubah: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    sama: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    ditolak: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    peringatan: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    dibuat: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False
    )
    diperiksa_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    diterapkan_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    oleh = relationship("User", foreign_keys=[oleh_user_id])

    def __repr__(self) -> str:
        return f"<ImporPeserta {self.id} {self.status}>"

    @property
    def berjalan(self) -> bool:
        return self.status in STATUS_BERJALAN
