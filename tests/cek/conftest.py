"""Fixtures for /cek: a pinned date (the rule version depends on it) and per-region clients."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from app import create_app

KASUS = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "domain" / "cases" / "kelayakan.yaml").read_text(
        "utf-8"
    )
)["kasus"]
# The default date of the case table; the tests never depend on the real today.
TANGGAL_BAWAAN = date(2026, 6, 1)
LENGKAP = "kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=ojol&usia=40&desil=1_3"


@pytest.fixture(autouse=True)
def tanggal_cek(monkeypatch):
    """Pin the check's "today" to TANGGAL_BAWAAN; call the result to move it."""

    def atur(tanggal: date) -> None:
        monkeypatch.setattr("app.cek.routes.hari_ini", lambda: tanggal)

    atur(TANGGAL_BAWAAN)
    return atur


@pytest.fixture(scope="session")
def klien_wilayah(_schema):
    """A test client for an app serving ``wilayah``; /cek touches no table, so one per run."""
    klien = {}

    def buat(wilayah: str):
        if wilayah not in klien:
            app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, SIGAP_REGION=wilayah)
            klien[wilayah] = app.test_client()
        return klien[wilayah]

    return buat
