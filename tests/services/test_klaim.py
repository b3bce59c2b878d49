"""Claim services: creation, every legal move, illegal moves, events, audit and outbox."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.domain.klaim import PERPINDAHAN_SAH, STATUS, PerpindahanTidakSah
from app.models import AuditLog, KlaimEvent, Pesan
from app.services.klaim import (
    buat_klaim,
    catat_pembayaran,
    catat_persetujuan,
    pindahkan,
    tambah_catatan,
    target_klaim,
)

SEMUA = [s.value for s in STATUS]


def _hitung(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_new_claim_gets_reference_public_id_checklist_amounts_event_and_message(db, factory):
    petugas = factory.user(peran="petugas")
    pemohon = factory.user(peran="ahli_waris")
    peserta = factory.peserta(status="meninggal")
    klaim = buat_klaim(db.session, peserta, "JKM", oleh=petugas, pemohon=pemohon,
                       hubungan="anak", dokumen_diterima=["kartu_peserta"])
    db.session.commit()
    assert klaim.nomor.startswith("JKM-") and klaim.nomor.endswith("-000001")
    assert len(klaim.public_id) >= 20 and klaim.nomor not in klaim.public_id
    assert klaim.state == "diterima"
    assert klaim.jumlah_komponen == 42_000_000
    status = {d.kode: d.status for d in klaim.dokumen}
    assert status["kartu_peserta"] == "diterima"
    assert status["buku_nikah"] == "tidak_diperlukan"  # a child, not the spouse
    assert status["akta_kematian"] == "diminta"
    assert [e.aksi for e in klaim.events] == ["dibuat"]
    assert _hitung(db, Pesan, Pesan.user_id == pemohon.id) == 1
    assert _hitung(db, AuditLog, AuditLog.aksi == "klaim.buat") == 1
    kedua = buat_klaim(db.session, peserta, "JKM", oleh=petugas, pemohon=pemohon, hubungan="anak")
    assert kedua.nomor.endswith("-000002")
    assert kedua.public_id != klaim.public_id


def test_spouse_is_asked_for_the_marriage_book(db, factory):
    klaim = factory.klaim(hubungan="istri")
    assert {d.kode: d.status for d in klaim.dokumen}["buku_nikah"] == "diminta"


def test_jkk_death_amount_uses_declared_income_with_the_minimum(db, factory):
    kaya = factory.peserta(penghasilan=2_000_000, status="meninggal")
    miskin = factory.peserta(penghasilan=100_000, status="meninggal")
    a = factory.klaim(peserta=kaya, jenis="JKK_meninggal")
    b = factory.klaim(peserta=miskin, jenis="JKK_meninggal")
    assert a.komponen[0]["jumlah"] == 96_000_000
    assert b.komponen[0]["jumlah"] == 20_000_000


def _ke_state(factory, state):
    return factory.klaim(state=state)


@pytest.mark.parametrize(("dari", "ke"), sorted(PERPINDAHAN_SAH))
def test_every_legal_move_appends_an_event_and_notifies(db, factory, dari, ke):
    klaim = _ke_state(factory, dari)
    petugas = factory.user(peran="petugas")
    if ke == "diajukan_bpjs":
        factory.lengkapi(klaim)
    sebelum_event = len(klaim.events)
    sebelum_pesan = _hitung(db, Pesan, Pesan.klaim_id == klaim.id)
    if ke == "disetujui":
        catat_persetujuan(db.session, klaim, 42_000_000, petugas, ip="10.0.0.1")
    elif ke == "dibayar":
        catat_pembayaran(db.session, klaim, 42_000_000, dt.date(2026, 3, 2), "TRX-1", petugas)
    else:
        pindahkan(db.session, klaim, ke, petugas, alasan="Alasan jelas", ip="10.0.0.1")
    db.session.commit()
    db.session.refresh(klaim)
    assert klaim.state == ke
    assert len(klaim.events) == sebelum_event + 1
    ev = klaim.events[-1]
    assert (ev.dari, ev.ke, ev.actor_user_id, ev.terlihat_pemohon) == (dari, ke, petugas.id, True)
    assert _hitung(db, Pesan, Pesan.klaim_id == klaim.id) == sebelum_pesan + 1
    baris = db.session.scalars(
        select(AuditLog).where(AuditLog.aksi == "klaim.pindah", AuditLog.actor_user_id
                               == petugas.id)).all()
    assert len(baris) == 1 and baris[0].objek_id == str(klaim.id)


@pytest.mark.parametrize(
    ("dari", "ke"),
    [(a, b) for a in SEMUA for b in SEMUA if (a, b) not in PERPINDAHAN_SAH],
)
def test_every_illegal_move_is_refused_and_changes_nothing(db, factory, dari, ke):
    klaim = _ke_state(factory, dari)
    jumlah_event = len(klaim.events)
    with pytest.raises(PerpindahanTidakSah):
        pindahkan(db.session, klaim, ke, None, alasan="x")
    db.session.rollback()
    db.session.refresh(klaim)
    assert klaim.state == dari
    assert len(klaim.events) == jumlah_event


def test_refusal_and_cancellation_need_a_reason(db, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    with pytest.raises(PerpindahanTidakSah, match="Alasan"):
        pindahkan(db.session, klaim, "ditolak", None)
    pindahkan(db.session, klaim, "ditolak", None, alasan="Bukan peserta aktif saat meninggal")
    assert klaim.alasan == "Bukan peserta aktif saat meninggal"
    assert "Bukan peserta aktif" in db.session.scalars(
        select(Pesan.teks).where(Pesan.klaim_id == klaim.id).order_by(Pesan.id.desc())).first()


def test_approval_and_payment_cannot_skip_their_figures(db, factory):
    klaim = factory.klaim(state="diajukan_bpjs")
    with pytest.raises(PerpindahanTidakSah):
        pindahkan(db.session, klaim, "disetujui", None)
    with pytest.raises(ValueError):
        catat_persetujuan(db.session, klaim, 0, None)
    catat_persetujuan(db.session, klaim, 42_000_000, None)
    with pytest.raises(PerpindahanTidakSah):
        pindahkan(db.session, klaim, "dibayar", None)
    catat_pembayaran(db.session, klaim, 42_000_000, dt.date(2026, 3, 4), "BRI-778899", None)
    assert (klaim.jumlah_disetujui, klaim.jumlah_dibayar) == (42_000_000, 42_000_000)
    assert klaim.referensi_bank == "BRI-778899"
    teks = db.session.scalars(select(Pesan.teks).order_by(Pesan.id.desc())).first()
    assert "Rp42.000.000" in teks and "4 Maret 2026" in teks


def test_applicant_actions_are_not_audited_but_staff_actions_are(db, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    pindahkan(db.session, klaim, "perlu_dokumen", klaim.pemohon)
    assert _hitung(db, AuditLog) == 0
    tambah_catatan(db.session, klaim, "Ditelepon, akan datang Senin", factory.user(
        peran="petugas"))
    assert _hitung(db, AuditLog, AuditLog.aksi == "klaim.catatan") == 1


def test_internal_note_is_hidden_and_sends_nothing(db, factory):
    klaim = factory.klaim()
    pesan = _hitung(db, Pesan)
    ev = tambah_catatan(db.session, klaim, "Catatan internal", factory.user(peran="petugas"))
    assert ev.terlihat_pemohon is False
    assert _hitung(db, Pesan) == pesan


def test_events_cannot_be_edited_or_deleted(db, factory):
    klaim = factory.klaim()
    ev = klaim.events[0]
    ev.catatan = "diubah"
    with pytest.raises(ValueError, match="tidak boleh diubah"):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(KlaimEvent, ev.id))
    with pytest.raises(ValueError, match="tidak boleh dihapus"):
        db.session.flush()
    db.session.rollback()


def test_service_target_starts_when_documents_are_complete_and_reports_overdue(db, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    assert target_klaim(klaim, dt.date(2026, 1, 1)) is None
    factory.lengkapi(klaim)
    klaim.dokumen_lengkap_sejak = None  # accepted at the desk without the clock (test set-up)
    jumat = dt.datetime(2026, 3, 6, 3, 0, tzinfo=dt.UTC)  # Friday morning in Bekasi
    pindahkan(db.session, klaim, "diajukan_bpjs", None, waktu=jumat)
    target = target_klaim(klaim, dt.date(2026, 3, 11))
    assert target.hari_kerja == 3
    assert target.sejak == dt.date(2026, 3, 6)
    assert target.batas == dt.date(2026, 3, 11)  # Mon, Tue, Wed
    assert target.terlambat is False
    assert target_klaim(klaim, dt.date(2026, 3, 12)).terlambat is True


def test_no_service_target_for_claim_types_without_one(db, factory):
    klaim = factory.klaim(jenis="beasiswa", state="diajukan_bpjs")
    assert target_klaim(klaim, dt.date(2026, 12, 31)) is None

