"""Workers' and heirs' own pages: membership, claims, messages."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint

from app.domain.format import tanggal, tanggal_jam
from app.services.waktu import WIB, aware

bp = Blueprint("akun", __name__)


@bp.app_template_filter("jam_wib")
def jam_wib(waktu: dt.datetime | None) -> str:
    """A stored UTC moment as Bekasi time: ``2 Maret 2026 03.00 WIB``."""
    return "–" if waktu is None else tanggal_jam(aware(waktu).astimezone(WIB)) + " WIB"


@bp.app_template_filter("tanggal_wib")
def tanggal_wib(waktu: dt.datetime | dt.date | None) -> str:
    """The Bekasi calendar date of a stored moment (plain dates pass through)."""
    if isinstance(waktu, dt.datetime):
        waktu = aware(waktu).astimezone(WIB)
    return tanggal(waktu)


from app.akun import routes, surat  # noqa: E402,F401 - registers the views
