"""Guard over content/: prose never states as fact a value that a data file marks unverified.

Two checks, per region:

1. Literal prose (page bodies and FAQ answers with every Jinja expression removed) must not
   contain the printed form of an unverified figure: figures come from data through
   ``nilai()``, which carries the "belum pasti" marker.
2. Rendered prose must not show an unverified text value (a phrase such as "ber-KTP Kabupaten
   Bekasi") without the marker right after it, e.g. "untuk warga ber-KTP {{ wilayah.nama }}".

The check is tested against planted mistakes, so a broken check cannot pass silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from app.domain.konten import PENANDA, _format_mentah, muat_data, muat_konten, teks_polos

CONTENT = Path(__file__).resolve().parents[2] / "content"
WILAYAH = ("kota-bekasi", "kabupaten-bekasi")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_JUDUL = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>", re.S)


def _angka(akar: object, jalur: str = "") -> Iterator[tuple[str, Mapping]]:
    """Every data figure (a mapping with ``nilai`` and ``verified``) under ``akar``."""
    if isinstance(akar, Mapping):
        if "nilai" in akar and "verified" in akar:
            yield jalur, akar
        for k, v in akar.items():
            if not str(k).startswith("_"):
                yield from _angka(v, f"{jalur}.{k}" if jalur else str(k))
    elif isinstance(akar, list | tuple):
        for i, v in enumerate(akar):
            yield from _angka(v, f"{jalur}.{i}")


def _belum_pasti(wilayah: str) -> dict[str, str]:
    """Printed form → data path of every unverified figure seen by one region's pages."""
    data = muat_data(CONTENT)
    wil = muat_konten(CONTENT, wilayah).wilayah
    # An office's name is a fact about the office; the unsure part ("ask Disnaker about the
    # programme") is marked where that role is stated, not wherever the name appears.
    nama_kantor = {k["nama"] for k in wil.get("kantor", ())}
    hasil = {}
    for jalur, item in [*_angka(data), *_angka(wil, "wilayah")]:
        if item.get("verified", False) or item["nilai"] is None or item["nilai"] in nama_kantor:
            continue
        teks = _format_mentah(item["nilai"], item.get("satuan"))
        if len(teks) >= 4 and (any(c.isdigit() for c in teks) or " " in teks):
            hasil[teks] = jalur
    return hasil


def _prosa_mentah() -> Iterator[tuple[str, str]]:
    """(where, literal prose) of every page body and FAQ answer, Jinja removed."""
    for path in sorted((CONTENT / "halaman").glob("*.md")):
        isi = _FRONT.sub("", path.read_text("utf-8"))
        yield path.name, _JINJA.sub(" ", isi)
    faq = (CONTENT / "data" / "faq.yaml").read_text("utf-8")
    yield "faq.yaml", _JINJA.sub(" ", faq)


def pelanggaran_mentah(belum: Mapping[str, str], prosa) -> list[str]:
    return [f"{dimana}: '{teks}' ({jalur})" for dimana, isi in prosa
            for teks, jalur in belum.items() if teks in isi]


def pelanggaran_render(belum: Mapping[str, str], html_list) -> list[str]:
    """Unverified text values shown bare (not followed by the marker) in rendered prose."""
    salah = []
    for dimana, html in html_list:
        html = _JUDUL.sub(" ", html)  # a heading names an office or a topic, it states nothing
        teks = teks_polos(html.replace(PENANDA, "⟂"))  # keep the marker through stripping
        for nilai, jalur in belum.items():
            if any(c.isdigit() for c in nilai):
                continue  # figures are check 1's job: they collide with verified figures
            for m in re.finditer(re.escape(nilai), teks):
                if not teks[m.end():].startswith("⟂"):
                    salah.append(f"{dimana}: '{nilai}' tanpa tanda ({jalur})")
    return salah


def _render(wilayah: str) -> list[tuple[str, str]]:
    konten = muat_konten(CONTENT, wilayah)
    return ([(f"{h.slug}.md", str(h.html)) for h in konten.halaman.values()]
            + [(f"faq#{f.id}", str(f.jawaban)) for f in konten.faq])


@pytest.mark.parametrize("wilayah", WILAYAH)
def test_prose_never_hard_codes_an_unverified_figure(wilayah):
    assert pelanggaran_mentah(_belum_pasti(wilayah), _prosa_mentah()) == []


@pytest.mark.parametrize("wilayah", WILAYAH)
def test_rendered_prose_marks_every_unverified_text_value(wilayah):
    assert pelanggaran_render(_belum_pasti(wilayah), _render(wilayah)) == []


def test_the_guard_catches_planted_mistakes():
    belum = _belum_pasti("kabupaten-bekasi")
    assert "Rp201.600" in belum and "ber-KTP Kabupaten Bekasi" in belum
    tanam = [("uji.md", "Pemkab membayar Rp201.600 per orang setiap tahun.")]
    assert pelanggaran_mentah(belum, tanam)
    html = [("uji.md", "<p>Program ini untuk warga ber-KTP Kabupaten Bekasi.</p>")]
    assert pelanggaran_render(belum, html)
    bertanda = [("uji.md", f"<p>Syarat: ber-KTP Kabupaten Bekasi{PENANDA}.</p>")]
    assert pelanggaran_render(belum, bertanda) == []
