"""Clock helpers: stored times are UTC; dates people see are in Western Indonesia Time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from app.models.base import sekarang

WIB = ZoneInfo("Asia/Jakarta")


def aware(waktu: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes for timezone columns; they were stored as UTC."""
    return waktu if waktu.tzinfo else waktu.replace(tzinfo=dt.UTC)


def tanggal_wib(waktu: dt.datetime) -> dt.date:
    """The calendar date in Bekasi at moment ``waktu``."""
    return aware(waktu).astimezone(WIB).date()


def hari_ini() -> dt.date:
    """Today's date in Bekasi."""
    return tanggal_wib(sekarang())


__all__ = ["WIB", "aware", "hari_ini", "sekarang", "tanggal_wib"]
