"""Backups that restore: ``flask cadangan DIR`` and ``flask pulihkan DIR``.

A backup folder holds the database (SQLite's online backup API, or ``pg_dump`` custom format
on PostgreSQL), every stored file under ``berkas/`` and ``manifest.json`` with each file's
SHA-256, the row count of every table and the schema revision. The database is copied first
and the files after it: files are written once under new keys, so every file the copied
database names is already there (a file stored in between is merely extra).

A restore checks every hash first, then refuses a database or storage that already holds
data unless ``timpa`` (``--timpa``) is given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from app.extensions import db
from app.penyimpanan import penyimpanan

MANIFEST = "manifest.json"
FOLDER_BERKAS = "berkas"


class CadanganGagal(RuntimeError):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_berkas(path: Path) -> str:
    sidik = hashlib.sha256()
    with path.open("rb") as f:
        while potong := f.read(1 << 20):
            sidik.update(potong)
    return sidik.hexdigest()


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _libpq(url) -> str:
    """The URL as pg_dump/pg_restore want it: no driver name, and no password (that goes in
    PGPASSWORD, so it never shows in the process list)."""
    return url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)


def _jalur_sqlite(url) -> Path:
    if not url.database or url.database == ":memory:":
        raise CadanganGagal("Basis data SQLite di memori tidak bisa dicadangkan.")
    return Path(url.database)


def hitung_baris() -> dict[str, int]:
    """Rows in every table the database has (ours and alembic_version)."""
    with db.engine.connect() as conn:
        tabel = sorted(inspect(conn).get_table_names())
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()  # noqa: S608
                for t in tabel}


def _revisi() -> str | None:
    with db.engine.connect() as conn:
        if "alembic_version" not in inspect(conn).get_table_names():
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def cadangkan(tujuan: str | Path) -> dict:
    """Write a backup into ``tujuan`` (new or empty); return the manifest."""
    tujuan = Path(tujuan)
    if tujuan.exists() and any(tujuan.iterdir()):
        raise CadanganGagal(f"Folder {tujuan} tidak kosong; pilih folder baru untuk cadangan.")
    tujuan.mkdir(parents=True, exist_ok=True)
    url = _url()
    baris = hitung_baris()
    if url.get_backend_name() == "sqlite":
        nama_db = "database.sqlite3"
        with sqlite3.connect(_jalur_sqlite(url)) as sumber, \
                sqlite3.connect(tujuan / nama_db) as salinan:
            sumber.backup(salinan)  # a consistent copy while the app keeps running
        sumber.close()
        salinan.close()
    elif url.get_backend_name() == "postgresql":
        nama_db = "database.pgdump"
        _jalankan(["pg_dump", "--format=custom", "--no-owner", "--no-acl",
                   f"--file={tujuan / nama_db}", f"--dbname={_libpq(url)}"])
    else:
        raise CadanganGagal(f"Basis data {url.get_backend_name()} belum didukung.")
    simpanan = penyimpanan()
    berkas = {}
    for kunci in simpanan.daftar():
        isi = simpanan.baca(kunci)
        path = tujuan / FOLDER_BERKAS / kunci
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(isi)
        berkas[kunci] = {"sha256": sha256(isi), "ukuran": len(isi)}
    manifest = {
        "format": 1,
        "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": {"jenis": url.get_backend_name(), "berkas": nama_db,
                     "sha256": _sha256_berkas(tujuan / nama_db), "revisi": _revisi()},
        "baris": baris,
        "penyimpanan": repr(simpanan),
        "berkas": berkas,
    }
    (tujuan / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def baca_manifest(sumber: str | Path) -> dict:
    """The manifest, after checking the SHA-256 of the database copy and of every file."""
    sumber = Path(sumber)
    try:
        manifest = json.loads((sumber / MANIFEST).read_text())
    except (OSError, ValueError) as e:
        raise CadanganGagal(f"{sumber / MANIFEST} tidak ada atau rusak: {e}") from e
    rusak = []
    path_db = sumber / manifest["database"]["berkas"]
    if not path_db.is_file() or _sha256_berkas(path_db) != manifest["database"]["sha256"]:
        rusak.append(manifest["database"]["berkas"])
    for kunci, info in manifest["berkas"].items():
        path = sumber / FOLDER_BERKAS / kunci
        if not path.is_file() or _sha256_berkas(path) != info["sha256"]:
            rusak.append(f"{FOLDER_BERKAS}/{kunci}")
    if rusak:
        raise CadanganGagal("Cadangan rusak (hash tidak cocok atau berkas hilang): "
                            + ", ".join(rusak[:10]))
    return manifest


def _database_berisi() -> bool:
    return any(n for t, n in hitung_baris().items() if t != "alembic_version")


def pulihkan(sumber: str | Path, *, timpa: bool = False) -> dict:
    """Restore a backup into this app's database and storage; return the manifest."""
    sumber = Path(sumber)
    manifest = baca_manifest(sumber)
    url = _url()
    jenis = url.get_backend_name()
    if jenis != manifest["database"]["jenis"]:
        raise CadanganGagal(f"Cadangan ini dari {manifest['database']['jenis']}; "
                            f"basis data tujuan {jenis}.")
    simpanan = penyimpanan()
    if not timpa:
        isi = []
        if _database_berisi():
            isi.append("basis data")
        if not simpanan.kosong():
            isi.append(f"penyimpanan berkas ({simpanan!r})")
        if isi:
            raise CadanganGagal(" dan ".join(isi).capitalize() + " sudah berisi data. "
                                "Pulihkan ke tempat kosong, atau tambahkan --timpa untuk "
                                "menggantinya dengan isi cadangan.")
    db.session.remove()
    db.engine.dispose()
    path_db = sumber / manifest["database"]["berkas"]
    if jenis == "sqlite":
        target = _jalur_sqlite(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(path_db) as cadangan, sqlite3.connect(target) as tujuan:
            cadangan.backup(tujuan)  # replaces the whole target database
        cadangan.close()
        tujuan.close()
    else:
        _jalankan(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl",
                   "--single-transaction", "--exit-on-error",
                   f"--dbname={_libpq(url)}", str(path_db)])
    if timpa:
        for kunci in list(simpanan.daftar()):
            if kunci not in manifest["berkas"]:
                simpanan.hapus(kunci)
    for kunci in manifest["berkas"]:
        simpanan.simpan(kunci, (sumber / FOLDER_BERKAS / kunci).read_bytes())
    sekarang = hitung_baris()
    beda = {t: (n, sekarang.get(t)) for t, n in manifest["baris"].items()
            if sekarang.get(t) != n}
    if beda:
        raise CadanganGagal(f"Jumlah baris setelah pemulihan tidak cocok: {beda}")
    return manifest


def _jalankan(perintah: list[str]) -> None:
    program = shutil.which(perintah[0])
    if program is None:
        raise CadanganGagal(f"{perintah[0]} tidak terpasang (paket postgresql-client).")
    env = dict(os.environ)
    if _url().password:
        env["PGPASSWORD"] = _url().password
    hasil = subprocess.run([program, *perintah[1:]], capture_output=True, text=True,  # noqa: S603
                           check=False, env=env)
    if hasil.returncode != 0:
        pesan = hasil.stderr.strip().splitlines()[-3:]
        raise CadanganGagal(f"{perintah[0]} gagal: " + " / ".join(pesan))
