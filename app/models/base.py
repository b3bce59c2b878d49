"""Shared column helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import CheckConstraint, DateTime, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column


def salah_satu(kolom: str, nilai: Iterable[str]) -> CheckConstraint:
    """CHECK that ``kolom`` holds one of ``nilai``, named after the column."""
    return CheckConstraint(f"{kolom} IN (" + ", ".join(f"'{n}'" for n in nilai) + ")", name=kolom)


def milik_pengguna() -> Mapped[int]:
    """``user_id`` of a row that belongs to one account and goes with it when it is deleted."""
    return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)


def sekarang() -> dt.datetime:
    """Current time in UTC (stored timezone-aware)."""
    return dt.datetime.now(dt.UTC)


class Timestamps:
    """``dibuat`` / ``diubah`` columns kept by the database session."""

    dibuat: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, nullable=False
    )
    diubah: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=sekarang, onupdate=sekarang, nullable=False
    )
