"""Each role lands on its own start page (never a 403) and the header leads back to it."""

from __future__ import annotations

import pytest
from flask_login import login_user

from app.extensions import db as _db
from app.models import User

BERANDA = {
    "peserta": ("/akun/", "Akun saya"),
    "ahli_waris": ("/akun/", "Akun saya"),
    "petugas": ("/staf", "Ruang kerja"),
    "admin": ("/staf", "Ruang kerja"),
    "humas": ("/staf/berita", "Ruang kerja"),
}


@pytest.fixture
def masuk_uji(app, client):
    def _masuk(user_id: int):
        login_user(_db.session.get(User, user_id))
        return "ok"

    _masuk.sigap_akses = "publik"
    app.add_url_rule("/_uji/masuk-peran/<int:user_id>", "uji_masuk_peran", _masuk)
    return lambda user: client.get(f"/_uji/masuk-peran/{user.id}")


@pytest.mark.parametrize("peran", sorted(BERANDA))
def test_each_role_lands_on_its_own_page_and_the_header_leads_back(app, client, factory,
                                                                     masuk_uji, page_checker,
                                                                     peran):
    from app.auth.routes import _tujuan_setelah_masuk

    user = factory.user(peran=peran)
    with app.test_request_context("/masuk", method="POST"):
        tujuan = _tujuan_setelah_masuk(user)
    assert tujuan == BERANDA[peran][0]
    assert masuk_uji(user).status_code == 200
    r = client.get(tujuan)
    assert r.status_code == 200, (peran, tujuan, r.status_code)
    soup = page_checker.check(r.get_data(as_text=True))
    tautan = soup.select_one(".site-header__account [data-nav-akun]")
    assert (tautan.get_text(strip=True), tautan["href"]) == BERANDA[peran][::-1]
    assert soup.select_one(".site-header__account button").get_text(strip=True) == "Keluar"
    # The header link is there on every page, e.g. the public home page.
    soup = page_checker.check(client.get("/").get_data(as_text=True))
    assert soup.select_one("[data-nav-akun]")["href"] == BERANDA[peran][0]


def test_signed_out_header_offers_only_masuk(client, page_checker):
    soup = page_checker.check(client.get("/").get_data(as_text=True))
    assert soup.select_one("[data-nav-akun]") is None
    assert soup.select_one(".site-header__account a").get_text(strip=True) == "Masuk"
