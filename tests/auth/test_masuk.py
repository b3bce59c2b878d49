"""Sign-in and sign-out: session rotation, logout that sticks, idle timeout, throttling."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.models import User
from tests.akun_bantu import masuk, selesaikan_kode

SANDI = "sandi-uji-coba-123"


@pytest.fixture
def jam(app):
    """Controls the failure counter's clock: ``jam[0]`` is "now" in Unix seconds."""
    waktu = [dt.datetime(2026, 5, 4, 2, 0, tzinfo=dt.UTC).timestamp()]
    app.extensions["sigap_pembatas"].jam = lambda: waktu[0]
    return waktu


def test_sign_in_with_nik_or_email_lands_on_the_right_page(client, factory):
    heir = factory.user(peran="ahli_waris")
    r = masuk(client, heir.nik, SANDI)
    assert r.status_code == 302 and r.location == "/akun/"
    # NIK typed with spaces or dots still works.
    spasi = f"{heir.nik[:4]} {heir.nik[4:8]}.{heir.nik[8:]}"
    assert masuk(client, spasi, SANDI).status_code == 302


@pytest.mark.parametrize(("peran", "rumah"), [("petugas", "/staf"), ("admin", "/staf"),
                                              ("humas", "/staf/berita")])
def test_staff_go_through_the_second_step_then_land_on_their_home(app, factory, peran, rumah):
    client = app.test_client()
    staf = factory.user(peran=peran)
    r = masuk(client, staf.email.upper(), SANDI)
    assert r.status_code == 302 and r.location == "/masuk/kode"
    # the password alone does not open the staff pages
    belum = client.get("/staf")
    assert belum.status_code == 302 and belum.location.startswith("/masuk")
    r = selesaikan_kode(client, staf)
    if r.status_code == 200:  # first sign-in: the recovery codes page links on to home
        assert f'href="{rumah}"' in r.get_data(as_text=True)
    else:
        assert r.status_code == 302 and r.location == rumah
    assert client.get(rumah).status_code == 200


def test_wrong_password_keeps_the_typed_nik_in_its_field_only(client, factory, page_checker):
    """Issue 12: the typed NIK stays in the field (as typed) so she need not type 16 digits
    again; never in the message, never the password; the answer is not cached."""
    user = factory.user(peran="peserta")
    spasi = f"{user.nik[:4]} {user.nik[4:8]}.{user.nik[8:]}"
    for identitas in (user.nik, "3275019999990001", spasi):
        r = masuk(client, identitas, "salah-sekali-123")
        assert r.status_code == 422
        assert r.headers["Cache-Control"] == "no-store"
        html = r.get_data(as_text=True)
        soup = page_checker.check(html)
        assert "NIK/e-mail atau kata sandi salah" in html
        medan = soup.select_one("input#identitas")
        assert medan["value"] == identitas
        assert (medan["inputmode"], medan["autocomplete"]) == ("numeric", "username")
        assert html.count(identitas) == 1  # only the field's value
        assert "salah-sekali-123" not in html
        assert not soup.select_one("input#sandi").get("value")


def test_staff_sign_in_with_e_mail_is_one_link_away(client, factory, page_checker):
    soup = page_checker.check(client.get("/masuk").get_data(as_text=True))
    assert soup.select_one("input#identitas")["inputmode"] == "numeric"
    tautan = soup.select_one("[data-ganti-masuk]")["href"]
    soup = page_checker.check(client.get(tautan).get_data(as_text=True))
    medan = soup.select_one("input#identitas")
    assert (medan["type"], medan["inputmode"]) == ("email", "email")
    staf = factory.user(peran="petugas")
    r = client.post("/masuk", data={"identitas": staf.email, "sandi": "salah-sekali-123",
                                    "dengan": "email"})
    assert r.status_code == 422
    soup = page_checker.check(r.get_data(as_text=True))
    assert soup.select_one("input#identitas")["value"] == staf.email
    assert soup.select_one("input#identitas")["type"] == "email"


def test_next_only_goes_to_local_paths(client, factory):
    user = factory.user(peran="ahli_waris")
    r = client.post("/masuk?next=/akun/pesan", data={"identitas": user.nik, "sandi": SANDI})
    assert r.location == "/akun/pesan"
    client.post("/keluar")
    r = client.post("/masuk?next=//jahat.example/", data={"identitas": user.nik, "sandi": SANDI})
    assert r.location == "/akun/"


def test_session_is_rotated_at_sign_in_and_lasts_thirty_idle_minutes(client, factory):
    user = factory.user(peran="ahli_waris")
    with client.session_transaction() as sesi:
        sesi["penanda_lama"] = "dari sebelum masuk"
    r = masuk(client, user.nik, SANDI)
    with client.session_transaction() as sesi:
        assert "penanda_lama" not in sesi
        assert sesi.permanent
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_sign_out_ends_the_session_even_for_a_copied_cookie(client, app, factory):
    user = factory.user(peran="ahli_waris")
    masuk(client, user.nik, SANDI)
    salinan = client.get_cookie("sigap_sesi").value
    r = client.post("/keluar")
    assert r.status_code == 302 and r.location == "/masuk"
    assert client.get("/akun/").status_code == 302
    pencuri = app.test_client()
    pencuri.set_cookie("sigap_sesi", salinan)
    r = pencuri.get("/akun/")
    assert r.status_code == 302 and r.location.startswith("/masuk")


def test_sign_out_needs_post(client, factory):
    user = factory.user(peran="ahli_waris")
    masuk(client, user.nik, SANDI)
    assert client.get("/keluar").status_code == 405


def test_sixth_attempt_is_refused_even_with_the_right_password_until_the_window_passes(
    app, factory, jam, db
):
    user = factory.user(peran="ahli_waris")
    client = app.test_client()
    alamat = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        jam[0] += 30
        assert masuk(client, user.nik, "salah-salah-salah", environ_base=alamat).status_code == 422
    jam[0] += 30
    r = masuk(client, user.nik, "salah-salah-salah", environ_base=alamat)
    assert r.status_code == 429
    html = r.get_data(as_text=True)
    assert "Coba lagi setelah pukul" in html and "WIB" in html
    assert int(r.headers["Retry-After"]) > 0
    # The right password is refused while locked, from this IP and from any other.
    assert masuk(client, user.nik, SANDI, environ_base=alamat).status_code == 429
    assert masuk(client, user.nik, SANDI,
                 environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 429
    # Another account from another IP is unaffected.
    lain = factory.user(peran="ahli_waris")
    assert masuk(app.test_client(), lain.nik, SANDI,
                 environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 302
    # Fifteen minutes after the first failure the oldest ones leave the window.
    jam[0] += 15 * 60
    assert masuk(client, user.nik, SANDI, environ_base=alamat).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.id == user.id)).terakhir_masuk is not None


def test_one_ip_trying_many_accounts_is_throttled_too(app, factory, jam):
    client = app.test_client()
    alamat = {"REMOTE_ADDR": "10.6.6.6"}
    for i in range(20):
        nik = f"32750101019{i:05d}"
        assert masuk(client, nik, "tebak-tebak-123", environ_base=alamat).status_code == 422
    user = factory.user(peran="ahli_waris")
    assert masuk(client, user.nik, SANDI, environ_base=alamat).status_code == 429
    assert masuk(app.test_client(), user.nik, SANDI,
                 environ_base={"REMOTE_ADDR": "10.7.7.7"}).status_code == 302


def test_successful_sign_in_clears_the_account_counter(app, factory, jam):
    user = factory.user(peran="ahli_waris")
    client = app.test_client()
    for _ in range(4):
        masuk(client, user.nik, "salah-salah-salah")
    assert masuk(client, user.nik, SANDI).status_code == 302
    client.post("/keluar")
    for _ in range(4):
        assert masuk(client, user.nik, "salah-salah-salah").status_code == 422
    assert masuk(client, user.nik, SANDI).status_code == 302


def test_inactive_accounts_cannot_sign_in(client, factory, db):
    user = factory.user(peran="ahli_waris")
    user.aktif = False
    db.session.commit()
    assert masuk(client, user.nik, SANDI).status_code == 422


def test_sign_in_page_passes_the_page_checks(get_page):
    soup = get_page("/masuk")
    assert soup.select_one('input[name="identitas"][autocomplete="username"]')
    assert soup.select_one('input[name="sandi"][type="password"]')
