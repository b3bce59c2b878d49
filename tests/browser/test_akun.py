"""Accounts in a real browser: axe on sign-in, activation, dashboards and the claim page;
the heir's claim flow (sign in → claim → upload) with JavaScript off and with htmx."""

from __future__ import annotations

import pytest

from tests.akun_bantu import (
    PDF,
    Demo,
    argon2_cepat,  # noqa: F401 - autouse fixture
    muat_demo,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def data_demo(db) -> Demo:
    """The demo people and claims, committed so the live server sees them."""
    return muat_demo(db)


def _masuk(page, identitas: str, sandi: str) -> None:
    page.goto("/masuk")
    page.get_by_label("NIK", exact=True).fill(identitas)
    page.get_by_label("Kata sandi", exact=True).fill(sandi)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/akun/")


def test_sign_in_page_and_its_error_state_have_no_axe_violations(page, axe, data_demo):
    page.goto("/masuk")
    axe(page, "masuk")
    page.get_by_role("button", name="Masuk").click()
    assert page.locator("#ringkasan-kesalahan").count() == 1
    axe(page, "masuk dengan kesalahan")


def test_activation_page_and_its_error_state_have_no_axe_violations(page, axe, data_demo):
    page.goto("/aktivasi")
    axe(page, "aktivasi")
    page.get_by_label("NIK", exact=True).fill("3275015203850002")
    page.get_by_label("Kode aktivasi").fill("ABCD-EFGH-JK")
    page.get_by_label("Kata sandi baru", exact=True).fill("kopi-pagi-di-teras")
    page.get_by_label("Ulangi kata sandi baru").fill("kopi-pagi-di-teras")
    page.get_by_role("button", name="Aktifkan akun").click()
    assert "tidak cocok" in page.locator("#ringkasan-kesalahan").inner_text()
    axe(page, "aktivasi dengan kesalahan")


def test_worker_dashboard_has_no_axe_violations(page, axe, data_demo):
    _masuk(page, "3275011506880001", data_demo.sandi["budi"])
    assert page.locator("[data-kartu-peserta]").count() == 1
    axe(page, "beranda peserta")


def test_heir_dashboard_and_claim_pages_have_no_axe_violations(page, axe, data_demo):
    _masuk(page, "3275015203850002", data_demo.sandi["siti"])
    axe(page, "beranda ahli waris")
    for kunci in ("siti_beasiswa", "siti_jkm"):
        page.goto(f"/akun/klaim/{data_demo.klaim[kunci].public_id}")
        axe(page, f"halaman klaim {kunci}")
    page.goto("/akun/pesan")
    axe(page, "pesan")


def test_heir_claim_flow_works_without_javascript(new_page, data_demo, tmp_path):
    page = new_page(javascript=False)
    _masuk(page, "3275015203850002", data_demo.sandi["siti"])
    klaim = data_demo.klaim["siti_beasiswa"]
    page.get_by_role("link", name=f"Beasiswa pendidikan anak, {klaim.nomor}").click()
    assert page.locator("[data-label-status]").inner_text() == "Perlu dokumen dari Anda"
    berkas = tmp_path / "akta-kelahiran.pdf"
    berkas.write_bytes(PDF)
    item = page.locator('[data-dokumen="akta_kelahiran_anak"]')
    item.locator('input[type="file"]').set_input_files(str(berkas))
    # No JS: a plain multipart POST, then the receipt page with the confirmation on top.
    dok_id = _id_dokumen(item)
    item.get_by_role("button", name="Kirim berkas").click()
    assert page.url.endswith(f"/akun/klaim/{klaim.public_id}/tanda-terima?baru={dok_id}")
    konfirmasi = page.locator("[data-konfirmasi-unggah]")
    nomor = konfirmasi.get_attribute("data-tanda-terima")
    assert nomor and nomor in konfirmasi.inner_text()
    assert nomor in page.locator('tr[data-dokumen="akta_kelahiran_anak"]').inner_text()
    page.get_by_role("link", name=f"Kembali ke klaim {klaim.nomor}").click()
    assert page.locator("[data-label-status]").inner_text() == "Pemeriksaan berkas"
    assert nomor in page.locator('[data-dokumen="akta_kelahiran_anak"]').inner_text()
    # (axe needs JavaScript in the page; the receipt is checked with axe in its own test.)


def _id_dokumen(item) -> str:
    return item.get_attribute("id").removeprefix("dokumen-")


def test_refused_upload_without_javascript_shows_the_reason(new_page, data_demo, tmp_path):
    page = new_page(javascript=False)
    _masuk(page, "3275015203850002", data_demo.sandi["siti"])
    page.goto(f"/akun/klaim/{data_demo.klaim['siti_beasiswa'].public_id}")
    program = tmp_path / "surat.pdf"
    program.write_bytes(b"MZ" + b"\x00" * 1000)
    item = page.locator('[data-dokumen="akta_kelahiran_anak"]')
    item.locator('input[type="file"]').set_input_files(str(program))
    item.get_by_role("button", name="Kirim berkas").click()
    assert "program" in page.locator("#ringkasan-kesalahan").inner_text()
    assert page.locator('[data-dokumen="akta_kelahiran_anak"]').get_attribute(
        "data-status") == "diminta"


def test_upload_with_htmx_swaps_the_checklist_and_moves_focus_to_the_receipt(page, data_demo,
                                                                             tmp_path, axe):
    _masuk(page, "3275015203850002", data_demo.sandi["siti"])
    page.goto(f"/akun/klaim/{data_demo.klaim['siti_beasiswa'].public_id}")
    page.evaluate("window.__penanda = 'tidak dimuat ulang'")
    berkas = tmp_path / "akta.pdf"
    berkas.write_bytes(PDF)
    item = page.locator('[data-dokumen="akta_kelahiran_anak"]')
    item.locator('input[type="file"]').set_input_files(str(berkas))
    item.get_by_role("button", name="Kirim berkas").click()
    tanda = page.locator('[data-dokumen="akta_kelahiran_anak"] [data-tanda-terima]')
    tanda.wait_for()
    assert page.evaluate("window.__penanda") == "tidak dimuat ulang"
    assert page.locator("[data-label-status]").inner_text() == "Pemeriksaan berkas"
    # Focus moves after htmx settles (site.js); poll, since wait_for_function needs eval (CSP).
    for _ in range(50):
        if page.evaluate("() => document.activeElement.hasAttribute('data-tanda-terima')"):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("focus did not move to the receipt line")
    axe(page, "halaman klaim setelah unggah (htmx)")
