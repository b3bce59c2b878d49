"""Activation codes: shown once, stored hashed, single use, replaced on reissue, 30 days."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.models import AuditLog, KodeAktivasi
from app.services.aktivasi import aktifkan, cari_kode_berlaku, terbitkan_kode_aktivasi

NIK = "3275015203850002"
AWAL = dt.datetime(2026, 2, 1, 8, 0, tzinfo=dt.UTC)


def test_code_is_returned_once_and_stored_only_as_a_hash(db, factory):
    user = factory.user(peran="ahli_waris", nik=NIK)
    petugas = factory.user(peran="petugas")
    kode = terbitkan_kode_aktivasi(db.session, user, petugas, ip="10.1.1.1")
    db.session.commit()
    baris = db.session.scalar(select(KodeAktivasi))
    assert kode.replace("-", "") not in baris.hash
    assert baris.hash.startswith("$argon2")
    assert baris.dibuat_oleh == petugas.id
    log = db.session.scalar(select(AuditLog))
    assert log.aksi == "aktivasi.terbitkan" and NIK not in log.ringkasan


def test_code_works_once_and_sets_the_password(db, factory):
    user = factory.user(peran="ahli_waris", nik=NIK)
    versi = user.sesi_versi
    kode = terbitkan_kode_aktivasi(db.session, user, None, waktu=AWAL)
    baris = cari_kode_berlaku(db.session, NIK, kode.lower(), AWAL + dt.timedelta(days=1))
    assert baris is not None
    aktifkan(db.session, baris, "sawah-hijau-di-bekasi", waktu=AWAL + dt.timedelta(days=1))
    db.session.commit()
    assert user.cek_sandi("sawah-hijau-di-bekasi")
    assert user.sesi_versi == versi + 1
    assert cari_kode_berlaku(db.session, NIK, kode, AWAL + dt.timedelta(days=2)) is None


def test_code_expires_after_thirty_days(db, factory):
    user = factory.user(peran="ahli_waris", nik=NIK)
    kode = terbitkan_kode_aktivasi(db.session, user, None, waktu=AWAL)
    db.session.commit()
    hampir = AWAL + dt.timedelta(days=30) - dt.timedelta(seconds=1)
    assert cari_kode_berlaku(db.session, NIK, kode, hampir) is not None
    assert cari_kode_berlaku(db.session, NIK, kode, AWAL + dt.timedelta(days=30)) is None


def test_reissue_replaces_the_old_code(db, factory):
    user = factory.user(peran="ahli_waris", nik=NIK)
    lama = terbitkan_kode_aktivasi(db.session, user, None, waktu=AWAL)
    baru = terbitkan_kode_aktivasi(db.session, user, None, waktu=AWAL)
    db.session.commit()
    assert cari_kode_berlaku(db.session, NIK, lama, AWAL) is None
    assert cari_kode_berlaku(db.session, NIK, baru, AWAL) is not None


def test_wrong_nik_or_code_finds_nothing(db, factory):
    user = factory.user(peran="ahli_waris", nik=NIK)
    kode = terbitkan_kode_aktivasi(db.session, user, None, waktu=AWAL)
    assert cari_kode_berlaku(db.session, "3275014708900004", kode, AWAL) is None
    assert cari_kode_berlaku(db.session, NIK, "ABCD-EFGH-JK", AWAL) is None
    assert cari_kode_berlaku(db.session, NIK, "salah", AWAL) is None
