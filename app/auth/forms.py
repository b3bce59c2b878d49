"""Form parsing for sign-in and activation (plain dicts: field name → Indonesian message)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain import aktivasi as kode_domain
from app.domain import nik as nik_domain
from app.domain import sandi as sandi_domain

PESAN_MASUK_GAGAL = (
    "NIK/e-mail atau kata sandi salah. Periksa kembali, lalu coba lagi. "
    "Lupa kata sandi? Minta kode aktivasi baru ke petugas."
)
PESAN_KODE_GAGAL = (
    "NIK atau kode aktivasi tidak cocok, atau kode sudah tidak berlaku. Periksa kembali "
    "NIK dan kode pada surat dari petugas. Jika masih gagal, minta kode baru ke petugas."
)


@dataclass
class FormMasuk:
    """Sign-in: ``identitas`` (NIK or e-mail) and ``sandi``."""

    identitas: str = ""
    sandi: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def dari(cls, form) -> FormMasuk:
        """Read and check the submitted fields."""
        f = cls(identitas=(form.get("identitas") or "").strip(), sandi=form.get("sandi") or "")
        if not f.identitas:
            f.errors["identitas"] = "Isi NIK (16 angka) atau alamat e-mail Anda."
        if not f.sandi:
            f.errors["sandi"] = "Isi kata sandi Anda."
        return f

    @property
    def kunci_akun(self) -> str:
        """The identity in one canonical form (for lookup and for the failure counter)."""
        if "@" in self.identitas:
            return self.identitas.casefold()
        return nik_domain.normalisasi(self.identitas)


@dataclass
class FormAktivasi:
    """Activation: NIK, the officer's code, and the new password twice."""

    nik: str = ""
    kode: str = ""
    sandi: str = ""
    sandi_ulang: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def dari(cls, form) -> FormAktivasi:
        """Read and check the fields that can be checked without the database."""
        f = cls(
            nik=nik_domain.normalisasi(form.get("nik") or ""),
            kode=(form.get("kode") or "").strip(),
            sandi=form.get("sandi") or "",
            sandi_ulang=form.get("sandi_ulang") or "",
        )
        if not f.nik:
            f.errors["nik"] = "Isi NIK Anda (16 angka, sesuai KTP)."
        elif not nik_domain.valid_nik(f.nik):
            f.errors["nik"] = "NIK harus 16 angka, sesuai KTP."
        if not f.kode:
            f.errors["kode"] = "Isi kode aktivasi dari petugas."
        elif not kode_domain.bentuk_sah(f.kode):
            f.errors["kode"] = (
                f"Kode aktivasi terdiri dari {kode_domain.PANJANG} huruf dan angka, "
                "seperti pada surat dari petugas."
            )
        masalah = sandi_domain.periksa_sandi(f.sandi, nik=f.nik or None)
        if masalah:
            f.errors["sandi"] = " ".join(masalah)
        elif f.sandi != f.sandi_ulang:
            f.errors["sandi_ulang"] = "Kata sandi yang diulang tidak sama. Ketik ulang."
        return f
