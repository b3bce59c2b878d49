"""Fixtures for the officers' area: signing in (client and browser) and a worked claim."""

from __future__ import annotations

import pytest
from flask_login import login_user

from app.extensions import db as _db
from app.models import User


@pytest.fixture
def masuk(app, client):
    """Sign a user in through a test-only route (the same route works for the browser)."""

    def _masuk_uji(user_id: int):
        login_user(_db.session.get(User, user_id))
        return "ok"

    _masuk_uji.sigap_akses = "publik"
    app.add_url_rule("/_uji/masuk/<int:user_id>", "uji_masuk", _masuk_uji)

    def masuk(user, klien=None):
        response = (klien or client).get(f"/_uji/masuk/{user.id}")
        assert response.status_code == 200
        return user

    return masuk


@pytest.fixture
def petugas(factory, masuk):
    """An officer, signed in on the test client."""
    return masuk(factory.user(peran="petugas", nama="Agus Petugas"))


@pytest.fixture
def klaim_jkm(factory):
    """A JKM claim by a widow for a deceased worker, waiting in verifikasi_berkas."""
    peserta = factory.peserta(nama="Ahmad Hidayat", nik="3275010203800003", status="meninggal",
                              kpj="26019876543")
    pemohon = factory.user(peran="ahli_waris", nama="Siti Aminah", nik="3275015203850002")
    return factory.klaim(peserta=peserta, pemohon=pemohon, hubungan="istri",
                         state="verifikasi_berkas")
