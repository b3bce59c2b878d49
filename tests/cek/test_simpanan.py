"""The check's pages come from the page store for cookie-less visitors, headers and all."""

from __future__ import annotations

from datetime import date

import pytest

import app.cek.routes as routes
from tests.cek.conftest import LENGKAP
from tests.pages import hitung_render as penghitung


@pytest.fixture
def hitung_render(monkeypatch):
    """Count how often the check's views really render."""
    return penghitung(monkeypatch, routes)


@pytest.mark.parametrize("htmx", [False, True])
def test_result_is_rendered_once_per_url_and_shape(client, hitung_render, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    pertama = client.get(f"/cek/hasil?{LENGKAP}", headers=headers)
    kedua = client.get(f"/cek/hasil?{LENGKAP}", headers=headers)

    assert hitung_render == ["cek/hasil.html"]
    assert kedua.status_code == 200 and kedua.data == pertama.data
    assert 'data-outcome="prioritas"' in kedua.get_data(as_text=True)
    assert "HX-Request" in kedua.headers["Vary"]
    assert kedua.headers["Content-Security-Policy"] == pertama.headers["Content-Security-Policy"]


def test_a_kept_redirect_keeps_its_location(client):
    url = "/cek/hasil?kepesertaan=tidak&domisili=kota_bekasi"
    pertama = client.get(url)
    kedua = client.get(url)

    assert pertama.status_code == kedua.status_code == 303
    assert kedua.headers["Location"] == pertama.headers["Location"]
    assert kedua.headers["Location"].startswith("/cek/pekerjaan?")


def test_a_kept_htmx_answer_keeps_the_url_to_push(client):
    url = f"/cek/hasil?{LENGKAP}&utm_source=wa"
    pertama = client.get(url, headers={"HX-Request": "true"})
    kedua = client.get(url, headers={"HX-Request": "true"})

    assert kedua.headers["HX-Push-Url"] == pertama.headers["HX-Push-Url"]
    assert "utm_source" not in kedua.headers["HX-Push-Url"]


def test_a_kept_error_keeps_its_status(client, hitung_render):
    assert client.get("/cek/usia?usia=200").status_code == 422
    assert client.get("/cek/usia?usia=200").status_code == 422
    assert hitung_render == ["cek/pertanyaan.html"]


def test_another_day_renders_again(client, hitung_render, tanggal_cek):
    client.get(f"/cek/hasil?{LENGKAP}")
    tanggal_cek(date(2026, 6, 2))
    halaman = client.get(f"/cek/hasil?{LENGKAP}")

    assert hitung_render == ["cek/hasil.html", "cek/hasil.html"]
    assert "2 Juni 2026" in halaman.get_data(as_text=True)


def test_nothing_is_kept_for_a_visitor_with_a_cookie(client, hitung_render):
    client.set_cookie("sigap_sesi", "apa-saja")
    client.get(f"/cek/hasil?{LENGKAP}")
    client.get(f"/cek/hasil?{LENGKAP}")
    assert hitung_render == ["cek/hasil.html", "cek/hasil.html"]
