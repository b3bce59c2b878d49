"""Helpers shared by the account, auth and browser tests: demo data, signing in, uploads."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from sqlalchemy import select

PDF = b"%PDF-1.4\n% SIGAP uji\n" + b"0" * 2048


def _png_kecil() -> bytes:
    """A real 40×30 PNG (uploads are decoded and re-encoded, so fake bytes are refused)."""
    import io

    from PIL import Image

    keluar = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 180, 20)).save(keluar, "PNG")
    return keluar.getvalue()


PNG = _png_kecil()


@dataclass
class Demo:
    """The PRODUCT.md people and their claims, loaded by ``flask demo-data``'s steps."""

    users: dict  # key: budi, siti, dewi, humas, petugas, admin
    sandi: dict
    klaim: dict  # key: siti_jkm, siti_beasiswa, dewi_jkm, budi_jkk, lain (no account)


def muat_demo(db) -> Demo:
    """Run every demo step (not --besar) and return handles on the records."""
    from app.demo import AKUN_DEMO
    from app.demo import muat_demo as jalankan
    from app.models import Klaim, User

    jalankan(besar=False)
    db.session.commit()
    nama = {"3275011506880001": "budi", "3275015203850002": "siti", "3275014708900004": "dewi",
            "humas@sigap.test": "humas", "petugas@sigap.test": "petugas",
            "admin@sigap.test": "admin"}
    users, sandi = {}, {}
    for akun in AKUN_DEMO:
        ident = akun.get("nik") or akun["email"]
        kolom = User.nik if "nik" in akun else User.email
        users[nama[ident]] = db.session.scalar(select(User).where(kolom == ident))
        sandi[nama[ident]] = akun["sandi"]

    def milik(user, jenis):
        return db.session.scalar(select(Klaim).where(Klaim.pemohon_user_id == user.id,
                                                     Klaim.jenis == jenis))

    klaim = {
        "siti_jkm": milik(users["siti"], "JKM"),
        "siti_beasiswa": milik(users["siti"], "beasiswa"),
        "dewi_jkm": milik(users["dewi"], "JKM"),
        "budi_jkk": milik(users["budi"], "JKK"),
        "lain": db.session.scalar(select(Klaim).where(Klaim.pemohon_user_id.is_(None))
                                  .order_by(Klaim.id)),
    }
    return Demo(users=users, sandi=sandi, klaim=klaim)


def masuk(client, identitas: str, sandi: str, **kwargs):
    """POST the sign-in form; returns the response."""
    data = {"identitas": identitas, "sandi": sandi}
    token = kwargs.pop("csrf_token", None)
    if token:
        data["csrf_token"] = token
    return client.post("/masuk", data=data, **kwargs)


def masuk_sebagai(client, demo: Demo, siapa: str):
    """Sign in as one of the demo people (staff: both steps); fail loudly if it does not work."""
    user = demo.users[siapa]
    r = masuk(client, user.identitas, demo.sandi[siapa])
    assert r.status_code == 302, (siapa, r.status_code)
    if user.is_staf:
        r = selesaikan_kode(client, user)
        assert r.status_code in (200, 302), (siapa, r.status_code)
    return user


def kode_totp(user_id: int) -> str:
    """A current TOTP code for the user that has not been used yet (codes are single-use, so
    a test signing in twice within 30 s gets the next step's code, still inside the window).

    The previous step's code is offered only while at least 10 s of the current step remain:
    the server's window moves on at the step boundary, and a code for the previous step
    computed just before it would be refused by the time a loaded machine posts it."""
    import time

    import pyotp

    from app.domain.totp import LANGKAH_DETIK, langkah_sekarang
    from app.extensions import db
    from app.models import User

    user = db.session.get(User, user_id)
    db.session.refresh(user)
    terakhir = user.totp_langkah if user.totp_langkah is not None else -1
    waktu = time.time()
    sekarang = langkah_sekarang(waktu)
    sisa = LANGKAH_DETIK - waktu % LANGKAH_DETIK
    awal = sekarang - 1 if sisa >= 10 else sekarang
    pilihan = [s for s in range(awal, sekarang + 2) if s > terakhir]
    assert pilihan, "TOTP codes of this 90 s window are used up"
    return pyotp.TOTP(user.totp_rahasia).generate_otp(pilihan[0])


def selesaikan_kode(client, user, **kwargs):
    """The staff second step after a correct password: enrol if needed, then send a code."""
    halaman = client.get("/masuk/kode")
    assert halaman.status_code == 200, halaman.status_code
    data = {"kode": kode_totp(user.id)}
    html = halaman.get_data(as_text=True)
    if 'name="csrf_token"' in html:
        data["csrf_token"] = token_csrf(html)
    return client.post("/masuk/kode", data=data, **kwargs)


def token_csrf(html: str) -> str:
    """The CSRF token from a rendered form."""
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no csrf_token in page"
    return m.group(1)


@pytest.fixture
def demo(db) -> Demo:
    """The demo people and claims in the test database."""
    return muat_demo(db)


@pytest.fixture(autouse=True)
def argon2_cepat(monkeypatch):
    """Cheap Argon2id parameters so dozens of sign-ins stay fast (the scheme is unchanged)."""
    from argon2 import PasswordHasher, Type

    from app.domain import aktivasi, sandi

    monkeypatch.setattr(sandi, "_hasher", PasswordHasher(
        time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID))
    monkeypatch.setattr(aktivasi, "_hasher", PasswordHasher(
        time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID))
