"""The region's eligibility rules, loaded once at start-up; the version in force by date."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from flask import Flask, current_app

from app.domain.kelayakan import Aturan, aturan_terakhir, muat_aturan

# The one clock (services/waktu.py): the programme's calendar is Bekasi's, so a new version
# starts at midnight WIB, not UTC. Tests replace ``hari_ini`` here to pick another version.
from app.services.waktu import hari_ini

KUNCI = "sigap_aturan"
# Warn this long before the last rule version runs out, so a new file can land in time.
PERINGATAN_HABIS = timedelta(days=60)
log = logging.getLogger(__name__)


def init_aturan(app: Flask) -> None:
    """Read ``content/rules/<region>/*.yaml``; a broken rule file stops the app here."""
    root = Path(app.config["CONTENT_ROOT"]) / "rules"
    app.extensions[KUNCI] = versi = muat_aturan(root, app.config["SIGAP_REGION"])
    habis = akhir_aturan(versi, hari_ini())
    if habis is not None and habis - hari_ini() <= PERINGATAN_HABIS:
        log.warning(
            "Eligibility rules for %s end on %s: add the next version to content/rules/%s/ "
            "before then; after it the check keeps using the last version, with a note.",
            app.config["SIGAP_REGION"], habis.isoformat(), app.config["SIGAP_REGION"],
        )


def akhir_aturan(versi: list[Aturan], tanggal: date) -> date | None:
    """The last day of the unbroken run of versions from ``tanggal`` on (the day before
    ``tanggal`` when none covers it); None when an open-ended version continues the run."""
    hari = tanggal
    while True:
        berlaku = [a for a in versi if a.berlaku_pada(hari)]
        if not berlaku:
            return hari - timedelta(days=1)
        if any(a.berlaku_sampai is None for a in berlaku):
            return None
        hari = max(a.berlaku_sampai for a in berlaku) + timedelta(days=1)


def semua_versi() -> list[Aturan]:
    """Every loaded version, oldest first."""
    return current_app.extensions[KUNCI]


def aturan_sekarang(tanggal: date) -> Aturan:
    """The version in force on ``tanggal``, or the newest one once every version has ended
    (``aturan_lewat`` says so); AturanTidakBerlaku only before the first version begins."""
    return aturan_terakhir(semua_versi(), tanggal)[0]


def aturan_lewat(tanggal: date) -> date | None:
    """The end date of the newest rule version when ``tanggal`` is past it, else None."""
    try:
        aturan, lewat = aturan_terakhir(semua_versi(), tanggal)
    except LookupError:
        return None
    return aturan.berlaku_sampai if lewat else None


def versi_bernama(nama: str) -> Aturan | None:
    """The version whose file is ``<nama>.yaml``, if loaded."""
    return next((a for a in semua_versi() if a.versi == nama), None)
