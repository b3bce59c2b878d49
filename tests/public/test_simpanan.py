"""Rendered pages kept for cookie-less visitors: same URL, same bytes, fresh render otherwise."""

from __future__ import annotations

import pytest

import app.public.routes as routes
from app.simpanan import Simpanan
from tests.pages import hitung_render as penghitung


@pytest.fixture
def hitung_render(monkeypatch):
    """Count how often the public views really render."""
    return penghitung(monkeypatch, routes)


def test_cookieless_visitors_get_the_page_rendered_once(client, hitung_render):
    pertama = client.get("/hak-dan-manfaat/jkm")
    kedua = client.get("/hak-dan-manfaat/jkm")

    assert hitung_render == ["public/halaman.html"]
    assert kedua.status_code == 200 and kedua.data == pertama.data
    # the site-wide headers are still added to the kept page
    assert "HX-Request" in kedua.headers["Vary"]
    assert kedua.headers["Content-Security-Policy"] == pertama.headers["Content-Security-Policy"]
    assert kedua.mimetype == "text/html"


def test_full_page_and_htmx_fragment_are_kept_apart(client, hitung_render):
    halaman = client.get("/cari?q=iuran")
    fragmen = client.get("/cari?q=iuran", headers={"HX-Request": "true"})

    assert len(hitung_render) == 2
    assert b"<html" in halaman.data and b"<html" not in fragmen.data


def test_status_is_kept_with_the_page(client):
    url = ("/kalkulator?kasus=meninggal_biasa&peserta=mandiri&penghasilan=-1"
           "&lama_kepesertaan_tahun=1")
    assert client.get(url).status_code == 422
    assert client.get(url).status_code == 422


def test_visitors_with_a_cookie_always_get_a_fresh_render(client, hitung_render):
    client.set_cookie("sigap_sesi", "apa-saja")
    client.get("/faq")
    client.get("/faq")
    assert hitung_render == ["public/faq.html", "public/faq.html"]


def test_canonical_follows_the_host_asked_for(client):
    a = client.get("/program", base_url="http://sigap.example")
    b = client.get("/program", base_url="https://lain.example")

    assert b'href="http://sigap.example/program"' in a.data
    assert b'href="https://lain.example/program"' in b.data


def test_store_drops_the_oldest_pages():
    simpanan = Simpanan(ukuran=2)
    for n in range(3):
        simpanan.simpan((n,), (b"", 200, "text/html"))
    assert len(simpanan) == 2
    assert simpanan.ambil((0,)) is None and simpanan.ambil((2,)) is not None


def test_kept_pages_expire():
    sekarang = [100.0]
    simpanan = Simpanan(umur=60, jam=lambda: sekarang[0])
    simpanan.simpan(("/",), (b"lama", 200, "text/html"))

    sekarang[0] = 159.0
    assert simpanan.ambil(("/",)) == (b"lama", 200, "text/html")
    sekarang[0] = 160.0
    assert simpanan.ambil(("/",)) is None and len(simpanan) == 0


def test_a_render_that_starts_a_session_is_not_kept(client, monkeypatch):
    """E.g. a template that asks for a CSRF token: that page belongs to one visitor."""
    from flask import session

    asli = routes.render_page
    panggilan = []

    def render(*args, **kwargs):
        panggilan.append(1)
        session["csrf_token"] = "milik-satu-pengunjung"
        return asli(*args, **kwargs)

    monkeypatch.setattr(routes, "render_page", render)
    client.get("/kontak")
    client.delete_cookie("sigap_sesi")
    client.get("/kontak")
    assert len(panggilan) == 2
