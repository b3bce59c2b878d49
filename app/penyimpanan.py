"""File storage behind one small interface: a local folder or S3-compatible object storage.

Every stored file (claim documents, issued PDFs, news images, participant import files and
their reports) goes through :func:`penyimpanan`. Keys are relative paths made by the app from
random names (``<hex>.pdf``, ``surat/<kode>.pdf``, ``berita/<hex>-og.jpg``,
``impor/<yyyymmdd>-<hex>``); a file is written once under its key and read back through the app,
never through a public URL. The content checks (app/domain/unggah.py, gambar_berita.py) run
before anything reaches a backend.

``SIGAP_STORAGE`` chooses the backend: empty = the folder ``UPLOAD_FOLDER`` (the default),
``s3://bucket/prefix`` = S3 or any S3-compatible service (MinIO, ...), with the usual
``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_DEFAULT_REGION``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from flask import Flask, current_app

log = logging.getLogger(__name__)
_KUNCI_SAH = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$")


class PenyimpananGangguan(RuntimeError):
    """The storage cannot be reached or refuses to work (network, permissions, full disk).
    Answered as a 503 page in Indonesian (:func:`init_penyimpanan`), never a 500."""


def periksa_kunci(kunci: str) -> str:
    """A key is a relative path of plain names: no ``..``, no leading dot, no slash at the ends."""
    if not isinstance(kunci, str) or len(kunci) > 200 or not _KUNCI_SAH.match(kunci) or any(
            bagian in ("", ".", "..") for bagian in kunci.split("/")):
        raise ValueError(f"Kunci penyimpanan tidak sah: {kunci!r}")
    return kunci


class Penyimpanan:
    """What every backend offers. Missing files raise FileNotFoundError."""

    nama = "?"

    def simpan(self, kunci: str, isi: bytes) -> None:
        raise NotImplementedError

    def simpan_aliran(self, kunci: str, sumber: BinaryIO) -> None:
        """Write a file from an open binary file (read from its current position to the end)
        without holding it all in memory (participant files run to 50 MB)."""
        raise NotImplementedError

    def baca(self, kunci: str) -> bytes:
        raise NotImplementedError

    def buka(self, kunci: str) -> contextlib.AbstractContextManager[BinaryIO]:
        """A stored file as a seekable binary file, for reading in pieces."""
        raise NotImplementedError

    def ada(self, kunci: str) -> bool:
        raise NotImplementedError

    def hapus(self, kunci: str) -> None:
        """Remove a file; a missing one is not an error."""
        raise NotImplementedError

    def daftar(self, awalan: str = "") -> Iterator[str]:
        """Every stored key (starting with ``awalan``, e.g. ``"impor/"``), sorted."""
        raise NotImplementedError

    def kosong(self) -> bool:
        return next(iter(self.daftar()), None) is None


class PenyimpananLokal(Penyimpanan):
    """A folder on this machine (one server, or a shared mount)."""

    nama = "lokal"

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"folder {self.folder}"

    def _jalur(self, kunci: str) -> Path:
        return self.folder / periksa_kunci(kunci)

    def simpan(self, kunci: str, isi: bytes) -> None:
        self.simpan_aliran(kunci, io.BytesIO(isi))

    def simpan_aliran(self, kunci: str, sumber: BinaryIO) -> None:
        jalur = self._jalur(kunci)
        try:
            self._tulis(jalur, sumber)
        except OSError as e:
            raise PenyimpananGangguan(f"{self!r}: {type(e).__name__}") from e

    @staticmethod
    def _tulis(jalur: Path, sumber: BinaryIO) -> None:
        jalur.parent.mkdir(parents=True, exist_ok=True)
        # A temporary file first, then an atomic rename: a reader never sees half a file.
        fd, sementara = tempfile.mkstemp(dir=jalur.parent, prefix=".simpan-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as keluar:
                shutil.copyfileobj(sumber, keluar, 1024 * 1024)
                keluar.flush()
                os.fsync(keluar.fileno())
            os.replace(sementara, jalur)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(sementara)
            raise

    def baca(self, kunci: str) -> bytes:
        jalur = self._jalur(kunci)
        if not jalur.is_file():
            raise FileNotFoundError(kunci)
        try:
            return jalur.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as e:
            raise PenyimpananGangguan(f"{self!r}: {type(e).__name__}") from e

    @contextlib.contextmanager
    def buka(self, kunci: str) -> Iterator[BinaryIO]:
        jalur = self._jalur(kunci)
        if not jalur.is_file():
            raise FileNotFoundError(kunci)
        try:
            berkas = jalur.open("rb")
        except FileNotFoundError:
            raise
        except OSError as e:
            raise PenyimpananGangguan(f"{self!r}: {type(e).__name__}") from e
        with berkas:
            yield berkas

    def ada(self, kunci: str) -> bool:
        return self._jalur(kunci).is_file()

    def hapus(self, kunci: str) -> None:
        jalur = self._jalur(kunci)
        with contextlib.suppress(FileNotFoundError):
            jalur.unlink()
        # Folders the app made for keys (surat/, berita/, periksa/) go once empty.
        for induk in jalur.parents:
            if induk == self.folder or self.folder not in induk.parents:
                break
            try:
                induk.rmdir()
            except OSError:
                break

    def daftar(self, awalan: str = "") -> Iterator[str]:
        folder = awalan.rpartition("/")[0]  # walk only the prefix's folder (impor/, surat/)
        akar = self._jalur(folder) if folder else self.folder
        if not akar.is_dir():
            return iter(())
        kunci = (p.relative_to(self.folder).as_posix() for p in akar.rglob("*")
                 if p.is_file() and not any(b.startswith(".") for b in
                                            p.relative_to(self.folder).parts))
        return iter(sorted(k for k in kunci if k.startswith(awalan)))


class PenyimpananS3(Penyimpanan):
    """A bucket (and optional prefix) on S3 or an S3-compatible service."""

    nama = "s3"

    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 client=None) -> None:
        import boto3
        from botocore.config import Config as BotoConfig

        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = client or boto3.client(
            "s3", endpoint_url=endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or None,
            config=BotoConfig(retries={"max_attempts": 3, "mode": "standard"},
                              connect_timeout=5, read_timeout=30),
        )

    def __repr__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"

    def _kunci(self, kunci: str) -> str:
        return self.prefix + periksa_kunci(kunci)

    @contextlib.contextmanager
    def _panggil(self, kunci: str = ""):
        """botocore's errors as FileNotFoundError (a missing key) or PenyimpananGangguan."""
        from boto3.exceptions import S3TransferFailedError, S3UploadFailedError
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                raise FileNotFoundError(kunci) from e
            raise PenyimpananGangguan(f"{self!r}: {e.response.get('Error', {}).get('Code')}"
                                      ) from e
        except (BotoCoreError, S3UploadFailedError, S3TransferFailedError) as e:
            raise PenyimpananGangguan(f"{self!r}: {type(e).__name__}") from e

    def simpan(self, kunci: str, isi: bytes) -> None:
        with self._panggil(kunci):
            self.client.put_object(Bucket=self.bucket, Key=self._kunci(kunci), Body=isi)

    def simpan_aliran(self, kunci: str, sumber: BinaryIO) -> None:
        with self._panggil(kunci):
            self.client.upload_fileobj(sumber, self.bucket, self._kunci(kunci))

    def baca(self, kunci: str) -> bytes:
        with self._panggil(kunci):
            jawaban = self.client.get_object(Bucket=self.bucket, Key=self._kunci(kunci))
            return jawaban["Body"].read()

    @contextlib.contextmanager
    def buka(self, kunci: str) -> Iterator[BinaryIO]:
        """Downloaded in pieces into a temporary file on this machine (gone on close)."""
        with tempfile.TemporaryFile() as berkas:
            with self._panggil(kunci):
                self.client.download_fileobj(self.bucket, self._kunci(kunci), berkas)
            berkas.seek(0)
            yield berkas

    def ada(self, kunci: str) -> bool:
        try:
            with self._panggil(kunci):
                self.client.head_object(Bucket=self.bucket, Key=self._kunci(kunci))
        except FileNotFoundError:
            return False
        return True

    def hapus(self, kunci: str) -> None:
        with self._panggil(kunci):
            self.client.delete_object(Bucket=self.bucket, Key=self._kunci(kunci))

    def daftar(self, awalan: str = "") -> Iterator[str]:
        with self._panggil():
            halaman = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.prefix + awalan)
            kunci = [o["Key"][len(self.prefix):] for h in halaman for o in h.get("Contents", [])]
        return iter(sorted(kunci))


def dari_alamat(alamat: str | None, upload_folder: str) -> Penyimpanan:
    """The backend for a ``SIGAP_STORAGE`` value (empty = the local ``upload_folder``)."""
    alamat = (alamat or "").strip()
    if not alamat:
        return PenyimpananLokal(upload_folder)
    if alamat.startswith("s3://"):
        bucket, _, prefix = alamat[len("s3://"):].partition("/")
        if not bucket:
            raise ValueError("SIGAP_STORAGE=s3://... perlu nama bucket, mis. s3://sigap/berkas")
        return PenyimpananS3(bucket, prefix)
    if alamat.startswith("file://"):
        return PenyimpananLokal(alamat[len("file://"):])
    raise ValueError(
        f"SIGAP_STORAGE {alamat!r} tidak dikenal: kosongkan (folder UPLOAD_FOLDER), "
        "atau tulis s3://bucket/awalan"
    )


def init_penyimpanan(app: Flask) -> None:
    """Answer a storage outage with a 503 page in Indonesian instead of a 500."""
    app.register_error_handler(PenyimpananGangguan, _gangguan)


def _gangguan(error: PenyimpananGangguan):
    from flask import make_response

    from app.extensions import db
    from app.web import render_page

    log.error("Penyimpanan berkas gangguan: %s", error)
    db.session.rollback()  # nothing half-done (a record without its file) is committed later
    response = make_response(render_page(
        "errors/error.html", "errors/_error.html", status=503, kode=503,
        judul="Berkas sedang tidak dapat dibuka",
        pesan="Tempat penyimpanan berkas sedang gangguan. Data Anda tidak hilang. "
              "Coba lagi beberapa menit lagi.",
        detail=None,
    ))
    response.headers["Retry-After"] = "120"
    return response


def penyimpanan(app: Flask | None = None) -> Penyimpanan:
    """The app's storage (built once per app from its configuration)."""
    app = app or current_app._get_current_object()
    simpanan = app.extensions.get("sigap_penyimpanan")
    if simpanan is None:
        simpanan = dari_alamat(app.config.get("SIGAP_STORAGE"), app.config["UPLOAD_FOLDER"])
        app.extensions["sigap_penyimpanan"] = simpanan
    return simpanan
