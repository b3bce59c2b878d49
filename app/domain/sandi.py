"""Password policy (Indonesian messages) and Argon2id password hashing."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from app.domain.nik import normalisasi as normalisasi_nik

PANJANG_MIN = 10
# Long enough for any passphrase; the cap stops someone making us hash megabytes.
PANJANG_MAKS = 128
# Name parts shorter than this ("Ani", "Tri") occur inside too many ordinary words.
BAGIAN_NAMA_MIN = 4

DAFTAR_BAWAAN = Path(__file__).resolve().parents[2] / "content" / "data" / "sandi_umum.txt"

PESAN_PENDEK = f"Kata sandi minimal {PANJANG_MIN} karakter."
PESAN_PANJANG = f"Kata sandi maksimal {PANJANG_MAKS} karakter."
PESAN_UMUM = "Kata sandi ini terlalu umum dan mudah ditebak. Pilih kata sandi lain."
PESAN_NIK = "Kata sandi tidak boleh berisi NIK Anda."
PESAN_NAMA = "Kata sandi tidak boleh berisi nama Anda."

_UJUNG = string.digits + string.punctuation + string.whitespace
_BUKAN_HURUF = re.compile(r"[^a-z]+")

_hasher = PasswordHasher(type=Type.ID)


def _bentuk_pembanding(kata: str) -> set[str]:
    """The forms compared with the list: as typed, and without digits/punctuation at the ends."""
    kecil = kata.strip().casefold()
    bentuk = {
        kecil,
        kecil.rstrip(string.punctuation),
        kecil.rstrip(_UJUNG),
        kecil.strip(_UJUNG),  # also catches "17agustus1945" or "!!password"
    }
    return {b for b in bentuk if b}


@lru_cache(maxsize=4)
def muat_sandi_umum(path: str | Path = DAFTAR_BAWAAN) -> frozenset[str]:
    """Read the common-password list (one per line, ``#`` comments) into comparison forms."""
    hasil: set[str] = set()
    for baris in Path(path).read_text(encoding="utf-8").splitlines():
        baris = baris.strip()
        if baris and not baris.startswith("#"):
            hasil |= _bentuk_pembanding(baris)
    return frozenset(hasil)


def terlalu_umum(sandi: str, daftar: frozenset[str]) -> bool:
    """True for a listed password, with case and end digits/punctuation ignored."""
    if len(set(sandi.casefold())) < 4:
        return True  # "aaaaaaaaaa", "ababababab": no list needed
    return bool(_bentuk_pembanding(sandi) & daftar)


def _berisi_nik(sandi: str, nik: str) -> bool:
    bersih_nik = normalisasi_nik(nik)
    if not bersih_nik:
        return False
    bersih = normalisasi_nik(sandi)
    # Either the whole NIK is inside, or the password is a long run of the NIK's digits.
    return bersih_nik in bersih or (bersih.isdigit() and bersih in bersih_nik)


def _berisi_nama(sandi: str, nama: str) -> bool:
    kecil = sandi.casefold()
    huruf_sandi = _BUKAN_HURUF.sub("", kecil)
    bagian = [_BUKAN_HURUF.sub("", b) for b in nama.casefold().split()]
    utuh = "".join(bagian)
    if utuh and len(utuh) >= BAGIAN_NAMA_MIN and utuh in huruf_sandi:
        return True
    return any(len(b) >= BAGIAN_NAMA_MIN and b in kecil for b in bagian)


def periksa_sandi(
    sandi: str,
    *,
    nik: str | None = None,
    nama: str | None = None,
    daftar_umum: frozenset[str] | None = None,
) -> list[str]:
    """All reasons a new password is refused, in Indonesian; an empty list means accepted."""
    kesalahan: list[str] = []
    if len(sandi) < PANJANG_MIN:
        kesalahan.append(PESAN_PENDEK)
    elif len(sandi) > PANJANG_MAKS:
        kesalahan.append(PESAN_PANJANG)
    if terlalu_umum(sandi, muat_sandi_umum() if daftar_umum is None else daftar_umum):
        kesalahan.append(PESAN_UMUM)
    if nik and _berisi_nik(sandi, nik):
        kesalahan.append(PESAN_NIK)
    if nama and _berisi_nama(sandi, nama):
        kesalahan.append(PESAN_NAMA)
    return kesalahan


def hash_sandi(sandi: str) -> str:
    """Argon2id hash (salted, parameters embedded) for storing in the user record."""
    return _hasher.hash(sandi)


def cek_sandi(sandi: str, hash_tersimpan: str) -> bool:
    """Whether the password matches the stored hash; False for a damaged hash."""
    try:
        return _hasher.verify(hash_tersimpan, sandi)
    except (VerificationError, InvalidHashError):
        return False


def perlu_rehash(hash_tersimpan: str) -> bool:
    """True when the hash was made with older parameters: re-hash after a good login."""
    try:
        return _hasher.check_needs_rehash(hash_tersimpan)
    except InvalidHashError:
        return True
