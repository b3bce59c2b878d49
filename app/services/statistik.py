"""Figures for the public /statistik page, computed at most every ``UMUR`` seconds.

Every table is suppressed (app/domain/statistik.py) before it leaves this module, so the
page and its CSV downloads can only show what is safe to publish.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from app.domain.klaim import JENIS_KLAIM, STATUS
from app.domain.statistik import (
    AMBANG,
    KELOMPOK_UMUR,
    Tabel,
    tabel_dua_arah,
    tabel_satu_arah,
    tanggal_umur,
)
from app.models import Klaim, Peserta

UMUR = 300.0  # seconds the figures are kept
TIDAK_DIISI = "Tidak diisi"
NAMA_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember")


@dataclass
class Statistik:
    """Everything the page shows, already suppressed."""

    per_tanggal: dt.date
    tercakup: int | None  # None: fewer than 5
    kuota: int | None
    kuota_sumber: str | None
    tabel: dict[str, Tabel]


def syarat_tercakup(hari_ini: dt.date):
    """Active participants whose coverage period includes today (as Peserta.aktif_pada)."""
    return and_(Peserta.status == "aktif", Peserta.mulai.is_not(None),
                Peserta.mulai <= hari_ini,
                or_(Peserta.akhir.is_(None), Peserta.akhir >= hari_ini))


def _per_kode(sesi: Session, kolom, daftar: Mapping[str, str], syarat) -> list[tuple[str, int]]:
    jumlah = dict(sesi.execute(select(kolom, func.count()).where(syarat).group_by(kolom)).all())
    hasil = [(nama, jumlah.pop(kode, 0)) for kode, nama in daftar.items()]
    lain = sum(jumlah.values())
    if lain:
        hasil.append((TIDAK_DIISI, lain))
    return hasil


def _umur(hari_ini: dt.date):
    """SQL CASE giving the index of the age band (portable: date comparisons only)."""
    cabang = []
    for i, (_, _bawah, atas) in enumerate(KELOMPOK_UMUR):
        if atas is None:
            break
        # Younger than atas+1 ⇔ born after the latest birth date of an (atas+1)-year-old.
        cabang.append((Peserta.tanggal_lahir > tanggal_umur(hari_ini, atas + 1), i))
    return case(*cabang, else_=len(KELOMPOK_UMUR) - 1)


def _bulan_mundur(hari_ini: dt.date, n: int = 12) -> list[dt.date]:
    """First days of the last ``n`` months, oldest first, the current month last."""
    bulan = []
    y, m = hari_ini.year, hari_ini.month
    for _ in range(n):
        bulan.append(dt.date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return bulan[::-1]


def hitung(sesi: Session, wilayah: Mapping[str, Any], hari_ini: dt.date) -> Statistik:
    """Run the queries and build the suppressed tables."""
    syarat = syarat_tercakup(hari_ini)
    total = sesi.scalar(select(func.count()).select_from(Peserta).where(syarat)) or 0
    kuota_data = ((wilayah.get("program") or {}).get("kuota") or {})
    segmen = {s["kode"]: s["nama"] for s in wilayah.get("segmen") or []}
    kecamatan = {k["kode"]: k["nama"] for k in wilayah.get("kecamatan") or []}
    tabel: dict[str, Tabel] = {}
    tabel["segmen"] = tabel_satu_arah(
        "segmen", "Peserta terlindungi menurut jenis pekerjaan", "Peserta",
        _per_kode(sesi, Peserta.segmen, segmen, syarat))
    tabel["kecamatan"] = tabel_satu_arah(
        "kecamatan", "Peserta terlindungi menurut kecamatan", "Peserta",
        _per_kode(sesi, Peserta.kecamatan, kecamatan, syarat))
    umur = _umur(hari_ini)
    nilai: dict[tuple[int, int], int] = {}
    kelamin = {"L": 0, "P": 1}
    for jk, band, n in sesi.execute(
            select(Peserta.jenis_kelamin, umur, func.count()).where(syarat)
            .group_by(Peserta.jenis_kelamin, umur)):
        nilai[(int(band), kelamin[jk])] = nilai.get((int(band), kelamin[jk]), 0) + n
    tabel["kelamin_umur"] = tabel_dua_arah(
        "kelamin_umur", "Peserta terlindungi menurut kelompok umur dan jenis kelamin",
        ["Laki-laki", "Perempuan"], [b[0] for b in KELOMPOK_UMUR], nilai)
    tabel["klaim_jenis"] = tabel_satu_arah(
        "klaim_jenis", "Klaim menurut jenis", "Klaim",
        _per_kode(sesi, Klaim.jenis, {k: j.nama for k, j in JENIS_KLAIM.items()}, true()))
    tabel["klaim_status"] = tabel_satu_arah(
        "klaim_status", "Klaim menurut status", "Klaim",
        _per_kode(sesi, Klaim.state, {s.value: i.label for s, i in STATUS.items()}, true()))
    bulan = _bulan_mundur(hari_ini)
    per_hari = sesi.execute(
        select(Klaim.tanggal_bayar, func.count(), func.sum(Klaim.jumlah_dibayar))
        .where(Klaim.tanggal_bayar >= bulan[0], Klaim.tanggal_bayar <= hari_ini,
               Klaim.jumlah_dibayar.is_not(None))
        .group_by(Klaim.tanggal_bayar)).all()
    jumlah_bulan = {b: [0, 0] for b in bulan}
    for tanggal, n, rp in per_hari:
        kunci = dt.date(tanggal.year, tanggal.month, 1)
        jumlah_bulan[kunci][0] += n
        jumlah_bulan[kunci][1] += int(rp or 0)
    tabel["pembayaran"] = tabel_satu_arah(
        "pembayaran", "Manfaat dibayar per bulan, 12 bulan terakhir", "Jumlah dibayar",
        [(f"{NAMA_BULAN[b.month - 1]} {b.year}", jumlah_bulan[b][1]) for b in bulan],
        hitungan=[jumlah_bulan[b][0] for b in bulan], rupiah=True,
        catatan="Bulan dengan kurang dari 5 klaim dibayar tidak ditampilkan jumlahnya.")
    return Statistik(
        per_tanggal=hari_ini, tercakup=None if 0 < total < AMBANG else total,
        kuota=kuota_data.get("nilai"), kuota_sumber=kuota_data.get("sumber"), tabel=tabel)


# --- cache ----------------------------------------------------------------------------------

_SIMPAN: dict[Any, tuple[float, Statistik]] = {}
_KUNCI = threading.Lock()


def statistik(sesi: Session, wilayah: Mapping[str, Any], hari_ini: dt.date,
              kunci: Any = None, jam=time.monotonic) -> Statistik:
    """The figures, recomputed when older than UMUR seconds (per process and database)."""
    kunci = (kunci, wilayah.get("kode"), hari_ini)
    with _KUNCI:
        ada = _SIMPAN.get(kunci)
        if ada is not None and ada[0] > jam():
            return ada[1]
    hasil = hitung(sesi, wilayah, hari_ini)
    with _KUNCI:
        _SIMPAN.clear()  # one region and day per process: keep only the newest
        _SIMPAN[kunci] = (jam() + UMUR, hasil)
    return hasil


def lupakan() -> None:
    """Drop the kept figures (tests; after a large import an admin may call it)."""
    with _KUNCI:
        _SIMPAN.clear()
