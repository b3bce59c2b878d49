"""Guarded moves on the officers' claim page: offered only when the preconditions hold,
a forced POST answers 409 with the same reason and writes nothing; BPJS asking for more."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models import AuditLog, KlaimEvent, Pesan


def _url(klaim, akhir: str = "") -> str:
    return f"/staf/klaim/{klaim.public_id}{akhir}"


def _jumlah(db, klaim) -> tuple[int, int, int]:
    """(events, messages, audit rows) for the claim: all three must stay put on a 409."""
    hitung = lambda model, *w: db.session.scalar(select(func.count()).select_from(model).where(*w))  # noqa: E731
    return (hitung(KlaimEvent, KlaimEvent.klaim_id == klaim.id),
            hitung(Pesan, Pesan.klaim_id == klaim.id),
            hitung(AuditLog, AuditLog.objek_id == str(klaim.id)))


def test_submission_is_held_back_until_documents_are_complete(client, petugas, factory,
                                                              get_page):
    klaim = factory.klaim(state="verifikasi_berkas")
    soup = get_page(_url(klaim))
    tolak = soup.select_one('[data-alasan-tolak][data-ke="diajukan_bpjs"]')
    assert tolak is not None and "belum diterima" in tolak.get_text()
    assert soup.select_one('input[name="ke"][value="diajukan_bpjs"]') is None
    wajib = soup.select('tr[data-dokumen][data-wajib="true"]')
    assert wajib and all(tr["data-status"] for tr in wajib)

    factory.lengkapi(klaim)
    factory.db.session.commit()
    soup = get_page(_url(klaim))
    assert soup.select_one('[data-alasan-tolak][data-ke="diajukan_bpjs"]') is None
    assert soup.select_one('input[name="ke"][value="diajukan_bpjs"]') is not None


@pytest.mark.parametrize(("state", "url", "data", "kata"), [
    ("verifikasi_berkas", "/status", {"ke": "diajukan_bpjs"}, "Dokumen belum lengkap"),
    ("diajukan_bpjs", "/persetujuan", {"jumlah_disetujui": "42000000"}, "Dokumen belum lengkap"),
])
def test_forced_post_is_409_with_the_same_reason_and_writes_nothing(
        client, db, petugas, factory, get_page, page_checker, state, url, data, kata):
    klaim = factory.klaim(state=state)
    if state == "diajukan_bpjs":
        # BPJS asked for one more paper that has not come in yet.
        from app.services.dokumen import minta_dokumen
        minta_dokumen(db.session, klaim, "buku_tabungan", None)
        db.session.commit()
    ke = data.get("ke", "disetujui")
    halaman = get_page(_url(klaim)).select_one(f'[data-alasan-tolak][data-ke="{ke}"]')
    assert halaman is not None
    sebelum = _jumlah(db, klaim)
    response = client.post(_url(klaim, url), data=data)
    assert response.status_code == 409
    soup = page_checker.check(response.get_data(as_text=True))
    pesan = soup.select_one("#pesan-galat").get_text(" ", strip=True)
    assert kata in pesan
    # The page said the same reason before the POST.
    assert halaman.get_text(" ", strip=True).split(": ", 1)[1] in pesan
    db.session.expire_all()
    assert klaim.state == state and klaim.jumlah_disetujui is None
    assert _jumlah(db, klaim) == sebelum


def test_payment_form_needs_every_figure_and_approval_needs_an_amount(db, factory):
    from app.domain.klaim import PerpindahanTidakSah
    from app.services.klaim import catat_pembayaran, pindahkan

    klaim = factory.klaim(state="diajukan_bpjs")
    sebelum = _jumlah(db, klaim)
    with pytest.raises(PerpindahanTidakSah, match="Jumlah yang disetujui"):
        pindahkan(db.session, klaim, "disetujui", None)
    disetujui = factory.klaim(state="disetujui")
    with pytest.raises(PerpindahanTidakSah, match="Pembayaran belum lengkap"):
        pindahkan(db.session, disetujui, "dibayar", None)
    with pytest.raises(ValueError):
        catat_pembayaran(db.session, disetujui, 1, dt.date(2026, 3, 2), "  ", None)
    db.session.rollback()
    assert _jumlah(db, klaim) == sebelum


def test_bpjs_asking_for_more_is_one_event_and_one_message(client, db, petugas, factory):
    klaim = factory.klaim(state="diajukan_bpjs")
    event, pesan, _audit = _jumlah(db, klaim)
    buku = next(d for d in klaim.dokumen if d.kode == "buku_tabungan")
    response = client.post(_url(klaim, f"/dokumen/{buku.id}/minta"),
                           data={"alasan": "Halaman pertama kurang jelas."})
    assert response.status_code == 303
    db.session.expire_all()
    assert klaim.state == "diajukan_bpjs"  # no silent move back to "perlu dokumen"
    baru = db.session.scalars(select(KlaimEvent).where(KlaimEvent.klaim_id == klaim.id)
                              .order_by(KlaimEvent.id)).all()[event:]
    assert [e.aksi for e in baru] == ["bpjs_minta_dokumen"]
    assert baru[0].dari == baru[0].ke == "diajukan_bpjs"
    pesan_baru = db.session.scalars(select(Pesan).where(Pesan.klaim_id == klaim.id)
                                    .order_by(Pesan.id)).all()[pesan:]
    assert len(pesan_baru) == 1
    teks = pesan_baru[0].teks
    assert "BPJS meminta dokumen tambahan" in teks and "sudah diajukan" not in teks


def test_asking_during_verification_sends_one_message_and_hands_the_claim_back(
        client, db, petugas, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    _event, pesan, _audit = _jumlah(db, klaim)
    response = client.post(_url(klaim, "/dokumen"), data={"dokumen_nama": "Surat keterangan RT"})
    assert response.status_code == 303
    db.session.expire_all()
    assert klaim.state == "perlu_dokumen"
    assert _jumlah(db, klaim)[1] == pesan + 1


def test_claim_search_by_last_four_nik_digits_of_worker_or_claimant_and_by_kpj(
        client, petugas, factory, get_page):
    peserta = factory.peserta(nama="Pekerja Empat", nik="3275010203800777", kpj="26019870001",
                              status="meninggal")
    pemohon = factory.user(peran="ahli_waris", nama="Ahli Empat", nik="3275015203858888")
    klaim = factory.klaim(peserta=peserta, pemohon=pemohon)
    lain = factory.klaim()
    for q in ("0777", "8888", "2601987", "26019870001", klaim.nomor):
        soup = get_page(f"/staf/klaim?q={q}")
        nomor = {tr["data-klaim"] for tr in soup.select("tr[data-klaim]")}
        assert klaim.nomor in nomor and lain.nomor not in nomor, q
    # Types by their label, never the code.
    soup = get_page(f"/staf/klaim?q={klaim.nomor}")
    sel = soup.select_one(f'tr[data-klaim="{klaim.nomor}"] [data-jenis]')
    assert sel.get_text(strip=True) == "Jaminan Kematian (JKM)"


def test_claim_history_speaks_in_labels(client, petugas, factory, get_page):
    klaim = factory.klaim(state="verifikasi_berkas")
    teks = get_page(_url(klaim)).select_one(".tabel-riwayat").get_text(" ")
    assert "verifikasi_berkas" not in teks and "\u2192" not in teks
    assert "dari \u201cPengajuan diterima\u201d ke \u201cPemeriksaan berkas\u201d" in teks


def test_no_activation_code_for_a_deceased_participant_but_one_for_the_heir(
        client, db, petugas, factory, get_page):
    from app.models import KodeAktivasi

    klaim = factory.klaim()  # a deceased worker and an heir with an account
    peserta = klaim.peserta
    soup = get_page(f"/staf/peserta/{peserta.id}")
    assert soup.select_one("[data-tanpa-kode]") is not None
    assert soup.select_one('input[name="peserta_id"]') is None
    tombol = soup.select_one("[data-kode-ahli-waris]")
    assert klaim.pemohon_nama in tombol.get_text()
    sebelum = db.session.scalar(select(func.count()).select_from(KodeAktivasi))
    r = client.post("/staf/aktivasi", data={"peserta_id": str(peserta.id)})
    assert r.status_code == 409 and "meninggal dunia" in r.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(KodeAktivasi)) == sebelum
    r = client.post("/staf/aktivasi", data={"user_id": str(klaim.pemohon_user_id)})
    assert r.status_code == 200
    assert db.session.scalar(select(func.count()).select_from(KodeAktivasi)) == sebelum + 1
