"""The news editor's form: values to redisplay, checked values, Indonesian errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask_wtf.file import FileField
from werkzeug.datastructures import CombinedMultiDict
from wtforms.fields import StringField
from wtforms.validators import StopValidation

from app.batas import angka_ascii
from app.domain.berita import AKSI, ada_nul
from app.formulir import CentangField, Formulir
from app.models import Berita
from app.penyimpanan import Penyimpanan
from app.services import gambar_berita
from app.services.berita import IsianBerita
from app.services.waktu import WIB, aware

MAKS_JUDUL = 200
MAKS_RINGKASAN = 400
MAKS_ISI = 100_000
MAKS_ALT = 300
AKSI_EDITOR = (*AKSI, "pratinjau")
FORMAT_WAKTU = "%Y-%m-%dT%H:%M"
TAHUN_BOLEH = (2000, 2100)
# The body's field is named "isi" but its element id cannot be: the page's <main> is #isi.
ID_ISI = "isi-berita"
PESAN_NUL = "{label} berisi karakter yang tidak bisa disimpan. Hapus lalu ketik ulang."


def waktu_ke_isian(nilai: dt.datetime | None) -> str:
    """A stored UTC moment as the ``datetime-local`` value in Bekasi time."""
    return aware(nilai).astimezone(WIB).strftime(FORMAT_WAKTU) if nilai else ""


def nilai_dari_berita(b: Berita) -> dict[str, Any]:
    """What the editor shows for a stored article: its waiting change, if it has one."""
    s = b.revisi[-1] if b.perubahan and b.revisi else b
    return {"judul": s.judul, "ringkasan": s.ringkasan, "isi": s.isi,
            "alt_gambar": s.alt_gambar, "dekoratif": s.gambar_dekoratif,
            "gambar_tersimpan": s.gambar or "", "waktu_terbit": waktu_ke_isian(s.waktu_terbit),
            "versi": b.versi}


def baca_waktu(mentah: str) -> dt.datetime | None:
    """``2026-12-24T09:00`` (Bekasi time) → UTC; empty means "when published"; a wrong value
    raises StopValidation with its message."""
    mentah = (mentah or "").strip()
    if not mentah:
        return None
    for fmt in (FORMAT_WAKTU, FORMAT_WAKTU + ":%S"):
        try:
            lokal = dt.datetime.strptime(mentah, fmt)
        except ValueError:
            continue
        if TAHUN_BOLEH[0] <= lokal.year <= TAHUN_BOLEH[1]:
            return lokal.replace(tzinfo=WIB).astimezone(dt.UTC)
        raise StopValidation(f"Tahun waktu terbit harus antara {TAHUN_BOLEH[0]} dan "
                             f"{TAHUN_BOLEH[1]}.")
    raise StopValidation("Waktu terbit harus tanggal dan jam yang benar, "
                         "misalnya 2026-12-24 09.00.")


def _mentah(field) -> str:
    return field.raw_data[0] if field.raw_data else ""


class TeksBeritaField(StringField):
    """Text refused when it holds a NUL and cut to ``maks`` characters; one line (whitespace
    folded) or, with ``satu_baris=False``, Markdown (line ends kept, ends trimmed)."""

    def __init__(self, label: str, *, maks: int, satu_baris: bool = True, **kwargs) -> None:
        super().__init__(label, **kwargs)
        self.maks, self.satu_baris = maks, satu_baris

    def process_formdata(self, valuelist) -> None:
        mentah = valuelist[0] if valuelist else ""
        self.data = (" ".join(mentah.split()) if self.satu_baris
                     else mentah.replace("\r\n", "\n").strip())

    def pre_validate(self, form) -> None:
        if ada_nul(_mentah(self)):
            self.data = ""
            raise StopValidation(PESAN_NUL.format(label=self.label.text))
        nilai, self.data = self.data or "", (self.data or "")[:self.maks]
        if len(nilai) > self.maks:
            raise StopValidation(f"{self.label.text} paling panjang {self.maks:,} karakter."
                                 .replace(",", "."))


class WaktuField(StringField):
    """``datetime-local`` in Bekasi time, kept as a UTC moment (None: when published)."""

    def process_formdata(self, valuelist) -> None:
        self.data = None

    def pre_validate(self, form) -> None:
        self.data = baca_waktu(_mentah(self))


class VersiField(StringField):
    """The version the editor was opened at: ASCII digits, else None (the save is then refused
    as stale, 409, never as a field the person could fix)."""

    def process_formdata(self, valuelist) -> None:
        self.data = angka_ascii((valuelist[0] if valuelist else "").strip())


class FormVersi(Formulir):
    """A POST that only carries the version it was made against (restoring a revision)."""

    versi = VersiField("Versi")


class FormBerita(FormVersi):
    """The news editor. ``berkas`` (request.files) holds the image upload; ``aksi`` overrides
    the button pressed (autosave is always a draft). Checking stores an uploaded image, so it
    survives the form's other errors."""

    judul = TeksBeritaField("Judul", maks=MAKS_JUDUL)
    ringkasan = TeksBeritaField("Ringkasan", maks=MAKS_RINGKASAN)
    isi = TeksBeritaField("Isi berita", maks=MAKS_ISI, satu_baris=False, id=ID_ISI)
    gambar_tersimpan = StringField("Gambar tersimpan")
    gambar = FileField("Gambar")
    alt_gambar = TeksBeritaField("Teks alternatif", maks=MAKS_ALT)
    dekoratif = CentangField("Gambar hanya hiasan")
    waktu_terbit = WaktuField("Waktu terbit")
    aksi = StringField("Aksi")

    def __init__(self, formdata, berkas: Mapping | None = None, *, aksi: str | None = None,
                 simpanan: Penyimpanan | None = None) -> None:
        super().__init__(CombinedMultiDict([formdata, berkas]) if berkas else formdata)
        self.simpanan = simpanan
        self.tombol = aksi or self.aksi.data or "simpan_draf"
        if self.tombol not in AKSI_EDITOR:
            self.tombol = None
        self.nama_gambar = ""

    def nilai(self) -> dict[str, Any]:
        """Redisplay exactly what was typed (nothing lost after an error or a stale save)."""
        nilai: dict[str, Any] = {f.name: _mentah(f).replace("\x00", "") for f in (
            self.judul, self.ringkasan, self.isi, self.alt_gambar, self.gambar_tersimpan,
            self.waktu_terbit, self.versi)}
        nilai["dekoratif"] = self.dekoratif.data
        return nilai

    def _lengkap(self) -> bool:
        return self.tombol in ("ajukan_tinjauan", "terbitkan")

    def validate_judul(self, field) -> None:
        if not field.data:
            raise StopValidation("Isi judul berita.")

    def validate_ringkasan(self, field) -> None:
        if self._lengkap() and not field.data:
            raise StopValidation("Isi ringkasan: satu atau dua kalimat untuk daftar berita.")

    def validate_isi(self, field) -> None:
        if self._lengkap() and not field.data:
            raise StopValidation("Isi berita masih kosong.")

    def validate_gambar(self, field) -> None:
        tersimpan = (self.gambar_tersimpan.data or "").strip()
        if tersimpan and gambar_berita.nama_sah(tersimpan) and self.simpanan.ada(
                gambar_berita.kunci(tersimpan, "og")):
            self.nama_gambar = tersimpan
        if field.data:
            try:
                self.nama_gambar = gambar_berita.simpan(self.simpanan, field.data.stream)
            except gambar_berita.GambarDitolak as e:
                raise StopValidation(str(e)) from e

    def validate_alt_gambar(self, field) -> None:
        if self.nama_gambar and not self.dekoratif.data and not field.data:
            raise StopValidation("Tulis teks alternatif yang menjelaskan isi gambar, atau "
                                 "centang “Gambar hanya hiasan”.")

    def isian(self) -> IsianBerita:
        """The checked article (after ``periksa()``)."""
        return IsianBerita(judul=self.judul.data, ringkasan=self.ringkasan.data,
                           isi=self.isi.data, gambar=self.nama_gambar,
                           alt_gambar=self.alt_gambar.data,
                           gambar_dekoratif=self.dekoratif.data,
                           waktu_terbit=self.waktu_terbit.data)
