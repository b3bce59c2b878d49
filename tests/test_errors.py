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
