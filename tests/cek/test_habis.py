"""Rule versions run out: the app says so in its log well before the check stops working."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

import pytest

from app import create_app
from app.cek.aturan import KUNCI, akhir_aturan


@pytest.fixture(scope="module")
def versi(_schema):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, SIGAP_REGION="kota-bekasi")
    return app.extensions[KUNCI]


@pytest.mark.parametrize(
    ("tanggal", "akhir"),
    [
        (date(2025, 11, 5), date(2026, 12, 31)),  # 2025 runs straight into 2026
        (date(2026, 11, 23), date(2026, 12, 31)),
        (date(2026, 12, 31), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2026, 12, 31)),  # already over
        (date(2025, 11, 4), date(2025, 11, 3)),  # not yet begun
    ],
)
def test_end_of_the_unbroken_run_of_versions(versi, tanggal, akhir):
    assert akhir_aturan(versi, tanggal) == akhir


def test_an_open_ended_version_never_runs_out(versi):
    terbuka = [*versi[:-1], replace(versi[-1], berlaku_sampai=None)]
    assert akhir_aturan(terbuka, date(2026, 6, 1)) is None
    assert akhir_aturan(terbuka, date(2030, 1, 1)) is None


def _buat(_schema, monkeypatch, caplog, hari):
    monkeypatch.setattr("app.cek.aturan.hari_ini", lambda: hari)
    with caplog.at_level(logging.WARNING, logger="app.cek.aturan"):
        create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, SIGAP_REGION="kota-bekasi")
    return [r.getMessage() for r in caplog.records if r.name == "app.cek.aturan"]


def test_start_up_warns_sixty_days_before_the_rules_end(_schema, monkeypatch, caplog):
    pesan = _buat(_schema, monkeypatch, caplog, date(2026, 11, 1))
    assert len(pesan) == 1
    assert "2026-12-31" in pesan[0] and "content/rules/kota-bekasi/" in pesan[0]


def test_start_up_is_quiet_while_the_rules_have_time_left(_schema, monkeypatch, caplog):
    assert _buat(_schema, monkeypatch, caplog, date(2026, 10, 31)) == []
