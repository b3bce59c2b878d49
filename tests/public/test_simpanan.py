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


def test_status_is_kept_with_the_page(client, hitung_render):
    url = ("/kalkulator?kasus=meninggal_biasa&peserta=mandiri&penghasilan=-1"
           "&lama_kepesertaan_tahun=1")
    assert client.get(url).status_code == 422
    assert client.get(url).status_code == 422
    assert len(hitung_render) == 1  # the second 422 came from the store


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


def _pribadi(monkeypatch, cara: str) -> list[int]:
    """Make /kontak's render personal the way real code does: a CSRF token, a flash, or a
    cookie of its own. Returns the list of renders."""
    from flask import flash, make_response
    from flask_wtf.csrf import generate_csrf

    asli = routes.render_page
    panggilan: list[int] = []

    def render(*args, **kwargs):
        panggilan.append(1)
        if cara == "csrf":
            generate_csrf()  # what {{ csrf_token() }} in a template calls
        elif cara == "flash":
            flash("Pesan untuk satu pengunjung.")
        jawab = make_response(asli(*args, **kwargs))
        if cara == "cookie":
            jawab.set_cookie("pilihan", "milik-satu-pengunjung")
        return jawab

    monkeypatch.setattr(routes, "render_page", render)
    return panggilan


@pytest.mark.parametrize("cara", ["csrf", "flash", "cookie"])
def test_a_render_that_belongs_to_one_visitor_is_not_kept(app, monkeypatch, cara):
    """A page that started a session (CSRF token, flash) or set a cookie is one visitor's: the
    next cookie-less visitor gets a fresh render, never the first one's cookie."""
    panggilan = _pribadi(monkeypatch, cara)

    pertama = app.test_client().get("/kontak")
    assert pertama.status_code == 200 and "Set-Cookie" in pertama.headers
    kedua = app.test_client().get("/kontak")  # another visitor, no cookie

    assert kedua.status_code == 200
    assert len(panggilan) == 2  # rendered again: the first visitor's page was not kept


def test_every_part_of_the_address_picks_its_own_kept_page(client, hitung_render):
    """Query string, host, scheme and path prefix each lead to a page of their own."""
    alamat = [
        ("/cari?q=iuran", "http://sigap.example"),
        ("/cari?q=santunan", "http://sigap.example"),
        ("/cari?q=iuran", "http://lain.example"),
        ("/cari?q=iuran", "https://sigap.example"),
    ]
    halaman = [client.get(url, base_url=dasar).data for url, dasar in alamat]
    prefiks = client.get("/cari?q=iuran", base_url="http://sigap.example/sub").data
    assert len(hitung_render) == 5
    assert len({*halaman, prefiks}) == 5


def test_each_path_keeps_its_own_page(client, hitung_render):
    faq, kontak = client.get("/faq"), client.get("/kontak")
    assert hitung_render == ["public/faq.html", "public/halaman.html"]
    assert faq.data != kontak.data
