"""`flask bersihkan`: files of long-finished claims and old activation codes go; records stay."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from app.akun.tampilan import uraian_event
from app.models import AuditLog, Dokumen, ImporPeserta, KlaimEvent, KodeAktivasi
from app.penyimpanan import penyimpanan
from app.retensi import masa_simpan
from app.services.dokumen import unggah_dokumen
from app.services.waktu import sekarang
from tests.akun_bantu import PDF
from tests.staf.test_impor import rq_app  # noqa: F401 - fixture (Redis)


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
    assert hari["impor_peserta"] == 30
    for jenis in ("berkas_klaim", "kode_aktivasi", "impor_peserta"):
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
    assert ("Uji coba: 1 berkas klaim, 1 kode aktivasi, 0 impor peserta, 0 berkas impor, dan "
            "0 pekerjaan latar impor akan dihapus. Tidak ada yang diubah.") in hasil.output
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
    assert "Selesai: 1 berkas klaim, 1 kode aktivasi, 0 impor peserta," in hasil.output
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
    assert "Selesai: 0 berkas klaim, 0 kode aktivasi, 0 impor peserta," in lagi.output


# --- participant imports ------------------------------------------------------------------


def _impor(db, simpanan, oleh, status: str, *, umur_hari: int, berkas: bool, laporan: bool,
           langkah: str = "diterapkan_pada") -> ImporPeserta:
    """An import whose last step was ``umur_hari`` days ago, with the files it still has."""
    waktu = sekarang() - dt.timedelta(days=umur_hari)
    nama = f"{waktu:%Y%m%d}-{uuid.uuid4().hex}"
    impor = ImporPeserta(oleh_user_id=oleh.id, nama_berkas="peserta.csv", berkas=nama,
                         sha256="a" * 64, ukuran=10, status=status,
                         **{"dibuat": waktu, langkah: waktu})
    db.session.add(impor)
    db.session.commit()
    if berkas:
        simpanan.simpan(f"impor/{nama}", b"nik\r\n3275011506880001\r\n")  # full NIKs
    if laporan:
        simpanan.simpan(f"impor/{nama}.laporan.csv", b"baris,jenis,nik\r\n")
    return impor


@pytest.fixture
def data_impor(app, db, factory):
    simpanan = penyimpanan(app)
    hari = masa_simpan()["impor_peserta"]
    oleh = factory.user(peran="petugas")
    selesai = _impor(db, simpanan, oleh, "selesai", umur_hari=hari + 1, berkas=False,
                     laporan=True)
    # The upload could not be removed after the write (a storage outage): left behind.
    gagal = _impor(db, simpanan, oleh, "gagal", umur_hari=hari + 3, berkas=True, laporan=False,
                   langkah="dibuat")
    # Checked, never confirmed: abandoned with the full NIKs still stored.
    ditinggal = _impor(db, simpanan, oleh, "siap", umur_hari=hari + 10, berkas=True,
                       laporan=True, langkah="diperiksa_pada")
    baru = _impor(db, simpanan, oleh, "selesai", umur_hari=hari - 1, berkas=False, laporan=True)
    menunggu = _impor(db, simpanan, oleh, "siap", umur_hari=2, berkas=True, laporan=True,
                      langkah="diperiksa_pada")
    # Files no row names (an upload cut off before its row was saved): an old one, an undated
    # one from before dated names, and one from today that may still be getting its row.
    yatim_lama = "impor/20200101-" + "b" * 32
    yatim_tanpa_tanggal = "impor/" + "c" * 32
    yatim_baru = f"impor/{sekarang():%Y%m%d}-" + "d" * 32
    for k in (yatim_lama, yatim_tanpa_tanggal, yatim_baru):
        simpanan.simpan(k, b"nik\r\n3275011506880001\r\n")
    return {
        "hapus": [selesai.id, gagal.id, ditinggal.id],
        "tetap": [baru.id, menunggu.id],
        "berkas_hapus": sorted([f"impor/{selesai.berkas}.laporan.csv", f"impor/{gagal.berkas}",
                                f"impor/{ditinggal.berkas}",
                                f"impor/{ditinggal.berkas}.laporan.csv", yatim_lama,
                                yatim_tanpa_tanggal]),
        "berkas_tetap": sorted([f"impor/{baru.berkas}.laporan.csv", f"impor/{menunggu.berkas}",
                                f"impor/{menunggu.berkas}.laporan.csv", yatim_baru]),
    }


def test_dry_run_lists_old_imports_and_their_files(app, db, runner, data_impor):
    simpanan = penyimpanan(app)
    sebelum = list(simpanan.daftar())
    hasil = runner.invoke(args=["bersihkan", "--coba"])
    assert hasil.exit_code == 0, hasil.output
    for i in data_impor["hapus"]:
        assert f"Akan dihapus: impor peserta #{i} (" in hasil.output
    for i in data_impor["tetap"]:
        assert f"impor peserta #{i} " not in hasil.output
    for k in data_impor["berkas_hapus"]:
        assert f"Akan dihapus: berkas impor {k}\n" in hasil.output
    for k in data_impor["berkas_tetap"]:
        assert k not in hasil.output
    assert "3 impor peserta, 6 berkas impor, dan 0 pekerjaan latar impor akan dihapus" in (
        hasil.output)
    assert list(simpanan.daftar()) == sebelum
    db.session.expire_all()
    assert all(db.session.get(ImporPeserta, i) for i in data_impor["hapus"])


def test_real_run_removes_old_imports_their_files_and_unnamed_files(app, db, runner,
                                                                     data_impor):
    simpanan = penyimpanan(app)
    hasil = runner.invoke(args=["bersihkan"])
    assert hasil.exit_code == 0, hasil.output
    assert "3 impor peserta, 6 berkas impor, dan 0 pekerjaan latar impor dihapus." in (
        hasil.output)
    assert list(simpanan.daftar("impor/")) == data_impor["berkas_tetap"]
    db.session.expire_all()
    assert [i for i in data_impor["hapus"] if db.session.get(ImporPeserta, i)] == []
    assert all(db.session.get(ImporPeserta, i) for i in data_impor["tetap"])
    catatan = db.session.scalars(select(AuditLog).where(
        AuditLog.aksi == "retensi.hapus_impor")).one()
    assert "3 impor peserta lama dihapus" in catatan.ringkasan
    lagi = runner.invoke(args=["bersihkan"])
    assert "0 impor peserta, 0 berkas impor" in lagi.output


def test_rq_jobs_and_progress_of_removed_imports_go_too(rq_app, db, runner,  # noqa: F811
                                                         data_impor):
    from redis import Redis
    from rq.job import Job
    from rq.registry import FinishedJobRegistry

    from app.services.impor_tugas import set_kemajuan
    from app.tugas import antrean, kirim, pekerja

    lama, tetap = data_impor["hapus"][0], data_impor["tetap"][0]
    # Delivered again long after the import ended: the job finds nothing to do and its
    # result (arguments: the import id, the officer, the officer's IP) stays in Redis.
    kirim("terapkan_impor", lama, None, "203.0.113.9")
    kirim("terapkan_impor", tetap, None, "203.0.113.9")
    pekerja(rq_app, burst=True)
    selesai = FinishedJobRegistry(queue=antrean(rq_app))
    job_lama, job_tetap = sorted(selesai.get_job_ids(),
                                 key=lambda j: Job.fetch(j, connection=selesai.connection).args[1]
                                 != lama)
    set_kemajuan(lama, 5, 5)
    redis = Redis.from_url(rq_app.config["REDIS_URL"])
    coba = runner.invoke(args=["bersihkan", "--coba"])
    assert f"Akan dihapus: pekerjaan latar impor {job_lama}\n" in coba.output
    assert job_tetap not in coba.output
    assert Job.exists(job_lama, connection=redis)
    hasil = runner.invoke(args=["bersihkan"])
    assert "dan 1 pekerjaan latar impor dihapus." in hasil.output, hasil.output
    assert not Job.exists(job_lama, connection=redis)
    assert not redis.exists(f"rq:results:{job_lama}", f"sigap:impor:{lama}:kemajuan")
    assert selesai.get_job_ids() == [job_tetap] and Job.exists(job_tetap, connection=redis)
