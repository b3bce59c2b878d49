"""`flask bersihkan`: files of long-finished claims and old activation codes go; records stay."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.akun.tampilan import uraian_event
from app.models import AuditLog, Dokumen, KlaimEvent, KodeAktivasi
from app.penyimpanan import penyimpanan
from app.retensi import masa_simpan
from app.services.dokumen import unggah_dokumen
from app.services.waktu import sekarang
from tests.akun_bantu import PDF


def _klaim_dengan_berkas(factory, db, *, selesai: str | None, umur_hari: int):
    klaim = factory.klaim(state="perlu_dokumen")
    dok = next(d for d in klaim.dokumen if d.status == "diminta")
    unggah_dokumen(db.session, klaim, dok.kode, PDF + str(klaim.id).encode(), klaim.pemohon,
                   nama_berkas="akta.pdf")
    if selesai:
        factory.pindah_ke(klaim, selesai)
    klaim.state_sejak = sekarang() - dt.timedelta(days=umur_hari)
    db.session.commit()
    return klaim, dok


@pytest.fixture
def data(db, factory):
    hari = masa_simpan()
    lama, dok_lama = _klaim_dengan_berkas(factory, db, selesai="dibatalkan",
                                          umur_hari=hari["berkas_klaim"] + 1)
    baru, dok_baru = _klaim_dengan_berkas(factory, db, selesai="dibatalkan", umur_hari=30)
    terbuka, dok_terbuka = _klaim_dengan_berkas(factory, db, selesai=None,
                                                umur_hari=hari["berkas_klaim"] + 400)
    user = factory.user(peran="peserta")
    kini = sekarang()
    kode_lama = KodeAktivasi(user_id=user.id, hash="x", kedaluwarsa=kini - dt.timedelta(days=50),
                             dipakai_pada=kini - dt.timedelta(days=hari["kode_aktivasi"] + 5))
    kode_berlaku = KodeAktivasi(user_id=user.id, hash="y",
                                kedaluwarsa=kini + dt.timedelta(days=2))
    db.session.add_all([kode_lama, kode_berlaku])
    db.session.commit()
    return {"lama": (lama, dok_lama), "baru": (baru, dok_baru),
            "terbuka": (terbuka, dok_terbuka), "kode_lama": kode_lama.id,
            "kode_berlaku": kode_berlaku.id}


def test_retention_periods_come_from_content_with_their_basis(app):
    from app.services.data import baca_data

    with app.app_context():
        hari = masa_simpan()
        data = baca_data("retensi")
    assert hari["berkas_klaim"] == 1826 and hari["kode_aktivasi"] == 30
    for jenis in ("berkas_klaim", "kode_aktivasi"):
        assert "27/2022" in data[jenis]["dasar"]
        assert data[jenis]["verified"] is False  # the figure is a proposal until adopted


def test_dry_run_lists_and_changes_nothing(app, db, runner, data):
    simpanan = penyimpanan(app)
    sebelum = list(simpanan.daftar())
    hasil = runner.invoke(args=["bersihkan", "--coba"])
    assert hasil.exit_code == 0, hasil.output
    lama, dok_lama = data["lama"]
    assert f"Akan dihapus: berkas klaim {lama.nomor} ({dok_lama.kode}" in hasil.output
    assert f"kode aktivasi #{data['kode_lama']} " in hasil.output
    assert data["baru"][0].nomor not in hasil.output
    assert data["terbuka"][0].nomor not in hasil.output
    assert "1 berkas klaim dan 1 kode aktivasi akan dihapus" in hasil.output
    assert list(simpanan.daftar()) == sebelum
    db.session.expire_all()
    assert db.session.get(Dokumen, dok_lama.id).berkas is not None
    assert db.session.get(KodeAktivasi, data["kode_lama"]) is not None


def test_real_run_removes_the_file_but_keeps_record_history_and_hash(app, db, runner, data):
    simpanan = penyimpanan(app)
    lama, dok_lama = data["lama"]
    kunci, sidik = dok_lama.berkas, dok_lama.sha256
    hasil = runner.invoke(args=["bersihkan"])
    assert hasil.exit_code == 0, hasil.output
    assert "Selesai: 1 berkas klaim dan 1 kode aktivasi dihapus." in hasil.output
    assert not simpanan.ada(kunci)
    db.session.expire_all()
    dok = db.session.get(Dokumen, dok_lama.id)
    assert dok.berkas is None and dok.sha256 == sidik and dok.ukuran
    ev = db.session.scalar(select(KlaimEvent).where(KlaimEvent.aksi == "berkas_dihapus"))
    assert ev.klaim_id == lama.id and sidik in ev.catatan and ev.terlihat_pemohon
    assert "masa simpannya sudah berakhir" in uraian_event(ev)
    assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.aksi == "retensi.hapus_berkas")) == 1
    for k in ("baru", "terbuka"):
        assert simpanan.ada(db.session.get(Dokumen, data[k][1].id).berkas)
    assert db.session.get(KodeAktivasi, data["kode_lama"]) is None
    assert db.session.get(KodeAktivasi, data["kode_berlaku"]) is not None
    # A second run finds nothing left to do.
    lagi = runner.invoke(args=["bersihkan"])
    assert "Selesai: 0 berkas klaim dan 0 kode aktivasi dihapus." in lagi.output
