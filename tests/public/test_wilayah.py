"""Region as configuration: SIGAP_REGION changes every programme mention, no code change."""

from __future__ import annotations

import pytest

from tests.pages import PageChecker
from tests.public.conftest import SEMUA, WILAYAH

KOTA_NAMA = "SIGAP — Siap Jaga Pekerja Informal"
KAB_NAMA = "Program Perlindungan Pekerja Rentan Kabupaten Bekasi"


def _teks(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    return r.get_data(as_text=True)


def test_kabupaten_programme_page_shows_its_own_name_and_figures(app_wilayah):
    client = app_wilayah("kabupaten-bekasi").test_client()
    html = _teks(client, "/program")

    assert "<h1>Program Perlindungan Pekerja Rentan di Kabupaten Bekasi</h1>" in html
    assert KAB_NAMA in html
    assert "75.903 orang" in html  # participants in 2023
    assert "APBDes" in html
    assert "Nama ini nama kerja situs" in html  # the unofficial name is said to be one
    # nothing of Kota Bekasi's programme
    assert KOTA_NAMA not in html and "SIGAP" not in html
    assert "10.000 orang" not in html and "Rp2.000.000.000" not in html
    assert "11.666" not in html and "Kota Bekasi" not in html


def test_kabupaten_home_page_shows_its_own_name_and_figures(app_wilayah):
    client = app_wilayah("kabupaten-bekasi").test_client()
    html = _teks(client, "/")

    assert f"<h1>{KAB_NAMA}</h1>" in html
    assert "Pemerintah Kabupaten Bekasi" in html
    assert "75.903 orang" in html
    # the premium is not confirmed for the Kabupaten: the figures section carries the tag
    assert "Rp201.600" in html and 'class="tag tag--belum"' in html
    assert 'id="catatan-belum-pasti"' in html
    assert "Nama ini nama kerja situs" in html
    assert KOTA_NAMA not in html and "SIGAP" not in html
    assert "10.000 orang" not in html and "Kota Bekasi" not in html


def test_kota_home_page_is_the_default(client):
    html = _teks(client, "/")
    assert f"<h1>{KOTA_NAMA}</h1>" in html
    assert "10.000 orang" in html and "Kabupaten Bekasi" not in html


@pytest.mark.parametrize("kode", WILAYAH)
def test_both_regions_render_every_page(app_wilayah, kode):
    client = app_wilayah(kode).test_client()
    checker = PageChecker()
    for url in SEMUA:
        checker.check(_teks(client, url))


@pytest.mark.parametrize("kode", WILAYAH)
def test_search_ranking_holds_in_both_regions(app_wilayah, kode):
    indeks = app_wilayah(kode).extensions["sigap_situs"].indeks
    assert indeks.cari("klaim kematian").hasil[0].dokumen.url == "/cara-klaim#klaim-jkm"
    assert indeks.cari("beasiswa anak").hasil[0].dokumen.url == "/hak-dan-manfaat/beasiswa"
