"""/verifikasi in a real browser: axe on the form and every result state (429 too), and the
whole check working with JavaScript off, by typed code and by uploaded PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.auth.pembatas import BatasPercobaan
from app.models import Peserta, SuratTerbit
from app.services import surat as layanan
from tests.akun_bantu import argon2_cepat, masuk_sebagai, muat_demo  # noqa: F401 - autouse
from tests.staf import conftest as staf_fixtures
from tests.surat_bantu import kode_dari_teks, teks_pdf

masuk = staf_fixtures.masuk  # the test-only sign-in route (staff sign-in has a second step)

pytestmark = pytest.mark.browser


@pytest.fixture
def dokumen(app, db):
    """One document in each state, issued the way owners get them (their own download)."""
    demo = muat_demo(db)
    klien = app.test_client()
    masuk_sebagai(klien, demo, "budi")
    lama = klien.get("/akun/sertifikat.pdf").data
    budi = db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso"))
    budi.akhir = dt.date(2027, 6, 30)
    db.session.commit()
    sah = klien.get("/akun/sertifikat.pdf").data
    klien.post("/keluar")
    masuk_sebagai(klien, demo, "siti")
    surat = klien.get(f"/akun/klaim/{demo.klaim['siti_jkm'].public_id}/surat.pdf").data
    kode_cabut = kode_dari_teks(teks_pdf(surat))
    layanan.cabut(db.session, db.session.scalar(select(SuratTerbit).where(
        SuratTerbit.kode == kode_cabut)), "Uji.", demo.users["petugas"], None)
    db.session.commit()
    return {"sah": kode_dari_teks(teks_pdf(sah)), "diganti": kode_dari_teks(teks_pdf(lama)),
            "dicabut": kode_cabut, "tidak_ditemukan": "ABCDEFGHJKMNPQRS", "pdf_sah": sah}


def test_form_and_each_result_state_have_no_axe_violations(page, axe, dokumen, db):
    page.goto("/verifikasi")
    axe(page, "formulir verifikasi")
    page.get_by_role("button", name="Periksa kode").click()
    assert page.locator("#ringkasan-kesalahan").count() == 1
    axe(page, "formulir verifikasi dengan kesalahan")
    for status in ("sah", "diganti", "dicabut", "tidak_ditemukan"):
        r = page.goto(f"/verifikasi/{dokumen[status]}")
        assert r.status == (404 if status == "tidak_ditemukan" else 200)
        assert page.locator("[data-status]").get_attribute("data-status") == status
        axe(page, f"hasil {status}")
    # The valid certificate once its holder is no longer covered.
    db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso")).status = "nonaktif"
    db.session.commit()
    page.goto(f"/verifikasi/{dokumen['sah']}")
    assert page.locator("[data-status]").get_attribute("data-status") == "tidak_aktif"
    axe(page, "hasil tidak_aktif")


def test_throttled_state_has_no_axe_violations(app, page, axe, dokumen):
    app.extensions["sigap_pembatas"].aturan["verifikasi_ip"] = BatasPercobaan(2)
    for _ in range(2):
        page.goto(f"/verifikasi/{dokumen['sah']}")
    r = page.goto(f"/verifikasi/{dokumen['sah']}")
    assert r.status == 429
    assert "Coba lagi setelah pukul" in page.locator("[data-terkunci]").inner_text()
    axe(page, "terlalu sering")


def test_checking_works_without_javascript_by_code_and_by_file(new_page, dokumen, tmp_path):
    page = new_page(javascript=False)
    page.goto("/verifikasi")
    kode = dokumen["sah"]
    diketik = f"{kode[:4]}-{kode[4:8]} {kode[8:]}".lower()
    page.get_by_label("Kode verifikasi", exact=True).fill(diketik)
    page.get_by_role("button", name="Periksa kode").click()
    assert page.url.endswith(f"/verifikasi/{kode}")
    assert page.locator("[data-status]").get_attribute("data-status") == "sah"

    berkas = tmp_path / "sertifikat.pdf"
    berkas.write_bytes(dokumen["pdf_sah"])
    page.get_by_label("Berkas PDF yang diterima").set_input_files(str(berkas))
    page.get_by_role("button", name="Periksa berkas").click()
    assert page.locator("[data-status]").get_attribute("data-status") == "sah"

    ubah = bytearray(dokumen["pdf_sah"])
    ubah[len(ubah) // 2] ^= 0x01
    berkas.write_bytes(bytes(ubah))
    page.get_by_label("Berkas PDF yang diterima").set_input_files(str(berkas))
    page.get_by_role("button", name="Periksa berkas").click()
    assert page.locator("[data-status]").get_attribute("data-status") == "tidak_ditemukan"


def test_officer_document_list_and_revoke_page_have_no_axe_violations(masuk, page, axe, dokumen,
                                                                       db, factory):
    surat = db.session.scalar(select(SuratTerbit).where(SuratTerbit.kode == dokumen["sah"]))
    petugas = factory.user(peran="petugas", nama="Agus Petugas")
    page.goto(f"/_uji/masuk/{petugas.id}")
    page.goto(f"/staf/peserta/{surat.peserta_id}")
    assert page.locator("[data-surat-daftar] tr[data-surat]").count() == 2
    axe(page, "dokumen terbit peserta")
    page.locator(f"a[href='/staf/surat/{surat.id}/cabut']").click()
    page.get_by_role("button", name="Cabut dokumen").click()
    assert page.locator("#ringkasan-kesalahan").count() == 1
    axe(page, "cabut dokumen dengan kesalahan")
    page.get_by_label("Alasan pencabutan").fill("Uji pencabutan.")
    page.get_by_role("button", name="Cabut dokumen").click()
    assert page.locator(f"tr[data-surat='{surat.nomor}']").get_attribute("data-status") == \
        "dicabut"
