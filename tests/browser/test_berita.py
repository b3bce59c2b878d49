"""The newsroom and public news in a real browser: axe on the list, an article, the editor
(empty, with errors, with preview) and the 410 page; live preview and "Muat lebih banyak"
with JS; the editor without JS."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.berita import conftest as berita_fixtures
from tests.staf import conftest as staf_fixtures

pytestmark = pytest.mark.browser

masuk = staf_fixtures.masuk
humas = berita_fixtures.humas
humas2 = berita_fixtures.humas2
tulis = berita_fixtures.tulis
terbit = berita_fixtures.terbit


@pytest.fixture
def halaman_humas(new_page, live_server, masuk, humas):
    """A browser page signed in as comms staff (through the test-only sign-in route)."""

    def buka(javascript: bool = True):
        page = new_page(javascript=javascript)
        page.goto(f"{live_server.url}/_uji/masuk/{humas.id}")
        return page

    return buka


@pytest.fixture
def artikel(app, db, terbit):
    """Eleven published articles; the newest has a picture."""
    from app.penyimpanan import penyimpanan
    from app.services import gambar_berita

    for n in range(10):
        terbit(judul=f"Kabar program nomor {n}", isi=f"Isi kabar {n}.")
    img = io.BytesIO()
    Image.new("RGB", (900, 500), (0, 112, 60)).save(img, "PNG")
    img.seek(0)
    nama = gambar_berita.simpan(penyimpanan(app), img)
    return terbit(judul="Peluncuran di Balai Patriot", ringkasan="11.666 pekerja terlindungi.",
                  isi="## Siapa\n\n- ojol\n- pedagang\n\n[Cek](/cek)", gambar=nama,
                  alt_gambar="Tulisan 11.666 pekerja terlindungi")


def test_news_list_article_and_410_have_no_axe_violations(page, live_server, axe, artikel,
                                                          tulis, humas):
    r = page.goto(f"{live_server.url}/berita")
    assert r.status == 200
    axe(page, "daftar berita")
    r = page.goto(f"{live_server.url}/berita/{artikel.slug}")
    assert r.status == 200
    expect(page.locator("h1")).to_have_text("Peluncuran di Balai Patriot")
    axe(page, "artikel")
    tulis(humas, "arsipkan", berita=artikel)
    # A new address: the page store may keep the published page for its short lifetime.
    r = page.goto(f"{live_server.url}/berita/{artikel.slug}?arsip")
    assert r.status == 410
    axe(page, "410")


def test_load_more_appends_the_next_page_with_htmx(page, live_server, artikel):
    page.goto(f"{live_server.url}/berita")
    expect(page.locator(".daftar-berita__item")).to_have_count(10)
    page.get_by_role("link", name="Muat lebih banyak").click()
    expect(page.locator(".daftar-berita__item")).to_have_count(11)
    assert page.url.endswith("/berita")
    # Keyboard and screen-reader users continue at the first article just loaded.
    expect(page.locator(".daftar-berita__item").nth(10).locator("a")).to_be_focused()
    expect(page.get_by_role("link", name="Muat lebih banyak")).to_have_count(0)


def test_editor_empty_with_errors_and_with_preview_has_no_axe_violations(halaman_humas,
                                                                        live_server, axe):
    page = halaman_humas()
    page.goto(f"{live_server.url}/staf/berita/baru")
    axe(page, "penyunting kosong")
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page, "penyunting dengan kesalahan")
    page.get_by_label("Judul").fill("Judul untuk pratinjau")
    page.get_by_label("Isi berita").fill("## Subjudul\n\nParagraf **tebal**.")
    page.get_by_role("button", name="Pratinjau").click()
    expect(page.locator("[data-pratinjau] strong")).to_have_text("tebal")
    axe(page, "penyunting dengan pratinjau")


def test_the_live_preview_follows_typing(halaman_humas, live_server):
    page = halaman_humas()
    page.goto(f"{live_server.url}/staf/berita/baru")
    page.get_by_label("Judul").fill("Judul langsung")
    page.get_by_label("Isi berita").type("- butir satu")
    expect(page.locator("#pratinjau-langsung [data-pratinjau] li")).to_have_text("butir satu")
    expect(page.locator("#pratinjau-langsung")).to_contain_text("Judul langsung")
    expect(page.get_by_label("Isi berita")).to_be_focused()  # the preview never takes focus


def test_the_editor_works_without_javascript(halaman_humas, live_server, db):
    from app.models import Berita

    page = halaman_humas(javascript=False)
    page.goto(f"{live_server.url}/staf/berita/baru")
    page.get_by_label("Judul").fill("Ditulis tanpa JavaScript")
    page.get_by_label("Ringkasan").fill("Ringkas.")
    page.get_by_label("Isi berita").fill("Isi.")
    page.get_by_role("button", name="Ajukan tinjauan").click()
    expect(page.locator("h1")).to_have_text("Ubah berita")
    expect(page.locator("[data-status='menunggu_tinjauan']").first).to_be_visible()
    assert db.session.query(Berita).one().status == "menunggu_tinjauan"


def test_revision_history_with_a_diff_has_no_axe_violations(halaman_humas, live_server, axe,
                                                            tulis, humas):
    b = tulis(humas, isi="Baris lama.")
    tulis(humas, berita=b, isi="Baris baru.")
    page = halaman_humas()
    page.goto(f"{live_server.url}/staf/berita/{b.id}/riwayat")
    page.get_by_role("button", name="Bandingkan").click()
    expect(page.locator(".diff__tambah")).to_contain_text("Baris baru.")
    axe(page, "riwayat revisi")
    page.goto(f"{live_server.url}/staf/berita/{b.id}")
    axe(page, "penyunting artikel tersimpan")
