"""Who enters the newsroom: comms staff land there after sign-in, admins reach it, officers
and the public do not."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.akun_bantu import masuk as masuk_form
from tests.akun_bantu import selesaikan_kode

HALAMAN = ["/staf/berita", "/staf/berita/baru"]


def test_comms_staff_land_on_the_newsroom_after_signing_in(client, factory, get_page):
    user = factory.user(peran="humas", sandi="sandi-humas-uji-123")
    r = masuk_form(client, user.email, "sandi-humas-uji-123")
    assert r.status_code == 302
    assert urlsplit(r.headers["Location"]).path == "/masuk/kode"  # staff: second step first
    r = selesaikan_kode(client, user)  # first sign-in: enrolment, then the recovery codes
    assert r.status_code == 200
    assert 'href="/staf/berita"' in r.get_data(as_text=True)  # "continue" leads to the newsroom
    soup = get_page("/staf/berita")
    assert soup.h1.get_text() == "Berita"
    # Their menu offers only the newsroom (no links to officers' pages they cannot open).
    menu = [a["href"] for a in soup.select("nav.staf-nav a")]
    assert menu == ["/staf/berita"]


@pytest.mark.parametrize("peran", ["humas", "admin"])
def test_comms_staff_and_admins_open_every_newsroom_page(factory, masuk, get_page, tulis,
                                                        peran):
    user = masuk(factory.user(peran=peran))
    b = tulis(user)
    for url in [*HALAMAN, f"/staf/berita/{b.id}", f"/staf/berita/{b.id}/riwayat"]:
        get_page(url)


@pytest.mark.parametrize("peran", ["petugas", "peserta", "ahli_waris"])
def test_other_roles_get_403_on_lists_and_404_on_articles(factory, masuk, client, tulis, humas,
                                                          peran):
    b = tulis(humas)
    masuk(factory.user(peran=peran))
    for url in HALAMAN:
        assert client.get(url).status_code == 403, url
    assert client.get(f"/staf/berita/{b.id}").status_code == 404
    r = client.post(f"/staf/berita/{b.id}", data={"judul": "Diambil alih", "aksi": "terbitkan"})
    assert r.status_code == 404
    assert b.judul == "Pendaftaran pekerja rentan dibuka" and b.status == "draf"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in HALAMAN:
        r = client.get(url)
        assert r.status_code == 302 and urlsplit(r.headers["Location"]).path == "/masuk"


def test_newsroom_pages_are_private_and_posts_need_csrf(app, client, humas, masuk):
    masuk(humas)
    r = client.get("/staf/berita")
    assert r.headers["Cache-Control"] == "no-store"
    app.config["WTF_CSRF_ENABLED"] = True
    r = client.post("/staf/berita/baru", data={"judul": "Tanpa token", "aksi": "simpan_draf"})
    assert r.status_code == 400
