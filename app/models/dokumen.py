"""Documents of a claim: one row per checklist item, with the uploaded file if any."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import salah_satu

STATUS_DOKUMEN = ("diminta", "diunggah", "diterima", "ditolak", "tidak_diperlukan")

LABEL_STATUS_DOKUMEN = {
    "diminta": "Belum diterima",
    "diunggah": "Sudah diunggah, menunggu pemeriksaan",
    "diterima": "Diterima",
    "ditolak": "Ditolak, perlu dikirim ulang",
    "tidak_diperlukan": "Tidak diperlukan",
}


class Dokumen(db.Model):
    """One document of a claim's checklist (kode from content/data/dokumen_klaim.yaml)."""

    __tablename__ = "dokumen"
    __table_args__ = (
        UniqueConstraint("klaim_id", "kode", name="uq_dokumen_klaim_id_kode"),
        salah_satu("status", STATUS_DOKUMEN),
        CheckConstraint("status != 'ditolak' OR alasan IS NOT NULL", name="alasan_tolak"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    klaim_id: Mapped[int] = mapped_column(
        ForeignKey("klaim.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kode: Mapped[str] = mapped_column(String(60), nullable=False)
    nama: Mapped[str] = mapped_column(String(200), nullable=False)
    keterangan: Mapped[str | None] = mapped_column(Text)
    wajib: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="diminta", nullable=False)
    alasan: Mapped[str | None] = mapped_column(Text)  # why rejected, or the officer's request
    # Stored under UPLOAD_FOLDER with a random name; the original name is only for display.
    berkas: Mapped[str | None] = mapped_column(String(64))
    nama_asli: Mapped[str | None] = mapped_column(String(255))
    ukuran: Mapped[int | None] = mapped_column(Integer)
    jenis: Mapped[str | None] = mapped_column(String(10))  # pdf, jpeg, png
    sha256: Mapped[str | None] = mapped_column(String(64))
    diunggah_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    diunggah_oleh: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    diperiksa_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    diperiksa_oleh: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    klaim = relationship("Klaim", back_populates="dokumen")

    def __repr__(self) -> str:
        return f"<Dokumen {self.id} {self.kode} {self.status}>"

    @property
    def label_status(self) -> str:
        """Plain-language status for the checklist."""
        return LABEL_STATUS_DOKUMEN[self.status]

    @property
    def boleh_diunggah(self) -> bool:
        """The applicant may (re)send this document now."""
        return self.status in ("diminta", "ditolak", "diunggah")

    @property
    def tanda_terima(self) -> str | None:
        """Short receipt code for an uploaded file (from its SHA-256)."""
        return self.sha256[:10].upper() if self.sha256 else None
