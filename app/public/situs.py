"""What the public pages work out once, at start-up: page addresses, search index, figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from flask import Flask, current_app, url_for

from app.domain.cari import Indeks, dokumen_dari_konten, indeks_tetap
from app.domain.konten import Faq, Halaman, Konten, format_nilai
from app.konten_app import KUNCI as KUNCI_KONTEN
from app.konten_app import arahkan_tautan, pasang

KUNCI = "sigap_situs"
INDUK_MANFAAT = "hak-dan-manfaat"
# Where the newsroom plugs in (app/public/berita.py): an object with ``terbaru(n)`` (latest
# published items, each with judul, url, tanggal, ringkasan), ``cari(q)`` (news searched at
# request time, since articles change while running) and ``peta_situs()`` (sitemap entries).
KUNCI_BERITA = "sigap_berita"
JUMLAH_BERITA_BERANDA = 3

# FAQ topics in the order the FAQ page shows them; unknown topics follow, named by code.
TOPIK_FAQ = {
    "program": "Tentang program",
    "pendaftaran": "Pendaftaran",
    "iuran": "Iuran",
    "manfaat": "Manfaat",
    "klaim": "Klaim",
    "ahli_waris": "Ahli waris",
    "data_pribadi": "Data pribadi",
}

# Key figures on the home page: label and where the figure lives. Figures without a value
# yet are left out here (the programme page lists them as not yet available).
ANGKA_KUNCI = (
    ("Pekerja rentan yang sudah dilindungi", ("wilayah", "peserta", "awal")),
    ("Kuota peserta", ("wilayah", "program", "kuota")),
    (
        "Iuran per orang per tahun, dibayar pemerintah daerah",
        ("wilayah", "program", "premi_per_orang_per_tahun"),
    ),
    ("Anggaran program", ("wilayah", "program", "anggaran")),
    ("Santunan kematian (JKM) untuk ahli waris", ("data", "manfaat", "jkm", "total")),
    ("Beasiswa anak, paling banyak", ("data", "manfaat", "beasiswa", "maks_total")),
)


@dataclass(frozen=True)
class AngkaKunci:
    """One headline figure, already formatted ("(sedang dikonfirmasi)" when unverified)."""

    label: str
    nilai: str
    terverifikasi: bool
    sumber: str
    catatan: str | None
    per_tanggal: dt.date | None


@dataclass(frozen=True)
class Tautan:
    """A link to another page."""

    judul: str
    url: str
    ringkasan: str = ""


@dataclass(frozen=True)
class TopikFaq:
    """FAQ entries of one topic."""

    kode: str
    label: str
    faq: tuple[Faq, ...]


@dataclass(frozen=True)
class Situs:
    """Everything the public views read; built once per app."""

    alamat: Mapping[str, str]  # page slug → path
    indeks: Indeks
    angka_kunci: tuple[AngkaKunci, ...]
    anak: Mapping[str, tuple[Tautan, ...]]  # parent slug → its child pages
    terkait: Mapping[str, tuple[Tautan, ...]]  # slug → related pages
    topik_faq: tuple[TopikFaq, ...]
    faq_diperbarui: dt.date
    faq_sumber: tuple[str, ...]
    sumber_manfaat: tuple[str, ...]
    peta_situs: tuple[tuple[str, dt.date | None], ...]  # path, last change


def endpoint_halaman(h: Halaman) -> tuple[str, dict[str, str]]:
    """The view that shows a content page: children of "hak-dan-manfaat" share one."""
    if h.induk == INDUK_MANFAAT:
        return "public.manfaat", {"slug": h.slug}
    if h.induk:
        raise ValueError(f"halaman {h.slug}: induk '{h.induk}' belum punya alamat")
    return "public." + h.slug.replace("-", "_"), {}


def init_situs(app: Flask) -> None:
    """Rewrite page links to real addresses, build the search index and the figures."""
    konten: Konten = app.extensions[KUNCI_KONTEN]
    with app.test_request_context():
        alamat = {}
        for h in konten.halaman.values():
            endpoint, nilai = endpoint_halaman(h)
            if endpoint not in app.view_functions:
                raise ValueError(f"halaman {h.slug}: tidak ada view {endpoint}")
            alamat[h.slug] = url_for(endpoint, **nilai)
        konten = arahkan_tautan(konten, alamat)
        pasang(app, konten)
        dokumen = dokumen_dari_konten(konten, alamat.__getitem__, url_for("public.faq"))
        peta = _peta_situs(konten, alamat)
    app.extensions[KUNCI] = Situs(
        alamat=MappingProxyType(alamat),
        indeks=indeks_tetap(tuple(dokumen)),
        angka_kunci=tuple(_angka_kunci(konten)),
        anak=MappingProxyType(_anak(konten, alamat)),
        terkait=MappingProxyType(_terkait(konten, alamat)),
        topik_faq=_topik_faq(konten.faq),
        faq_diperbarui=max(h.diperbarui for h in konten.halaman.values()),
        faq_sumber=tuple(dict.fromkeys(s for h in konten.halaman_urut() for s in h.sumber)),
        sumber_manfaat=tuple(dict.fromkeys(_semua_sumber(konten.data["manfaat"]))),
        peta_situs=peta,
    )


def situs() -> Situs:
    """The start-up work of the app in force."""
    return current_app.extensions[KUNCI]


def berita_terbaru() -> list[Any]:
    """Latest news for the home page; empty until a newsroom registers its source."""
    sumber = current_app.extensions.get(KUNCI_BERITA)
    return list(sumber.terbaru(JUMLAH_BERITA_BERANDA)) if sumber else []


# ---------------------------------------------------------------- builders


def _ambil(akar: Mapping[str, Any], jalur: tuple[str, ...]) -> Any:
    nilai: Any = akar
    for kunci in jalur:
        if not isinstance(nilai, Mapping) or kunci not in nilai:
            return None
        nilai = nilai[kunci]
    return nilai


def _angka_kunci(konten: Konten) -> Iterator[AngkaKunci]:
    akar = {"wilayah": konten.wilayah, "data": konten.data}
    for label, jalur in ANGKA_KUNCI:
        item = _ambil(akar, jalur)
        if not isinstance(item, Mapping) or item.get("nilai") is None:
            continue
        yield AngkaKunci(
            label=label,
            nilai=format_nilai(item),
            terverifikasi=bool(item.get("verified", False)),
            sumber=str(item["sumber"]),
            catatan=item.get("catatan"),
            per_tanggal=item.get("per_tanggal"),
        )


def _tautan(h: Halaman, alamat: Mapping[str, str]) -> Tautan:
    return Tautan(h.judul, alamat[h.slug], h.ringkasan)


def _anak(konten: Konten, alamat: Mapping[str, str]) -> dict[str, tuple[Tautan, ...]]:
    anak: dict[str, list[Tautan]] = {}
    for h in konten.halaman_urut():
        if h.induk:
            anak.setdefault(h.induk, []).append(_tautan(h, alamat))
    return {k: tuple(v) for k, v in anak.items()}


def _terkait(konten: Konten, alamat: Mapping[str, str]) -> dict[str, tuple[Tautan, ...]]:
    """Children point to their parent and siblings; top-level pages to the other top ones."""
    urut = konten.halaman_urut()
    hasil = {}
    for h in urut:
        if h.induk:
            kelompok = [konten.halaman[h.induk]] + [x for x in urut if x.induk == h.induk]
        else:
            kelompok = [x for x in urut if not x.induk]
        hasil[h.slug] = tuple(_tautan(x, alamat) for x in kelompok if x.slug != h.slug)
    return hasil


def _topik_faq(semua: tuple[Faq, ...]) -> tuple[TopikFaq, ...]:
    kode = list(TOPIK_FAQ) + sorted({f.topik for f in semua} - set(TOPIK_FAQ))
    return tuple(
        TopikFaq(k, TOPIK_FAQ.get(k, k.replace("_", " ").capitalize()), isi)
        for k in kode
        if (isi := tuple(f for f in semua if f.topik == k))
    )


def _semua_sumber(nilai: Any) -> Iterator[str]:
    """Every ``sumber`` under a data subtree, in file order."""
    if isinstance(nilai, Mapping):
        if "sumber" in nilai:
            yield str(nilai["sumber"])
        for v in nilai.values():
            yield from _semua_sumber(v)
    elif isinstance(nilai, tuple | list):
        for v in nilai:
            yield from _semua_sumber(v)


def _peta_situs(
    konten: Konten, alamat: Mapping[str, str]
) -> tuple[tuple[str, dt.date | None], ...]:
    """This blueprint's pages for the sitemap, with their last change where content says."""
    terbaru = max(h.diperbarui for h in konten.halaman.values())
    entri: list[tuple[str, dt.date | None]] = [(url_for("public.beranda"), terbaru)]
    entri += [(alamat[h.slug], h.diperbarui) for h in konten.halaman_urut()]
    entri += [(url_for("public.faq"), terbaru), (url_for("public.kalkulator"), None)]
    return tuple(entri)
