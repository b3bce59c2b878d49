"""Issue 10, finding 7: expired sessions and htmx, absolute lifetime, sessions bound to the
password, activation timing, holidays in service targets."""

from __future__ import annotations

import datetime as dt
import time

from app.services.klaim import target_klaim
from app.services.libur import hari_libur
from tests.akun_bantu import masuk

SANDI = "sandi-uji-coba-123"


def test_htmx_request_without_a_session_gets_hx_redirect(client):
    r = client.get("/akun/?x=1", headers={"HX-Request": "true"})
    assert r.status_code == 401
    # The sign-in page, which sends the person back to the page they asked for.
    assert r.headers["HX-Redirect"] == "/masuk?next=%2Fakun%2F%3Fx%3D1"
    assert r.headers["Cache-Control"] == "no-store"
    assert r.get_data() == b""


def test_plain_request_without_a_session_is_redirected(client):
    r = client.get("/akun/?x=1")
    assert r.status_code == 302
    assert r.location == "/masuk?next=%2Fakun%2F%3Fx%3D1"
    # …where the reason is said once, in words.
    halaman = client.get(r.location).get_data(as_text=True)
    assert halaman.count("Silakan masuk untuk membuka halaman ini.") == 1


def test_a_session_ends_after_its_absolute_lifetime(client, factory, monkeypatch):
    user = factory.user(peran="peserta")
    masuk(client, user.nik, SANDI)
    assert client.get("/akun/").status_code == 200
    sekarang = time.time()
    monkeypatch.setattr(time, "time", lambda: sekarang + 13 * 3600)
    assert client.get("/akun/").status_code == 302


def test_a_password_change_ends_other_sessions(app, db, factory):
    user = factory.user(peran="peserta")
    lain = app.test_client()
    masuk(lain, user.nik, SANDI)
    assert lain.get("/akun/").status_code == 200
    user.sesi_versi += 1  # what activation (a new password) does
    db.session.commit()
    assert lain.get("/akun/").status_code == 302


def test_activation_does_the_same_work_with_or_without_an_account(db, factory, monkeypatch):
    from app.domain import aktivasi as kode_domain
    from app.services.aktivasi import cari_kode_berlaku

    user = factory.user(peran="peserta", nik="3275011506880001")
    panggilan = []
    asli = kode_domain.cocok
    monkeypatch.setattr(kode_domain, "cocok", lambda *a: panggilan.append(1) or asli(*a))
    assert cari_kode_berlaku(db.session, "3275011506880009", "K7QX-M4P9-RT") is None
    tanpa_akun = len(panggilan)
    panggilan.clear()
    assert cari_kode_berlaku(db.session, user.nik, "K7QX-M4P9-RT") is None
    assert tanpa_akun == len(panggilan) == 1


def test_holidays_include_lebaran_and_cuti_bersama(app):
    with app.app_context():
        libur = hari_libur(2026, 2026)
    assert dt.date(2026, 3, 21) in libur  # Idul Fitri 1447 H
    assert dt.date(2026, 3, 23) in libur  # cuti bersama Idul Fitri


def test_service_target_skips_lebaran(db, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    klaim.dokumen_lengkap_sejak = dt.datetime(2026, 3, 17, 3, 0, tzinfo=dt.UTC)
    db.session.commit()
    target = target_klaim(klaim, dt.date(2026, 3, 18))
    # 3 working days from Tuesday 17 March 2026: Nyepi, Idul Fitri and cuti bersama fill
    # 18–24 March, so the target is Friday 27 March (it would be 20 March without them).
    assert target.batas == dt.date(2026, 3, 27)
