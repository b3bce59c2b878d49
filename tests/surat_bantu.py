"""Reading issued PDFs back as a person would: text (pdftotext), page image, QR code."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

A4_PT = (595.28, 841.89)


def teks_pdf(isi: bytes) -> str:
    """The PDF's text with runs of white space collapsed (pdftotext, poppler-utils)."""
    hasil = subprocess.run(["pdftotext", "-layout", "-", "-"], input=isi,
                           capture_output=True, check=True)
    return re.sub(r"\s+", " ", hasil.stdout.decode())


def info_pdf(isi: bytes) -> dict[str, str]:
    """``pdfinfo`` fields (Title, Author, Pages, Page size, Tagged, ...)."""
    hasil = subprocess.run(["pdfinfo", "-"], input=isi, capture_output=True, check=True)
    baris = (b.split(":", 1) for b in hasil.stdout.decode().splitlines() if ":" in b)
    return {k.strip(): v.strip() for k, v in baris}


def objek_pdf(isi: bytes) -> bytes:
    """The raw bytes plus every inflated stream (the catalogue sits in a compressed stream)."""
    import zlib

    hasil = [isi]
    for m in re.finditer(rb"stream\r?\n", isi):
        try:
            hasil.append(zlib.decompressobj().decompress(isi[m.end():]))
        except zlib.error:
            continue
    return b"\n".join(hasil)


def gambar_halaman(isi: bytes, dpi: int = 150, halaman: int = 1):
    """One page rasterised by pdftoppm, as a Pillow image."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "surat.pdf"
        pdf.write_bytes(isi)
        awalan = Path(folder) / "halaman"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(halaman),
                        "-l", str(halaman), str(pdf), str(awalan)], check=True)
        with Image.open(f"{awalan}.png") as gambar:
            return gambar.copy()


def baca_qr(isi: bytes) -> list[str]:
    """Texts of the QR codes found on the first page."""
    import zxingcpp

    return [b.text for b in zxingcpp.read_barcodes(gambar_halaman(isi))
            if b.format == zxingcpp.BarcodeFormat.QRCode]


def kode_dari_teks(teks: str) -> str:
    """The verification code printed as ``Kode verifikasi: XXXX-XXXX-XXXX-XXXX``."""
    m = re.search(r"Kode verifikasi: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", teks)
    assert m, "no verification code in the PDF text"
    return m.group(1).replace("-", "")
