"""Error pages: Indonesian, full page or fragment, never a traceback."""

from __future__ import annotations

import pytest
from flask import abort

from app import create_app

KODE = [400, 403, 404, 413, 422, 429, 500]


@pytest.fixture
def app_with_errors(app):
    """The test app plus a route that fails with any status."""

    def galat(kode: int):
        if kode == 500:
            raise RuntimeError("boom with NIK 3275011506880001")
        abort(kode)

    galat.sigap_akses = "publik"
    app.add_url_rule("/_uji/galat/<int:kode>", "uji_galat", galat)
    return app


@pytest.mark.parametrize("kode", KODE)
def test_error_page_full(app_with_errors, page_checker, kode):
    response = app_with_errors.test_client().get(f"/_uji/galat/{kode}")
    assert response.status_code == kode
    html = response.get_data(as_text=True)
    soup = page_checker.check(html)
    assert soup.select_one(f'[data-status="{kode}"]')
    assert "Traceback" not in html and "boom" not in html
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize("kode", KODE)
def test_error_page_fragment_for_htmx(app_with_errors, page_checker, kode):
    response = app_with_errors.test_client().get(
        f"/_uji/galat/{kode}", headers={"HX-Request": "true"}
    )
    assert response.status_code == kode
    soup = page_checker.check_fragment(response.get_data(as_text=True))
    assert soup.select_one(f'[data-status="{kode}"] h1')


def test_history_restore_gets_the_full_page(client):
    response = client.get(
        "/tidak-ada", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert response.status_code == 404
    assert "<html" in response.get_data(as_text=True)


def test_unknown_url_is_an_indonesian_404(get_page):
    soup = get_page("/halaman-yang-tidak-ada", status=404)
    assert "tidak ditemukan" in soup.h1.get_text()


def test_500_does_not_leak_the_exception_or_nik(app_with_errors, caplog):
    response = app_with_errors.test_client().get("/_uji/galat/500")
    assert response.status_code == 500
    assert "3275011506880001" not in caplog.text
    assert "3275011506880001" not in response.get_data(as_text=True)


def test_oversized_request_is_413(tmp_path):
    app = create_app("testing", MAX_CONTENT_LENGTH=10, SQLALCHEMY_DATABASE_URI="sqlite://")

    def terima():
        from flask import request

        return str(len(request.form))

    terima.sigap_akses = "publik"
    app.add_url_rule("/_uji/terima", "uji_terima", terima, methods=["POST"])
    response = app.test_client().post("/_uji/terima", data={"isi": "x" * 100})
    assert response.status_code == 413
    assert "terlalu besar" in response.get_data(as_text=True)


def test_method_not_allowed_has_an_indonesian_page(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "tidak didukung" in response.get_data(as_text=True)


def test_a_failed_write_is_rolled_back_before_the_500_page(app, db, caplog):
    """A flush that breaks a constraint leaves the session unusable: the handler rolls it
    back, so the error page renders and nothing of the half-done request is kept."""
    from sqlalchemy import func, select

    from app.models import User

    def tulis_ganda():
        db.session.add(User(peran="petugas", nama="Satu", email="kembar@contoh.test"))
        db.session.add(User(peran="petugas", nama="Dua", email="kembar@contoh.test"))
        db.session.flush()

    tulis_ganda.sigap_akses = "publik"
    app.add_url_rule("/_uji/tulis-ganda", "uji_tulis_ganda", tulis_ganda)

    response = app.test_client().get("/_uji/tulis-ganda")

    assert response.status_code == 500
    assert "terjadi gangguan pada sistem" in response.get_data(as_text=True)
    assert "IntegrityError" in caplog.text
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_a_404_for_a_strange_address_is_still_valid_html(client, page_checker):
    """The address is never echoed into the page: no canonical link for what has no page."""
    response = client.get("/hak-dan-manfaat%01%7F<x>")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    page_checker.check(html)
    assert 'rel="canonical"' not in html and "<x>" not in html


def test_canonical_is_rebuilt_from_the_route_without_the_query(client):
    html = client.get("/hak-dan-manfaat/jkm?utm_source=wa").get_data(as_text=True)
    assert '<link rel="canonical" href="http://localhost/hak-dan-manfaat/jkm">' in html
