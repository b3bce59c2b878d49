"""Fixtures for the newsroom: signed-in staff (the officers' test sign-in) and articles."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import berita as layanan
from app.services.berita import IsianBerita
from tests.staf import conftest as staf_fixtures

masuk = staf_fixtures.masuk


@pytest.fixture
def humas(factory):
    return factory.user(peran="humas", nama="Rina Humas")


@pytest.fixture
def humas2(factory):
    return factory.user(peran="humas", nama="Yusuf Humas")


@pytest.fixture
def admin(factory):
    return factory.user(peran="admin", nama="Ani Admin")


@pytest.fixture
def tulis(db):
    """Write an article straight through the service: ``tulis(penulis, aksi, **fields)``."""

    def buat(penulis, aksi="simpan_draf", berita=None, oleh=None, **kolom):
        kolom.setdefault("judul", "Pendaftaran pekerja rentan dibuka")
        kolom.setdefault("ringkasan", "Ringkasan berita uji.")
        kolom.setdefault("isi", "Isi berita uji.\n\nParagraf kedua.")
        b = layanan.simpan(db.session, berita, IsianBerita(**kolom), aksi, oleh or penulis,
                           berita.versi if berita else None, wajib_tinjauan=True)
        db.session.commit()
        return b

    return buat


@pytest.fixture
def terbit(tulis, humas, humas2):
    """Publish an article the two-person way: humas writes and submits, humas2 publishes."""

    def buat(**kolom):
        b = tulis(humas, "ajukan_tinjauan", **kolom)
        return tulis(humas, "terbitkan", berita=b, oleh=humas2, **kolom)

    return buat


def jam(tahun=2026, bulan=12, hari=7, j=9, menit=0) -> dt.datetime:
    return dt.datetime(tahun, bulan, hari, j, menit, tzinfo=dt.UTC)
