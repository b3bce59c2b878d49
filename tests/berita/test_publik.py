"""Public news: visibility from waktu_terbit (moved clock, no job), the list and its paging,
the article page (date, reading time, OG/Twitter tags, canonical, WhatsApp, related), the Atom
feed, the sitemap, site search, the home page, and the page store's short lifetime."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from app.services import waktu
from app.simpanan import EKSTENSI as KUNCI_SIMPANAN
from app.simpanan import UMUR, Simpanan
from tests.berita.conftest import jam

ATOM = "{http://www.w3.org/2005/Atom}"


def _slug_di(client, url) -> list[str]:
    html = client.get(url).get_data(as_text=True)
    return [part.split('"')[0] for part in html.split('data-slug="')[1:]]


def _terlihat_di_mana(client, slug: str, judul_kata: str) -> dict[str, bool]:
    feed = client.get("/berita/feed.xml").get_data(as_text=True)
    return {
        "halaman": client.get(f"/berita/{slug}").status_code == 200,
        "daftar": slug in _slug_di(client, "/berita"),
        "feed": f"/berita/{slug}" in feed,
        "sitemap": f"/berita/{slug}" in client.get("/sitemap.xml").get_data(as_text=True),
        "cari": f"/berita/{slug}" in client.get("/cari", query_string={"q": judul_kata})
        .get_data(as_text=True),
        "beranda": f"/berita/{slug}" in client.get("/").get_data(as_text=True),
    }


@pytest.fixture
def jam_tetap(app, monkeypatch):
    """Move the site's clock, and the page store's, by hand."""
    sekarang = {"t": jam(2026, 12, 7, 2, 0)}
    monkeypatch.setattr(waktu, "sekarang", lambda: sekarang["t"])
    detik = {"t": 1000.0}
    app.extensions[KUNCI_SIMPANAN] = Simpanan(jam=lambda: detik["t"])

    def geser(**selisih):
        sekarang["t"] += dt.timedelta(**selisih)
        detik["t"] += dt.timedelta(**selisih).total_seconds()

    return geser


def test_drafts_and_pending_articles_are_invisible_everywhere(client, tulis, humas):
    draf = tulis(humas, judul="Draf rahasia tentang kuota")
    tinjau = tulis(humas, "ajukan_tinjauan", judul="Menunggu tinjauan soal iuran")
    assert not any(_terlihat_di_mana(client, draf.slug, "rahasia").values())
    assert not any(_terlihat_di_mana(client, tinjau.slug, "tinjauan").values())
    assert client.get(f"/berita/{draf.slug}").status_code == 404


def test_a_scheduled_article_appears_at_its_time_with_no_job(client, terbit, jam_tetap):
    b = terbit(judul="Santunan tahap kedua dijadwalkan", waktu_terbit=jam(2026, 12, 7, 3, 0))
    assert b.status == "terbit"
    assert not any(_terlihat_di_mana(client, b.slug, "dijadwalkan").values())
    jam_tetap(minutes=59)
    assert client.get(f"/berita/{b.slug}", headers={"Cookie": "x=1"}).status_code == 404
    jam_tetap(minutes=1, seconds=UMUR)  # its time, and every kept page has expired
    assert all(_terlihat_di_mana(client, b.slug, "dijadwalkan").values())


def test_the_page_store_serves_old_visibility_no_longer_than_its_lifetime(client, terbit,
                                                                          jam_tetap):
    b = terbit(judul="Peluncuran di Balai Patriot",
               waktu_terbit=jam(2026, 12, 7, 2, 0) + dt.timedelta(seconds=UMUR / 2))
    assert b.slug not in _slug_di(client, "/berita")  # kept by the page store from now on
    jam_tetap(seconds=UMUR / 2)
    assert b.slug not in _slug_di(client, "/berita")  # still the kept page
    assert b.slug in _slug_di(client, "/berita?x=1")  # a fresh render shows it
    jam_tetap(seconds=UMUR / 2)
    assert b.slug in _slug_di(client, "/berita")


def test_the_list_is_newest_first_ten_a_page_with_numbered_pages(client, terbit, jam_tetap,
                                                                get_page):
    for n in range(12):
        terbit(judul=f"Berita nomor {n:02d}", waktu_terbit=jam(2026, 12, 1, 1, n))
    soup = get_page("/berita")
    judul = [a.get_text() for a in soup.select(".daftar-berita__judul a")]
    assert judul == [f"Berita nomor {n:02d}" for n in range(11, 1, -1)]
    halaman = [a["href"] for a in soup.select("nav.paging a")]
    assert "/berita?halaman=2" in halaman
    muat = soup.select_one(".muat-lagi a")
    assert muat["href"] == muat["data-hx-get"] == "/berita?halaman=2"
    kedua = get_page("/berita?halaman=2")
    assert [a.get_text() for a in kedua.select(".daftar-berita__judul a")] == [
        "Berita nomor 01", "Berita nomor 00"]
    assert not kedua.select_one(".muat-lagi")
    get_page("/berita?halaman=3", status=404)


def test_htmx_gets_only_the_next_items_from_the_same_url(client, terbit, jam_tetap):
    for n in range(11):
        terbit(judul=f"Berita nomor {n:02d}", waktu_terbit=jam(2026, 12, 1, 1, n))
    r = client.get("/berita?halaman=2", headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert "<html" not in html and "Berita nomor 00" in html and "Berita nomor 10" not in html
    assert "HX-Request" in r.headers["Vary"]


def test_an_article_page_has_date_reading_time_share_tags_and_related(client, terbit, get_page,
                                                                      jam_tetap):
    lain = terbit(judul="Kuota 10.000 pekerja untuk 2026", waktu_terbit=jam(2026, 11, 1))
    b = terbit(judul="Santunan JKM Rp42.000.000 dibayarkan", ringkasan="Ahli waris menerima.",
               isi="kata " * 450, waktu_terbit=jam(2026, 11, 5, 3))
    soup = get_page(f"/berita/{b.slug}")
    assert soup.h1.get_text() == "Santunan JKM Rp42.000.000 dibayarkan"
    meta = soup.select_one(".artikel__meta").get_text()
    assert "5 November 2026" in meta and "3 menit membaca" in meta
    kanonik = soup.select_one('link[rel="canonical"]')["href"]
    assert kanonik == f"http://localhost/berita/{b.slug}"

    def isi(sel):
        return soup.select_one(sel)["content"]

    assert isi('meta[property="og:type"]') == "article"
    assert isi('meta[property="og:title"]') == b.judul
    assert isi('meta[property="og:description"]') == "Ahli waris menerima."
    assert isi('meta[property="og:url"]') == kanonik
    assert isi('meta[name="twitter:card"]') == "summary"
    wa = soup.select_one('a[data-bagikan="whatsapp"]')["href"]
    assert wa.startswith("https://wa.me/?text=")
    assert parse_qs(urlsplit(wa).query)["text"] == [f"{b.judul} {kanonik}"]
    assert [a["href"] for a in soup.select(".terkait a")] == [f"/berita/{lain.slug}"]


def test_the_feed_is_well_formed_atom_with_unique_ids(client, terbit, jam_tetap):
    for n in range(3):
        terbit(judul="Judul yang sama", waktu_terbit=jam(2026, 12, 1, 1, n))
    r = client.get("/berita/feed.xml")
    assert r.headers["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.data)  # noqa: S314 - our own response
    assert feed.tag == f"{ATOM}feed"
    for kolom in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{kolom}")
    entri = feed.findall(f"{ATOM}entry")
    assert len(entri) == 3
    ids = [e.findtext(f"{ATOM}id") for e in entri]
    assert len(set(ids)) == 3
    for e in entri:
        assert e.findtext(f"{ATOM}title") == "Judul yang sama"
        dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated"))
        assert e.find(f"{ATOM}link").attrib["href"].startswith("http://localhost/berita/judul")


def test_the_home_page_shows_the_three_latest(client, terbit, get_page, jam_tetap):
    for n in range(4):
        terbit(judul=f"Kabar ke-{n}", waktu_terbit=jam(2026, 12, 1, 1, n))
    soup = get_page("/")
    assert [a.get_text() for a in soup.select(".berita-terbaru__judul a")] == [
        "Kabar ke-3", "Kabar ke-2", "Kabar ke-1"]


def test_search_finds_news_by_title_and_body(client, terbit):
    b = terbit(judul="Peluncuran di Balai Patriot", isi="Sebanyak 11.666 pekerja rentan.")
    r = client.get("/cari", query_string={"q": "balai patriot"})
    html = r.get_data(as_text=True)
    assert f'data-url="/berita/{b.slug}"' in html and 'data-jenis="berita"' in html


def test_images_are_served_with_long_cache_and_nosniff_and_unknown_names_404(client, app):
    assert client.get("/berita/gambar/" + "0" * 32 + "/og.jpg").status_code == 404
    assert client.get("/berita/gambar/..%2F..%2Fetc/og.jpg").status_code == 404
    assert client.get("/berita/gambar/" + "0" * 32 + "/besar.jpg").status_code == 404


def test_an_unknown_article_is_404(client):
    assert client.get("/berita/tidak-ada-berita-ini").status_code == 404


def test_odd_addresses_are_404_not_500(client):
    for url in ("/berita/ab%00cd", "/berita/" + "a" * 300, "/berita?halaman=%00",
                "/berita?halaman=-1"):
        assert client.get(url).status_code in (200, 400, 404), url
    assert client.get("/berita/ab%00cd").status_code == 400  # NUL: refused at the boundary
