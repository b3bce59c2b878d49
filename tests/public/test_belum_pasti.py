"""The unverified marker on public pages: one short "belum pasti" tag per section at most,
linking to the one explanatory note on the page; the old repeated phrase is gone."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from app.domain.konten import PENANDA
from tests.public.conftest import SEMUA, WILAYAH

CEK = ("/cek", "/cek/aturan", "/cek/hasil?kepesertaan=tidak&domisili=kota_bekasi"
       "&pekerjaan=ojol&usia=70&desil=tidak_tahu")
_JUDUL = re.compile(r"(?=<h[1-6][\s>])")


def tanda_per_bagian(html: str) -> list[int]:
    """How many markers each section (text from one heading to the next) shows."""
    return [len(BeautifulSoup(b, "html.parser").select(".tag--belum"))
            for b in _JUDUL.split(html)]


def test_the_counter_sees_two_markers_in_one_section():
    html = '<h2>A</h2><p><a class="tag tag--belum">belum pasti</a> <span class="tag tag--belum">'
    assert tanda_per_bagian(html) == [0, 2]


@pytest.mark.parametrize("wilayah", WILAYAH)
def test_every_public_page_shows_the_marker_at_most_once_per_section(app_wilayah, wilayah):
    client = app_wilayah(wilayah).test_client()
    for url in (*SEMUA, *CEK):
        r = client.get(url)
        assert r.status_code in (200, 303), url
        html = r.get_data(as_text=True)
        assert "sedang dikonfirmasi" not in html, url
        assert PENANDA not in html, url
        assert max(tanda_per_bagian(html)) <= 1, url
        soup = BeautifulSoup(html, "html.parser")
        if soup.select('a.tag--belum[href="#catatan-belum-pasti"]'):
            assert len(soup.select("#catatan-belum-pasti")) == 1, url
