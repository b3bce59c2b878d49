"""Staff second factor: TOTP codes (RFC 6238, 30 s, six digits) and one-time recovery codes."""

from __future__ import annotations

import secrets
import time

import pyotp

LANGKAH_DETIK = 30
JUMLAH_PEMULIHAN = 10
# Base32 without padding look-alikes; recovery codes use this alphabet too (no 0/O, 1/I/L).
_HURUF = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def rahasia_baru() -> str:
    """A fresh base32 secret (160 bits, what authenticator apps expect)."""
    return pyotp.random_base32(32)


def langkah_sekarang(waktu: float | None = None) -> int:
    """The current 30-second time step."""
    return int((time.time() if waktu is None else waktu) // LANGKAH_DETIK)


def cocokkan(rahasia: str, kode: str, terakhir: int | None,
             waktu: float | None = None) -> int | None:
    """The time step ``kode`` belongs to (now ± one step, for clock drift), or None.

    A step at or before ``terakhir`` (the last one accepted) is refused: a code seen over a
    shoulder or in a proxy log cannot be replayed."""
    if not (len(kode) == 6 and kode.isascii() and kode.isdigit()):
        return None
    totp = pyotp.TOTP(rahasia)
    sekarang = langkah_sekarang(waktu)
    for langkah in (sekarang - 1, sekarang, sekarang + 1):
        if terakhir is not None and langkah <= terakhir:
            continue
        if secrets.compare_digest(totp.generate_otp(langkah), kode):
            return langkah
    return None


def uri_aplikasi(rahasia: str, akun: str, penerbit: str = "SIGAP") -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(rahasia).provisioning_uri(name=akun, issuer_name=penerbit)


def kelompokkan(rahasia: str) -> str:
    """``ABCD EFGH …``: the secret in groups of four, easier to type by hand."""
    return " ".join(rahasia[i:i + 4] for i in range(0, len(rahasia), 4))


def kode_pemulihan_baru() -> list[str]:
    """Ten recovery codes like ``K7QM-2XPD``."""
    hasil = []
    for _ in range(JUMLAH_PEMULIHAN):
        teks = "".join(secrets.choice(_HURUF) for _ in range(8))
        hasil.append(f"{teks[:4]}-{teks[4:]}")
    return hasil


def normalisasi_pemulihan(kode: str) -> str:
    """What the person typed, in the stored form: upper case, no spaces or dashes."""
    return "".join(c for c in kode.upper() if c.isascii() and c.isalnum())


def mirip_kode_pemulihan(kode: str) -> bool:
    """Eight letters/digits from the recovery alphabet (after normalising)."""
    bersih = normalisasi_pemulihan(kode)
    return len(bersih) == 8 and all(c in _HURUF for c in bersih)
