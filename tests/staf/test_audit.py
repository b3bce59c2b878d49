"""Audit log page (filters, paging) and every staff write audited in the same transaction."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import event, func, select

from app.models import AuditLog, Dokumen, Klaim, KlaimEvent, KodeAktivasi, Pesan, Peserta, User
from app.services.audit import audit
from app.services.dokumen import unggah_dokumen

PDF = b"%PDF-1.4\n" + b"isi dokumen " * 100


def _aksi(soup) -> list[str]:
    return [tr["data-aksi"] for tr in soup.select("tr[data-aksi]")]


@pytest.fixture
def riwayat(db, factory, petugas):
    """Audit rows by two officers around midnight in Bekasi (17:00 UTC)."""
    lain = factory.user(peran="admin", nama="Admin Lain")
    baris = [
        (petugas, "peserta.buat", ("peserta", 1), dt.datetime(2026, 3, 1, 16, 30, tzinfo=dt.UTC)),
        (petugas, "klaim.pindah", ("klaim", 7), dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)),
        (lain, "klaim.pindah", ("klaim", 8), dt.datetime(2026, 3, 3, 2, 0, tzinfo=dt.UTC)),
    ]
    for actor, aksi, objek, waktu in baris:
        audit(db.session, actor, aksi, objek, f"uji {aksi}", "10.1.2.3", waktu)
    db.session.commit()
    return lain


def test_audit_log_lists_newest_first_with_actor_and_ip(petugas, riwayat, get_page):
    soup = get_page("/staf/audit")
    assert _aksi(soup) == ["klaim.pindah", "klaim.pindah", "peserta.buat"]
    teks = soup.select_one("tr[data-aksi]").get_text(" ")
    assert "Admin Lain" in teks and "10.1.2.3" in teks and "Klaim 8" in teks
    assert "3 Maret 2026 09.00 WIB" in teks


def test_audit_filters_by_actor_action_object_and_dates(petugas, riwayat, get_page):
    assert _aksi(get_page(f"/staf/audit?pelaku={riwayat.id}")) == ["klaim.pindah"]
    assert _aksi(get_page("/staf/audit?aksi=peserta.buat")) == ["peserta.buat"]
    assert _aksi(get_page("/staf/audit?objek=klaim")) == ["klaim.pindah", "klaim.pindah"]
    # 1 March in Bekasi ends at 17:00 UTC.
    assert _aksi(get_page("/staf/audit?dari=2026-03-01&sampai=2026-03-01")) == ["peserta.buat"]
    assert _aksi(get_page("/staf/audit?dari=2026-03-02")) == ["klaim.pindah", "klaim.pindah"]
    assert _aksi(get_page("/staf/audit?sampai=2026-03-02&objek=klaim")) == ["klaim.pindah"]
    soup = get_page(f"/staf/audit?pelaku={petugas.id}&aksi=klaim.pindah")
    assert _aksi(soup) == ["klaim.pindah"]
    assert soup.select_one("select#aksi option[selected]")["value"] == "klaim.pindah"
    pelaku = soup.select_one("select#pelaku option[selected]")
    assert pelaku["value"] == str(petugas.id)
    assert pelaku.get_text() == f"{petugas.nama} ({petugas.email})"
    assert soup.select_one("label[for=pelaku]").get_text() == "Pelaku"
    assert soup.select_one("select#pelaku option")["value"] == ""  # "Semua" comes first
    tanggal = get_page("/staf/audit?dari=2026-03-02").select_one("input#dari")
    assert (tanggal["type"], tanggal["value"]) == ("date", "2026-03-02")


def test_bad_dates_are_reported(petugas, riwayat, get_page):
    soup = get_page("/staf/audit?dari=kemarin", status=422)
    assert soup.select_one('#ringkasan-kesalahan a[href="#dari"]')
    salah = soup.select_one("input#dari")
    assert salah["aria-invalid"] == "true" and salah["aria-describedby"] == "dari-galat"
    assert soup.select_one("#dari-galat") and salah["value"] == ""
    soup = get_page("/staf/audit?dari=2026-03-05&sampai=2026-03-01", status=422)
    assert soup.select_one('#ringkasan-kesalahan a[href="#sampai"]')


def test_audit_paging_keeps_filters(db, petugas, get_page):
    for n in range(30):
        audit(db.session, petugas, "peserta.ubah", ("peserta", n), "uji", None)
    db.session.commit()
    soup = get_page("/staf/audit?aksi=peserta.ubah")
    assert len(_aksi(soup)) == 25
    berikut = soup.select_one(".paging a[rel=next]")["href"]
    assert berikut == "/staf/audit?halaman=2&aksi=peserta.ubah"
    assert len(_aksi(get_page("/staf/audit?halaman=2&aksi=peserta.ubah"))) == 5


def test_htmx_filter_returns_the_table_fragment(client, petugas, riwayat, page_checker):
    response = client.get("/staf/audit?objek=klaim", headers={"HX-Request": "true"})
    soup = page_checker.check_fragment(response.get_data(as_text=True))
    assert _aksi(soup) == ["klaim.pindah", "klaim.pindah"]
    assert soup.select_one("#jumlah-audit[data-hx-swap-oob]")


# --- same transaction: if the audit row cannot be written, nothing is ---------------------------


@pytest.fixture
def audit_gagal(app):
    """Make every AuditLog insert fail, as a broken audit table would."""

    def gagal(*_args):
        raise RuntimeError("audit_log tidak bisa ditulis")

    event.listen(AuditLog, "before_insert", gagal)
    yield
    event.remove(AuditLog, "before_insert", gagal)


def _keadaan(db) -> dict:
    """A fingerprint of everything a staff write could touch."""
    def n(model):
        return db.session.scalar(select(func.count()).select_from(model))

    # The test shares the request's session (one app context), so end the failed transaction
    # here the way the request teardown does in production.
    db.session.rollback()
    return {
        "peserta": n(Peserta), "users": n(User), "klaim": n(Klaim), "event": n(KlaimEvent),
        "pesan": n(Pesan), "kode": n(KodeAktivasi), "audit": n(AuditLog),
        "state": sorted(db.session.scalars(select(Klaim.state))),
        "dokumen": sorted(db.session.scalars(select(Dokumen.status))),
        "jumlah": sorted(str(j) for j in db.session.scalars(select(Klaim.jumlah_disetujui))),
    }


def _diunggah(db, klaim):
    """``klaim``'s death certificate, uploaded by the applicant (not audited: it commits)."""
    unggah_dokumen(db.session, klaim, "akta_kematian", io.BytesIO(PDF), klaim.pemohon,
                   nama_berkas="akta.pdf")
    db.session.commit()
    return next(d for d in klaim.dokumen if d.kode == "akta_kematian")


def _tulis(klaim, peserta, lain) -> list[tuple[str, dict]]:
    """One POST per kind of staff write, each one the page offers in the starting state (the
    failure test never changes it): ``klaim`` with every document accepted, ``lain`` another
    claim whose uploaded document waits to be accepted."""
    # Submission to BPJS needs a complete file (guarded move): accepted at the desk.
    for d in klaim.dokumen:
        if d.status != "tidak_diperlukan":
            d.status = "diterima"
    from app.extensions import db
    db.session.commit()
    basis = f"/staf/klaim/{klaim.public_id}"
    dok = next(d for d in klaim.dokumen if d.kode == "akta_kematian")
    dok_lain = next(d for d in lain.dokumen if d.status == "diunggah")
    return [
        ("/staf/peserta/baru", {"nik": "3275014708900004", "nama": "Dewi", "kecamatan": "jatiasih",
                                "segmen": "ojol", "program_jkk": "1", "status": "aktif",
                                "buat_akun": "1"}),
        (f"/staf/peserta/{peserta.id}/ubah", {
            "nik": peserta.nik, "nama": "Nama Baru", "tanggal_lahir": "1990-01-01",
            "jenis_kelamin": "L", "kecamatan": "jatiasih", "segmen": "ojol", "program_jkk": "1",
            "status": "meninggal"}),
        ("/staf/klaim/baru", {"peserta": str(peserta.id), "jenis": "JKM",
                              "tanggal_kejadian": "2026-02-01", "hubungan": "anak",
                              "pemohon_nik": "3275011506880001", "pemohon_nama": "Budi"}),
        (f"{basis}/status", {"ke": "diajukan_bpjs", "status_tampilkan": "1"}),
        (f"{basis}/catatan", {"catatan": "Catatan internal."}),
        (f"{basis}/dokumen/{dok.id}/tolak", {"alasan": "Buram."}),
        (f"/staf/klaim/{lain.public_id}/dokumen/{dok_lain.id}/terima", {}),
        (f"{basis}/dokumen", {"dokumen_nama": "Surat RT"}),
        ("/staf/aktivasi", {"user_id": str(klaim.pemohon_user_id)}),
        (f"{basis}/status", {"ke": "dibatalkan", "catatan_status": "Permintaan ahli waris."}),
    ]


def test_every_staff_write_is_undone_when_its_audit_row_fails(app, client, db, factory, petugas,
                                                                klaim_jkm, audit_gagal):
    _diunggah(db, klaim_jkm)
    lain = factory.klaim(state="verifikasi_berkas")
    _diunggah(db, lain)
    peserta = klaim_jkm.peserta
    tulisan = _tulis(klaim_jkm, peserta, lain)
    sebelum = _keadaan(db)
    for url, data in tulisan:
        response = client.post(url, data=data)
        assert response.status_code == 500, url
        assert _keadaan(db) == sebelum, url
    assert db.session.get(Peserta, peserta.id).nama == "Ahmad Hidayat"


def test_without_the_failure_every_write_lands_with_its_audit_row(client, db, factory, petugas,
                                                                    klaim_jkm):
    _diunggah(db, klaim_jkm)
    lain = factory.klaim(state="verifikasi_berkas")
    _diunggah(db, lain)
    for url, data in _tulis(klaim_jkm, klaim_jkm.peserta, lain):
        sebelum = db.session.scalar(select(func.count()).select_from(AuditLog))
        response = client.post(url, data=data)
        assert response.status_code in (200, 303), (url, response.status_code)
        sesudah = db.session.scalar(select(func.count()).select_from(AuditLog))
        assert sesudah > sebelum, url
    pelaku = set(db.session.scalars(select(AuditLog.actor_user_id)))
    assert pelaku == {petugas.id}


def test_opening_a_file_is_not_served_when_its_audit_fails(client, db, petugas, klaim_jkm,
                                                           audit_gagal):
    unggah_dokumen(db.session, klaim_jkm, "akta_kematian", io.BytesIO(PDF), klaim_jkm.pemohon,
                   nama_berkas="akta.pdf")
    db.session.commit()
    dok = next(d for d in klaim_jkm.dokumen if d.kode == "akta_kematian")
    response = client.get(f"/staf/klaim/{klaim_jkm.public_id}/dokumen/{dok.id}/berkas")
    assert response.status_code == 500
    assert PDF not in response.data


def test_audit_rows_are_sentences_with_labels_and_link_to_their_claim(client, db, petugas,
                                                                      klaim_jkm, get_page):
    from app.services.dokumen import minta_dokumen

    minta_dokumen(db.session, klaim_jkm, "buku_tabungan", petugas, catatan="Halaman depan.")
    db.session.commit()
    soup = get_page("/staf/audit")
    teks = soup.select_one("#audit").get_text(" ") if soup.select_one("#audit") else \
        soup.get_text(" ")
    assert "perlu_dokumen" not in teks and "verifikasi_berkas" not in teks
    assert "\u201cPemeriksaan berkas\u201d ke \u201cPerlu dokumen dari Anda\u201d" in teks
    baris = soup.select('tr[data-aksi="klaim.pindah"] [data-objek] a')
    assert baris and baris[0]["href"] == f"/staf/klaim/{klaim_jkm.public_id}"
    assert baris[0].get_text(strip=True) == f"Klaim {klaim_jkm.nomor}"
    dok = soup.select_one('tr[data-aksi="dokumen.minta"]').get_text(" ")
    assert "tambahan_" not in dok and "buku_tabungan" not in dok


def test_old_rows_with_codes_are_shown_with_labels():
    from app.staf.audit import kalimat_audit

    assert kalimat_audit("Klaim JKKM-2026-000001: diajukan_bpjs → perlu_dokumen") == (
        "Klaim JKKM-2026-000001: dari \u201cDiajukan ke BPJS Ketenagakerjaan\u201d ke "
        "\u201cPerlu dokumen dari Anda\u201d")
    assert "JKK_meninggal" not in kalimat_audit("Klaim X (JKK_meninggal) dibuat.")
