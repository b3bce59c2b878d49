"""Claims (JKM, JKK, JKK_meninggal, beasiswa) and their append-only event history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain import klaim as domain
from app.extensions import db
from app.models.base import Timestamps, salah_satu, sekarang


class Klaim(Timestamps, db.Model):
    """One benefit claim for one insured worker, made by the worker or an heir."""

    __tablename__ = "klaim"
    __table_args__ = (
        salah_satu("state", (s.value for s in domain.StatusKlaim)),
        salah_satu("jenis", domain.JENIS_KLAIM),
        UniqueConstraint("jenis", "tahun", "urut", name="uq_klaim_jenis_tahun_urut"),
        # Officers' list: filter by state, oldest first (and "overdue" by state_sejak).
        Index("ix_klaim_state_state_sejak", "state", "state_sejak"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(20), nullable=False)
    tahun: Mapped[int] = mapped_column(Integer, nullable=False)
    urut: Mapped[int] = mapped_column(Integer, nullable=False)
    # Shown to people: JKM-2026-000017. Never used in URLs (guessable).
    nomor: Mapped[str] = mapped_column(String(20), unique=True, nullable=False)
    # Used in URLs: random, so a claim's existence cannot be probed by counting.
    public_id: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    peserta_id: Mapped[int] = mapped_column(
        ForeignKey("peserta.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    pemohon_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    pemohon_nama: Mapped[str] = mapped_column(String(120), nullable=False)
    # istri, suami, anak, orang_tua, saudara, lainnya, or peserta_sendiri.
    hubungan: Mapped[str] = mapped_column(String(30), nullable=False)
    tanggal_kejadian: Mapped[dt.date | None] = mapped_column(Date)  # death or accident
    state: Mapped[str] = mapped_column(
        String(20), default=domain.StatusKlaim.DITERIMA.value, nullable=False
    )
    state_sejak: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False
    )
    # Reason shown to the applicant for ditolak / dibatalkan.
    alasan: Mapped[str | None] = mapped_column(Text)
    # Benefit components computed from content/data when the claim is made:
    # [{"kode": ..., "nama": ..., "jumlah": int | None, "keterangan": str | None}, ...]
    komponen: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, nullable=False)
    rincian: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
    jumlah_disetujui: Mapped[int | None] = mapped_column(BigInteger)
    jumlah_dibayar: Mapped[int | None] = mapped_column(BigInteger)
    tanggal_bayar: Mapped[dt.date | None] = mapped_column(Date)
    referensi_bank: Mapped[str | None] = mapped_column(String(60))
    # The service target counts from here; cleared when more documents are requested.
    dokumen_lengkap_sejak: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    dibuat_oleh: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Bumped by every UPDATE and checked in its WHERE (optimistic lock): of two officers moving
    # one claim at once, the second UPDATE matches no row and is refused (409), on any database.
    versi: Mapped[int] = mapped_column(Integer, default=1, server_default="1", nullable=False)

    __mapper_args__ = {"version_id_col": versi}  # noqa: RUF012 - SQLAlchemy's mapping hook

    peserta = relationship("Peserta", back_populates="klaim")
    pemohon = relationship("User", foreign_keys=[pemohon_user_id])
    events = relationship(
        "KlaimEvent", back_populates="klaim", order_by="KlaimEvent.id", passive_deletes=True
    )
    dokumen = relationship(
        "Dokumen", back_populates="klaim", order_by="Dokumen.id", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Klaim {self.nomor} {self.state}>"

    @property
    def info(self) -> domain.InfoStatus:
        """Label, who acts next and public step of the current state."""
        return domain.status(self.state)

    @property
    def jenis_info(self) -> domain.JenisKlaim:
        """Name and prefix of the claim type."""
        return domain.jenis_klaim(self.jenis)

    @property
    def terbuka(self) -> bool:
        """False once paid, refused or cancelled."""
        return self.info.terbuka

    @property
    def jumlah_komponen(self) -> int:
        """Sum of the components with a known amount."""
        return sum(k.get("jumlah") or 0 for k in self.komponen or [])


class NomorKlaim(db.Model):
    """The last claim number handed out per type and year: one row, locked by the upsert that
    takes the next number, so two officers registering at once get two numbers."""

    __tablename__ = "nomor_klaim"

    jenis: Mapped[str] = mapped_column(String(20), primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer, primary_key=True)
    terakhir: Mapped[int] = mapped_column(Integer, nullable=False)


class KlaimEvent(db.Model):
    """One thing that happened to a claim; rows are only ever added (see the guard below)."""

    __tablename__ = "klaim_event"
    __table_args__ = (Index("ix_klaim_event_klaim_id_id", "klaim_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    klaim_id: Mapped[int] = mapped_column(
        ForeignKey("klaim.id", ondelete="CASCADE"), nullable=False
    )
    # dibuat, status, dokumen_diminta, bpjs_minta_dokumen, dokumen_diunggah, dokumen_diterima,
    # dokumen_ditolak, dokumen_dilewati, persetujuan, pembayaran, catatan.
    aksi: Mapped[str] = mapped_column(String(30), nullable=False)
    dari: Mapped[str | None] = mapped_column(String(20))
    ke: Mapped[str] = mapped_column(String(20), nullable=False)
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    waktu: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False
    )
    catatan: Mapped[str | None] = mapped_column(Text)
    terlihat_pemohon: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    dokumen_id: Mapped[int | None] = mapped_column(ForeignKey("dokumen.id", ondelete="SET NULL"))

    klaim = relationship("Klaim", back_populates="events")
    actor = relationship("User", foreign_keys=[actor_user_id])
    dokumen = relationship("Dokumen")

    @property
    def pindah_status(self) -> bool:
        """True when this event changed the claim's state."""
        return self.dari is not None and self.dari != self.ke


@event.listens_for(KlaimEvent, "before_update")
def _tolak_ubah_event(mapper, connection, target) -> None:
    """The history is evidence: an event is never edited."""
    raise ValueError("KlaimEvent tidak boleh diubah (riwayat hanya bisa ditambah).")


@event.listens_for(KlaimEvent, "before_delete")
def _tolak_hapus_event(mapper, connection, target) -> None:
    """The history is evidence: an event is never deleted one by one."""
    raise ValueError("KlaimEvent tidak boleh dihapus (riwayat hanya bisa ditambah).")
