"""Fixtures for the public pages: the list of pages, and an app per region."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import create_app
from app.extensions import db as _db

WILAYAH = ("kota-bekasi", "kabupaten-bekasi")
MANFAAT = ("jkk", "jkm", "jht", "beasiswa", "jp-dan-jkp")
# Content page slug → its address.
HALAMAN = {
    "hak-dan-manfaat": "/hak-dan-manfaat",
    **{slug: f"/hak-dan-manfaat/{slug}" for slug in MANFAAT},
    "cara-mendaftar": "/cara-mendaftar",
    "cara-klaim": "/cara-klaim",
    "ahli-waris": "/ahli-waris",
    "program": "/program",
    "kontak": "/kontak",
    "privasi": "/privasi",
}
KALKULATOR_JKM = "/kalkulator?kasus=meninggal_biasa&penghasilan=1000000&lama_kepesertaan_tahun=5"
# Every public page this blueprint serves, in the states worth checking.
SEMUA = (
    "/",
    *HALAMAN.values(),
    "/faq",
    "/istilah",
    "/cari",
    "/cari?q=klaim",
    "/cari?q=tidakadakatasepertiini",
    "/kalkulator",
    KALKULATOR_JKM + "&anak_1=sd&anak_2=pt",
)


@pytest.fixture
def app_wilayah(_schema, tmp_path) -> Iterator:
    """Build an app for a region: ``app_wilayah("kabupaten-bekasi")``."""
    dibuat = []

    def buat(kode: str):
        app = create_app(
            "testing",
            SQLALCHEMY_DATABASE_URI=_schema,
            UPLOAD_FOLDER=str(tmp_path / "unggahan"),
            SIGAP_REGION=kode,
        )
        dibuat.append(app)
        return app

    yield buat
    for app in dibuat:
        with app.app_context():
            _db.session.remove()
            _db.engine.dispose()
