"""The region's eligibility rules, loaded once at start-up; the version in force by date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from app.domain.kelayakan import Aturan, aturan_berlaku, muat_aturan

KUNCI = "sigap_aturan"
# The programme's calendar is Bekasi's: a new version starts at midnight WIB, not UTC.
WIB = ZoneInfo("Asia/Jakarta")


def init_aturan(app: Flask) -> None:
    """Read ``content/rules/<region>/*.yaml``; a broken rule file stops the app here."""
    root = Path(app.config["CONTENT_ROOT"]) / "rules"
    app.extensions[KUNCI] = muat_aturan(root, app.config["SIGAP_REGION"])


def hari_ini(waktu: datetime | None = None) -> date:
    """The date in Bekasi now (or at ``waktu``); tests replace it to pick another version."""
    return (waktu or datetime.now(UTC)).astimezone(WIB).date()


def semua_versi() -> list[Aturan]:
    """Every loaded version, oldest first."""
    return current_app.extensions[KUNCI]


def aturan_sekarang(tanggal: date) -> Aturan:
    """The version in force on ``tanggal``; raises AturanTidakBerlaku when none is."""
    return aturan_berlaku(semua_versi(), tanggal)


def versi_bernama(nama: str) -> Aturan | None:
    """The version whose file is ``<nama>.yaml``, if loaded."""
    return next((a for a in semua_versi() if a.versi == nama), None)
