"""One-time account activation codes: creation, display, hashing and expiry.

An officer hands the code to a worker or heir on paper or by phone, so it avoids characters
that are easy to misread (0/O, 1/I/L). Only its hash is stored; the account is found by NIK
first and the code is then checked against that one hash.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# 31 symbols: digits 2–9 and A–Z without I, L and O. 10 symbols ≈ 49.5 bits.
ALFABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PANJANG = 10
KELOMPOK = 4  # shown as K7QX-M4P9-RT
BERLAKU = dt.timedelta(days=30)

_PEMISAH = re.compile(r"[\s\-]+")
_hasher = PasswordHasher()


def tampilkan_kode(kode: str) -> str:
    """Group a code in blocks of four for reading aloud: ``K7QX-M4P9-RT``."""
    bersih = normalisasi_kode(kode)
    return "-".join(bersih[i : i + KELOMPOK] for i in range(0, len(bersih), KELOMPOK))


def buat_kode() -> str:
    """A fresh random activation code, already grouped for display."""
    return tampilkan_kode("".join(secrets.choice(ALFABET) for _ in range(PANJANG)))


def normalisasi_kode(kode: str) -> str:
    """Upper-case and drop dashes and spaces, so ``k7qx m4p9-rt`` equals ``K7QX-M4P9-RT``."""
    return _PEMISAH.sub("", kode or "").upper()


def bentuk_sah(kode: str) -> bool:
    """True if the typed code could be a code at all (cheap check before hashing)."""
    bersih = normalisasi_kode(kode)
    return len(bersih) == PANJANG and all(c in ALFABET for c in bersih)


def hash_kode(kode: str) -> str:
    """Argon2id hash of the normalised code, for storage."""
    return _hasher.hash(normalisasi_kode(kode))


def cocok(kode: str, hash_tersimpan: str) -> bool:
    """Whether a typed code matches the stored hash (Argon2 compares in constant time)."""
    try:
        return _hasher.verify(hash_tersimpan, normalisasi_kode(kode))
    except (VerificationError, InvalidHashError):
        return False


def kedaluwarsa_pada(dibuat: dt.datetime) -> dt.datetime:
    """Moment the code stops working: 30 days after it was made."""
    return dibuat + BERLAKU


def sudah_kedaluwarsa(dibuat: dt.datetime, sekarang: dt.datetime) -> bool:
    """True from the expiry moment onwards."""
    return sekarang >= kedaluwarsa_pada(dibuat)
