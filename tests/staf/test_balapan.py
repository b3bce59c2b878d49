"""Issue 10, finding 4: two officers at once — one claim move wins, claim numbers never
collide, and two senders never send one message twice (SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlalchemy import func, select

from app.models import Klaim, KlaimEvent, Pesan


def _bersamaan(fungsi, n: int = 2) -> list:
    """Run ``fungsi(i)`` in ``n`` threads; return the results (exceptions included)."""
    hasil: list = [None] * n

    def jalan(i):
        try:
            hasil[i] = fungsi(i)
        except Exception as galat:
            hasil[i] = galat

    utas = [threading.Thread(target=jalan, args=(i,)) for i in range(n)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=60)
    return hasil


def _tunggu_bersama(monkeypatch, modul, nama: str, n: int = 2):
    """Make ``modul.nama`` wait (up to 2 s) until ``n`` threads have called it: both have read
    the data before either writes (with a row lock, the second waits for the first instead)."""
    asli = getattr(modul, nama)
    palang = threading.Barrier(n)

    def bungkus(*args, **kwargs):
        hasil = asli(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            palang.wait(timeout=2)
        return hasil

    monkeypatch.setattr(modul, nama, bungkus)


def test_two_officers_moving_one_claim_exactly_one_wins(app, db, factory, masuk, klaim_jkm,
                                                       monkeypatch):
    from app.staf import klaim_detail

    klien = [app.test_client(), app.test_client()]
    for i, k in enumerate(klien):
        masuk(factory.user(peran="petugas", nama=f"Petugas {i}"), k)
    sebelum = db.session.scalar(select(func.count()).select_from(KlaimEvent))
    public_id, versi = klaim_jkm.public_id, klaim_jkm.versi
    db.session.remove()
    _tunggu_bersama(monkeypatch, klaim_detail, "_ambil")
    tujuan = ["perlu_dokumen", "ditolak"]  # both legal now (submission needs complete papers)

    def pindah(i):
        jawab = klien[i].post(f"/staf/klaim/{public_id}/status",
                              data={"ke": tujuan[i], "versi": str(versi),
                                    "catatan_status": "uji"})
        return jawab.status_code, jawab.get_data(as_text=True)

    hasil = _bersamaan(pindah)
    kode = sorted(h[0] for h in hasil)
    assert kode == [303, 409], kode
    kalah = next(h[1] for h in hasil if h[0] == 409)
    assert "baru saja diubah oleh petugas lain" in kalah
    sesudah = db.session.scalar(select(func.count()).select_from(KlaimEvent))
    assert sesudah - sebelum == 1
    klaim = db.session.scalar(select(Klaim).where(Klaim.public_id == public_id))
    assert klaim.state in tujuan and klaim.versi == versi + 1


def test_two_officers_without_the_version_field_still_one_wins(app, db, factory, masuk,
                                                              klaim_jkm, monkeypatch):
    from app.staf import klaim_detail

    klien = [app.test_client(), app.test_client()]
    for i, k in enumerate(klien):
        masuk(factory.user(peran="petugas", nama=f"Petugas {i}"), k)
    public_id = klaim_jkm.public_id
    sebelum = db.session.scalar(select(func.count()).select_from(KlaimEvent))
    db.session.remove()
    _tunggu_bersama(monkeypatch, klaim_detail, "_ambil")
    hasil = _bersamaan(lambda i: klien[i].post(
        f"/staf/klaim/{public_id}/status", data={"ke": "perlu_dokumen",
                                                 "catatan_status": "uji"}).status_code)
    assert sorted(hasil) == [303, 409]
    assert db.session.scalar(select(func.count()).select_from(KlaimEvent)) - sebelum == 1


def test_a_stale_form_gets_409_and_writes_nothing(client, db, petugas, klaim_jkm):
    versi = klaim_jkm.versi
    url = f"/staf/klaim/{klaim_jkm.public_id}/status"
    assert client.post(url, data={"ke": "perlu_dokumen", "versi": str(versi)}).status_code == 303
    sebelum = db.session.scalar(select(func.count()).select_from(KlaimEvent))
    jawab = client.post(url, data={"ke": "diajukan_bpjs", "versi": str(versi)})
    assert jawab.status_code == 409
    assert "baru saja diubah oleh petugas lain" in jawab.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(KlaimEvent)) == sebelum


def test_two_claims_registered_at_once_get_two_numbers(app, db, factory, monkeypatch):
    from app.extensions import db as _db
    from app.services import klaim as layanan

    peserta_ids = [factory.peserta(status="meninggal").id for _ in range(2)]
    pemohon_ids = [factory.user(peran="ahli_waris").id for _ in range(2)]
    db.session.remove()
    _tunggu_bersama(monkeypatch, layanan, "nomor_berikut")

    def daftar(i):
        from app.models import Peserta, User

        with app.app_context():
            klaim = layanan.buat_klaim(_db.session, _db.session.get(Peserta, peserta_ids[i]),
                                       "JKM", oleh=None, hubungan="istri",
                                       pemohon=_db.session.get(User, pemohon_ids[i]))
            _db.session.commit()
            return klaim.nomor

    hasil = _bersamaan(daftar)
    assert all(isinstance(h, str) for h in hasil), hasil
    assert len(set(hasil)) == 2


def test_numbers_continue_after_claims_written_without_the_counter(db, factory):
    from app.models import NomorKlaim
    from app.services.klaim import nomor_berikut

    klaim = factory.klaim()
    db.session.execute(NomorKlaim.__table__.delete())
    assert nomor_berikut(db.session, klaim.jenis, klaim.tahun) == klaim.urut + 1


@pytest.fixture
def antrean(db, factory):
    user = factory.user(peran="ahli_waris")
    klaim = factory.klaim(pemohon=user)
    for i in range(6):
        db.session.add(Pesan(user_id=user.id, klaim_id=klaim.id, teks=f"pesan {i}"))
    db.session.commit()
    return db.session.scalar(select(func.count()).select_from(Pesan).where(
        Pesan.status == "menunggu"))


def test_two_senders_never_send_one_message_twice(app, db, antrean):
    from app.extensions import db as _db
    from app.notifikasi import kirim_tertunda

    dikirim: list[int] = []
    kunci = threading.Lock()
    palang = threading.Barrier(2)

    class Lambat:
        nama = "uji"

        def kirim(self, pesan, user):
            with kunci:
                dikirim.append(pesan.id)
            with contextlib.suppress(threading.BrokenBarrierError):
                palang.wait(timeout=1)

    db.session.remove()

    def jalan(_i):
        with app.app_context():
            return kirim_tertunda(_db.session, Lambat())

    hasil = _bersamaan(jalan)
    assert all(isinstance(h, tuple) for h in hasil), hasil
    assert sorted(dikirim) == sorted(set(dikirim))
    assert len(dikirim) == antrean
    assert sum(h[0] for h in hasil) == antrean
