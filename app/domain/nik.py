"""NIK (Nomor Induk Kependudukan) checks, decoding and masking.

A NIK has 16 digits: province (2), kabupaten/kota (2), kecamatan (2), birth date DDMMYY
with 40 added to the day for women, and a 4-digit serial. The prefix tells where the NIK
was first issued, not where the person lives now: never use it alone as proof of domicile
(someone born in Medan who moved to Bekasi keeps a 12… NIK).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

_NIK = re.compile(r"[0-9]{16}")
_PEMISAH = re.compile(r"[\s.\-]+")

# Province codes run from 11 (Aceh) to 96 (Papua Barat Daya). The four Papua provinces
# created in 2022 got 93–96, so children registered there since then carry those codes.
PROVINSI_MIN = 11
PROVINSI_MAKS = 96


def normalisasi(s: str) -> str:
    """Drop the spaces, dots and dashes people type into a NIK (``3275.01 1506-880001``)."""
    return _PEMISAH.sub("", s or "")


def _tanggal_lahir(nik: str, hari_ini: dt.date) -> dt.date | None:
    """Decode the birth date, or None when the digits are not a real date."""
    hari = int(nik[6:8])
    bulan = int(nik[8:10])
    tahun2 = int(nik[10:12])
    if hari > 40:
        hari -= 40
    # Two-digit years: assume this century unless that puts the birth in the future.
    for abad in (2000, 1900):
        try:
            tanggal = dt.date(abad + tahun2, bulan, hari)
        except ValueError:
            continue
        if tanggal <= hari_ini:
            return tanggal
    return None


def valid_nik(s: str, hari_ini: dt.date | None = None) -> bool:
    """True if ``s`` is exactly 16 digits with a plausible structure (normalise first)."""
    if not isinstance(s, str) or not _NIK.fullmatch(s):
        return False
    if not PROVINSI_MIN <= int(s[0:2]) <= PROVINSI_MAKS:
        return False
    if s[2:4] == "00" or s[4:6] == "00" or s[12:16] == "0000":
        return False
    return _tanggal_lahir(s, hari_ini or dt.date.today()) is not None


def _wajib_valid(nik: str, hari_ini: dt.date | None) -> None:
    if not valid_nik(nik, hari_ini):
        raise ValueError("NIK tidak valid.")


def tanggal_lahir_dari_nik(nik: str, hari_ini: dt.date | None = None) -> dt.date:
    """Birth date encoded in a valid NIK; raises ValueError for an invalid one."""
    _wajib_valid(nik, hari_ini)
    tanggal = _tanggal_lahir(nik, hari_ini or dt.date.today())
    assert tanggal is not None  # guaranteed by valid_nik
    return tanggal


def jenis_kelamin_dari_nik(nik: str, hari_ini: dt.date | None = None) -> Literal["L", "P"]:
    """``"P"`` (perempuan) when the day has 40 added, else ``"L"`` (laki-laki)."""
    _wajib_valid(nik, hari_ini)
    return "P" if int(nik[6:8]) > 40 else "L"


def samarkan(nik: str) -> str:
    """Mask a NIK for display: first 4 and last 4 digits kept, ``3275********0001``."""
    bersih = normalisasi(nik)
    if len(bersih) < 12:
        return "*" * len(bersih)  # too short to keep both ends without revealing most of it
    return f"{bersih[:4]}{'*' * (len(bersih) - 8)}{bersih[-4:]}"
