"""Indonesian formatting of money and dates (Babel, locale ``id``)."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_datetime

# Parsed once: Babel would otherwise parse the locale name again on every call.
LOCALE = Locale.parse("id")


def rupiah(nilai: int | float | None) -> str:
    """Format a whole-rupiah amount the Indonesian way: ``Rp42.000.000``."""
    if nilai is None:
        return "–"
    bulat = round(nilai)
    tanda = "-" if bulat < 0 else ""
    return f"{tanda}Rp{abs(bulat):,}".replace(",", ".")


def tanggal(nilai: dt.date | dt.datetime | str | None) -> str:
    """Format a date as ``5 November 2025``."""
    if nilai is None:
        return "–"
    if isinstance(nilai, str):
        nilai = dt.date.fromisoformat(nilai)
    if isinstance(nilai, dt.datetime):
        nilai = nilai.date()
    return format_date(nilai, format="d MMMM y", locale=LOCALE)


def tanggal_jam(nilai: dt.datetime | None) -> str:
    """Format a moment as ``5 November 2025 14.30``."""
    if nilai is None:
        return "–"
    return format_datetime(nilai, format="d MMMM y HH.mm", locale=LOCALE)


def angka(nilai: int | float | None) -> str:
    """A whole number the Indonesian way: ``11.666``."""
    if nilai is None:
        return "–"
    return f"{round(nilai):,}".replace(",", ".")
