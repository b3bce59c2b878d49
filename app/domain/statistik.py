"""Public statistics: small-group suppression and server-rendered SVG bar charts.

No figure for a group of fewer than ``AMBANG`` people is published (shown as "< 5"). Because
each table also publishes its total, one hidden cell could be worked out as the total minus
the others; so whenever a line (a table, or a row or column of a two-way table) has exactly
one hidden cell, the smallest other cell of that line is hidden too, repeated until stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

AMBANG = 5
SAMAR = "< 5"
# Age bands: (label, lowest age, highest age or None).
KELOMPOK_UMUR = (
    ("Di bawah 25 tahun", 0, 24), ("25–34 tahun", 25, 34), ("35–44 tahun", 35, 44),
    ("45–54 tahun", 45, 54), ("55–64 tahun", 55, 64), ("65 tahun ke atas", 65, None),
)


def tanggal_umur(hari_ini: dt.date, umur: int) -> dt.date:
    """The latest birth date of someone who is ``umur`` years old on ``hari_ini``."""
    try:
        return hari_ini.replace(year=hari_ini.year - umur)
    except ValueError:  # 29 February
        return hari_ini.replace(year=hari_ini.year - umur, day=28)


def samarkan(nilai: dict[Hashable, int], garis: Iterable[Sequence[Hashable]],
             hitungan: dict[Hashable, int] | None = None) -> set[Hashable]:
    """Cells to hide. ``nilai``: the cells; ``garis``: groups of cells whose sum is published;
    ``hitungan``: the number of people behind each cell when it is not the value itself
    (amounts of money), used for the primary rule."""
    orang = hitungan if hitungan is not None else nilai
    tersembunyi = {k for k, n in orang.items() if 0 < n < AMBANG}
    garis = [list(g) for g in garis]
    berubah = True
    while berubah:
        berubah = False
        for g in garis:
            samar = [k for k in g if k in tersembunyi]
            if len(samar) != 1:
                continue
            lain = [k for k in g if k not in tersembunyi]
            if not lain:
                continue
            pilih = min(lain, key=lambda k: (orang.get(k, 0), str(k)))
            tersembunyi.add(pilih)
            berubah = True
    return tersembunyi


@dataclass
class Tabel:
    """One published table: rows of (label, cells); hidden cells are None."""

    kode: str
    judul: str
    kolom: list[str]
    baris: list[tuple[str, list[int | None]]] = field(default_factory=list)
    jumlah: list[int | None] = field(default_factory=list)
    rupiah: bool = False
    catatan: str = ""


def tabel_satu_arah(kode: str, judul: str, kolom: str, data: Sequence[tuple[str, int]],
                    *, hitungan: Sequence[int] | None = None, rupiah: bool = False,
                    catatan: str = "") -> Tabel:
    """A one-way table with its total, suppressed."""
    nilai = {i: n for i, (_, n) in enumerate(data)}
    orang = {i: h for i, h in enumerate(hitungan)} if hitungan is not None else None
    total = sum(nilai.values())
    total_orang = sum(orang.values()) if orang is not None else total
    samar = samarkan(nilai, [list(nilai)], orang)
    t = Tabel(kode, judul, [kolom], rupiah=rupiah, catatan=catatan)
    for i, (label, n) in enumerate(data):
        t.baris.append((label, [None if i in samar else n]))
    t.jumlah = [None if 0 < total_orang < AMBANG else total]
    return t


def tabel_dua_arah(kode: str, judul: str, kolom: list[str], baris: list[str],
                   nilai: dict[tuple[int, int], int], catatan: str = "") -> Tabel:
    """Rows × columns with row totals (last column) and column totals, suppressed."""
    garis = [[(r, c) for c in range(len(kolom))] for r in range(len(baris))]
    garis += [[(r, c) for r in range(len(baris))] for c in range(len(kolom))]
    samar = samarkan(nilai, garis)
    t = Tabel(kode, judul, [*kolom, "Jumlah"], catatan=catatan)
    for r, label in enumerate(baris):
        sel: list[int | None] = [None if (r, c) in samar else nilai.get((r, c), 0)
                                 for c in range(len(kolom))]
        jumlah = sum(nilai.get((r, c), 0) for c in range(len(kolom)))
        sel.append(None if 0 < jumlah < AMBANG else jumlah)
        t.baris.append((label, sel))
    kol = [sum(nilai.get((r, c), 0) for r in range(len(baris))) for c in range(len(kolom))]
    semua = sum(kol)
    t.jumlah = [None if 0 < n < AMBANG else n for n in [*kol, semua]]
    return t


# --- SVG ------------------------------------------------------------------------------------

LEBAR = 640
KIRI = 200
KANAN = 110
TINGGI_BARIS = 28


@dataclass
class Batang:
    label: str
    nilai: int | None  # None: hidden
    teks: str
    seri: int = 0


@dataclass
class Grafik:
    """Geometry of a horizontal bar chart; the template draws it."""

    tinggi: int
    batang: list[dict]
    seri: list[str]


def grafik_batang(batang: list[Batang], seri: list[str] | None = None) -> Grafik:
    """Bars scaled to the largest published value; a hidden value gets no bar, only "< 5"."""
    seri = seri or []
    maks = max((b.nilai for b in batang if b.nilai), default=0) or 1
    ruang = LEBAR - KIRI - KANAN
    hasil = []
    y = 24 if seri else 4
    label_sebelum = None
    for b in batang:
        if seri and b.label == label_sebelum:
            y -= 6  # bars of one group sit closer together
        panjang = 0 if not b.nilai else max(round(ruang * b.nilai / maks), 2)
        hasil.append({
            "y": y, "tinggi": TINGGI_BARIS - 8, "panjang": panjang, "x_teks": KIRI + panjang + 6,
            "label": b.label if b.label != label_sebelum else "", "teks": b.teks,
            "seri": b.seri, "y_teks": y + TINGGI_BARIS // 2 + 1,
        })
        label_sebelum = b.label
        y += TINGGI_BARIS
    return Grafik(tinggi=y + 4, batang=hasil, seri=seri)
