"""A participant import through the storage interface, on both backends (folder, S3 via moto).

The web server that takes the upload and the worker that checks and writes it are two apps
(two machines): with S3 each has its own empty UPLOAD_FOLDER, so a file that only reached one
machine's disk would be missed; the local backend stands for one folder both servers mount.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import create_app
from app.extensions import db as _db
from app.models import ImporPeserta, Peserta
from app.penyimpanan import penyimpanan
from app.services.impor_tugas import periksa_impor, terapkan_impor
from tests.staf.conftest import masuk, petugas  # noqa: F401 - fixtures
from tests.staf.test_impor import BUDI, SALAH_NIK, berkas


@pytest.fixture
def antre(monkeypatch) -> list:
    """Jobs the web server queues, kept here for the other machine's worker to run."""
    daftar: list = []
    monkeypatch.setattr("app.staf.impor.kirim", lambda nama, *args: daftar.append((nama, args)))
    return daftar


@pytest.fixture
def pekerja(app, tmp_path):
    """The worker's app: same database and storage, a folder of its own with S3."""
    lain = {"SIGAP_STORAGE": app.config["SIGAP_STORAGE"]} if app.config.get("SIGAP_STORAGE") \
        else {}
    folder = str(tmp_path / "pekerja") if lain else app.config["UPLOAD_FOLDER"]
    kedua = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                       UPLOAD_FOLDER=folder, **lain)
    yield kedua
    with kedua.app_context():
        _db.session.remove()
        _db.engine.dispose()


def _jalankan(app, fungsi, *args) -> None:
    with app.app_context():
        fungsi(*args)


def test_an_import_is_stored_checked_and_written_by_a_worker_on_another_machine(
        app, db, client, petugas, antre, pekerja, tmp_path):  # noqa: F811
    simpanan = penyimpanan(app)
    data = berkas(BUDI, SALAH_NIK)
    r = client.post("/staf/impor", data={"berkas": (io.BytesIO(data), "peserta.csv")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    impor = db.session.scalars(select(ImporPeserta)).one()
    assert antre == [("periksa_impor", (impor.id,))]
    assert list(simpanan.daftar("impor/")) == [f"impor/{impor.berkas}"]
    assert simpanan.baca(f"impor/{impor.berkas}") == data  # full NIKs: only in the storage

    _jalankan(pekerja, periksa_impor, impor.id)
    db.session.expire_all()
    impor = db.session.get(ImporPeserta, impor.id)
    assert (impor.status, impor.baru, impor.ditolak) == ("siap", 1, 1), impor.pesan
    halaman = client.get(f"/staf/impor/{impor.id}").get_data(as_text=True)
    assert "3275********0009" in halaman  # the worker's report, read by the web server
    laporan = client.get(f"/staf/impor/{impor.id}/laporan.csv")
    assert laporan.status_code == 200 and b"3275********0009" in laporan.data

    assert client.post(f"/staf/impor/{impor.id}/terapkan").status_code == 303
    assert antre[-1][0] == "terapkan_impor"
    _jalankan(pekerja, terapkan_impor, *antre[-1][1])
    db.session.expire_all()
    assert db.session.get(ImporPeserta, impor.id).status == "selesai"
    assert db.session.scalar(select(func.count(Peserta.id))) == 1
    # The uploaded file is gone; the report (masked NIKs) stays.
    assert list(simpanan.daftar("impor/")) == [f"impor/{impor.berkas}.laporan.csv"]
    if app.config.get("SIGAP_STORAGE"):
        for folder in (app.config["UPLOAD_FOLDER"], pekerja.config["UPLOAD_FOLDER"]):
            assert not [p for p in Path(folder).rglob("*") if p.is_file()]


def test_a_refused_file_never_reaches_the_storage(app, db, client, petugas, antre):  # noqa: F811
    r = client.post("/staf/impor", data={"berkas": (io.BytesIO(b"%PDF-1.4 x"), "a.csv")},
                    content_type="multipart/form-data")
    assert r.status_code == 422 and antre == []
    assert list(penyimpanan(app).daftar()) == []
