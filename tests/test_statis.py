"""Static files: fingerprinted URLs, a year's cache lifetime, pre-compressed copies."""

from __future__ import annotations

import gzip
import re

from app.statis import SETAHUN, bangun, nama_bersidik
from tests.conftest import PROJECT_ROOT


def test_templates_get_fingerprinted_urls(app, get_page):
    soup = get_page("/")
    css = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert css and all(re.search(r"\.[0-9a-f]{12}\.css$", h) for h in css)
    isi = (PROJECT_ROOT / "static" / "css" / "site.css").read_bytes()
    assert f"/static/{nama_bersidik('css/site.css', isi)}" in css


def test_fingerprinted_file_is_cached_for_a_year_and_gzipped(client, get_page):
    href = get_page("/").select_one('link[rel="stylesheet"]')["href"]
    r = client.get(href)
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == f"max-age={SETAHUN}, public, immutable"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    gz = client.get(href, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.data) == r.data
    assert "Accept-Encoding" in gz.headers["Vary"]


def test_plain_name_still_works_with_a_short_lifetime(client):
    r = client.get("/static/css/site.css")
    assert r.status_code == 200
    assert "immutable" not in r.headers["Cache-Control"]
    assert r.data == (PROJECT_ROOT / "static" / "css" / "site.css").read_bytes()


def test_build_is_idempotent_and_names_follow_content(tmp_path):
    sumber = tmp_path / "sumber"
    (sumber / "css").mkdir(parents=True)
    (sumber / "css" / "a.css").write_text("body { color: red; }" * 50)
    (sumber / ".tersembunyi").write_text("x")
    tujuan = tmp_path / "tujuan"
    pertama = bangun(sumber, tujuan)
    assert set(pertama) == {"css/a.css"}
    assert (tujuan / pertama["css/a.css"]).exists()
    assert (tujuan / (pertama["css/a.css"] + ".gz")).exists()
    assert bangun(sumber, tujuan) == pertama
    (sumber / "css" / "a.css").write_text("body { color: blue; }" * 50)
    assert bangun(sumber, tujuan)["css/a.css"] != pertama["css/a.css"]
