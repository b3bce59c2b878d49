"""Participant import: check a file against the database (report), then write it in one go.

Both passes read the stored file again as a stream and work in batches of ``UKURAN_BATCH``
rows, so memory stays flat at 100 000 rows. The file and its report live in the app's storage
(app/penyimpanan.py: a folder or S3) under ``impor/``, so the web server that took the upload,
the worker that checks it and the server that shows the report may be different machines.
The write is one transaction: all valid rows or none, with one audit row carrying the file's
SHA-256. Re-importing the same file finds every row unchanged and writes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from flask import current_app
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.domain import nik as nik_domain
from app.domain.impor import (
    AWAL_RUMUS,
    AcuanImpor,
    Baris,
    BerkasTidakSah,
    baca_baris,
    baris_csv,
    periksa_berkas,
)
from app.domain.yaml_cepat import baca_yaml
from app.models import ImporPeserta, Peserta, User
from app.models.base import sekarang
from app.penyimpanan import penyimpanan

UKURAN_BATCH = 1000
MAKS_UKURAN = 50 * 1024 * 1024
# Columns a file may set; an empty optional cell keeps what is stored.
KOLOM_TULIS = ("nama", "tanggal_lahir", "jenis_kelamin", "kecamatan", "kelurahan", "segmen",
               "telepon", "kpj", "mulai", "akhir", "desil")
JUDUL_LAPORAN = ("baris", "jenis", "nik", "nama", "keterangan")


# --- rules from content -------------------------------------------------------------------


def aturan_impor(hari_ini: dt.date) -> AcuanImpor:
    """The checks in force: the region's kecamatan/segmen, its kelurahan list, NIK codes."""
    from app.konten_app import wilayah

    w = wilayah()
    root = Path(current_app.config["CONTENT_ROOT"]) / "wilayah"
    kelurahan = root / "kelurahan" / f"{w['kode']}.yaml"
    kode = root / "kode" / "provinsi.yaml"
    return AcuanImpor.dari_konten(
        w, baca_yaml(kelurahan.read_text(encoding="utf-8")) if kelurahan.exists() else None,
        baca_yaml(kode.read_text(encoding="utf-8")), hari_ini,
    )


# --- files --------------------------------------------------------------------------------


AWALAN = "impor/"  # storage keys: AWALAN + stored name (+ LAPORAN for the report)
LAPORAN = ".laporan.csv"


def kunci_berkas(impor: ImporPeserta) -> str:
    return AWALAN + impor.berkas


def kunci_laporan(impor: ImporPeserta) -> str:
    return AWALAN + impor.berkas + LAPORAN


def tanggal_nama(nama: str) -> dt.date | None:
    """The upload day in a stored name ``yyyymmdd-<hex>`` (None for older, undated names)."""
    try:
        return dt.datetime.strptime(nama.partition("-")[0], "%Y%m%d").date()
    except ValueError:
        return None


def simpan_berkas(sumber: BinaryIO) -> tuple[str, str, int]:
    """Check an upload's size, type and header row, then store it once under a new random
    name; ``(stored name, SHA-256, size)``. A refused file never reaches the storage."""
    sidik = hashlib.sha256()
    ukuran = 0
    with tempfile.TemporaryFile() as sementara:
        while potongan := sumber.read(1024 * 1024):
            ukuran += len(potongan)
            if ukuran > MAKS_UKURAN:
                raise BerkasTidakSah("Berkas lebih dari 50 MB. Bagi menjadi beberapa berkas.")
            sidik.update(potongan)
            sementara.write(potongan)
        sementara.seek(0)
        baris = baca_baris(sementara)
        try:
            next(baris, None)  # the file type and header row, checked at once
        finally:
            baris.close()
        sementara.seek(0)
        nama = f"{sekarang():%Y%m%d}-{secrets.token_hex(16)}"
        penyimpanan().simpan_aliran(AWALAN + nama, sementara)
    return nama, sidik.hexdigest(), ukuran


def sha256_berkas(berkas: BinaryIO) -> str:
    """The SHA-256 of an open binary file, read from the start."""
    berkas.seek(0)
    sidik = hashlib.sha256()
    while potongan := berkas.read(1024 * 1024):
        sidik.update(potongan)
    berkas.seek(0)
    return sidik.hexdigest()


def kira_baris(f: BinaryIO) -> int:
    """Roughly how many data rows (line count − header) for the progress bar; ``f`` is an
    open binary file, left at its start."""
    f.seek(0)
    try:
        awal = f.read(4)
        if awal.startswith(b"PK\x03\x04"):
            try:
                from python_calamine import CalamineWorkbook

                f.seek(0)
                return max(CalamineWorkbook.from_filelike(f).get_sheet_by_index(0).height - 1, 0)
            except Exception:  # the check pass reports a broken workbook properly
                return 0
        f.seek(0)
        jumlah, akhir = 0, b""
        while potongan := f.read(1024 * 1024):
            jumlah += potongan.count(b"\n")
            akhir = potongan[-1:]
        return max(jumlah - (1 if akhir == b"\n" else 0), 0)
    finally:
        f.seek(0)


# --- checking and writing -----------------------------------------------------------------


@dataclass
class Ringkasan:
    """Counts of one pass."""

    total: int = 0
    baru: int = 0
    diubah: int = 0
    sama: int = 0
    ditolak: int = 0
    peringatan: int = 0


def _batch(baris: Iterator[Baris]) -> Iterator[list[Baris]]:
    kumpulan: list[Baris] = []
    for b in baris:
        kumpulan.append(b)
        if len(kumpulan) >= UKURAN_BATCH:
            yield kumpulan
            kumpulan = []
    if kumpulan:
        yield kumpulan


def _perubahan(b: Baris, lama: Any) -> dict[str, Any]:
    """Values in the row that differ from the stored participant (empty cells keep)."""
    ubah = {}
    for k in KOLOM_TULIS:
        nilai = b.nilai.get(k)
        if nilai is None:
            continue
        if getattr(lama, k) != nilai:
            ubah[k] = nilai
    return ubah


def proses(
    sesi: Session,
    berkas: BinaryIO,
    aturan: AcuanImpor,
    *,
    tulis: bool,
    laporan: IO[str] | None = None,
    kemajuan: Callable[[int], None] | None = None,
    dibiayai_oleh: str | None = None,
) -> Ringkasan:
    """Check every row against the file and the database; with ``tulis`` also insert new
    participants and update changed ones in ``sesi`` (the caller commits or rolls back)."""
    r = Ringkasan()
    penulis = csv.writer(laporan, lineterminator="\r\n") if laporan is not None else None
    if penulis is not None:
        penulis.writerow(JUDUL_LAPORAN)
    kolom_lama = [Peserta.id, Peserta.nik, Peserta.user_id,
                  *(getattr(Peserta, k) for k in KOLOM_TULIS)]
    for kumpulan in _batch(periksa_berkas(berkas, aturan)):
        nik = [b.nilai["nik"] for b in kumpulan if not b.ditolak]
        lama = {row.nik: row for row in sesi.execute(
            select(*kolom_lama).where(Peserta.nik.in_(nik)))} if nik else {}
        kpj = [b.nilai["kpj"] for b in kumpulan if not b.ditolak and b.nilai.get("kpj")]
        pemilik_kpj = dict(sesi.execute(
            select(Peserta.kpj, Peserta.nik).where(Peserta.kpj.in_(kpj))).all()) if kpj else {}
        sisip: list[dict[str, Any]] = []
        ubah: list[dict[str, Any]] = []
        ubah_akun: list[dict[str, Any]] = []
        waktu = sekarang()
        for b in kumpulan:
            r.total += 1
            n = b.nilai.get("nik")
            k = b.nilai.get("kpj")
            if not b.ditolak and k and pemilik_kpj.get(k, n) != n:
                b.alasan.append("Nomor KPJ sudah dipakai peserta lain di database.")
            if b.ditolak:
                r.ditolak += 1
                _catat(penulis, b, "ditolak", b.alasan)
                continue
            if b.peringatan:
                r.peringatan += 1
                _catat(penulis, b, "peringatan", b.peringatan)
            row = lama.get(n)
            if row is None:
                r.baru += 1
                sisip.append({
                    "nik": n, "nik_akhir": n[-4:], "status": "aktif", "program_jkk": True,
                    "program_jkm": True, "program_jht": False, "dibiayai_oleh": dibiayai_oleh,
                    "dibuat": waktu, "diubah": waktu,
                    **{c: b.nilai.get(c) for c in KOLOM_TULIS},
                })
                continue
            perubahan = _perubahan(b, row)
            if not perubahan:
                r.sama += 1
                continue
            r.diubah += 1
            ubah.append({"id": row.id, "diubah": waktu, **perubahan})
            akun = {c: perubahan[c] for c in ("nama", "telepon") if c in perubahan}
            if row.user_id is not None and akun:
                ubah_akun.append({"id": row.user_id, **akun})
        if tulis:
            if sisip:
                sesi.execute(insert(Peserta), sisip)
            if ubah:
                sesi.execute(update(Peserta), ubah)
            if ubah_akun:
                sesi.execute(update(User), ubah_akun)
        if kemajuan is not None:
            kemajuan(r.total)
    return r


def _catat(penulis, b: Baris, jenis: str, pesan: list[str]) -> None:
    if penulis is None:
        return
    nik = b.nilai.get("nik")
    penulis.writerow(baris_csv([b.nomor, jenis, nik_domain.samarkan(nik) if nik else "",
                                b.nilai.get("nama", ""), " ".join(pesan)]))


def ringkasan_audit(impor: ImporPeserta, r: Ringkasan) -> str:
    return (f"Impor peserta #{impor.id} dari berkas \u201c{impor.nama_berkas}\u201d "
            f"(SHA-256 {impor.sha256}): {r.baru} baru, {r.diubah} diubah, {r.sama} sama, "
            f"{r.ditolak} ditolak.")


def isi_hitungan(impor: ImporPeserta, r: Ringkasan) -> None:
    for k in ("total", "baru", "diubah", "sama", "ditolak", "peringatan"):
        setattr(impor, k, getattr(r, k))


def baca_laporan(impor: ImporPeserta, batas: int = 200) -> list[dict[str, str]]:
    """The first ``batas`` rows of the report (rejected and warned rows)."""
    hasil = []
    try:
        with penyimpanan().buka(kunci_laporan(impor)) as mentah:
            f = io.TextIOWrapper(mentah, encoding="utf-8", newline="")
            for i, row in enumerate(csv.DictReader(f)):
                if i >= batas:
                    break
                hasil.append({k: _tanpa_penetral(v) for k, v in row.items()})
            f.detach()  # the storage closes the file itself
    except FileNotFoundError:
        return []
    return hasil


def _tanpa_penetral(v: str) -> str:
    """Undo :func:`sel_aman` for display on a page (HTML is escaped, nothing runs there)."""
    return v[1:] if v.startswith("'") and v[1:2] and v[1] in AWAL_RUMUS else v


@contextlib.contextmanager
def tulis_laporan(impor: ImporPeserta) -> Iterator[IO[str]]:
    """A text file for the report; stored under the import's report key once the block ends
    without an error (a temporary file until then, so the storage gets it in one write)."""
    with tempfile.TemporaryFile() as mentah:
        f = io.TextIOWrapper(mentah, encoding="utf-8", newline="")
        yield f
        f.flush()
        f.detach()
        mentah.seek(0)
        penyimpanan().simpan_aliran(kunci_laporan(impor), mentah)
