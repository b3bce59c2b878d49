"""At least 30 XSS payloads in title, summary and body come out inert on the public page, the
list, the feed, search results and both previews."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from app.public import berita as publik_berita
from tests.berita.bahaya import MUATAN, periksa_inert

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_corpus_is_large_enough():
    assert len(MUATAN) >= 30


@pytest.fixture
def artikel_berbahaya(terbit):
    semua = "\n\n".join(MUATAN)
    return [terbit(judul=f"Uji {n} {p}"[:200], ringkasan=p, isi=f"{p}\n\n{semua}\n\n{p}")
            for n, p in enumerate(MUATAN)]


def test_payloads_are_inert_on_articles_list_feed_and_search(client, artikel_berbahaya,
                                                             monkeypatch):
    for b in artikel_berbahaya:
        r = client.get(f"/berita/{b.slug}")
        assert r.status_code == 200, b.slug
        html = r.get_data(as_text=True)
        periksa_inert(html, f"artikel {b.slug}")
        assert "&lt;script&gt;" in html or "<script>" not in b.isi
    for n in range(1, 6):
        r = client.get(f"/berita?halaman={n}")
        assert r.status_code == 200
        periksa_inert(r.get_data(as_text=True), f"daftar {n}")
        r = client.get(f"/berita?halaman={n}", headers={"HX-Request": "true"})
        periksa_inert(r.get_data(as_text=True), f"fragmen {n}", isi_saja=True)
    periksa_inert(client.get("/").get_data(as_text=True), "beranda")

    monkeypatch.setattr(publik_berita, "JUMLAH_FEED", 100)
    feed = ET.fromstring(client.get("/berita/feed.xml").data)  # noqa: S314 - our own feed
    entri = feed.findall(f"{ATOM}entry")
    assert len(entri) == len(MUATAN)
    for e in entri:
        periksa_inert(e.findtext(f"{ATOM}content"), "feed content", isi_saja=True)
        assert e.find(f"{ATOM}title").attrib["type"] == "text"

    for q in ("uji", "alert", "script", "klik", MUATAN[0], MUATAN[1]):
        for headers in ({}, {"HX-Request": "true"}):
            r = client.get("/cari", query_string={"q": q}, headers=headers)
            assert r.status_code == 200
            periksa_inert(r.get_data(as_text=True), f"cari {q!r}", isi_saja=bool(headers))
    r = client.get("/cari", query_string={"q": "uji"})
    assert 'data-jenis="berita"' in r.get_data(as_text=True)


def test_payloads_are_inert_in_the_live_and_the_full_page_preview(client, masuk, humas):
    masuk(humas)
    for p in MUATAN:
        data = {"judul": p, "ringkasan": p, "isi": p, "aksi": "pratinjau"}
        r = client.post("/staf/berita/pratinjau", data=data, headers={"HX-Request": "true"})
        assert r.status_code == 200
        periksa_inert(r.get_data(as_text=True), f"pratinjau {p!r}", isi_saja=True)
        r = client.post("/staf/berita/baru", data=data)
        assert r.status_code == 200
        html = r.get_data(as_text=True)
        assert "data-pratinjau" in html
        pratinjau = html.split('id="pratinjau-langsung"', 1)[1]
        periksa_inert(pratinjau.split(">", 1)[1], f"pratinjau penuh {p!r}", isi_saja=True)


def test_external_links_get_noopener_nofollow_and_local_links_do_not(client, terbit):
    b = terbit(isi="[BPJS](https://www.bpjsketenagakerjaan.go.id) dan [FAQ](/faq)")
    html = client.get(f"/berita/{b.slug}").get_data(as_text=True)
    assert ('<a href="https://www.bpjsketenagakerjaan.go.id" rel="noopener nofollow">BPJS</a>'
            in html)
    assert '<a href="/faq">FAQ</a>' in html


# Broken-markup payloads that are harmless even unescaped (a browser parses no script from them).
TIDAK_BERBAHAYA_MENTAH = {"<scr<script>ipt>alert(1)</script>",
                          '<img src="x` `<script>alert(1)</script>"` `>'}


@pytest.mark.parametrize("mentah", [p for p in MUATAN if p.startswith("<") and "<!--" not in p
                                    and p not in TIDAK_BERBAHAYA_MENTAH])
def test_the_checker_catches_each_raw_html_payload(mentah):
    """The inertness check is not vacuous: each raw payload, unescaped, fails it."""
    with pytest.raises(AssertionError):
        periksa_inert(mentah, "mentah", isi_saja=True)
