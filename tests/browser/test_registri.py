"""Import and statistics in a real browser: axe on the import page, report, progress and
/statistik; the whole import works without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.models import ImporPeserta, User
from app.services.impor_tugas import set_kemajuan
from tests.browser.test_staf import halaman_petugas  # noqa: F401 - fixture
from tests.staf import conftest as staf_fixtures
from tests.staf.test_impor import BUDI, DEWI, SALAH_KEC, SALAH_NIK, SITI, berkas

pytestmark = pytest.mark.browser
masuk = staf_fixtures.masuk


def _unggah(page, live_server, data: bytes):
    page.goto(f"{live_server.url}/staf/impor")
    page.set_input_files("#berkas", files=[{"name": "peserta.csv", "mimeType": "text/csv",
                                            "buffer": data}])
    page.get_by_role("button", name="Periksa berkas").click()
    page.wait_for_load_state()


def test_import_with_javascript_page_report_and_result(halaman_petugas, live_server, axe):  # noqa: F811
    page = halaman_petugas()
    page.goto(f"{live_server.url}/staf/impor")
    axe(page, "import page")
    page.get_by_role("button", name="Periksa berkas").click()  # no file chosen
    page.wait_for_load_state()
    expect(page.locator("#ringkasan-kesalahan")).to_be_visible()
    axe(page, "import page with an error")
    _unggah(page, live_server, berkas(BUDI, SALAH_NIK, SITI, SALAH_KEC, DEWI))
    # htmx polls the progress and reloads the page once the report is ready.
    expect(page.locator('td[data-hitung="baru"]')).to_have_text("3", timeout=20_000)
    expect(page.locator("tr[data-baris]")).to_have_count(3)
    axe(page, "import report")
    page.get_by_role("button", name="Simpan ke database").click()
    expect(page.get_by_text("Data sudah disimpan")).to_be_visible(timeout=20_000)
    axe(page, "import result")


def test_import_without_javascript(halaman_petugas, live_server):  # noqa: F811
    page = halaman_petugas(javascript=False)
    _unggah(page, live_server, berkas(BUDI, SITI))
    for _ in range(40):
        if page.locator('td[data-hitung="baru"]').count():
            break
        page.wait_for_timeout(250)
        page.get_by_role("link", name="Perbarui status").click()  # the plain refresh
    expect(page.locator('td[data-hitung="baru"]')).to_have_text("2")
    page.get_by_role("button", name="Simpan ke database").click()
    for _ in range(40):
        if page.get_by_text("Data sudah disimpan").count():
            break
        page.wait_for_timeout(250)
        page.get_by_role("link", name="Perbarui status").click()
    expect(page.get_by_text("Data sudah disimpan")).to_be_visible()


def test_progress_state_has_no_axe_violations(halaman_petugas, live_server, axe, db):  # noqa: F811
    # axe needs JavaScript; the page keeps polling (htmx) while the job is "running".
    page = halaman_petugas()
    petugas = db.session.scalar(db.select(User).where(User.peran == "petugas"))
    impor = ImporPeserta(oleh_user_id=petugas.id, nama_berkas="besar.csv", berkas="x",
                         sha256="0" * 64, ukuran=10, status="memeriksa", total=100_000)
    db.session.add(impor)
    db.session.commit()
    set_kemajuan(impor.id, 42_000, 100_000)
    page.goto(f"{live_server.url}/staf/impor/{impor.id}")
    expect(page.locator("[data-kemajuan]")).to_contain_text("42.000 dari sekitar 100.000")
    expect(page.get_by_role("link", name="Perbarui status")).to_be_visible()
    axe(page, "import in progress")


def test_statistik_has_no_axe_violations(new_page, live_server, axe, db):
    from app.demo import muat_demo

    muat_demo(besar=False)
    db.session.commit()
    page = new_page()
    response = page.goto(f"{live_server.url}/statistik")
    assert response.status == 200
    expect(page.locator("svg[role=img]")).to_have_count(6)
    axe(page, "/statistik")
