"""Officers see issued documents on the participant and claim pages and revoke them (audited)."""
# ruff: noqa: F811 - pytest fixtures imported from tests.akun_bantu are redefined as arguments

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditLog, Peserta, SuratTerbit
from tests.akun_bantu import argon2_cepat, demo, masuk_sebagai  # noqa: F401 - fixtures


@pytest.fixture
def surat_siti(client, demo, db):
    """Siti's payment letter, downloaded once; then the officer is signed in instead."""
    masuk_sebagai(client, demo, "siti")
    url = f"/akun/klaim/{demo.klaim['siti_jkm'].public_id}/surat.pdf"
    assert client.get(url).status_code == 200
    client.post("/keluar")
    masuk_sebagai(client, demo, "petugas")
    return db.session.scalar(select(SuratTerbit))


def test_claim_and_participant_pages_list_the_issued_letter(surat_siti, demo, get_page):
    klaim = demo.klaim["siti_jkm"]
    for url in (f"/staf/klaim/{klaim.public_id}", f"/staf/peserta/{klaim.peserta_id}"):
        baris = get_page(url).select_one(f"tr[data-surat='{surat_siti.nomor}']")
        assert baris["data-status"] == "sah", url
        assert baris.select_one(f"a[href='/staf/surat/{surat_siti.id}/cabut']")


def test_revoking_needs_a_reason_then_is_audited_and_verifies_as_dicabut(
        client, surat_siti, db, demo, get_page, page_checker):
    url = f"/staf/surat/{surat_siti.id}/cabut"
    get_page(url)
    r = client.post(url, data={"alasan": "   "})
    assert r.status_code == 422
    soup = page_checker.check(r.get_data(as_text=True))
    assert soup.select_one(".error-summary a")["href"] == "#alasan"
    assert db.session.scalar(select(SuratTerbit.dicabut_pada)) is None

    r = client.post(url, data={"alasan": "Nama penerima salah ketik."})
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/staf/klaim/{demo.klaim['siti_jkm'].public_id}#surat")
    db.session.expire_all()
    surat = db.session.get(SuratTerbit, surat_siti.id)
    assert surat.status == "dicabut" and surat.dicabut_oleh == demo.users["petugas"].id
    log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "surat.cabut"))
    assert log.actor_user_id == demo.users["petugas"].id
    assert log.objek_jenis == "surat_terbit" and log.objek_id == str(surat.id)
    assert "Nama penerima salah ketik" in log.ringkasan
    assert client.post(url, data={"alasan": "lagi"}).status_code == 422
    client.post("/keluar")
    hasil = get_page(f"/verifikasi/{surat.kode}").select_one("[data-status]")
    assert hasil["data-status"] == "dicabut"


def test_the_claimant_gets_a_fresh_letter_after_a_revocation(client, surat_siti, db, demo):
    client.post(f"/staf/surat/{surat_siti.id}/cabut", data={"alasan": "Salah data."})
    client.post("/keluar")
    masuk_sebagai(client, demo, "siti")
    r = client.get(f"/akun/klaim/{demo.klaim['siti_jkm'].public_id}/surat.pdf")
    assert r.status_code == 200
    lama, baru = db.session.scalars(select(SuratTerbit).order_by(SuratTerbit.id)).all()
    assert (lama.status, baru.status) == ("dicabut", "sah")


def test_only_officers_may_revoke(client, surat_siti, demo):
    url = f"/staf/surat/{surat_siti.id}/cabut"
    client.post("/keluar")
    masuk_sebagai(client, demo, "humas")
    assert client.get(url).status_code == 404
    assert client.post(url, data={"alasan": "x"}).status_code == 404
    client.post("/keluar")
    masuk_sebagai(client, demo, "siti")
    assert client.post(url, data={"alasan": "x"}).status_code == 404


def test_unknown_document_is_404(client, surat_siti):
    assert client.get("/staf/surat/999999/cabut").status_code == 404


def test_a_certificate_of_someone_no_longer_covered_is_not_listed_as_valid(client, db, demo,
                                                                             get_page):
    masuk_sebagai(client, demo, "budi")
    assert client.get("/akun/sertifikat.pdf").status_code == 200
    client.post("/keluar")
    budi = db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso"))
    budi.status = "nonaktif"
    db.session.commit()
    masuk_sebagai(client, demo, "petugas")
    surat = db.session.scalar(select(SuratTerbit).where(SuratTerbit.jenis == "sertifikat"))
    baris = get_page(f"/staf/peserta/{budi.id}").select_one(f"tr[data-surat='{surat.nomor}']")
    assert baris["data-status"] == "tidak_aktif"
    assert "kepesertaan tidak aktif hari ini" in baris.get_text(" ")
    assert "Berlaku" not in baris.get_text(" ")
    assert baris.select_one(f"a[href='/staf/surat/{surat.id}/cabut']")  # can still be revoked
