"""The officers' area in a real browser: axe on the claim page and participant list, htmx search."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from app.services.dokumen import unggah_dokumen
from app.services.klaim import tambah_catatan
from tests.staf import conftest as staf_fixtures

pytestmark = pytest.mark.browser

# The officers' sign-in and claim fixtures live in tests/staf/conftest.py; reuse them here.
masuk = staf_fixtures.masuk
klaim_jkm = staf_fixtures.klaim_jkm

PDF = b"%PDF-1.4\n" + b"isi dokumen " * 100


@pytest.fixture
def halaman_petugas(new_page, live_server, masuk, factory):
    """A browser page signed in as an officer (through the test-only sign-in route)."""

    def buka(javascript: bool = True):
        user = factory.user(peran="petugas", nama="Agus Petugas")
        page = new_page(javascript=javascript)
        page.goto(f"{live_server.url}/_uji/masuk/{user.id}")
        return page

    return buka


@pytest.fixture
def klaim_lengkap(db, factory, klaim_jkm):
    """A claim with an upload, a rejected document, and an internal note."""
    unggah_dokumen(db.session, klaim_jkm, "akta_kematian", io.BytesIO(PDF), klaim_jkm.pemohon,
                   nama_berkas="akta.pdf")
    tambah_catatan(db.session, klaim_jkm, "Cek rekening ke bank.", None)
    db.session.commit()
    return klaim_jkm


@pytest.fixture
def banyak_peserta(factory):
    for n in range(30):
        factory.peserta(nama=f"Pekerja {n:02d}")
    return factory.peserta(nama="Budi Santoso", nik="3275011506880001", kpj="26011234567")


def test_officers_claim_page_has_no_axe_violations(halaman_petugas, live_server, klaim_lengkap,
                                                    axe):
    page = halaman_petugas()
    response = page.goto(f"{live_server.url}/staf/klaim/{klaim_lengkap.public_id}")
    assert response.status == 200
    assert page.locator("h1").inner_text() == f"Klaim {klaim_lengkap.nomor}"
    axe(page, "officers' claim page")


def test_claim_page_with_form_errors_has_no_axe_violations(halaman_petugas, live_server,
                                                          klaim_lengkap, axe):
    page = halaman_petugas()
    page.goto(f"{live_server.url}/staf/klaim/{klaim_lengkap.public_id}")
    page.locator('input[name="ke"][value="ditolak"]').check()
    page.locator("form[action$=\"/status\"] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#ringkasan-kesalahan").is_visible()
    assert page.evaluate("document.activeElement.id") == "ringkasan-kesalahan"
    axe(page, "claim page with an error summary")


def test_participant_list_has_no_axe_violations(halaman_petugas, live_server, banyak_peserta,
                                                axe):
    page = halaman_petugas()
    page.goto(f"{live_server.url}/staf/peserta")
    assert page.locator("tr[data-peserta]").count() == 25
    axe(page, "participant list")


def test_typing_in_the_search_swaps_the_table_and_the_address(halaman_petugas, live_server,
                                                              banyak_peserta, axe):
    page = halaman_petugas()
    page.goto(f"{live_server.url}/staf/peserta")
    muat_penuh = []
    page.on("load", lambda: muat_penuh.append(page.url))
    page.locator("#q").press_sequentially("budi", delay=30)
    expect(page.locator("tr[data-peserta]")).to_have_count(1)
    page.wait_for_url("**/staf/peserta?q=budi")
    assert page.locator("tr[data-peserta] a").inner_text() == "Budi Santoso"
    assert "1 peserta" in page.locator("#jumlah-peserta").inner_text()
    assert page.locator("h1").count() == 1  # only the table was swapped
    assert page.evaluate("document.activeElement.id") == "q"  # typing is not interrupted
    assert muat_penuh == []
    axe(page, "participant list after an htmx search")


def test_paging_works_without_javascript(halaman_petugas, live_server, banyak_peserta):
    page = halaman_petugas(javascript=False)
    page.goto(f"{live_server.url}/staf/peserta")
    page.locator(".paging a[rel=next]").click()
    page.wait_for_url("**/staf/peserta?halaman=2")
    assert page.locator("tr[data-peserta]").count() == 6
    page.locator("#q").fill("26011234567")
    page.locator("form.saring button[type=submit]").click()
    page.wait_for_url("**/staf/peserta?q=26011234567")
    assert page.locator("tr[data-peserta] a").inner_text() == "Budi Santoso"


def test_a_claim_moves_without_javascript(halaman_petugas, live_server, klaim_lengkap, db):
    for d in klaim_lengkap.dokumen:  # submission needs a complete file (guarded move)
        if d.status != "tidak_diperlukan":
            d.status = "diterima"
    db.session.commit()
    page = halaman_petugas(javascript=False)
    page.goto(f"{live_server.url}/staf/klaim/{klaim_lengkap.public_id}")
    page.locator('input[name="ke"][value="diajukan_bpjs"]').check()
    page.locator("#catatan_status").fill("Berkas lengkap, dikirim ke BPJS.")
    page.locator("form[action$=\"/status\"] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-state]").get_attribute("data-state") == "diajukan_bpjs"
    assert "Diajukan ke BPJS Ketenagakerjaan" in page.locator(".flash-list").inner_text()


@pytest.mark.parametrize(("alamat", "status", "judul"), [
    ("/staf/klaim?status=perlu_dokumen&terlambat=1&q=x", 200, "Klaim"),
    ("/staf/audit?dari=kemarin", 422, "Log audit"),
])
def test_filtered_lists_have_no_axe_violations(halaman_petugas, live_server, klaim_jkm, axe,
                                               alamat, status, judul):
    page = halaman_petugas()
    assert page.goto(f"{live_server.url}{alamat}").status == status
    assert page.locator("h1").inner_text() == judul
    axe(page, f"filtered list {alamat}")


def test_choosing_a_claim_status_swaps_only_the_results(halaman_petugas, live_server, factory):
    factory.klaim(state="diterima")
    page = halaman_petugas()
    page.goto(f"{live_server.url}/staf/klaim")
    page.locator("#status").select_option("perlu_dokumen")
    page.wait_for_url("**/staf/klaim?status=perlu_dokumen**")
    expect(page.locator("#jumlah-klaim")).to_contain_text("Tidak ada klaim yang cocok")
    assert page.locator("h1").count() == 1
