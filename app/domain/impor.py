"""Participant import files: read a CSV or XLSX as a stream of rows and check every row.

Flask-free: the officers' page, the background job and ``flask impor-peserta`` all use it.
Rows are numbered as a spreadsheet shows them: the header is line 1, the first data row line 2.
A problem with the file as a whole (encoding, columns, not a CSV/XLSX) raises
:class:`BerkasTidakSah` with one message; a problem with a row rejects that row only.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from app.domain import nik as nik_domain

KOLOM = (
    "nik", "nama", "tanggal_lahir", "jenis_kelamin", "kecamatan", "kelurahan", "segmen",
    "no_hp", "nomor_kpj", "mulai", "berakhir", "desil",
)
WAJIB = ("nik", "nama", "tanggal_lahir", "jenis_kelamin", "kecamatan", "segmen")
# What each column means, for the page and the template (same order as KOLOM).
PENJELASAN = {
    "nik": "16 angka NIK sesuai KTP (ketik sebagai teks agar angka tidak dibulatkan).",
    "nama": "Nama lengkap sesuai KTP, paling banyak 120 huruf.",
    "tanggal_lahir": "YYYY-MM-DD atau DD/MM/YYYY; harus sama dengan tanggal lahir di NIK.",
    "jenis_kelamin": "L (laki-laki) atau P (perempuan); harus sesuai NIK.",
    "kecamatan": "Nama atau kode kecamatan wilayah program.",
    "kelurahan": "Nama kelurahan di kecamatan itu. Boleh kosong.",
    "segmen": "Kode atau nama jenis pekerjaan, misalnya ojol atau pedagang_kecil.",
    "no_hp": "8 sampai 15 angka, boleh diawali +. Boleh kosong.",
    "nomor_kpj": "Nomor peserta BPJS Ketenagakerjaan, 11 angka. Boleh kosong.",
    "mulai": "Tanggal mulai perlindungan. Boleh kosong.",
    "berakhir": "Tanggal akhir perlindungan, tidak sebelum mulai. Boleh kosong.",
    "desil": "Desil DTSEN 1 sampai 10. Boleh kosong.",
}
# Cells starting with these are formulas to a spreadsheet program (CSV injection).
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")
MAKS_NAMA = 120

_TELEPON = re.compile(r"\+?[0-9]{8,15}")
_PEMISAH_TELEPON = re.compile(r"[\s\-().]+")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ANGKA = re.compile(r"[0-9]+")
_POTONGAN = 64 * 1024
# PDF, old Excel (.xls), PNG, JPEG: uploaded by mistake.
_BINER = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8")


class BerkasTidakSah(ValueError):
    """The file as a whole cannot be imported; the message says why, in Indonesian."""


def sel_aman(nilai: Any) -> str:
    """A value for a CSV the site writes: formula-looking text gets a leading apostrophe, so
    a spreadsheet shows it as text instead of running it."""
    teks = "" if nilai is None else str(nilai)
    return "'" + teks if teks.startswith(AWAL_RUMUS) else teks


def baris_csv(nilai: Iterable[Any]) -> list[str]:
    """A whole CSV row through :func:`sel_aman`."""
    return [sel_aman(v) for v in nilai]


# --- reading ------------------------------------------------------------------------------


def jenis_berkas(awal: bytes) -> str:
    """``"xlsx"`` (a ZIP container), ``"csv"``; raises for anything binary."""
    if awal.startswith(b"PK\x03\x04"):
        return "xlsx"
    if not awal.strip(b"\xef\xbb\xbf \t\r\n"):
        raise BerkasTidakSah("Berkas kosong: tidak ada judul kolom maupun data.")
    # NUL in the header line: a binary file. Later NULs reject only their row.
    if b"\x00" in awal.split(b"\n", 1)[0] or awal.startswith(_BINER):
        raise BerkasTidakSah(
            "Berkas ini bukan CSV atau XLSX. Simpan data dari Excel sebagai "
            "\"CSV UTF-8\" atau \"Excel Workbook (.xlsx)\", lalu unggah lagi."
        )
    return "csv"


def _judul(sel: list[str]) -> list[str]:
    """Header cells → column names: case, spaces and a BOM do not matter."""
    return ["_".join(str(s).replace("\ufeff", "").strip().lower().split()) for s in sel]


def periksa_judul(sel: list[str]) -> list[str]:
    """Check the header row; returns the column names in file order."""
    judul = _judul(sel)
    while judul and judul[-1] == "":
        judul.pop()  # trailing empty cells that spreadsheets add
    if not judul:
        raise BerkasTidakSah("Baris 1 harus berisi judul kolom, tetapi kosong.")
    kurang = [k for k in KOLOM if k not in judul]
    asing = [k or "(kosong)" for k in judul if k not in KOLOM]
    ganda = sorted({k for k in judul if judul.count(k) > 1 and k in KOLOM})
    bagian = []
    if kurang:
        bagian.append("kolom yang belum ada: " + ", ".join(kurang))
    if asing:
        bagian.append("kolom yang tidak dikenal: " + ", ".join(asing))
    if ganda:
        bagian.append("kolom yang muncul dua kali: " + ", ".join(ganda))
    if bagian:
        raise BerkasTidakSah(
            "Judul kolom di baris 1 tidak sesuai templat (" + "; ".join(bagian) + "). "
            "Gunakan templat yang bisa diunduh di halaman ini."
        )
    return judul


def _teks_sel(v: Any) -> str:
    """An XLSX cell as the text an officer typed."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _baris_csv(berkas: BinaryIO) -> Iterator[list[str]]:
    contoh = berkas.read(_POTONGAN).split(b"\n", 1)[0]
    berkas.seek(0)
    pemisah = ";" if contoh.count(b";") > contoh.count(b",") else ","
    teks = io.TextIOWrapper(berkas, encoding="utf-8-sig", errors="strict", newline="")
    try:
        yield from csv.reader(teks, delimiter=pemisah, strict=False)
    except UnicodeDecodeError:
        raise BerkasTidakSah(
            "Berkas tidak berformat UTF-8. Di Excel pilih Simpan Sebagai → \"CSV UTF-8 "
            "(dipisah koma)\", lalu unggah lagi."
        ) from None
    except csv.Error as galat:
        raise BerkasTidakSah(f"Berkas CSV tidak bisa dibaca: {galat}.") from None
    finally:
        with contextlib.suppress(ValueError):  # the caller owns the file: never close it here
            teks.detach()


def _baris_xlsx(berkas: BinaryIO) -> Iterator[list[str]]:
    from python_calamine import CalamineWorkbook

    try:
        buku = CalamineWorkbook.from_filelike(berkas)
        if not buku.sheet_names:
            raise BerkasTidakSah("Berkas XLSX tidak berisi lembar kerja.")
        lembar = buku.get_sheet_by_index(0)
        baris = lembar.iter_rows()
    except BerkasTidakSah:
        raise
    except Exception as galat:  # calamine raises several types for a broken workbook
        raise BerkasTidakSah(
            "Berkas XLSX tidak bisa dibaca (rusak atau bukan XLSX). Simpan ulang dari Excel "
            "sebagai \"Excel Workbook (.xlsx)\"."
        ) from galat
    for sel in baris:
        yield [_teks_sel(v) for v in sel]


def baca_baris(berkas: BinaryIO) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, {column: text})`` for each non-empty data row; header checked first.

    Streams a CSV (a few kilobytes in memory at a time). Raises BerkasTidakSah for the file.
    """
    jenis = jenis_berkas(berkas.read(_POTONGAN))
    berkas.seek(0)
    sumber = _baris_xlsx(berkas) if jenis == "xlsx" else _baris_csv(berkas)
    judul: list[str] | None = None
    for nomor, sel in enumerate(sumber, start=1):
        if judul is None:
            judul = periksa_judul(sel)
            continue
        if not any(str(s).strip() for s in sel):
            continue
        isi = {k: (sel[i] if i < len(sel) else "") for i, k in enumerate(judul)}
        lebih = [s for s in sel[len(judul):] if str(s).strip()]
        if lebih:
            isi["_lebih"] = "1"
        yield nomor, isi
    if judul is None:
        raise BerkasTidakSah("Berkas kosong: tidak ada judul kolom maupun data.")


# --- checking -----------------------------------------------------------------------------


def _kunci(s: str) -> str:
    return " ".join(str(s).replace("-", " ").replace("_", " ").lower().split())


@dataclass
class AcuanImpor:
    """What a row is checked against: the region's lists, the code list, today."""

    kecamatan: dict[str, str]  # normalised name or code → code
    kelurahan: dict[str, dict[str, str]]  # kecamatan code → normalised name → name
    kelurahan_pasti: bool  # False: an unknown kelurahan is only a warning
    segmen: dict[str, str]  # normalised name or code → code
    provinsi: frozenset[str]
    kabupaten: tuple[int, int]
    kota: tuple[int, int]
    kode_pasti: bool  # False: an unknown province/regency code is only a warning
    hari_ini: dt.date

    @classmethod
    def dari_konten(cls, wilayah: Mapping[str, Any], kelurahan: Mapping[str, Any] | None,
                    kode: Mapping[str, Any], hari_ini: dt.date) -> AcuanImpor:
        """Built from content/wilayah/<region>.yaml, kelurahan/<region>.yaml, kode/provinsi.yaml."""
        kec: dict[str, str] = {}
        for item in wilayah.get("kecamatan") or []:
            kec[_kunci(item["kode"])] = item["kode"]
            kec[_kunci(item["nama"])] = item["kode"]
        seg: dict[str, str] = {}
        for item in wilayah.get("segmen") or []:
            seg[_kunci(item["kode"])] = item["kode"]
            seg[_kunci(item["nama"])] = item["kode"]
        kel: dict[str, dict[str, str]] = {}
        for kode_kec, nama in ((kelurahan or {}).get("kelurahan") or {}).items():
            kel[kode_kec] = {_kunci(n): n for n in nama}
        return cls(
            kecamatan=kec, kelurahan=kel,
            kelurahan_pasti=bool((kelurahan or {}).get("verified")), segmen=seg,
            provinsi=frozenset(str(k) for k in kode.get("provinsi") or {}),
            kabupaten=tuple(kode.get("kabupaten") or (1, 69)),
            kota=tuple(kode.get("kota") or (71, 99)),
            kode_pasti=bool(kode.get("verified")), hari_ini=hari_ini,
        )


@dataclass
class Baris:
    """One checked row: the values to store, or the reasons it is rejected."""

    nomor: int
    nilai: dict[str, Any] = field(default_factory=dict)
    alasan: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)

    @property
    def ditolak(self) -> bool:
        return bool(self.alasan)


def baca_tanggal(s: str) -> dt.date | None:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (also ``2025-01-05 00:00:00`` from spreadsheets)."""
    s = s.strip().split(" ")[0].split("T")[0]
    m = _ISO.fullmatch(s)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = _DMY.fullmatch(s)
        if not m:
            return None
        d, mo, y = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _tanggal(isi: dict[str, str], kolom: str, label: str, b: Baris) -> dt.date | None:
    teks = isi.get(kolom, "")
    if not teks:
        return None
    tanggal = baca_tanggal(teks)
    if tanggal is None:
        b.alasan.append(f"{label} tidak valid: tulis YYYY-MM-DD atau DD/MM/YYYY, "
                        "misalnya 2026-01-05 atau 05/01/2026.")
    return tanggal


def _periksa_nik(teks: str, aturan: AcuanImpor, b: Baris) -> str | None:
    nik = nik_domain.normalisasi(teks.lstrip("'"))
    if not nik:
        b.alasan.append("NIK kosong.")
        return None
    if not _ANGKA.fullmatch(nik) or len(nik) != 16:
        b.alasan.append("NIK harus 16 angka.")
        return None
    if not nik_domain.valid_nik(nik, aturan.hari_ini):
        b.alasan.append("NIK tidak sesuai format NIK (kode wilayah atau tanggal lahir di dalamnya "
                        "tidak mungkin).")
        return None
    salah = []
    if nik[:2] not in aturan.provinsi:
        salah.append(f"kode provinsi {nik[:2]} tidak dikenal")
    kab = int(nik[2:4])
    if not (aturan.kabupaten[0] <= kab <= aturan.kabupaten[1]
            or aturan.kota[0] <= kab <= aturan.kota[1]):
        salah.append(f"kode kabupaten/kota {nik[2:4]} tidak mungkin")
    if salah:
        pesan = "NIK: " + " dan ".join(salah) + "."
        if aturan.kode_pasti:
            b.alasan.append(pesan)
        else:
            b.peringatan.append(pesan + " Periksa lagi (daftar kode belum terverifikasi).")
    return nik


def periksa_baris(nomor: int, isi: dict[str, str], aturan: AcuanImpor) -> Baris:
    """Check one row; every problem found is listed, not only the first."""
    b = Baris(nomor)
    isi = {k: str(v).strip() for k, v in isi.items()}
    if isi.pop("_lebih", None):
        b.alasan.append("Baris berisi lebih banyak sel daripada judul kolom.")
    if any("\x00" in v for v in isi.values()):
        b.alasan.append("Baris berisi karakter NUL yang tidak sah; simpan ulang berkas dari Excel.")
        return b
    kosong = [k for k in WAJIB if not isi.get(k)]
    if kosong:
        b.alasan.append("Kolom wajib kosong: " + ", ".join(kosong) + ".")
    v = b.nilai
    nik = _periksa_nik(isi["nik"], aturan, b) if isi.get("nik") else None
    v["nik"] = nik
    nama = " ".join(isi.get("nama", "").split())
    if len(nama) > MAKS_NAMA:
        b.alasan.append(f"Nama lebih dari {MAKS_NAMA} huruf.")
    v["nama"] = nama
    lahir = _tanggal(isi, "tanggal_lahir", "Tanggal lahir", b)
    if lahir is not None and lahir > aturan.hari_ini:
        b.alasan.append("Tanggal lahir di masa depan.")
    if lahir is not None and nik is not None:
        nik_lahir = nik_domain.tanggal_lahir_dari_nik(nik, aturan.hari_ini)
        if (lahir.day, lahir.month, lahir.year % 100) != (
                nik_lahir.day, nik_lahir.month, nik_lahir.year % 100):
            b.alasan.append("Tanggal lahir tidak cocok dengan tanggal lahir di NIK.")
    v["tanggal_lahir"] = lahir
    jk = isi.get("jenis_kelamin", "").upper()
    if jk and jk not in ("L", "P"):
        b.alasan.append("Jenis kelamin harus L atau P.")
    elif jk and nik is not None and jk != nik_domain.jenis_kelamin_dari_nik(nik, aturan.hari_ini):
        b.alasan.append("Jenis kelamin tidak cocok dengan NIK (tanggal lahir perempuan di NIK "
                        "ditambah 40).")
    v["jenis_kelamin"] = jk
    kec = isi.get("kecamatan", "")
    v["kecamatan"] = aturan.kecamatan.get(_kunci(kec)) if kec else None
    if kec and v["kecamatan"] is None:
        b.alasan.append(f"Kecamatan \"{kec[:60]}\" tidak ada di wilayah program.")
    _periksa_kelurahan(isi.get("kelurahan", ""), v["kecamatan"], aturan, b)
    seg = isi.get("segmen", "")
    v["segmen"] = aturan.segmen.get(_kunci(seg)) if seg else None
    if seg and v["segmen"] is None:
        b.alasan.append(f"Segmen \"{seg[:40]}\" tidak dikenal; pakai kode jenis pekerjaan "
                        "seperti di templat.")
    hp = _PEMISAH_TELEPON.sub("", isi.get("no_hp", "").lstrip("'"))
    if hp and not _TELEPON.fullmatch(hp):
        b.alasan.append("Nomor HP harus 8 sampai 15 angka, boleh diawali +.")
    v["telepon"] = hp or None
    kpj = isi.get("nomor_kpj", "").lstrip("'").replace(" ", "")
    if kpj and (len(kpj) != 11 or not (kpj.isascii() and kpj.isdigit())):
        b.alasan.append("Nomor KPJ harus 11 angka.")
    v["kpj"] = kpj or None
    v["mulai"] = _tanggal(isi, "mulai", "Tanggal mulai", b)
    v["akhir"] = _tanggal(isi, "berakhir", "Tanggal berakhir", b)
    if v["mulai"] and v["akhir"] and v["akhir"] < v["mulai"]:
        b.alasan.append("Tanggal berakhir sebelum tanggal mulai.")
    desil = isi.get("desil", "")
    v["desil"] = None
    if desil:
        if desil.isascii() and desil.isdigit() and 1 <= int(desil) <= 10:
            v["desil"] = int(desil)
        else:
            b.alasan.append("Desil harus angka 1 sampai 10, atau kosong.")
    return b


def _periksa_kelurahan(teks: str, kec: str | None, aturan: AcuanImpor, b: Baris) -> None:
    b.nilai["kelurahan"] = teks[:80] or None
    if not teks or kec is None or kec not in aturan.kelurahan:
        return
    nama = aturan.kelurahan[kec].get(_kunci(teks))
    if nama is not None:
        b.nilai["kelurahan"] = nama
        return
    pesan = f"Kelurahan \"{teks[:60]}\" tidak ada di daftar kelurahan kecamatan itu."
    if aturan.kelurahan_pasti:
        b.alasan.append(pesan)
    else:
        b.peringatan.append(pesan + " Disimpan apa adanya (daftar belum terverifikasi).")


def periksa_berkas(berkas: BinaryIO, aturan: AcuanImpor) -> Iterator[Baris]:
    """Every data row checked, including repeats of a NIK or KPJ earlier in the same file."""
    nik_dilihat: dict[str, int] = {}
    kpj_dilihat: dict[str, int] = {}
    for nomor, isi in baca_baris(berkas):
        b = periksa_baris(nomor, isi, aturan)
        nik, kpj = b.nilai.get("nik"), b.nilai.get("kpj")
        if nik:
            if nik in nik_dilihat:
                b.alasan.append(f"NIK sama dengan baris {nik_dilihat[nik]} di berkas ini.")
            else:
                nik_dilihat[nik] = nomor
        if kpj and not b.ditolak:
            if kpj in kpj_dilihat:
                b.alasan.append(f"Nomor KPJ sama dengan baris {kpj_dilihat[kpj]} di berkas ini.")
            else:
                kpj_dilihat[kpj] = nomor
        yield b


def templat_csv() -> str:
    """The header plus one example row, as the officers' template."""
    keluar = io.StringIO()
    tulis = csv.writer(keluar, lineterminator="\r\n")
    tulis.writerow(KOLOM)
    tulis.writerow(["3275011506880001", "Budi Santoso", "1988-06-15", "L", "Bekasi Timur",
                    "Aren Jaya", "ojol", "081234567890", "", "2026-01-01", "2026-12-31", "2"])
    return keluar.getvalue()
