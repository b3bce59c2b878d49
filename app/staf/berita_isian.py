"""Reading the news editor's fields: values to redisplay, checked values, Indonesian errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from werkzeug.datastructures import FileStorage

from app.batas import angka_ascii
from app.domain.berita import AKSI, ada_nul
from app.models import Berita
from app.penyimpanan import Penyimpanan
from app.services import gambar_berita
from app.services.berita import IsianBerita
from app.services.waktu import WIB, aware
from app.staf.isian import Galat

MAKS_JUDUL = 200
MAKS_RINGKASAN = 400
MAKS_ISI = 100_000
MAKS_ALT = 300
AKSI_EDITOR = (*AKSI, "pratinjau")
FORMAT_WAKTU = "%Y-%m-%dT%H:%M"
TAHUN_BOLEH = (2000, 2100)
# The body's field is named "isi" but its element id cannot be: the page's <main> is #isi.
ID_ISI = "isi-berita"
ID_KOLOM = {"isi": ID_ISI}
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


def nilai_dari_form(form: Mapping[str, str]) -> dict[str, Any]:
    """Redisplay exactly what was typed (nothing lost after an error or a stale save)."""
    nilai: dict[str, Any] = {k: form.get(k, "") for k in (
        "judul", "ringkasan", "isi", "alt_gambar", "gambar_tersimpan", "waktu_terbit", "versi")}
    nilai["dekoratif"] = "dekoratif" in form
    for k, v in nilai.items():
        if isinstance(v, str):
            nilai[k] = v.replace("\x00", "")
    return nilai


def _teks(form: Mapping[str, str], nama: str, label: str, maks: int, galat: Galat, *,
          satu_baris: bool = True) -> str:
    mentah = form.get(nama) or ""
    kunci = ID_KOLOM.get(nama, nama)
    if ada_nul(mentah):
        galat.tambah(kunci, PESAN_NUL.format(label=label))
        return ""
    nilai = " ".join(mentah.split()) if satu_baris else mentah.replace("\r\n", "\n").strip()
    if len(nilai) > maks:
        galat.tambah(kunci, f"{label} paling panjang {maks:,} karakter.".replace(",", "."))
    return nilai[:maks]


def baca_waktu(mentah: str, galat: Galat) -> dt.datetime | None:
    """``2026-12-24T09:00`` (Bekasi time) → UTC; empty means "when published"."""
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
        galat.tambah("waktu_terbit", f"Tahun waktu terbit harus antara {TAHUN_BOLEH[0]} dan "
                                     f"{TAHUN_BOLEH[1]}.")
        return None
    galat.tambah("waktu_terbit", "Waktu terbit harus tanggal dan jam yang benar, "
                                 "misalnya 2026-12-24 09.00.")
    return None


def baca_aksi(form: Mapping[str, str]) -> str | None:
    """The button pressed; None for anything else (answered 400)."""
    aksi = form.get("aksi") or "simpan_draf"
    return aksi if aksi in AKSI_EDITOR else None


def baca_isian(form: Mapping[str, str], files: Mapping[str, FileStorage], aksi: str,
               simpanan: Penyimpanan) -> tuple[IsianBerita, Galat]:
    """Check every field; an uploaded image is processed and stored (so it survives errors)."""
    galat = Galat()
    judul = _teks(form, "judul", "Judul", MAKS_JUDUL, galat)
    if not judul and "judul" not in galat:
        galat.tambah("judul", "Isi judul berita.")
    ringkasan = _teks(form, "ringkasan", "Ringkasan", MAKS_RINGKASAN, galat)
    isi = _teks(form, "isi", "Isi berita", MAKS_ISI, galat, satu_baris=False)
    if aksi in ("ajukan_tinjauan", "terbitkan"):
        if not ringkasan and "ringkasan" not in galat:
            galat.tambah("ringkasan", "Isi ringkasan: satu atau dua kalimat untuk daftar berita.")
        if not isi and ID_ISI not in galat:
            galat.tambah(ID_ISI, "Isi berita masih kosong.")

    gambar = None
    tersimpan = (form.get("gambar_tersimpan") or "").strip()
    if tersimpan and gambar_berita.nama_sah(tersimpan) and simpanan.ada(
            gambar_berita.kunci(tersimpan, "og")):
        gambar = tersimpan
    unggahan = files.get("gambar")
    if unggahan is not None and unggahan.filename:
        try:
            gambar = gambar_berita.simpan(simpanan, unggahan.stream)
        except gambar_berita.GambarDitolak as e:
            galat.tambah("gambar", str(e))
    dekoratif = "dekoratif" in form
    alt = _teks(form, "alt_gambar", "Teks alternatif", MAKS_ALT, galat)
    if gambar and not dekoratif and not alt and "alt_gambar" not in galat:
        galat.tambah("alt_gambar", "Tulis teks alternatif yang menjelaskan isi gambar, atau "
                                   "centang “Gambar hanya hiasan”.")
    waktu = baca_waktu(form.get("waktu_terbit", ""), galat)
    isian = IsianBerita(judul=judul, ringkasan=ringkasan, isi=isi, gambar=gambar or "",
                        alt_gambar=alt, gambar_dekoratif=dekoratif, waktu_terbit=waktu)
    return isian, galat


def baca_versi(form: Mapping[str, str]) -> int | None:
    """The version the editor was opened at; None when missing or not a number."""
    return angka_ascii((form.get("versi") or "").strip())
