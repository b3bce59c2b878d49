"""Issued documents: one row per rendered certificate or payment letter, for verification."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.surat import JENIS_SURAT
from app.extensions import db
from app.models.base import salah_satu, sekarang


class SuratTerbit(db.Model):
    """A PDF we issued; its bytes live under UPLOAD_FOLDER/surat, named by its code."""

    __tablename__ = "surat_terbit"
    __table_args__ = (
        salah_satu("jenis", JENIS_SURAT),
        CheckConstraint("jenis = 'sertifikat' OR klaim_id IS NOT NULL", name="klaim_surat_bayar"),
        CheckConstraint("dicabut_pada IS NULL OR alasan_cabut IS NOT NULL", name="alasan_cabut"),
        UniqueConstraint("jenis", "tahun", "urut", name="uq_surat_terbit_jenis_tahun_urut"),
        # "The current document of this subject": newest first per participant / claim.
        Index("ix_surat_terbit_peserta_id_jenis", "peserta_id", "jenis"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(20), nullable=False)
    peserta_id: Mapped[int] = mapped_column(
        ForeignKey("peserta.id", ondelete="RESTRICT"), nullable=False
    )
    klaim_id: Mapped[int | None] = mapped_column(
        ForeignKey("klaim.id", ondelete="RESTRICT"), index=True
    )
    tahun: Mapped[int] = mapped_column(Integer, nullable=False)
    urut: Mapped[int] = mapped_column(Integer, nullable=False)
    nomor: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    kode: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    # The only personal detail the public verification page shows.
    nama_samar: Mapped[str] = mapped_column(String(160), nullable=False)
    sidik_isi: Mapped[str] = mapped_column(String(64), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    ukuran: Mapped[int] = mapped_column(Integer, nullable=False)
    terbit_pada: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False
    )
    dicabut_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    alasan_cabut: Mapped[str | None] = mapped_column(Text)
    dicabut_oleh: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    diganti_oleh_id: Mapped[int | None] = mapped_column(
        ForeignKey("surat_terbit.id", ondelete="SET NULL")
    )

    peserta = relationship("Peserta")
    klaim = relationship("Klaim")
    pencabut = relationship("User", foreign_keys=[dicabut_oleh])
    pengganti = relationship("SuratTerbit", remote_side=[id])

    def __repr__(self) -> str:
        return f"<SuratTerbit {self.nomor} {self.status}>"

    @property
    def status(self) -> str:
        """``sah``, ``diganti`` or ``dicabut`` (revocation wins over replacement)."""
        if self.dicabut_pada is not None:
            return "dicabut"
        if self.diganti_oleh_id is not None:
            return "diganti"
        return "sah"

    @property
    def nama_jenis(self) -> str:
        """``Sertifikat Kepesertaan`` / ``Surat Keterangan Pembayaran Santunan``."""
        return JENIS_SURAT[self.jenis]
