"""Public information pages: structure, metadata, sources, links, FAQ, home, sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from app.domain.format import tanggal
from app.konten_app import konten
from tests.conftest import PROJECT_ROOT
from tests.public.conftest import HALAMAN, MANFAAT, SEMUA


def _meta(soup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return tag["content"]


@pytest.mark.parametrize("url", SEMUA)
def test_every_page_passes_the_checker_with_meta_and_canonical(get_page, url):
    soup = get_page(url)

    h1 = " ".join(soup.h1.get_text().split())
    assert _meta(soup, name="description").strip()
    assert _meta(soup, property="og:title") == h1
    assert _meta(soup, property="og:description") == _meta(soup, name="description")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "http://localhost" + urlsplit(url).path  # never the query string


@pytest.mark.parametrize(("slug", "url"), HALAMAN.items())
def test_content_page_shows_title_summary_date_and_sources(app, get_page, slug, url):
    with app.app_context():
        h = konten().halaman[slug]
    soup = get_page(url)

    assert soup.h1.get_text(strip=True) == h.judul
    assert _meta(soup, name="description") == h.ringkasan
    assert soup.select_one(".diperbarui").get_text(" ", strip=True) == (
        f"Diperbarui {tanggal(h.diperbarui)}"
    )
    assert soup.select_one(".diperbarui time")["datetime"] == h.diperbarui.isoformat()
    sumber = soup.find("section", attrs={"aria-labelledby": "sumber-halaman"})
    assert sumber.h2.get_text(strip=True) == "Dasar hukum dan sumber"
    assert [li.get_text(strip=True) for li in sumber.select("[data-sumber] li")] == list(h.sumber)
    jejak = soup.select_one("nav.jejak")
    assert jejak.find("a", href="/").get_text(strip=True) == "Beranda"
    assert jejak.select_one("[aria-current=page]").get_text(strip=True) == h.judul
    assert soup.select("nav.terkait li a"), "related links"


@pytest.mark.parametrize("slug", MANFAAT)
def test_benefit_pages_sit_under_the_rights_page(get_page, slug):
    soup = get_page(f"/hak-dan-manfaat/{slug}")

    jejak = [a["href"] for a in soup.select("nav.jejak a")]
    assert jejak == ["/", "/hak-dan-manfaat"]
    terkait = {a["href"] for a in soup.select("nav.terkait a")}
    assert "/hak-dan-manfaat" in terkait
    assert terkait >= {f"/hak-dan-manfaat/{s}" for s in MANFAAT if s != slug}


def test_rights_page_links_every_benefit_page(get_page):
    soup = get_page("/hak-dan-manfaat")
    kartu = [a["href"] for a in soup.select(".kartu a")]
    assert kartu == [
        f"/hak-dan-manfaat/{s}" for s in ("jkk", "jkm", "beasiswa", "jht", "jp-dan-jkp")
    ]


@pytest.mark.parametrize(
    "url",
    ["/hak-dan-manfaat/tidak-ada", "/hak-dan-manfaat/program", "/hak-dan-manfaat/JKM", "/jkm"],
)
def test_unknown_page_is_404(get_page, url):
    soup = get_page(url, status=404)
    assert soup.select_one("[data-status='404']")


def test_claim_page_has_a_section_and_checklist_per_claim_type(app, get_page):
    with app.app_context():
        dokumen = konten().data["dokumen_klaim"]
    soup = get_page("/cara-klaim")

    harapan = {
        "klaim-jkm": "JKM",
        "klaim-jkk": "JKK",
        "klaim-jkk-jika-peserta-meninggal": "JKK_meninggal",
        "klaim-beasiswa": "beasiswa",
    }
    for id_, jenis in harapan.items():
        judul = soup.find("h2", id=id_)
        assert judul is not None, id_
        checklist = judul.find_next("ul", attrs={"data-checklist": True})
        assert checklist["data-checklist"] == jenis
        # verified documents first, then the unverified ones in a list of their own
        daftar = soup.select(f'ul[data-checklist="{jenis}"]')
        kode = [li["data-kode"] for ul in daftar for li in ul.find_all("li")]
        harus = [d["kode"] for d in dokumen[jenis]]
        pasti = [d["kode"] for d in dokumen[jenis] if d.get("verified")]
        assert kode == pasti + [k for k in harus if k not in pasti]
    # and the table of contents links to each section
    assert {a["href"] for a in soup.select(".daftar-isi a")} >= {f"#{i}" for i in harapan}


def test_faq_lists_every_question_as_an_anchor_grouped_by_topic(app, get_page):
    with app.app_context():
        semua = konten().faq
    soup = get_page("/faq")

    for f in semua:
        judul = soup.find("h3", id=f.id)
        assert judul is not None, f.id
        assert judul.get_text(strip=True) == f.pertanyaan
        assert judul.a["href"] == f"#{f.id}"
        topik = judul.find_parent("section")
        assert topik.h2["id"] == f"topik-{f.topik}"
    assert len(soup.select("[data-faq]")) == len(semua)
    assert soup.select_one(".daftar-isi a")["href"].startswith("#topik-")
    assert soup.select("[data-sumber] li")
    assert soup.select_one(".diperbarui time")


def test_page_links_point_at_real_addresses(get_page):
    """The loader writes ``/jkm``; the page shows the real address ``/hak-dan-manfaat/jkm``."""
    soup = get_page("/hak-dan-manfaat")
    hrefs = {a["href"] for a in soup.select(".prosa a")}
    assert "/hak-dan-manfaat/jkm" in hrefs and "/jkm" not in hrefs


def _tautan_internal(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html5lib")
    return {
        a["href"]
        for a in soup.find_all("a", href=True)
        if a["href"].startswith("/") and not a["href"].startswith("/static/")
    }


def test_every_internal_link_and_anchor_resolves(app, client):
    """Crawl from every public page: each link answers 200 and each #anchor exists there."""
    dikunjungi: dict[str, BeautifulSoup] = {}
    antre = list(SEMUA)
    rusak = []
    while antre:
        url = antre.pop()
        path = url.split("#")[0]
        if path in dikunjungi or not path:
            continue
        r = client.get(path)
        if r.status_code == 404 and path == "/cek" and "cek.mulai" not in app.view_functions:
            continue  # content links the eligibility check by its fixed path before it lands
        if r.status_code != 200:
            rusak.append((path, r.status_code))
            dikunjungi[path] = BeautifulSoup("", "html5lib")
            continue
        html = r.get_data(as_text=True)
        dikunjungi[path] = BeautifulSoup(html, "html5lib")
        # Only follow links into this blueprint's pages; other areas test themselves.
        if path.split("?")[0] in {urlsplit(u).path for u in SEMUA}:
            antre += sorted(_tautan_internal(html))
    for path, soup in list(dikunjungi.items()):
        for href in _tautan_internal(str(soup)):
            target, _, jangkar = href.partition("#")
            target = target or path
            if jangkar and target in dikunjungi and dikunjungi[target].find(id=jangkar) is None:
                rusak.append((href, "anchor"))
    assert rusak == []


# ---------------------------------------------------------------- home page


def test_home_page_says_what_the_programme_is_from_region_data(app, get_page):
    with app.app_context():
        w = konten().wilayah
    soup = get_page("/")

    assert soup.h1.get_text(strip=True) == w["program"]["nama"]
    ringkas = soup.select("[data-ringkas-program] p")
    assert len(ringkas) == 3
    teks = " ".join(p.get_text(" ", strip=True) for p in ringkas)
    assert w["pemerintah"] in teks and "APBD Kota Bekasi" in teks and "DTSEN" in teks


def test_home_page_has_the_three_main_actions(app, get_page):
    soup = get_page("/")
    aksi = {a.get_text(strip=True): a["href"] for a in soup.select(".aksi-utama a")}
    harapan = {"Cek kelayakan": "/cek", "Cara mendaftar": "/cara-mendaftar",
               "Hak & manfaat": "/hak-dan-manfaat"}
    if "auth.masuk" in app.view_functions:  # the sign-in page is another area's
        harapan["Lacak klaim / Masuk"] = "/masuk"
    assert aksi == harapan


def test_home_page_key_figures_come_from_data(get_page):
    soup = get_page("/")
    angka = {
        li.select_one(".angka-kunci__label").get_text(strip=True): li
        for li in soup.select(".angka-kunci__item")
    }
    nilai = {k: v.select_one(".angka-kunci__nilai").get_text(strip=True) for k, v in angka.items()}

    assert nilai["Kuota peserta"] == "10.000 orang"
    assert nilai["Iuran per orang per tahun, dibayar pemerintah daerah"] == "Rp201.600"
    assert nilai["Santunan kematian (JKM) untuk ahli waris"] == "Rp42.000.000"
    assert nilai["Pekerja rentan yang sudah dilindungi"] == "11.666 orang"
    assert all(li.select_one(".angka-kunci__sumber") for li in angka.values())


def test_news_slot_is_empty_without_a_news_source(get_page):
    soup = get_page("/")
    assert soup.select_one(".berita-terbaru") is None
    assert "Berita" not in soup.select_one("main").get_text()


def test_news_slot_shows_items_once_a_source_exists(app, get_page):
    import datetime as dt
    from types import SimpleNamespace

    class Sumber:
        def terbaru(self, n):
            item = SimpleNamespace(
                judul="Santunan pertama dibayar",
                url="/berita/santunan-pertama",
                tanggal=dt.date(2026, 1, 5),
                ringkasan="Ahli waris menerima santunan.",
            )
            return [item][:n]

    app.extensions["sigap_berita"] = Sumber()
    soup = get_page("/")
    berita = soup.select_one(".berita-terbaru")
    assert berita.h2.get_text(strip=True) == "Berita terbaru"
    assert berita.find("a", href="/berita/santunan-pertama")
    assert "5 Januari 2026" in berita.get_text()


def test_public_templates_hold_no_figures():
    """Amounts live in content/data, never as literals in the public templates."""
    angka = re.compile(r"Rp\s?\d|\d{1,3}(\.\d{3})+")
    for path in sorted((PROJECT_ROOT / "templates" / "public").glob("*.html")):
        assert not angka.search(path.read_text(encoding="utf-8")), path.name


# ---------------------------------------------------------------- shell and machines


def test_navigation_and_footer_link_the_public_pages(get_page):
    soup = get_page("/program")
    nav = {a.get_text(strip=True): a["href"] for a in soup.select(".site-nav a")}
    assert nav["Hak & Manfaat"] == "/hak-dan-manfaat"
    assert nav["Cari"] == "/cari"
    footer = {a["href"] for a in soup.select(".site-footer a")}
    assert {"/kontak", "/privasi", "tel:175"} <= footer


def test_sitemap_lists_every_public_page_with_absolute_urls(app, client):
    r = client.get("/sitemap.xml")

    assert r.status_code == 200 and r.mimetype == "application/xml"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(r.data)  # noqa: S314 - our own response
    loc = [e.text for e in root.findall("s:url/s:loc", ns)]
    assert all(u.startswith("http://localhost/") for u in loc)
    paths = {urlsplit(u).path for u in loc}
    assert paths >= {"/", *HALAMAN.values(), "/faq", "/kalkulator"}
    assert ("/cek" in paths) == ("cek.mulai" in app.view_functions)
    assert "/cari" not in paths  # result pages are not pages to index
    assert len(loc) == len(set(loc))
    lastmod = root.find("s:url/s:lastmod", ns).text
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod)


def test_robots_txt_points_to_the_sitemap(client):
    r = client.get("/robots.txt")

    assert r.status_code == 200 and r.mimetype == "text/plain"
    baris = r.get_data(as_text=True).splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in baris
    assert "Disallow: /akun" in baris and "Disallow: /staf" in baris


def test_content_pages_need_no_file_reads_per_request(client, monkeypatch):
    """Everything is loaded at start-up: a request must not open content files."""
    dibaca = []
    asli = Path.read_text

    def catat(self, *args, **kwargs):
        dibaca.append(str(self))
        return asli(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", catat)
    for url in ("/", "/hak-dan-manfaat/jkm", "/faq", "/cari?q=klaim", "/kalkulator"):
        assert client.get(url).status_code == 200
    assert [p for p in dibaca if "/content/" in p] == []


def test_jkk_page_counts_santunan_berkala_in_total_permanent_disability(get_page):
    teks = get_page("/hak-dan-manfaat/jkk").main.get_text(" ", strip=True)
    assert "ditambah santunan berkala Rp12.000.000" in teks
    assert "Rp56.000.000, ditambah santunan berkala Rp12.000.000. Jumlahnya Rp68.000.000" in teks
    assert "24 bulan × Rp500.000" in teks and "tidak dicicil" in teks


def test_home_page_offers_how_to_enrol_as_plainly_as_the_check(get_page):
    soup = get_page("/")
    cek = soup.select_one('.aksi-utama a[href="/cek"]')
    daftar = soup.select_one('.aksi-utama a[href="/cara-mendaftar"]')
    assert daftar["class"] == cek["class"] == ["button"]
    assert "kelurahan" in daftar.find_next("p").get_text()


def test_glossary_explains_every_term_once_with_an_anchor(get_page, page_checker):
    soup = get_page("/istilah")
    ids = [d["id"] for d in soup.select(".istilah__item")]
    assert len(ids) == len(set(ids)) >= 18
    for wajib in ("dtsen", "desil", "bpu", "kpj", "pbi", "apbd", "jmo", "ahli-waris",
                  "santunan-sekaligus", "santunan-berkala", "balai-harta-peninggalan",
                  "surat-keterangan-ahli-waris"):
        assert wajib in ids, wajib
    assert soup.select_one("#dtsen dfn abbr")["title"] == "Data Tunggal Sosial Ekonomi Nasional"
    berkala = soup.select_one("#santunan-berkala dd").get_text(" ", strip=True)
    assert "24 bulan × Rp500.000" in berkala and "dibayar sekaligus" in berkala
    assert "Rp12.000.000" in berkala


def test_content_pages_link_terms_to_the_glossary(get_page):
    soup = get_page("/program")
    assert soup.select_one('a.istilah-tautan[href="/istilah#dtsen"]')


def test_favicon_is_served_not_404(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 200
    assert r.mimetype == "image/vnd.microsoft.icon"
    assert r.data[:4] == b"\x00\x00\x01\x00"  # an ICO header


@pytest.mark.parametrize("url", ["/", "/program", "/kontak", "/istilah"])
def test_page_titles_never_repeat_the_site_name(client, url):
    soup = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    judul = soup.title.get_text()
    assert judul.count("SIGAP") == 1, judul


def test_first_letter_only_is_lowered_inside_sentences():
    from app.domain.konten import awal_kecil

    assert awal_kecil("Surat keterangan dari RT") == "surat keterangan dari RT"
    assert awal_kecil("Hak dan manfaat Anda") == "hak dan manfaat Anda"
    assert awal_kecil("KTP ahli waris") == "KTP ahli waris"


def test_title_with_an_ampersand_is_escaped_once(client):
    html = client.get("/kalkulator").get_data(as_text=True)
    assert "&amp;amp;" not in html
