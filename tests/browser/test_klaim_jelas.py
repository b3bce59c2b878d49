"""Issue 12 in a real browser with axe: the heir's claim page in each document situation,
the receipt, the officer's page with a blocked move, the audit log; the upload without
JavaScript ends on the confirmation."""

from __future__ import annotations

import io

import pytest

from app.services.dokumen import lewati_dokumen, terima_dokumen, tolak_dokumen, unggah_dokumen
from tests.akun_bantu import PDF, Demo, argon2_cepat, muat_demo  # noqa: F401 - autouse fixture
from tests.staf import conftest as staf_fixtures

pytestmark = pytest.mark.browser
masuk = staf_fixtures.masuk
klaim_jkm = staf_fixtures.klaim_jkm


@pytest.fixture
def data_demo(db) -> Demo:
    return muat_demo(db)


def _masuk_nik(page, nik: str, sandi: str) -> None:
    page.goto("/masuk")
    page.get_by_label("NIK", exact=True).fill(nik)
    page.get_by_label("Kata sandi", exact=True).fill(sandi)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/akun/")


def test_heir_claim_page_in_each_document_situation(page, axe, db, data_demo):
    klaim = data_demo.klaim["dewi_jkm"]
    _masuk_nik(page, data_demo.users["dewi"].nik,
               data_demo.sandi["dewi"])
    page.goto(f"/akun/klaim/{klaim.public_id}")
    assert page.locator("[data-state]").first.get_attribute("data-state") == "verifikasi_berkas"
    assert "Kirim" in page.locator("[data-aksi-berikut]").inner_text()
    axe(page, "klaim ahli waris: perlu kirim dan diterima")
    # Every situation at once: sent and being checked, refused, not needed, accepted.
    perlu = [d for d in klaim.dokumen if d.status == "diminta"]
    unggah_dokumen(db.session, klaim, perlu[0].kode, io.BytesIO(PDF), klaim.pemohon,
                   nama_berkas="a.pdf")
    tolak_dokumen(db.session, perlu[1], "Foto buram, tulisan tidak terbaca.", None)
    lewati_dokumen(db.session, perlu[2], None)
    db.session.commit()
    page.goto(f"/akun/klaim/{klaim.public_id}")
    for grup in ("perlu", "diperiksa", "diterima", "tidak"):
        assert page.locator(f'[data-grup="{grup}"]').count() == 1, grup
    page.locator('details[data-grup="tidak"] summary').click()
    page.locator(".ganti-berkas summary").first.click()
    axe(page, "klaim ahli waris: semua keadaan dokumen")
    # Nothing left to send: the next action says so.
    for d in klaim.dokumen:
        if d.status in ("diminta", "ditolak", "diunggah"):
            terima_dokumen(db.session, d, None)
    db.session.commit()
    page.goto(f"/akun/klaim/{klaim.public_id}")
    assert "Tidak ada yang perlu Anda lakukan" in page.locator("[data-aksi-berikut]").inner_text()
    assert page.locator('[data-grup="perlu"]').count() == 0
    axe(page, "klaim ahli waris: semua diterima")


def test_upload_without_javascript_ends_on_the_confirmation_and_the_receipt_passes_axe(
        new_page, page, axe, data_demo, tmp_path):
    klaim = data_demo.klaim["siti_beasiswa"]
    tanpa_js = new_page(javascript=False)
    _masuk_nik(tanpa_js, "3275015203850002", data_demo.sandi["siti"])
    tanpa_js.goto(f"/akun/klaim/{klaim.public_id}")
    berkas = tmp_path / "akta.pdf"
    berkas.write_bytes(PDF)
    item = tanpa_js.locator('[data-dokumen="akta_kelahiran_anak"]')
    item.locator('input[type="file"]').set_input_files(str(berkas))
    item.get_by_role("button", name="Kirim berkas").click()
    konfirmasi = tanpa_js.locator("[data-konfirmasi-unggah]")
    assert konfirmasi.count() == 1
    nomor = konfirmasi.get_attribute("data-tanda-terima")
    assert nomor in konfirmasi.inner_text()
    # The same receipt page, with JavaScript, through axe (axe needs JS).
    _masuk_nik(page, "3275015203850002", data_demo.sandi["siti"])
    page.goto(tanpa_js.url)
    assert page.get_by_role("button", name="Cetak tanda terima").is_visible()
    axe(page, "tanda terima dengan konfirmasi")
    page.emulate_media(media="print")
    assert not page.locator("[data-konfirmasi-unggah]").is_visible()
    assert page.locator(".tanda-terima-surat").is_visible()


@pytest.fixture
def halaman_petugas(new_page, live_server, masuk, factory):
    def buka():
        user = factory.user(peran="petugas", nama="Agus Petugas")
        page = new_page()
        page.goto(f"{live_server.url}/_uji/masuk/{user.id}")
        return page

    return buka


def test_officer_claim_page_with_a_blocked_move_and_the_audit_log(halaman_petugas, live_server,
                                                                  klaim_jkm, axe):
    page = halaman_petugas()
    page.goto(f"{live_server.url}/staf/klaim/{klaim_jkm.public_id}")
    tolak = page.locator('[data-alasan-tolak][data-ke="diajukan_bpjs"]')
    assert "belum diterima" in tolak.inner_text()
    assert page.locator('input[name="ke"][value="diajukan_bpjs"]').count() == 0
    axe(page, "klaim petugas dengan langkah tertahan")
    # Ask for a document: the claim goes back to the heir, the audit log says it in words.
    page.locator('[data-dokumen="akta_kematian"] [data-aksi="minta"], '
                 '[data-dokumen="akta_kematian"] [data-aksi="lewati"]').first.click()
    page.goto(f"{live_server.url}/staf/audit")
    assert page.locator("tr[data-aksi] [data-objek] a").count() >= 1
    axe(page, "log audit")
