"""Claims for officers: list filters, registering, legal moves only, 409, documents, amounts."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from sqlalchemy import func, select

from app.domain.klaim import STATUS, langkah_berikut
from app.models import AuditLog, Dokumen, Klaim, KlaimEvent, Pesan, User
from app.services.dokumen import unggah_dokumen
from app.services.waktu import sekarang
from tests.potret import potret

PDF = b"%PDF-1.4\n" + b"isi dokumen " * 100
SEMUA = [s.value for s in STATUS]


def _url(klaim, akhir: str = "") -> str:
    return f"/staf/klaim/{klaim.public_id}{akhir}"


def _nomor(soup) -> list[str]:
    return [tr["data-klaim"] for tr in soup.select("tr[data-klaim]")]


def _hitung(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


# --- list ------------------------------------------------------------------------------------


def test_list_filters_by_state_and_type(petugas, factory, get_page):
    a = factory.klaim(state="perlu_dokumen")
    b = factory.klaim(state="diterima")
    c = factory.klaim(jenis="beasiswa", state="perlu_dokumen")
    assert set(_nomor(get_page("/staf/klaim"))) == {a.nomor, b.nomor, c.nomor}
    assert set(_nomor(get_page("/staf/klaim?status=perlu_dokumen"))) == {a.nomor, c.nomor}
    assert _nomor(get_page("/staf/klaim?status=perlu_dokumen&jenis=beasiswa")) == [c.nomor]
    assert _nomor(get_page(f"/staf/klaim?q={b.nomor}")) == [b.nomor]
    # Unknown filter values are ignored, not an error.
    assert len(_nomor(get_page("/staf/klaim?status=hilang&jenis=x"))) == 3


def test_list_filter_form_works_without_js(petugas, get_page):
    form = get_page("/staf/klaim").select_one("form.saring")
    assert form["method"] == "get" and form["action"] == "/staf/klaim"
    assert {s["name"] for s in form.select("select")} == {"status", "jenis"}
    assert form.select_one("input[name=terlambat]")["type"] == "checkbox"
    assert form["data-hx-target"] == "#hasil-klaim" and form["data-hx-push-url"] == "true"
    pilih = get_page("/staf/klaim?status=diterima&jenis=beasiswa&q=Budi&terlambat=1")
    assert pilih.select_one("select#status option[selected]")["value"] == "diterima"
    assert pilih.select_one("select#jenis option[selected]")["value"] == "beasiswa"
    assert pilih.select_one("input#q")["value"] == "Budi"
    assert pilih.select_one("input#terlambat").has_attr("checked")
    assert pilih.select_one("label[for=terlambat]") and pilih.select_one("label[for=q]")
    assert pilih.select_one("#hasil-klaim").find_previous_sibling("p")["id"] == "jumlah-klaim"


def test_overdue_filter_matches_the_service_target(db, petugas, factory, get_page):
    lama = factory.klaim(state="diajukan_bpjs")
    baru = factory.klaim(state="diajukan_bpjs")
    beasiswa = factory.klaim(jenis="beasiswa", state="diajukan_bpjs")  # no target for this type
    selesai = factory.klaim(state="dibayar")
    lama.dokumen_lengkap_sejak = sekarang() - dt.timedelta(days=15)
    beasiswa.dokumen_lengkap_sejak = sekarang() - dt.timedelta(days=15)
    selesai.dokumen_lengkap_sejak = sekarang() - dt.timedelta(days=30)
    baru.dokumen_lengkap_sejak = sekarang()
    db.session.commit()
    soup = get_page("/staf/klaim?terlambat=1")
    assert _nomor(soup) == [lama.nomor]
    assert soup.select_one(f"tr[data-klaim='{lama.nomor}'] [data-terlambat]")
    ringkasan = get_page("/staf")
    assert ringkasan.select_one("[data-terlambat]")["data-terlambat"] == "1"
    assert lama.nomor in ringkasan.get_text()


def test_overview_counts_claims_per_state(petugas, factory, get_page):
    factory.klaim(state="perlu_dokumen")
    factory.klaim(state="perlu_dokumen")
    factory.klaim(state="ditolak")
    soup = get_page("/staf")
    angka = {li["data-status"]: li.select_one(".kartu-angka__angka").get_text()
             for li in soup.select("[data-status]")}
    assert angka == {s: {"perlu_dokumen": "2", "ditolak": "1"}.get(s, "0") for s in SEMUA}
    assert soup.select_one("[data-status=perlu_dokumen] a")["href"] == (
        "/staf/klaim?status=perlu_dokumen")


def test_claim_list_pages_keep_the_filters(petugas, factory, db, get_page):
    peserta = factory.peserta(status="meninggal")
    pemohon = factory.user(peran="ahli_waris")
    for _ in range(26):
        factory.klaim(peserta=peserta, pemohon=pemohon)
    soup = get_page("/staf/klaim?status=diterima")
    assert len(_nomor(soup)) == 25
    assert soup.select_one(".paging a[rel=next]")["href"] == "/staf/klaim?halaman=2&status=diterima"
    assert len(_nomor(get_page("/staf/klaim?halaman=2&status=diterima"))) == 1


# --- new claim -------------------------------------------------------------------------------


def _klaim_baru(p, **lain) -> dict:
    data = {"peserta": str(p.id), "jenis": "JKM", "tanggal_kejadian": "2026-02-10",
            "hubungan": "istri", "pemohon_nik": "3275015203850002", "pemohon_nama": "Siti Aminah",
            "pemohon_telepon": "081211112222"}
    data.update(lain)
    return {k: v for k, v in data.items() if v is not None}


def test_new_heir_gets_an_account_and_a_code(client, db, petugas, factory, page_checker):
    peserta = factory.peserta(status="meninggal")
    response = client.post("/staf/klaim/baru", data=_klaim_baru(peserta))
    assert response.status_code == 200
    soup = page_checker.check(response.get_data(as_text=True))
    assert soup.select_one("[data-kode]")
    klaim = db.session.scalar(select(Klaim))
    assert soup.find("a", href=_url(klaim))
    heir = db.session.scalar(select(User).where(User.nik == "3275015203850002"))
    assert heir.peran == "ahli_waris" and heir.telepon == "081211112222"
    assert klaim.pemohon_user_id == heir.id and klaim.hubungan == "istri"
    assert klaim.tanggal_kejadian == dt.date(2026, 2, 10) and klaim.dibuat_oleh == petugas.id
    aksi = set(db.session.scalars(select(AuditLog.aksi)))
    assert {"akun.buat", "klaim.buat", "aktivasi.terbitkan"} <= aksi


def test_existing_heir_is_found_by_nik_and_the_claim_opens(client, db, petugas, factory):
    peserta = factory.peserta(status="meninggal")
    heir = factory.user(peran="ahli_waris", nik="3275015203850002", nama="Siti Aminah")
    response = client.post("/staf/klaim/baru", data=_klaim_baru(peserta, pemohon_nama=""))
    assert response.status_code == 303
    klaim = db.session.scalar(select(Klaim))
    assert response.headers["Location"] == _url(klaim)
    assert klaim.pemohon_user_id == heir.id
    assert _hitung(db, User) == 2  # the officer and the heir: no new account


def test_claim_can_be_found_by_kpj(client, db, petugas, factory):
    peserta = factory.peserta(status="meninggal", kpj="26017777777")
    factory.user(peran="ahli_waris", nik="3275015203850002")
    data = _klaim_baru(peserta, peserta=None, kpj="26017777777")
    assert client.post("/staf/klaim/baru", data=data).status_code == 303
    assert db.session.scalar(select(Klaim)).peserta_id == peserta.id


def test_worker_claims_an_accident_benefit_themself(client, db, petugas, factory):
    peserta = factory.peserta()
    data = _klaim_baru(peserta, jenis="JKK", hubungan="peserta_sendiri", pemohon_nik=None,
                       pemohon_nama=None)
    assert client.post("/staf/klaim/baru", data=data).status_code == 303
    klaim = db.session.scalar(select(Klaim))
    assert klaim.jenis == "JKK" and klaim.pemohon_nama == peserta.nama


@pytest.mark.parametrize(
    ("ubah", "field"),
    [
        ({"peserta": None, "kpj": "11111111111"}, "kpj"),
        ({"jenis": "JHT"}, "jenis"),
        ({"jenis": "beasiswa"}, "jenjang"),
        ({"tanggal_kejadian": ""}, "tanggal_kejadian"),
        ({"tanggal_kejadian": "2999-01-01"}, "tanggal_kejadian"),
        ({"hubungan": "peserta_sendiri"}, "hubungan"),
        ({"hubungan": ""}, "hubungan"),
        ({"pemohon_nik": "123"}, "pemohon_nik"),
        ({"pemohon_nama": ""}, "pemohon_nama"),
    ],
)
def test_new_claim_validation_gives_422(client, db, petugas, factory, page_checker, ubah, field):
    peserta = factory.peserta(status="meninggal")
    response = client.post("/staf/klaim/baru", data=_klaim_baru(peserta, **ubah))
    assert response.status_code == 422
    soup = page_checker.check(response.get_data(as_text=True))
    assert soup.select_one(f'#ringkasan-kesalahan a[href="#{field}"]')
    assert _hitung(db, Klaim) == 0
    assert "3275015203850002" not in response.get_data(as_text=True)


# --- the claim page: only legal moves ------------------------------------------------------------


@pytest.mark.parametrize("state", SEMUA)
def test_only_legal_moves_are_offered(client, petugas, factory, get_page, state):
    klaim = factory.klaim(state=state)
    soup = get_page(_url(klaim))
    ditawarkan = ({el["value"] for el in soup.select('input[type=radio][name="ke"]')}
                  | {el["data-ke"] for el in soup.select("form[data-ke]")})
    ditahan = {el["data-ke"] for el in soup.select("[data-alasan-tolak]")}
    assert not ditawarkan & ditahan
    assert ditawarkan | ditahan == {s.value for s in langkah_berikut(state)}
    assert soup.select_one("[data-state]")["data-state"] == state


@pytest.mark.parametrize(("state", "ke"), [
    ("diterima", "diajukan_bpjs"), ("verifikasi_berkas", "dibayar"), ("perlu_dokumen", "ditolak"),
    ("dibayar", "dibatalkan"), ("ditolak", "verifikasi_berkas"), ("diterima", "planet"),
])
def test_an_illegal_move_posted_anyway_gets_409(client, db, petugas, factory, page_checker,
                                                  state, ke):
    klaim = factory.klaim(state=state)
    sebelum = _hitung(db, KlaimEvent, KlaimEvent.klaim_id == klaim.id)
    semua = potret(db)
    response = client.post(_url(klaim, "/status"), data={"ke": ke, "catatan_status": "Uji"})
    assert response.status_code == 409
    assert potret(db) == semua
    soup = page_checker.check(response.get_data(as_text=True))
    pesan = soup.select_one("#pesan-galat").get_text()
    assert "tidak bisa" in pesan.lower() or "tidak dikenal" in pesan.lower()
    db.session.refresh(klaim)
    assert klaim.state == state
    assert _hitung(db, KlaimEvent, KlaimEvent.klaim_id == klaim.id) == sebelum
    assert _hitung(db, AuditLog, AuditLog.aksi == "klaim.pindah",
                   AuditLog.actor_user_id == petugas.id) == 0


def test_approval_through_the_move_form_is_refused_with_a_pointer(client, db, petugas, factory):
    klaim = factory.klaim(state="diajukan_bpjs")
    sebelum = potret(db)
    response = client.post(_url(klaim, "/status"), data={"ke": "disetujui"})
    assert response.status_code == 409
    assert potret(db) == sebelum
    assert "formulir jumlah" in response.get_data(as_text=True)


def test_a_legal_move_is_recorded_with_event_message_and_audit(client, db, petugas, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    factory.lengkapi(klaim)
    db.session.commit()
    pesan_sebelum = _hitung(db, Pesan, Pesan.klaim_id == klaim.id)
    response = client.post(_url(klaim, "/status"), data={
        "ke": "diajukan_bpjs", "catatan_status": "Berkas lengkap.", "status_tampilkan": "1"})
    assert response.status_code == 303
    assert response.headers["Location"] == _url(klaim) + "#status-klaim"
    db.session.refresh(klaim)
    assert klaim.state == "diajukan_bpjs"
    ev = klaim.events[-1]
    assert (ev.dari, ev.ke, ev.catatan, ev.terlihat_pemohon) == (
        "verifikasi_berkas", "diajukan_bpjs", "Berkas lengkap.", True)
    assert ev.actor_user_id == petugas.id
    assert _hitung(db, AuditLog, AuditLog.aksi == "klaim.pindah") == 1
    assert _hitung(db, Pesan, Pesan.klaim_id == klaim.id) == pesan_sebelum + 1


def test_a_move_can_be_kept_internal(client, db, petugas, factory):
    klaim = factory.klaim(state="diterima")
    pesan_sebelum = _hitung(db, Pesan, Pesan.klaim_id == klaim.id)
    client.post(_url(klaim, "/status"), data={"ke": "verifikasi_berkas"})
    db.session.refresh(klaim)
    assert klaim.events[-1].terlihat_pemohon is False
    assert _hitung(db, Pesan, Pesan.klaim_id == klaim.id) == pesan_sebelum


@pytest.mark.parametrize("ke", ["ditolak", "dibatalkan"])
def test_reason_is_required_to_refuse_or_cancel(client, db, petugas, factory, page_checker, ke):
    klaim = factory.klaim(state="verifikasi_berkas")
    response = client.post(_url(klaim, "/status"), data={"ke": ke, "catatan_status": "  "})
    assert response.status_code == 422
    soup = page_checker.check(response.get_data(as_text=True))
    assert soup.select_one('#ringkasan-kesalahan a[href="#catatan_status"]')
    assert soup.select_one(f'input[name="ke"][value="{ke}"]').has_attr("checked")
    db.session.refresh(klaim)
    assert klaim.state == "verifikasi_berkas"
    ok = client.post(_url(klaim, "/status"), data={
        "ke": ke, "catatan_status": "Ahli waris meminta klaim dihentikan."})
    assert ok.status_code == 303
    db.session.refresh(klaim)
    assert klaim.state == ke and klaim.alasan == "Ahli waris meminta klaim dihentikan."
    # The reason is always told to the applicant, even without the tick.
    assert klaim.events[-1].terlihat_pemohon is True


def test_missing_target_state_is_a_form_error(client, petugas, factory):
    klaim = factory.klaim(state="diterima")
    response = client.post(_url(klaim, "/status"), data={})
    assert response.status_code == 422
    assert 'href="#ke"' in response.get_data(as_text=True)


# --- amounts ---------------------------------------------------------------------------------


def test_approved_and_paid_amounts_are_recorded(client, db, petugas, factory, get_page):
    klaim = factory.klaim(state="diajukan_bpjs")
    r = client.post(_url(klaim, "/persetujuan"), data={"jumlah_disetujui": "Rp42.000.000"})
    assert r.status_code == 303
    db.session.refresh(klaim)
    assert klaim.state == "disetujui" and klaim.jumlah_disetujui == 42_000_000
    r = client.post(_url(klaim, "/pembayaran"), data={
        "jumlah_dibayar": "42.000.000", "tanggal_bayar": "2026-03-02",
        "referensi_bank": "TRX-0099"})
    assert r.status_code == 303
    db.session.refresh(klaim)
    assert klaim.state == "dibayar" and klaim.jumlah_dibayar == 42_000_000
    assert klaim.tanggal_bayar == dt.date(2026, 3, 2) and klaim.referensi_bank == "TRX-0099"
    soup = get_page(_url(klaim))
    assert soup.select_one("[data-dibayar]")["data-dibayar"] == "42000000"
    assert "Rp42.000.000 pada 2 Maret 2026, referensi bank TRX-0099" in soup.get_text()
    assert {"klaim.pindah"} == set(db.session.scalars(
        select(AuditLog.aksi).where(AuditLog.actor_user_id == petugas.id)))


@pytest.mark.parametrize(("akhir", "data", "field"), [
    ("/persetujuan", {"jumlah_disetujui": ""}, "jumlah_disetujui"),
    ("/persetujuan", {"jumlah_disetujui": "0"}, "jumlah_disetujui"),
    ("/persetujuan", {"jumlah_disetujui": "42,5"}, "jumlah_disetujui"),
    ("/pembayaran", {"jumlah_dibayar": "abc", "tanggal_bayar": "2026-03-02",
                     "referensi_bank": "X"}, "jumlah_dibayar"),
    ("/pembayaran", {"jumlah_dibayar": "1", "tanggal_bayar": "2999-01-01",
                     "referensi_bank": "X"}, "tanggal_bayar"),
    ("/pembayaran", {"jumlah_dibayar": "1", "tanggal_bayar": "2026-03-02"}, "referensi_bank"),
])
def test_bad_amounts_are_422(client, db, petugas, factory, akhir, data, field):
    klaim = factory.klaim(state="disetujui" if akhir == "/pembayaran" else "diajukan_bpjs")
    state = klaim.state
    response = client.post(_url(klaim, akhir), data=data)
    assert response.status_code == 422
    assert f'href="#{field}"' in response.get_data(as_text=True)
    db.session.refresh(klaim)
    assert klaim.state == state


def test_payment_before_approval_is_409(client, db, petugas, factory):
    klaim = factory.klaim(state="diajukan_bpjs")
    sebelum = potret(db)
    response = client.post(_url(klaim, "/pembayaran"), data={
        "jumlah_dibayar": "1000", "tanggal_bayar": "2026-03-02", "referensi_bank": "X"})
    assert response.status_code == 409
    assert potret(db) == sebelum  # nothing written: no amount, event, message or audit


# --- documents -------------------------------------------------------------------------------


def _dok(klaim, kode: str) -> Dokumen:
    return next(d for d in klaim.dokumen if d.kode == kode)


def test_accept_an_uploaded_document(client, db, petugas, klaim_jkm):
    unggah_dokumen(db.session, klaim_jkm, "akta_kematian", io.BytesIO(PDF), klaim_jkm.pemohon,
                   nama_berkas="akta.pdf")
    db.session.commit()
    dok = _dok(klaim_jkm, "akta_kematian")
    r = client.post(_url(klaim_jkm, f"/dokumen/{dok.id}/terima"))
    assert r.status_code == 303 and r.headers["Location"].endswith("#dokumen")
    db.session.refresh(dok)
    assert dok.status == "diterima" and dok.diperiksa_oleh == petugas.id
    assert _hitung(db, AuditLog, AuditLog.aksi == "dokumen.terima") == 1


def test_reject_needs_a_reason_and_hands_the_claim_back(client, db, petugas, klaim_jkm,
                                                        page_checker):
    unggah_dokumen(db.session, klaim_jkm, "akta_kematian", io.BytesIO(PDF), klaim_jkm.pemohon,
                   nama_berkas="akta.pdf")
    db.session.commit()
    dok = _dok(klaim_jkm, "akta_kematian")
    kosong = client.post(_url(klaim_jkm, f"/dokumen/{dok.id}/tolak"), data={"alasan": " "})
    assert kosong.status_code == 422
    soup = page_checker.check(kosong.get_data(as_text=True))
    assert soup.select_one(f'#ringkasan-kesalahan a[href="#alasan-{dok.id}"]')
    db.session.refresh(dok)
    assert dok.status == "diunggah"
    r = client.post(_url(klaim_jkm, f"/dokumen/{dok.id}/tolak"),
                    data={"alasan": "Foto buram, nama tidak terbaca."})
    assert r.status_code == 303
    db.session.refresh(dok)
    db.session.refresh(klaim_jkm)
    assert dok.status == "ditolak" and dok.alasan == "Foto buram, nama tidak terbaca."
    assert klaim_jkm.state == "perlu_dokumen"


def test_request_again_and_waive(client, db, petugas, klaim_jkm):
    kartu = _dok(klaim_jkm, "kartu_peserta")
    assert client.post(_url(klaim_jkm, f"/dokumen/{kartu.id}/lewati")).status_code == 303
    db.session.refresh(kartu)
    assert kartu.status == "tidak_diperlukan"
    assert client.post(_url(klaim_jkm, f"/dokumen/{kartu.id}/minta")).status_code == 303
    db.session.refresh(kartu)
    db.session.refresh(klaim_jkm)
    assert kartu.status == "diminta" and klaim_jkm.state == "perlu_dokumen"
    aksi = list(db.session.scalars(select(AuditLog.aksi).order_by(AuditLog.id)))
    assert aksi == ["dokumen.lewati", "klaim.pindah", "dokumen.minta"]


def test_request_an_extra_document(client, db, petugas, klaim_jkm):
    r = client.post(_url(klaim_jkm, "/dokumen"), data={
        "dokumen_nama": "Surat keterangan RT", "dokumen_keterangan": "Dari RT tempat tinggal."})
    assert r.status_code == 303
    dok = db.session.scalar(select(Dokumen).where(Dokumen.nama == "Surat keterangan RT"))
    assert dok.status == "diminta" and dok.klaim_id == klaim_jkm.id
    assert client.post(_url(klaim_jkm, "/dokumen"), data={}).status_code == 422


def test_document_actions_on_a_closed_claim_are_409(client, db, petugas, factory):
    klaim = factory.klaim(state="dibayar")
    dok = klaim.dokumen[0]
    sebelum = potret(db)
    assert client.post(_url(klaim, f"/dokumen/{dok.id}/terima")).status_code == 409
    assert client.post(_url(klaim, "/dokumen"), data={"dokumen_nama": "X"}).status_code == 409
    assert potret(db) == sebelum


def test_document_of_another_claim_is_404(client, petugas, factory, klaim_jkm):
    lain = factory.klaim()
    assert client.post(_url(klaim_jkm, f"/dokumen/{lain.dokumen[0].id}/terima")).status_code == 404
    assert client.get("/staf/klaim/tidak-ada").status_code == 404


def test_uploaded_file_opens_for_staff_and_each_opening_is_audited(client, db, petugas,
                                                                  klaim_jkm, get_page):
    unggah_dokumen(db.session, klaim_jkm, "akta_kematian", io.BytesIO(PDF), klaim_jkm.pemohon,
                   nama_berkas="akta 3275015203850002.pdf")
    db.session.commit()
    dok = _dok(klaim_jkm, "akta_kematian")
    soup = get_page(_url(klaim_jkm))
    tautan = soup.select_one(f"tr[data-dokumen=akta_kematian] a[href$='/dokumen/{dok.id}/berkas']")
    response = client.get(tautan["href"])
    assert response.status_code == 200
    assert response.data == PDF
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert re.search(r'filename="?JKM-\d{4}-\d{6}-akta_kematian\.pdf',
                     response.headers["Content-Disposition"])
    response.close()
    row = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "dokumen.lihat"))
    assert row.actor_user_id == petugas.id and klaim_jkm.nomor in row.ringkasan
    # A document with nothing uploaded has no file to open.
    kosong = _dok(klaim_jkm, "ktp_peserta")
    assert client.get(_url(klaim_jkm, f"/dokumen/{kosong.id}/berkas")).status_code == 404


# --- notes and history -----------------------------------------------------------------------


def test_internal_and_public_notes_both_show_in_the_officers_history(client, db, petugas,
                                                                    klaim_jkm, get_page):
    client.post(_url(klaim_jkm, "/catatan"), data={"catatan": "Cek ulang rekening."})
    client.post(_url(klaim_jkm, "/catatan"), data={
        "catatan": "Kami menunggu surat dari kelurahan.", "catatan_tampilkan": "1"})
    notes = db.session.scalars(select(KlaimEvent).where(KlaimEvent.aksi == "catatan")
                               .order_by(KlaimEvent.id)).all()
    assert [(n.catatan, n.terlihat_pemohon) for n in notes] == [
        ("Cek ulang rekening.", False), ("Kami menunggu surat dari kelurahan.", True)]
    soup = get_page(_url(klaim_jkm))
    baris = soup.select("tr[data-event=catatan]")
    assert [b["data-terlihat"] for b in baris] == ["ya", "tidak"]  # newest first
    assert "Internal" in baris[1].get_text()
    assert "Cek ulang rekening." in baris[1].get_text()
    assert len(soup.select("tr[data-event]")) == len(klaim_jkm.events)
    assert client.post(_url(klaim_jkm, "/catatan"), data={"catatan": ""}).status_code == 422


def test_claim_page_shows_summary_progress_and_masked_niks(petugas, klaim_jkm, get_page):
    soup = get_page(_url(klaim_jkm))
    teks = soup.get_text(" ")
    assert "Ahmad Hidayat" in teks and "Siti Aminah" in teks and "3275********0003" in teks
    assert soup.select_one(".langkah [aria-current=step]").get_text(strip=True).startswith(
        "Pemeriksaan berkas")
    assert "Menunggu: Petugas" in " ".join(soup.select_one(".status-klaim").get_text().split())
