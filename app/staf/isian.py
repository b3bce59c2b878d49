"""Reading officers' form fields: small parsers that return a value or an Indonesian error."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from app.domain import nik as nik_domain

_TELEPON = re.compile(r"\+?[0-9]{8,15}")
_PEMISAH_TELEPON = re.compile(r"[\s\-().]+")
_FORMAT_TANGGAL = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
JUMLAH_MAKS = 10_000_000_000  # no single benefit comes near Rp10 miliar


class Galat(dict):
    """Field id → message, in form order (the error summary links each to its field)."""

    def tambah(self, field: str, pesan: str) -> None:
        """Keep the first message per field."""
        self.setdefault(field, pesan)


def teks(form: Mapping[str, str], nama: str, maks: int = 200) -> str:
    """A trimmed text value, cut to ``maks`` characters."""
    return " ".join((form.get(nama) or "").split())[:maks]


def tanggal(nilai: str) -> dt.date | None:
    """Parse a date typed as 2026-03-02, 02-03-2026 or 02/03/2026; None if it is not one."""
    nilai = (nilai or "").strip()
    for fmt in _FORMAT_TANGGAL:
        try:
            return dt.datetime.strptime(nilai, fmt).date()
        except ValueError:
            continue
    return None


def baca_tanggal(
    form: Mapping[str, str], nama: str, label: str, galat: Galat, *, wajib: bool = False,
    paling_lambat: dt.date | None = None,
) -> dt.date | None:
    """A date field; errors name the field in plain words."""
    mentah = (form.get(nama) or "").strip()
    if not mentah:
        if wajib:
            galat.tambah(nama, f"Isi {label}.")
        return None
    nilai = tanggal(mentah)
    if nilai is None:
        galat.tambah(nama, f"{label.capitalize()} harus tanggal yang benar, misalnya 2026-03-02.")
        return None
    if paling_lambat is not None and nilai > paling_lambat:
        galat.tambah(nama, f"{label.capitalize()} tidak boleh di masa depan.")
        return None
    return nilai


def baca_bilangan(
    form: Mapping[str, str], nama: str, label: str, galat: Galat, *, minimum: int = 0,
    maksimum: int = JUMLAH_MAKS, wajib: bool = False,
) -> int | None:
    """A whole number; rupiah may be typed as ``Rp42.000.000`` or ``42 000 000``."""
    mentah = (form.get(nama) or "").strip()
    if not mentah:
        if wajib:
            galat.tambah(nama, f"Isi {label}.")
        return None
    bersih = re.sub(r"^rp\.?", "", mentah.lower()).replace(".", "").replace(" ", "")
    if "," in bersih:
        galat.tambah(nama, f"{label.capitalize()} ditulis tanpa sen dan tanpa koma.")
        return None
    if not (bersih.isascii() and bersih.isdigit()) or len(bersih) > 18:
        galat.tambah(nama, f"{label.capitalize()} harus berupa angka.")
        return None
    nilai = int(bersih)
    if not minimum <= nilai <= maksimum:
        galat.tambah(nama, f"{label.capitalize()} harus antara {minimum} dan {maksimum}.")
        return None
    return nilai


def baca_nik(form: Mapping[str, str], nama: str, galat: Galat, *, wajib: bool = True) -> str:
    """A NIK with spaces, dots and dashes removed, checked with app.domain.nik."""
    nilai = nik_domain.normalisasi(form.get(nama) or "")
    if not nilai:
        if wajib:
            galat.tambah(nama, "Isi NIK (16 angka sesuai KTP).")
        return ""
    if not (nilai.isascii() and nilai.isdigit()) or len(nilai) != 16:
        galat.tambah(nama, "NIK harus 16 angka.")
    elif not nik_domain.valid_nik(nilai):
        galat.tambah(nama, "NIK tidak sesuai format NIK. Periksa lagi angka-angkanya di KTP.")
    return nilai


def baca_telepon(form: Mapping[str, str], nama: str, galat: Galat) -> str | None:
    """An optional mobile number: 8–15 digits, an optional leading +."""
    nilai = _PEMISAH_TELEPON.sub("", form.get(nama) or "")
    if not nilai:
        return None
    if not _TELEPON.fullmatch(nilai):
        galat.tambah(nama, "Nomor HP harus 8 sampai 15 angka, misalnya 081234567890.")
        return None
    return nilai


def baca_pilihan(
    form: Mapping[str, str], nama: str, pilihan: Mapping[str, str] | list[str], label: str,
    galat: Galat, *, wajib: bool = True,
) -> str:
    """One of the allowed codes."""
    nilai = (form.get(nama) or "").strip()
    if not nilai:
        if wajib:
            galat.tambah(nama, f"Pilih {label}.")
        return ""
    if nilai not in pilihan:
        galat.tambah(nama, f"Pilih {label} dari daftar.")
        return ""
    return nilai


def centang(form: Mapping[str, str], nama: str) -> bool:
    """A checkbox is ticked when its name was sent at all."""
    return nama in form
