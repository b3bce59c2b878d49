"""Issued documents (certificate, payment letter): verification codes, numbers, content hashes.

A verification code is 16 Crockford base32 characters: 80 random bits, no I, L, O or U, so
a code read aloud or typed from paper cannot be confused. People may type it in lower case,
with dashes or spaces, or with I/L for 1 and O for 0; ``normalisasi`` undoes all of that.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from typing import Any

ALFABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PANJANG_KODE = 16  # 16 × 5 bits = 80 bits
_KODE = re.compile(f"[{ALFABET}]{{{PANJANG_KODE}}}")
_PEMISAH = re.compile(r"[\s\-.]+")
_SALAH_BACA = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SHA256 = re.compile(r"[0-9a-f]{64}")

JENIS_SURAT = {
    "sertifikat": "Sertifikat Kepesertaan",
    "surat_bayar": "Surat Keterangan Pembayaran Santunan",
}
AWALAN_NOMOR = {"sertifikat": "SKP", "surat_bayar": "SPS"}
# What the public verification can say of a code, in the order it decides: revoked, then
# replaced, then (certificates only) a holder no longer covered today, else genuine and valid.
STATUS_VERIFIKASI = ("dicabut", "diganti", "tidak_aktif", "sah", "tidak_ditemukan")


def kode_baru() -> str:
    """A fresh random verification code (never 16 digits: that is the shape of a NIK)."""
    while True:
        kode = "".join(secrets.choice(ALFABET) for _ in range(PANJANG_KODE))
        if not kode.isdigit():
            return kode


def normalisasi(teks: str | None) -> str | None:
    """The canonical code for what someone typed, or None when it cannot be a code."""
    kode = _PEMISAH.sub("", teks or "").upper().translate(_SALAH_BACA)
    # 16 digits is a NIK typed into the wrong box: never a code, never put in an address.
    return kode if _KODE.fullmatch(kode) and not kode.isdigit() else None


def kode_tampil(kode: str) -> str:
    """``ABCD-EFGH-JKMN-PQRS``: groups of four are easier to read from paper."""
    return "-".join(kode[i : i + 4] for i in range(0, len(kode), 4))


def nomor_surat(jenis: str, tahun: int, urut: int) -> str:
    """``SKP/SIGAP/2026/000001``."""
    return f"{AWALAN_NOMOR[jenis]}/SIGAP/{tahun}/{urut:06d}"


def sidik_isi(isi: dict[str, Any]) -> str:
    """SHA-256 of the underlying data: the same data gives the same document."""
    teks = json.dumps(isi, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(teks.encode()).hexdigest()


def sha256_hex(isi: bytes) -> str:
    """SHA-256 of a file's bytes, as 64 hex characters."""
    return hashlib.sha256(isi).hexdigest()


def sha256_sah(teks: str | None) -> bool:
    """True for 64 lowercase hex characters."""
    return bool(teks) and bool(_SHA256.fullmatch(teks))


def samarkan_nama(nama: str) -> str:
    """``Budi Santoso`` → ``Bu** Sa*****``: enough to match a face to a paper, no more."""
    bagian = []
    for kata in nama.split():
        terlihat = 2 if len(kata) > 2 else 1
        bagian.append(kata[:terlihat] + "*" * (len(kata) - terlihat))
    return " ".join(bagian)


def samarkan_referensi(referensi: str | None) -> str:
    """A bank reference with all but the last four characters hidden: ``BNI-****5678``."""
    if not referensi:
        return "–"
    if len(referensi) <= 4:
        return "*" * len(referensi)
    awalan, _, sisa = referensi.rpartition("-") if "-" in referensi[:6] else ("", "", referensi)
    if len(sisa) <= 4:
        return (awalan + "-" if awalan else "") + "*" * len(sisa)
    tersamar = "*" * (len(sisa) - 4) + sisa[-4:]
    return f"{awalan}-{tersamar}" if awalan else tersamar
