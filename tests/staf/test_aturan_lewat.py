"""The staff start page warns when the eligibility rules in use have run out."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.parametrize(
    ("tanggal", "peringatan"),
    [(date(2026, 6, 1), False), (date(2027, 1, 15), True), (date(2028, 6, 1), True)],
)
def test_start_page_warns_after_the_last_rule_version(monkeypatch, petugas, get_page,
                                                      tanggal, peringatan):
    monkeypatch.setattr("app.cek.routes.hari_ini", lambda: tanggal)
    soup = get_page("/staf")
    catatan = soup.select_one("[data-aturan-lewat]")
    assert (catatan is not None) is peringatan
    if peringatan:
        teks = catatan.get_text(" ", strip=True)
        assert "31 Desember 2026" in teks and "content/rules/" in teks
