"""``flask impor-peserta``: dry run by default (exit 1 on rejects), --terapkan writes."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import AuditLog, Peserta
from tests.staf.test_impor import BUDI, SALAH_NIK, SITI, berkas


def _jumlah(db) -> int:
    return db.session.scalar(select(func.count(Peserta.id)))


def test_dry_run_reports_and_exits_1_on_rejects(db, runner, tmp_path):
    f = tmp_path / "peserta.csv"
    f.write_bytes(berkas(BUDI, SALAH_NIK, SITI))
    laporan = tmp_path / "laporan.csv"
    hasil = runner.invoke(args=["impor-peserta", str(f), "--laporan", str(laporan)])
    assert hasil.exit_code == 1, hasil.output
    assert "Baru: 2" in hasil.output and "Ditolak: 1" in hasil.output
    assert "tidak ada yang disimpan" in hasil.output
    assert "3,ditolak,3275********0009" in laporan.read_text(encoding="utf-8")
    assert _jumlah(db) == 0


def test_terapkan_writes_once_and_is_audited(db, runner, tmp_path):
    f = tmp_path / "peserta.csv"
    f.write_bytes(berkas(BUDI, SITI))
    assert runner.invoke(args=["impor-peserta", str(f)]).exit_code == 0
    hasil = runner.invoke(args=["impor-peserta", str(f), "--terapkan"])
    assert hasil.exit_code == 0, hasil.output
    assert "Tersimpan." in hasil.output and _jumlah(db) == 2
    kedua = runner.invoke(args=["impor-peserta", str(f), "--terapkan"])
    assert "Baru: 0" in kedua.output and "Sama: 2" in kedua.output and _jumlah(db) == 2
    assert db.session.scalar(select(func.count(AuditLog.id)).where(
        AuditLog.aksi == "peserta.impor")) == 2


def test_bad_file_one_message(db, runner, tmp_path):
    f = tmp_path / "peserta.csv"
    f.write_bytes(b"nama,alamat\nBudi,Jl\n")
    hasil = runner.invoke(args=["impor-peserta", str(f), "--terapkan"])
    assert hasil.exit_code == 1 and "kolom yang belum ada" in hasil.output
    assert _jumlah(db) == 0


def test_worker_needs_redis(runner):
    hasil = runner.invoke(args=["pekerja", "--burst"])
    assert hasil.exit_code == 1 and "REDIS_URL" in hasil.output
