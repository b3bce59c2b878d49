"""Site search over HTTP: ranking, helpful messages, escaping, htmx, index built once."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

HX = {"HX-Request": "true"}


def _cari(get_page, q: str, **kwargs):
    return get_page("/cari?" + urlencode({"q": q}), **kwargs)


def _urls(soup) -> list[str]:
    return [li["data-url"] for li in soup.select(".hasil-cari__item")]


def test_death_claim_query_finds_the_jkm_claim_section_first(get_page):
    soup = _cari(get_page, "klaim kematian")

    assert _urls(soup)[0] == "/cara-klaim#klaim-jkm"
    pertama = soup.select_one(".hasil-cari__item")
    assert (
        pertama.select_one(".hasil-cari__konteks").get_text(strip=True) == "Cara mengajukan klaim"
    )
    assert pertama.select_one("mark")


def test_scholarship_query_finds_the_scholarship_page_first(get_page):
    soup = _cari(get_page, "beasiswa anak")
    assert _urls(soup)[0] == "/hak-dan-manfaat/beasiswa"


@pytest.mark.parametrize(
    "q", ["Klaim KEMATIAN", "klaim  kematian ", "klaim meninggal", "klaim wafat"]
)
def test_case_spacing_and_synonyms_do_not_change_the_top_result(get_page, q):
    assert _urls(_cari(get_page, q))[0] == "/cara-klaim#klaim-jkm"


def test_results_region_announces_the_count(get_page):
    soup = _cari(get_page, "klaim")

    region = soup.select_one("#hasil-cari")
    assert region["aria-live"] == "polite"
    status = region.select_one(".hasil-cari__status")
    jumlah = int(status["data-jumlah"])
    assert jumlah > 0 and status.get_text(strip=True).startswith(f"{jumlah} hasil untuk “klaim”")
    assert 0 < len(_urls(soup)) <= jumlah


def test_empty_query_is_200_with_a_helpful_message(get_page):
    for url in ("/cari", "/cari?q=", "/cari?q=+++"):
        soup = get_page(url)
        region = soup.select_one("#hasil-cari")
        assert region.select_one("[data-status=kosong]")
        assert "klaim" in region.get_text()
        populer = [a["href"] for a in region.select(".tautan-cepat a")]
        assert "/cari?q=klaim+kematian" in populer


def test_long_query_is_200_cut_to_100_characters_with_a_message(get_page):
    soup = _cari(get_page, "klaim " * 84)  # 504 characters

    assert soup.select_one("[data-status=dipotong]")
    assert "100 huruf pertama" in soup.select_one("[data-status=dipotong]").get_text()
    assert len(soup.select_one("#q")["value"]) <= 100
    assert _urls(soup)  # the first 100 characters are still searched


def test_query_with_only_function_words_explains_itself(get_page):
    soup = _cari(get_page, "yang dan di")
    assert soup.select_one("[data-status=kata-umum]")


def test_no_results_suggests_what_to_do(get_page):
    soup = _cari(get_page, "zzzqqq")
    assert soup.select_one("[data-status=tidak-ada]")["data-jumlah"] == "0"
    assert soup.select_one(".tautan-cepat a")


def test_html_in_the_query_is_escaped(client, page_checker):
    r = client.get("/cari?" + urlencode({"q": "<script>alert(1)</script>"}))

    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page_checker.check(html)


def test_htmx_request_gets_only_the_results(client, page_checker):
    r = client.get("/cari?q=klaim", headers=HX)

    assert r.status_code == 200
    assert "HX-Request" in r.headers["Vary"]
    soup = page_checker.check_fragment(r.get_data(as_text=True))
    assert soup.select_one(".hasil-cari__item")
    assert soup.select_one("form") is None


def test_search_box_is_wired_for_search_as_you_type(get_page):
    masukan = get_page("/cari?q=iuran").select_one("input#q")

    assert masukan["name"] == "q" and masukan["value"] == "iuran"
    assert masukan["data-hx-get"] == "/cari"
    assert masukan["data-hx-trigger"] == "input changed delay:300ms, search"
    assert masukan["data-hx-target"] == "#hasil-cari"
    assert masukan["data-hx-push-url"] == "true"
    assert masukan.find_parent("form")["method"] == "get"


def test_the_index_is_built_once_at_start_up(app, client, monkeypatch):
    indeks = app.extensions["sigap_situs"].indeks

    def jangan(*args, **kwargs):
        raise AssertionError("index rebuilt during a request")

    monkeypatch.setattr("app.domain.cari.Indeks.__init__", jangan)
    assert client.get("/cari?q=klaim").status_code == 200
    assert client.get("/cari?q=beasiswa").status_code == 200
    assert app.extensions["sigap_situs"].indeks is indeks


def test_faq_answers_are_found_and_link_to_their_anchor(get_page):
    soup = _cari(get_page, "kartu peserta hilang")
    assert _urls(soup)[0] == "/faq#kartu-peserta-hilang"
