"""Staff second step in a real browser: enrolment, code page, recovery codes — axe on each."""

from __future__ import annotations

import pyotp
import pytest
from sqlalchemy import select

from app.models import User
from tests.staf import conftest as staf_fixtures

masuk = staf_fixtures.masuk
pytestmark = pytest.mark.browser

SANDI = "sandi-uji-coba-123"


def _kata_sandi(page, email):
    page.set_default_timeout(8000)
    page.goto("/masuk")
    page.fill("#identitas", email)
    page.fill("#sandi", SANDI)
    page.click("button[type=submit]")


def test_enrolment_and_code_pages_have_no_axe_violations(new_page, db, factory, axe):
    javascript = True  # axe runs as JavaScript in the page
    user = factory.user(peran="petugas", nama="Agus Petugas")
    page = new_page(javascript=javascript)
    _kata_sandi(page, user.email)
    page.wait_for_url("**/masuk/kode")
    assert page.locator("h1").inner_text() == "Aktifkan verifikasi dua langkah"
    axe(page, "enrolment page")
    page.fill("#kode", "000000")
    page.click("button[type=submit]")
    assert page.locator("#kode[aria-invalid=true]").count() == 1
    axe(page, "enrolment page with an error")
    rahasia = page.locator("#kunci-rahasia").inner_text().replace(" ", "")
    page.fill("#kode", pyotp.TOTP(rahasia).now())
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Simpan kode cadangan Anda"
    assert page.locator(".kode-cadangan li").count() == 10
    axe(page, "recovery codes page")
    page.click("text=Saya sudah menyimpannya, lanjutkan")
    page.wait_for_url("**/staf")

    kedua = new_page(javascript=javascript)
    _kata_sandi(kedua, user.email)
    kedua.wait_for_url("**/masuk/kode")
    assert kedua.locator("h1").inner_text() == "Masukkan kode verifikasi"
    axe(kedua, "code page")
    kedua.fill("#kode", "111111")
    kedua.click("button[type=submit]")
    assert kedua.locator(".error-summary").count() == 1
    axe(kedua, "code page with an error")
    db.session.expire_all()
    langkah = db.session.scalar(select(User.totp_langkah).where(User.id == user.id))
    kedua.fill("#kode", pyotp.TOTP(rahasia).generate_otp(langkah + 1))
    kedua.click("button[type=submit]")
    kedua.wait_for_url("**/staf")


def test_admin_staff_page_has_no_axe_violations(new_page, live_server, masuk, factory, axe):
    admin = factory.user(peran="admin", nama="Admin Uji")
    rekan = factory.user(peran="petugas", nama="Agus Petugas")
    rekan.totp_rahasia, rekan.totp_aktif = pyotp.random_base32(), True
    factory.db.session.commit()
    page = new_page()
    page.goto(f"{live_server.url}/_uji/masuk/{admin.id}")
    jawab = page.goto(f"{live_server.url}/staf/pengguna")
    assert jawab.status == 200
    axe(page, "staff accounts page")
    with page.expect_navigation():
        page.click("button:has-text('Atur ulang')")
    assert "sudah diatur ulang" in page.content()
    axe(page, "staff accounts page after a reset")
