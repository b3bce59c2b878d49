"""Activation over HTTP: one generic message, single use, 30 days, password policy, throttle."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.aktivasi import terbitkan_kode_aktivasi

NIK = "3275015203850002"
SANDI_BARU = "kopi-pagi-di-teras-rumah"
GENERIK = "NIK atau kode aktivasi tidak cocok, atau kode sudah tidak berlaku"


@pytest.fixture
def akun(factory):
    return factory.user(peran="ahli_waris", nik=NIK, nama="Siti Aminah")


def _kirim(client, kode, nik=NIK, sandi=SANDI_BARU, ulang=None, **kw):
    return client.post("/aktivasi", data={"nik": nik, "kode": kode, "sandi": sandi,
                                          "sandi_ulang": sandi if ulang is None else ulang}, **kw)


def test_right_code_sets_the_password_and_signs_in(client, db, akun):
    kode = terbitkan_kode_aktivasi(db.session, akun, None)
    db.session.commit()
    r = _kirim(client, kode.lower().replace("-", " "))
    assert r.status_code == 302 and r.location == "/akun/"
    assert client.get("/akun/").status_code == 200
    db.session.refresh(akun)
    assert akun.cek_sandi(SANDI_BARU)


def test_code_works_only_once(client, app, db, akun):
    kode = terbitkan_kode_aktivasi(db.session, akun, None)
    db.session.commit()
    assert _kirim(client, kode).status_code == 302
    r = _kirim(app.test_client(), kode, sandi="kata-sandi-lain-sekali")
    assert r.status_code == 422 and GENERIK in r.get_data(as_text=True)


def test_wrong_and_expired_codes_get_the_same_message(client, db, akun, page_checker):
    lama = terbitkan_kode_aktivasi(db.session, akun, None,
                                   waktu=dt.datetime.now(dt.UTC) - dt.timedelta(days=30, hours=1))
    db.session.commit()
    kadaluwarsa = _kirim(client, lama)
    salah = _kirim(client, "ABCD-EFGH-JK")
    orang_lain = _kirim(client, lama, nik="3275014708900004")
    for r in (kadaluwarsa, salah, orang_lain):
        assert r.status_code == 422
        html = r.get_data(as_text=True)
        page_checker.check(html)
        assert GENERIK in html
        assert NIK not in html and "3275014708900004" not in html  # never echoed back


def test_code_still_works_just_before_thirty_days(client, db, akun):
    kode = terbitkan_kode_aktivasi(db.session, akun, None,
                                   waktu=dt.datetime.now(dt.UTC) - dt.timedelta(days=29, hours=23))
    db.session.commit()
    assert _kirim(client, kode).status_code == 302


@pytest.mark.parametrize(
    ("sandi", "ulang", "pesan"),
    [
        ("pendek", None, "minimal 10 karakter"),
        ("password123", None, "terlalu umum"),
        ("kopi-pagi-di-teras", "kopi-pagi-di-terasx", "tidak sama"),
        ("siti-aminah-2026", None, "nama Anda"),
        (f"x{NIK}", None, "NIK"),
    ],
)
def test_weak_passwords_are_refused_with_reasons(client, db, akun, sandi, ulang, pesan):
    kode = terbitkan_kode_aktivasi(db.session, akun, None)
    db.session.commit()
    r = _kirim(client, kode, sandi=sandi, ulang=ulang)
    assert r.status_code == 422
    assert pesan in r.get_data(as_text=True)
    db.session.refresh(akun)
    assert akun.sandi_hash is not None and not akun.cek_sandi(sandi)


def test_guessing_codes_is_throttled(app, db, akun):
    kode = terbitkan_kode_aktivasi(db.session, akun, None)
    db.session.commit()
    client = app.test_client()
    for _ in range(5):
        assert _kirim(client, "ABCD-EFGH-JK").status_code == 422
    r = _kirim(client, kode)
    assert r.status_code == 429
    assert "Coba lagi setelah pukul" in r.get_data(as_text=True)


def test_activation_page_passes_the_page_checks(get_page):
    soup = get_page("/aktivasi")
    assert soup.select_one('input[name="sandi"][autocomplete="new-password"]')
