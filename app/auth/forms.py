"""Sign-in, activation and the staff sign-in code: Flask-WTF forms with Indonesian messages."""

from __future__ import annotations

from wtforms.fields import PasswordField
from wtforms.validators import StopValidation

from app.domain import aktivasi as kode_domain
from app.domain import nik as nik_domain
from app.domain import sandi as sandi_domain
from app.formulir import Formulir, NikField, TeksField, Wajib

PESAN_MASUK_GAGAL = (
    "NIK/e-mail atau kata sandi salah. Periksa kembali, lalu coba lagi. "
    "Lupa kata sandi? Minta kode aktivasi baru ke petugas."
)
PESAN_KODE_GAGAL = (
    "NIK atau kode aktivasi tidak cocok, atau kode sudah tidak berlaku. Periksa kembali "
    "NIK dan kode pada surat dari petugas. Jika masih gagal, minta kode baru ke petugas."
)


class _Kode(TeksField):
    """A code typed with spaces: the spaces are dropped."""

    def process_formdata(self, valuelist) -> None:
        self.data = "".join((valuelist[0] if valuelist else "").split())


_NIK_SALAH = "NIK harus 16 angka, sesuai KTP."


class FormMasuk(Formulir):
    """Sign-in: ``identitas`` (NIK or e-mail) and ``sandi``."""

    identitas = TeksField("NIK atau alamat e-mail",
                          [Wajib("Isi NIK (16 angka) atau alamat e-mail Anda.")])
    sandi = PasswordField("Kata sandi", [Wajib("Isi kata sandi Anda.")])

    @property
    def kunci_akun(self) -> str:
        """The identity in one canonical form (for lookup and for the failure counter)."""
        identitas = self.identitas.data or ""
        if "@" in identitas:
            return identitas.casefold()
        return nik_domain.normalisasi(identitas)


def _kode_sah(form: Formulir, field) -> None:
    if not kode_domain.bentuk_sah(field.data):
        raise StopValidation(f"Kode aktivasi terdiri dari {kode_domain.PANJANG} huruf dan angka, "
                             "seperti pada surat dari petugas.")


def _sandi_kuat(form: FormAktivasi, field) -> None:
    masalah = sandi_domain.periksa_sandi(field.data or "", nik=form.nik.data or None)
    if masalah:
        raise StopValidation(" ".join(masalah))


def _sandi_sama(form: FormAktivasi, field) -> None:
    if not form.sandi.errors and field.data != form.sandi.data:
        raise StopValidation("Kata sandi yang diulang tidak sama. Ketik ulang.")


class FormAktivasi(Formulir):
    """Activation: NIK, the officer's code, and the new password twice."""

    nik = NikField("NIK", wajib="Isi NIK Anda (16 angka, sesuai KTP).",
                   bentuk=_NIK_SALAH, salah=_NIK_SALAH)
    kode = TeksField("Kode aktivasi", [Wajib("Isi kode aktivasi dari petugas."), _kode_sah])
    sandi = PasswordField("Kata sandi baru", [_sandi_kuat])
    sandi_ulang = PasswordField("Ulangi kata sandi baru", [_sandi_sama])


class FormKode(Formulir):
    """The staff sign-in code (six digits from the app, or a recovery code)."""

    kode = _Kode("Kode verifikasi", [Wajib("Isi kode dari aplikasi autentikator.")])
