"""Participants: informal workers enrolled in BPJS Ketenagakerjaan by the programme."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.domain.nik import samarkan
from app.extensions import db
from app.models.base import Timestamps, salah_satu

STATUS_PESERTA = ("aktif", "nonaktif", "meninggal")
JENIS_KELAMIN = ("L", "P")
# Programme flags in display order; JHT is optional for BPU and not paid by the city.
PROGRAM = ("JKK", "JKM", "JHT")


class Peserta(Timestamps, db.Model):
    """An insured worker (peserta BPU), with or without a sign-in account."""

    __tablename__ = "peserta"
    __table_args__ = (
        CheckConstraint("length(nik) = 16", name="nik_16_digit"),
        CheckConstraint("nik_akhir = substr(nik, 13, 4)", name="nik_akhir"),
        CheckConstraint("kpj IS NULL OR length(kpj) = 11", name="kpj_11_digit"),
        CheckConstraint("jenis_kelamin IN ('L', 'P')", name="jenis_kelamin"),
        salah_satu("status", STATUS_PESERTA),
        CheckConstraint("desil IS NULL OR (desil BETWEEN 1 AND 10)", name="desil"),
        CheckConstraint("akhir IS NULL OR mulai IS NULL OR akhir >= mulai", name="periode"),
        # Statistics group by these two; officers filter lists by them.
        Index("ix_peserta_kecamatan_segmen", "kecamatan", "segmen"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    # The NIK's last four digits: officers search by them (the full NIK is never typed into a
    # search box), and a LIKE '%1234' could not use an index. Kept in step by _nik below.
    nik_akhir: Mapped[str] = mapped_column(String(4), nullable=False, index=True)
    nama: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    tanggal_lahir: Mapped[dt.date] = mapped_column(Date, nullable=False)
    jenis_kelamin: Mapped[str] = mapped_column(String(1), nullable=False)
    telepon: Mapped[str | None] = mapped_column(String(20))
    kecamatan: Mapped[str | None] = mapped_column(String(60))  # kode from content/wilayah
    kelurahan: Mapped[str | None] = mapped_column(String(80))
    segmen: Mapped[str | None] = mapped_column(String(30))  # kode from content/wilayah
    # Nomor peserta BPJS Ketenagakerjaan; empty until BPJS issues it.
    kpj: Mapped[str | None] = mapped_column(String(11), unique=True)
    program_jkk: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    program_jkm: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    program_jht: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    mulai: Mapped[dt.date | None] = mapped_column(Date)
    akhir: Mapped[dt.date | None] = mapped_column(Date)
    dibiayai_oleh: Mapped[str | None] = mapped_column(String(80))
    # Declared monthly income (BPU contributions and JKK benefits are computed from it).
    penghasilan: Mapped[int | None] = mapped_column(Integer)
    desil: Mapped[int | None] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(20), default="aktif", nullable=False)
    tanggal_meninggal: Mapped[dt.date | None] = mapped_column(Date)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )

    user = relationship("User", foreign_keys=[user_id])
    klaim = relationship("Klaim", back_populates="peserta", order_by="Klaim.id")

    @validates("nik")
    def _nik(self, _key: str, nik: str) -> str:
        self.nik_akhir = nik[-4:]
        return nik

    def __repr__(self) -> str:  # never show the NIK, even in a debugger
        return f"<Peserta {self.id}>"

    @property
    def nik_samar(self) -> str:
        """``3275********0001``."""
        return samarkan(self.nik)

    @property
    def program(self) -> list[str]:
        """Programme codes this worker is covered by, e.g. ``["JKK", "JKM"]``."""
        flags = {"JKK": self.program_jkk, "JKM": self.program_jkm, "JHT": self.program_jht}
        return [p for p in PROGRAM if flags[p]]

    def aktif_pada(self, tanggal: dt.date) -> bool:
        """True when the coverage period includes ``tanggal`` and the status is active."""
        if self.status != "aktif" or self.mulai is None:
            return False
        return self.mulai <= tanggal and (self.akhir is None or tanggal <= self.akhir)

    def sisa_hari(self, tanggal: dt.date) -> int | None:
        """Days of coverage left after ``tanggal`` (0 once ended; None when open-ended)."""
        if self.akhir is None:
            return None
        return max((self.akhir - tanggal).days, 0)
