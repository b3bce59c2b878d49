"""Days that are not working days for service targets: Indonesian public holidays and the
government's cuti bersama (``holidays`` package, categories public + government), plus any
dated additions in content/data/cuti_bersama.yaml."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import holidays
import yaml
from flask import current_app, has_app_context


@lru_cache(maxsize=8)
def _tambahan(akar: str) -> frozenset[dt.date]:
    berkas = Path(akar) / "data" / "cuti_bersama.yaml"
    if not berkas.exists():
        return frozenset()
    data = yaml.safe_load(berkas.read_text(encoding="utf-8")) or {}
    hasil = set()
    for baris in data.get("tambahan") or []:
        tanggal = baris["tanggal"]
        hasil.add(tanggal if isinstance(tanggal, dt.date) else dt.date.fromisoformat(tanggal))
    return frozenset(hasil)


@lru_cache(maxsize=32)
def _nasional(tahun: int) -> frozenset[dt.date]:
    libur = holidays.country_holidays("ID", years=tahun, categories=("public", "government"))
    return frozenset(libur)


def hari_libur(dari: int, sampai: int) -> frozenset[dt.date]:
    """Every holiday and cuti bersama from year ``dari`` to ``sampai`` inclusive."""
    hasil: set[dt.date] = set()
    for tahun in range(dari, sampai + 1):
        hasil |= _nasional(tahun)
    if has_app_context():
        hasil |= _tambahan(str(current_app.config["CONTENT_ROOT"]))
    return frozenset(hasil)
