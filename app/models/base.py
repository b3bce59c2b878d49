"""Shared column helpers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column


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
