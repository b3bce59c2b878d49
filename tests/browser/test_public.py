"""Public pages in a real browser: axe on each, all usable without JavaScript, htmx on top."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.public.conftest import KALKULATOR_JKM, SEMUA

pytestmark = pytest.mark.browser

HALAMAN_AXE = (
    *SEMUA,
    "/cari?q=klaim+kematian",
    "/kalkulator?kasus=meninggal_biasa&peserta=mandiri&penghasilan=-1&lama_kepesertaan_tahun=5",
    "/kalkulator?kasus=meninggal_kecelakaan_kerja&peserta=mandiri&penghasilan=100000"
    "&lama_kepesertaan_tahun=0"
    "&anak_1=sd&anak_2=pt",
)


@pytest.mark.parametrize("url", HALAMAN_AXE)
def test_public_page_has_no_axe_violations(page, live_server, axe, url):
    page.goto(live_server.url + url)
    assert page.locator("h1").count() == 1
    axe(page, url)


@pytest.mark.parametrize("url", SEMUA)
def test_public_page_renders_without_javascript(new_page, live_server, url):
    page = new_page(javascript=False)
    response = page.goto(live_server.url + url)

    assert response.status == 200
    assert page.locator("h1").is_visible()
    assert page.locator("main").inner_text().strip()
    assert page.locator(".site-footer").is_visible()


def test_search_works_without_javascript(new_page, live_server):
    page = new_page(javascript=False)
    page.goto(live_server.url + "/")
    page.fill("#q-beranda", "klaim kematian")
    page.press("#q-beranda", "Enter")

    page.wait_for_url(re.compile(r"/cari\?q=klaim\+kematian$"))
    assert page.locator(".hasil-cari__item").first.get_attribute("data-url") == (
        "/cara-klaim#klaim-jkm"
    )


def test_search_as_you_type(page, live_server):
    page.goto(live_server.url + "/cari")
    page.evaluate("window.belumPindah = true")  # gone if the browser loaded a new page

    page.locator("#q").press_sequentially("klaim kematian", delay=30)
    # expect() polls from outside the page: the strict CSP forbids eval inside it
    expect(page.locator(".hasil-cari__item").first).to_have_attribute(
        "data-url", "/cara-klaim#klaim-jkm"
    )
    page.wait_for_url(re.compile(r"/cari\?q=klaim(\+|%20)kematian$"))
    assert page.evaluate("window.belumPindah") is True
    assert (
        page.locator("#hasil-cari .hasil-cari__status").inner_text().startswith(tuple("123456789"))
    )
    assert page.locator("#hasil-cari mark").count() > 0
    # typing never loses focus to the results
    assert page.evaluate("document.activeElement.id") == "q"


def test_calculator_updates_as_inputs_change(page, live_server):
    page.goto(live_server.url + "/kalkulator")
    page.evaluate("window.belumPindah = true")

    page.check("#kasus")
    page.fill("#penghasilan", "1000000")
    page.fill("#lama_kepesertaan_tahun", "5")
    total = page.locator("#hasil [data-total]")
    total.wait_for()
    assert total.get_attribute("data-total") == "42000000"
    assert page.evaluate("window.belumPindah") is True
    page.wait_for_url(re.compile(r"kasus=meninggal_biasa"))

    # a child at SD adds the first year of the scholarship
    page.select_option("#anak", "sd")
    expect(page.locator("#hasil [data-total]")).to_have_attribute("data-total", "43500000")
    # a wrong declared income (self-paying BPU) shows the error summary in place
    page.check("#peserta-mandiri")
    page.fill("#penghasilan", "-1")
    page.locator("#hasil #ringkasan-kesalahan").wait_for()
    assert page.locator("#hasil [data-total]").count() == 0
    assert page.evaluate("window.belumPindah") is True


def test_calculator_works_without_javascript(new_page, live_server):
    page = new_page(javascript=False)
    page.goto(live_server.url + "/kalkulator")
    page.check("#kasus")
    page.fill("#penghasilan", "1000000")
    page.fill("#lama_kepesertaan_tahun", "5")
    page.click("button[type=submit]")

    page.wait_for_url(re.compile(r"/kalkulator\?.*kasus=meninggal_biasa.*#hasil$"))
    assert page.locator("#hasil [data-total]").get_attribute("data-total") == "42000000"


def test_calculator_error_without_javascript(new_page, live_server):
    page = new_page(javascript=False)
    response = page.goto(
        live_server.url + KALKULATOR_JKM.replace("1000000", "-5") + "&peserta=mandiri"
    )

    assert response.status == 422
    page.click("#ringkasan-kesalahan a")
    assert page.evaluate("location.hash") == "#penghasilan"
