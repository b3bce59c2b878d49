"""`flask cadangan` / `flask pulihkan`: the demo database with files makes the round trip."""

from __future__ import annotations

import json

import pytest

from app import create_app
from app.extensions import db as _db
from app.penyimpanan import penyimpanan
from app.services.dokumen import STATE_BOLEH_UNGGAH, unggah_dokumen
from tests.akun_bantu import PDF
from tests.akun_bantu import demo as demo
from tests.conftest import database_baru


@pytest.fixture
def tujuan_url(tmp_path):
    """An empty database of the same kind as the test database."""
    yield from database_baru(tmp_path / "pulih.sqlite3")


def _hash_berkas(app) -> dict[str, str]:
    import hashlib

    s = penyimpanan(app)
    return {k: hashlib.sha256(s.baca(k)).hexdigest() for k in s.daftar()}


def _perintah(app, *args):
    """Run a command against ``app`` (its context on top of the source app's)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def _baris(app) -> dict[str, int]:
    from app.cadangan import hitung_baris

    with app.app_context():
        return hitung_baris()


def test_backup_round_trip_restores_every_row_and_file(app, db, demo, runner, tmp_path,
                                                        tujuan_url):
    klaim, dok = next((k, d) for k in demo.klaim.values() for d in k.dokumen
                      if k.pemohon is not None and k.state in STATE_BOLEH_UNGGAH
                      and d.boleh_diunggah)
    unggah_dokumen(db.session, klaim, dok.kode, PDF, klaim.pemohon, nama_berkas="a.pdf")
    db.session.commit()
    db.session.remove()
    folder = tmp_path / "cadangan"
    hasil = runner.invoke(args=["cadangan", str(folder)])
    assert hasil.exit_code == 0, hasil.output
    assert "Cadangan selesai" in hasil.output
    manifest = json.loads((folder / "manifest.json").read_text())
    sumber_berkas = _hash_berkas(app)
    assert len(sumber_berkas) >= 2  # the uploaded PDF and the demo news images
    assert {k: v["sha256"] for k, v in manifest["berkas"].items()} == sumber_berkas
    sumber_baris = _baris(app)
    assert manifest["baris"] == sumber_baris and sumber_baris["klaim"] > 0

    # A second backup into the same folder is refused: backups are never mixed.
    assert runner.invoke(args=["cadangan", str(folder)]).exit_code != 0

    baru = create_app("testing", SQLALCHEMY_DATABASE_URI=tujuan_url,
                      UPLOAD_FOLDER=str(tmp_path / "pulih-unggahan"))
    try:
        pulih = _perintah(baru, "pulihkan", str(folder))
        assert pulih.exit_code == 0, pulih.output
        assert _baris(baru) == sumber_baris
        assert _hash_berkas(baru) == sumber_berkas

        # Now it is not empty: refused, unless told to replace it.
        lagi = _perintah(baru, "pulihkan", str(folder))
        assert lagi.exit_code == 1 and "--timpa" in lagi.output
        penyimpanan(baru).simpan("sisa.pdf", b"%PDF-sisa")
        timpa = _perintah(baru, "pulihkan", "--timpa", str(folder))
        assert timpa.exit_code == 0, timpa.output
        assert _baris(baru) == sumber_baris
        assert _hash_berkas(baru) == sumber_berkas
    finally:
        with baru.app_context():
            _db.session.remove()
            _db.engine.dispose()


def test_a_damaged_backup_is_refused_before_anything_is_written(app, db, runner, tmp_path,
                                                                tujuan_url):
    penyimpanan(app).simpan("abc.pdf", PDF)
    folder = tmp_path / "cadangan"
    assert runner.invoke(args=["cadangan", str(folder)]).exit_code == 0
    (folder / "berkas" / "abc.pdf").write_bytes(PDF + b"diubah")
    baru = create_app("testing", SQLALCHEMY_DATABASE_URI=tujuan_url,
                      UPLOAD_FOLDER=str(tmp_path / "pulih-unggahan"))
    hasil = _perintah(baru, "pulihkan", str(folder))
    assert hasil.exit_code == 1 and "berkas/abc.pdf" in hasil.output
    assert penyimpanan(baru).kosong()
    with baru.app_context():
        _db.engine.dispose()


def test_a_folder_backup_restores_into_s3_storage(app, db, runner, tmp_path, tujuan_url,
                                                   s3_alamat):
    """The README's way from one server's folder to object storage shared by many."""
    penyimpanan(app).simpan("abc.pdf", PDF)
    penyimpanan(app).simpan("surat/kode.pdf", PDF + b"surat")
    folder = tmp_path / "cadangan"
    assert runner.invoke(args=["cadangan", str(folder)]).exit_code == 0
    baru = create_app("testing", SQLALCHEMY_DATABASE_URI=tujuan_url, SIGAP_STORAGE=s3_alamat,
                      UPLOAD_FOLDER=str(tmp_path / "tidak-dipakai"))
    try:
        hasil = _perintah(baru, "pulihkan", str(folder))
        assert hasil.exit_code == 0, hasil.output
        assert _hash_berkas(baru) == _hash_berkas(app)
        assert penyimpanan(baru).nama == "s3"
    finally:
        with baru.app_context():
            _db.session.remove()
            _db.engine.dispose()
