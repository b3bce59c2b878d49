"""CSRF: every POST route in the app refuses a request without a token (400)."""

from __future__ import annotations

import uuid

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter, UUIDConverter

from tests.akun_bantu import masuk, token_csrf


def _contoh(conv) -> object:
    """Any value the converter accepts (the view never runs: CSRF refuses first)."""
    if isinstance(conv, IntegerConverter):
        return 1
    if isinstance(conv, AnyConverter):
        return sorted(conv.items)[0]
    if isinstance(conv, UUIDConverter):
        return uuid.UUID(int=1)
    return "x"


def _post_urls(app) -> list[str]:
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        nilai = {nama: _contoh(conv) for nama, conv in rule._converters.items()}
        urls.append(adapter.build(rule.endpoint, nilai))
    return urls


@pytest.fixture
def app_csrf(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def test_the_app_has_post_routes_to_check(app_csrf):
    assert {"/masuk", "/keluar", "/aktivasi"} <= set(_post_urls(app_csrf))


def test_every_post_without_token_is_400_anonymous(app_csrf):
    client = app_csrf.test_client()
    for url in _post_urls(app_csrf):
        r = client.post(url, data={"identitas": "x"})
        assert r.status_code == 400, (url, r.status_code)
        assert "Formulir ini sudah kedaluwarsa" in r.get_data(as_text=True)


@pytest.mark.parametrize("peran", ["ahli_waris", "petugas"])
def test_every_post_without_token_is_400_signed_in(app_csrf, factory, peran):
    user = factory.user(peran=peran)
    client = app_csrf.test_client()
    token = token_csrf(client.get("/masuk").get_data(as_text=True))
    r = masuk(client, user.identitas, "sandi-uji-coba-123", csrf_token=token)
    assert r.status_code == 302
    for url in _post_urls(app_csrf):
        r = client.post(url, data={})
        assert r.status_code == 400, (url, r.status_code)
    # Still signed in: the refused POST to /keluar did not sign anyone out.
    assert client.get("/masuk").status_code == 200


def test_post_with_the_token_passes(app_csrf):
    # No test-wide app context here: each request must get its own ``g``, as in production,
    # or flask-wtf would hand out the token cached from the previous request.
    from app.extensions import db
    from tests.factories import Factory

    with app_csrf.app_context():
        user = Factory(db).user(peran="ahli_waris")
        nik = user.nik
        db.session.remove()
    client = app_csrf.test_client()
    token = token_csrf(client.get("/masuk").get_data(as_text=True))
    assert masuk(client, nik, "sandi-uji-coba-123", csrf_token=token).status_code == 302
    halaman = client.get("/akun/").get_data(as_text=True)
    assert client.post("/keluar", data={"csrf_token": token_csrf(halaman)}).status_code == 302
