"""The applicant's claim page: steps, who acts next, target, checklist, uploads, history."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app.models import Dokumen, KlaimEvent
from app.services.klaim import tambah_catatan
from tests.akun_bantu import PDF, PNG, masuk
from tests.potret import berkas_di, potret


@pytest.fixture
def pemohon(factory):
    return factory.user(peran="ahli_waris", sandi="sandi-pemohon-uji")


@pytest.fixture
def klien(client, pemohon):
    assert masuk(client, pemohon.nik, "sandi-pemohon-uji").status_code == 302
    return client


def _url(klaim, dok=None):
    base = f"/akun/klaim/{klaim.public_id}"
    return f"{base}/dokumen/{dok.id}" if dok is not None else base


def _diminta(klaim):
    return next(d for d in klaim.dokumen if d.status == "diminta")


def test_progress_steps_are_an_ordered_list_in_words(klien, factory, pemohon, get_page):
    klaim = factory.klaim(pemohon=pemohon, state="perlu_dokumen")
    soup = get_page(_url(klaim))
    langkah = soup.select("ol.tahapan li")
    assert len(langkah) == 5
    assert [li["data-langkah"] for li in langkah] == ["selesai", "sekarang", "belum", "belum",
                                                      "belum"]
    assert langkah[1].get("aria-current") == "step"
    assert "(sedang berlangsung)" in langkah[1].get_text()
    assert soup.select_one("[data-label-status]").get_text() == "Perlu dokumen dari Anda"
    assert "Menunggu: Anda" in " ".join(soup.select_one("[data-menunggu]").get_text().split())


@pytest.mark.parametrize(("state", "siapa"), [("diterima", "Petugas"),
                                              ("diajukan_bpjs", "BPJS Ketenagakerjaan")])
def test_who_acts_next(klien, factory, pemohon, get_page, state, siapa):
    soup = get_page(_url(factory.klaim(pemohon=pemohon, state=state)))
    assert f"Menunggu: {siapa}" in " ".join(soup.select_one("[data-menunggu]").get_text().split())


def test_finished_claims_show_no_waiting_and_refusal_shows_the_reason(klien, factory, pemohon,
                                                                      get_page):
    soup = get_page(_url(factory.klaim(pemohon=pemohon, state="ditolak")))
    assert soup.select_one("[data-menunggu]") is None
    assert "Alasan uji coba" in soup.select_one("#status-klaim").get_text()
    assert soup.select("ol.tahapan") == []


def test_service_target_is_shown_and_overdue_is_said_plainly(klien, factory, pemohon, db,
                                                              get_page):
    klaim = factory.klaim(pemohon=pemohon, state="diajukan_bpjs")
    klaim.dokumen_lengkap_sejak = dt.datetime(2026, 3, 2, 3, tzinfo=dt.UTC)
    db.session.commit()
    soup = get_page(_url(klaim))
    target = soup.select_one("[data-target]")
    assert target["data-target"] == "terlewati"
    assert "5 Maret 2026" in target.get_text()  # Mon 2 March + 3 working days
    assert "sudah terlewati" in target.get_text()
    # Never a predicted payment date: only "since" and the target.
    assert "perkiraan" not in soup.get_text().lower()


def test_amounts_appear_only_once_approved_and_payment_once_paid(klien, factory, pemohon,
                                                                  get_page):
    soup = get_page(_url(factory.klaim(pemohon=pemohon, state="diajukan_bpjs")))
    assert soup.select_one("[data-jumlah]") is None
    soup = get_page(_url(factory.klaim(pemohon=pemohon, state="disetujui")))
    assert "Rp42.000.000" in soup.select_one("[data-jumlah]").get_text()
    assert "Dibayarkan" not in soup.select_one("[data-jumlah]").get_text()
    soup = get_page(_url(factory.klaim(pemohon=pemohon, state="dibayar")))
    teks = soup.select_one("[data-jumlah]").get_text()
    assert "2 Maret 2026" in teks and "TRX-UJI-1" in teks


def test_history_shows_only_applicant_visible_events(klien, factory, pemohon, db, get_page):
    klaim = factory.klaim(pemohon=pemohon, state="verifikasi_berkas")
    tambah_catatan(db.session, klaim, "RAHASIA internal", factory.user(peran="petugas"))
    db.session.commit()
    soup = get_page(_url(klaim))
    riwayat = soup.select_one("#riwayat").get_text()
    assert "Pemeriksaan berkas" in riwayat
    assert "RAHASIA" not in soup.get_text()


def test_checklist_shows_each_status_and_the_rejection_reason(klien, factory, pemohon, db,
                                                              get_page):
    from app.services.dokumen import tolak_dokumen

    klaim = factory.klaim(pemohon=pemohon, state="verifikasi_berkas",
                          dokumen_diterima=["kartu_peserta"])
    tolak_dokumen(db.session, _diminta(klaim), "Foto buram, tulisan tidak terbaca", None)
    db.session.commit()
    soup = get_page(_url(klaim))
    status = {li["data-dokumen"]: li["data-status"] for li in soup.select("[data-dokumen]")}
    assert status["kartu_peserta"] == "diterima"
    assert "ditolak" in status.values()
    ditolak = soup.select_one('[data-status="ditolak"]')
    assert "Foto buram" in ditolak.get_text()
    assert ditolak.select_one('input[type="file"]') is not None  # can send it again
    assert soup.select_one('[data-dokumen="kartu_peserta"] input[type="file"]') is None


def test_upload_without_javascript_redirects_with_a_receipt(klien, factory, pemohon, db, app):
    klaim = factory.klaim(pemohon=pemohon, state="perlu_dokumen")
    dok = _diminta(klaim)
    r = klien.post(_url(klaim, dok), data={"berkas": (io.BytesIO(PDF), "akta.pdf")})
    # Without JS the upload ends on the receipt page, with the confirmation on top.
    assert r.status_code == 303
    assert r.location.endswith(f"/akun/klaim/{klaim.public_id}/tanda-terima?baru={dok.id}")
    jawab = klien.get(r.location)
    assert jawab.status_code == 200 and jawab.headers["Cache-Control"] == "no-store"
    soup = BeautifulSoup(jawab.get_data(as_text=True), "html.parser")
    db.session.refresh(klaim)
    db.session.refresh(dok)
    assert klaim.state == "verifikasi_berkas"
    konfirmasi = soup.select_one("[data-konfirmasi-unggah]")
    assert konfirmasi["data-tanda-terima"] == dok.tanda_terima
    # Any other ``baru`` only leaves the confirmation out (Python's int() refuses 4,301 digits).
    for baru in ("9" * 5000, f"{dok.id}²", f"+{dok.id}"):
        lain = klien.get(f"/akun/klaim/{klaim.public_id}/tanda-terima?baru={baru}")
        assert lain.status_code == 200 and b"data-konfirmasi-unggah" not in lain.data
    assert dok.tanda_terima in konfirmasi.get_text()
    baris = soup.select_one(f'tr[data-dokumen="{dok.kode}"][data-baru]')
    assert dok.tanda_terima in baris.get_text() and dok.nama in baris.get_text()
    halaman = klien.get(_url(klaim)).get_data(as_text=True)
    assert f"Nomor tanda terima: <strong>{dok.tanda_terima}</strong>" in halaman
    unduh = klien.get(_url(klaim, dok))
    assert unduh.status_code == 200 and unduh.data == PDF
    assert unduh.headers["Content-Disposition"].startswith("attachment")
    assert unduh.headers["Cache-Control"] == "no-store"


def test_upload_with_htmx_returns_the_checklist_with_receipt(klien, factory, pemohon, db,
                                                             page_checker):
    klaim = factory.klaim(pemohon=pemohon, state="perlu_dokumen")
    dok = _diminta(klaim)
    r = klien.post(_url(klaim, dok), data={"berkas": (io.BytesIO(PNG), "foto.png")},
                   headers={"HX-Request": "true"})
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    soup = page_checker.check_fragment(html)
    assert soup.select_one(f"#dokumen-{dok.id} [data-tanda-terima][data-fokus]") is not None
    # The status panel and history are refreshed out of band.
    assert soup.select_one('#status-klaim[data-hx-swap-oob="true"]')["data-status"] == \
        "verifikasi_berkas"
    assert soup.select_one('#riwayat[data-hx-swap-oob="true"]') is not None


@pytest.mark.parametrize(
    ("isi", "nama", "status", "pesan"),
    [
        (b"MZ\x90\x00" + b"\x00" * 4000, "surat.pdf", 422, "program"),
        (b"", "kosong.pdf", 422, "kosong"),
        (b"%PDF-" + b"0" * (5 * 1024 * 1024), "besar.pdf", 413, "terlalu besar"),
        (b"%PDF-" + b"0" * (7 * 1024 * 1024), "lebih.pdf", 413, "terlalu besar"),
        (PDF, "akta.exe", 422, "akhiran"),
    ],
)
def test_refused_uploads_explain_and_store_nothing(klien, factory, pemohon, db, app,
                                                   page_checker, isi, nama, status, pesan):
    klaim = factory.klaim(pemohon=pemohon, state="perlu_dokumen")
    dok = _diminta(klaim)
    event = db.session.scalar(select(func.count()).select_from(KlaimEvent))
    r = klien.post(_url(klaim, dok), data={"berkas": (io.BytesIO(isi), nama)})
    assert r.status_code == status
    soup = page_checker.check(r.get_data(as_text=True))
    galat = soup.select_one(f"#berkas-{dok.id}-galat").get_text().lower()
    assert pesan in galat
    assert soup.select_one("#ringkasan-kesalahan a")["href"] == f"#berkas-{dok.id}"
    folder = app.config["UPLOAD_FOLDER"]
    assert not os.path.isdir(folder) or os.listdir(folder) == []
    db.session.expire_all()
    assert db.session.get(Dokumen, dok.id).status == "diminta"
    assert db.session.scalar(select(func.count()).select_from(KlaimEvent)) == event


def test_missing_file_is_a_form_error(klien, factory, pemohon):
    klaim = factory.klaim(pemohon=pemohon, state="perlu_dokumen")
    r = klien.post(_url(klaim, _diminta(klaim)), data={}, headers={"HX-Request": "true"})
    assert r.status_code == 422
    assert "Pilih berkas" in r.get_data(as_text=True)


def test_upload_to_a_finished_claim_is_a_conflict(app, db, klien, factory, pemohon):
    klaim = factory.klaim(pemohon=pemohon, state="dibayar")
    sebelum = potret(db)
    r = klien.post(_url(klaim, klaim.dokumen[0]), data={"berkas": (io.BytesIO(PDF), "a.pdf")})
    assert r.status_code == 409
    assert potret(db) == sebelum and berkas_di(app.config["UPLOAD_FOLDER"]) == []
    assert "tidak menerima dokumen" in r.get_data(as_text=True)


def test_documents_are_grouped_with_one_next_action(klien, factory, pemohon, db, get_page):
    from app.services.dokumen import lewati_dokumen

    klaim = factory.klaim(pemohon=pemohon, state="verifikasi_berkas",
                          dokumen_diterima=["kartu_peserta"])
    perlu = [d for d in klaim.dokumen if d.status == "diminta"]
    lewati_dokumen(db.session, perlu[-1], None)
    db.session.commit()
    soup = get_page(_url(klaim))
    assert soup.select_one("[data-state]")["data-state"] == "verifikasi_berkas"
    sisa = [d for d in klaim.dokumen if d.status == "diminta"]
    aksi = soup.select_one("[data-aksi-berikut]").get_text(" ", strip=True)
    assert f"Kirim {len(sisa)} dokumen: " + sisa[0].nama in aksi
    grup = {el["data-grup"]: {li["data-dokumen"] for li in el.select("[data-dokumen]")}
            for el in soup.select("[data-grup]")}
    assert grup["perlu"] == {d.kode for d in sisa}
    assert grup["diterima"] == {"kartu_peserta"}
    assert grup["tidak"] == {perlu[-1].kode}
    assert soup.select_one('details[data-grup="tidak"]') is not None  # collapsed
    for li in soup.select("li[data-dokumen]"):
        assert li["data-wajib"] in ("true", "false") and li["data-status"]
        tag = li.select_one("[data-tag-status]")
        assert tag.select_one('[aria-hidden="true"]') is not None  # icon, plus the text
        assert tag.get_text(strip=True)
    # Only documents the applicant must send carry an upload form.
    assert all(li.select_one('input[type="file"]') for li in soup.select('[data-grup="perlu"] li'))
    assert not soup.select('[data-grup="diterima"] input[type="file"]')


def test_receipt_of_someone_elses_claim_is_404(klien, factory, pemohon):
    lain = factory.klaim(state="perlu_dokumen")
    assert klien.get(f"/akun/klaim/{lain.public_id}/tanda-terima").status_code == 404
    milik = factory.klaim(pemohon=pemohon, state="perlu_dokumen")
    for baru in ("x", "99999", "%C2%B2"):
        assert klien.get(f"/akun/klaim/{milik.public_id}/tanda-terima?baru={baru}"
                         ).status_code == 200
