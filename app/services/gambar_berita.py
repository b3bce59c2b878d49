"""News images: checked by content, re-encoded with Pillow (no EXIF, no GPS), stored twice.

Every accepted image is decoded and drawn again into a new JPEG, so nothing of the upload's
metadata (EXIF, GPS, comments, ICC tricks) or of a polyglot payload survives.
"""

from __future__ import annotations

import io
import secrets
from typing import BinaryIO

from PIL import Image, ImageOps, UnidentifiedImageError

from app.penyimpanan import Penyimpanan

MB = 1024 * 1024
MAKS_BYTES = 10 * MB
MAKS_PIKSEL = 40_000_000  # a decompression bomb is refused before it is decoded
UKURAN_OG = (1200, 630)  # Open Graph / Twitter card
LEBAR_HALAMAN = 800
LEBAR_KECIL = 480  # list thumbnails: shown 240 px wide, sharp on 2× screens
MAKS_OG_BYTES = 300 * 1024
FORMAT_DITERIMA = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
UKURAN = ("og", "hal", "kecil")


class GambarDitolak(ValueError):
    """An image refused; ``str()`` is the message for the user."""


def _baca(berkas: BinaryIO) -> bytes:
    data = berkas.read(MAKS_BYTES + 1)
    if len(data) > MAKS_BYTES:
        raise GambarDitolak("Gambar terlalu besar. Ukuran paling besar 10 MB.")
    if not data:
        raise GambarDitolak("Berkas gambar kosong. Pilih berkas lain.")
    return data


def _buka(data: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as percobaan:
            jenis = percobaan.format
            if jenis not in FORMAT_DITERIMA:
                raise GambarDitolak("Gambar harus berformat JPG, PNG, atau WebP.")
            if percobaan.width * percobaan.height > MAKS_PIKSEL:
                raise GambarDitolak("Ukuran gambar dalam piksel terlalu besar.")
            percobaan.verify()
        gambar = Image.open(io.BytesIO(data))
        gambar.load()
    except GambarDitolak:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as e:
        raise GambarDitolak(
            "Berkas ini bukan gambar JPG, PNG, atau WebP yang utuh. Pilih berkas gambar lain."
        ) from e
    gambar = ImageOps.exif_transpose(gambar)  # keep the photo upright once EXIF is gone
    if gambar.mode != "RGB":
        latar = Image.new("RGB", gambar.size, (255, 255, 255))
        rgba = gambar.convert("RGBA")
        latar.paste(rgba, mask=rgba.getchannel("A"))
        gambar = latar
    return gambar


def _jpeg(gambar: Image.Image, maks_bytes: int | None = None) -> bytes:
    """Encode without any metadata; lower the quality until it fits ``maks_bytes``."""
    for kualitas in (85, 78, 70, 62, 55, 45, 35):
        keluaran = io.BytesIO()
        gambar.save(keluaran, "JPEG", quality=kualitas, optimize=True, progressive=True)
        data = keluaran.getvalue()
        if maks_bytes is None or len(data) <= maks_bytes:
            return data
    return data


def olah(berkas: BinaryIO) -> dict[str, bytes]:
    """Check and re-encode: ``og`` 1200×630 JPEG ≤ 300 KB, ``hal`` 800 px wide for the article,
    ``kecil`` a 480×252 crop for lists."""
    gambar = _buka(_baca(berkas))
    og = ImageOps.fit(gambar, UKURAN_OG, Image.Resampling.LANCZOS)
    hal = gambar.copy()
    hal.thumbnail((LEBAR_HALAMAN, LEBAR_HALAMAN * 2), Image.Resampling.LANCZOS)
    kecil = og.resize((LEBAR_KECIL, LEBAR_KECIL * UKURAN_OG[1] // UKURAN_OG[0]),
                      Image.Resampling.LANCZOS)
    return {"og": _jpeg(og, MAKS_OG_BYTES), "hal": _jpeg(hal), "kecil": _jpeg(kecil)}


def kunci(nama: str, ukuran: str) -> str:
    """The storage key of one image name and size (app/penyimpanan.py)."""
    return f"berita/{nama}-{ukuran}.jpg"


def simpan(simpanan: Penyimpanan, berkas: BinaryIO) -> str:
    """Process and store an upload; return its random name (the same for every size)."""
    hasil = olah(berkas)
    nama = secrets.token_hex(16)
    for ukuran, data in hasil.items():
        simpanan.simpan(kunci(nama, ukuran), data)
    return nama


def baca(simpanan: Penyimpanan, nama: str, ukuran: str) -> bytes | None:
    """One stored size of an image, or None when it is not stored."""
    try:
        return simpanan.baca(kunci(nama, ukuran))
    except FileNotFoundError:
        return None


def nama_sah(nama: str) -> bool:
    """A stored image name: 32 lowercase hex digits (nothing else reaches the file system)."""
    return len(nama) == 32 and all(c in "0123456789abcdef" for c in nama)
