"""The page shell in a real browser: axe on the home page and every error page, no JS needed."""

from __future__ import annotations

import pytest
from flask import abort

from tests.conftest import LiveServer

pytestmark = pytest.mark.browser


@pytest.fixture
def error_server(app):
    """Live server with a route that fails with any status."""

    def galat(kode: int):
        if kode == 500:
            raise RuntimeError("uji")
        abort(kode)

    galat.sigap_akses = "publik"
    app.add_url_rule("/_uji/galat/<int:kode>", "uji_galat", galat)
    with LiveServer(app) as server:
        yield server


def test_home_page_has_no_axe_violations(page, live_server, axe):
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    axe(page)


def test_home_page_works_without_javascript(new_page, live_server, axe):
    page = new_page(javascript=False)
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("a.skip-link").count() == 1
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("kode", [400, 403, 404, 413, 422, 429, 500])
def test_error_pages_have_no_axe_violations(browser, error_server, axe, kode):
    context = browser.new_context(locale="id-ID")
    try:
        page = context.new_page()
        response = page.goto(f"{error_server.url}/_uji/galat/{kode}")
        assert response.status == kode
        axe(page, f"error page {kode}")
    finally:
        context.close()


def test_skip_link_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "isi"


def test_page_loads_nothing_from_another_host(page, live_server):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert hosts == {live_server.url.split("/")[2]}
