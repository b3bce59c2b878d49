"""The base of every form: Flask-WTF classes with typed fields and Indonesian messages.

A view reads a form in one line (``Form(request.form)`` or, for a GET form, ``Form(request.args)``),
asks ``form.periksa()``, and hands ``form.galat`` to the template: field id → the first message,
in form order, which is what ``components/forms.html``'s ``error_summary`` links to.

CSRF is not checked here: ``CSRFProtect`` already checks every POST before any view runs, so a
second check per form would only give the error summary a field nobody can fix.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.fields import BooleanField, IntegerField, StringField
from wtforms.validators import StopValidation

from app.batas import ID_MAKS, angka_ascii
from app.domain import nik as nik_domain


class Formulir(FlaskForm):
    """A form whose errors read as one Indonesian sentence per field."""

    class Meta:
        csrf = False  # CSRFProtect (app/extensions.py) checks every POST before the view

    def __init__(self, formdata=None, **kwargs) -> None:
        # ``formdata=None`` means "not submitted" (a blank form), never "read request.form".
        super().__init__(formdata=formdata, **kwargs)
        self._galat_tambahan: dict[str, str] = {}

    def periksa(self) -> bool:
        """Run every field's checks; True when none failed."""
        return self.validate() and not self._galat_tambahan

    def tolak(self, nama: str, pesan: str) -> None:
        """A message found after the form's own checks (a wrong code, a taken e-mail)."""
        self._galat_tambahan.setdefault(nama, pesan)

    @property
    def galat(self) -> dict[str, str]:
        """Field id → its first message, in form order (the error summary's links)."""
        hasil: dict[str, str] = {}
        for field in self:
            if field.errors:
                hasil[field.id] = str(field.errors[0])
        for nama, pesan in self._galat_tambahan.items():
            hasil.setdefault(nama, pesan)
        return hasil

    @property
    def errors(self) -> dict[str, str]:  # type: ignore[override]
        """The same as ``galat``: templates read ``form.errors`` as field id → message."""
        return self.galat


class TeksField(StringField):
    """Text with runs of whitespace folded to one space and ends trimmed."""

    def process_formdata(self, valuelist) -> None:
        self.data = " ".join((valuelist[0] if valuelist else "").split())


class BilanganField(IntegerField):
    """A whole number typed in ASCII digits: '²', '٣', '1e3', '-1' and values over ``maks``
    are refused with ``pesan`` (Python's ``int()`` would accept the first two)."""

    def __init__(self, label=None, validators=None, *, maks: int = ID_MAKS,
                 pesan: str = "Isi dengan angka.", **kwargs) -> None:
        super().__init__(label, validators, **kwargs)
        self.maks = maks
        self.pesan = pesan

    def process_formdata(self, valuelist) -> None:
        self.raw_data = valuelist
        teks = (valuelist[0] if valuelist else "").strip()
        if not teks:
            self.data = None
            return
        self.data = angka_ascii(teks, self.maks)
        if self.data is None:
            raise ValueError(self.pesan)


class NikField(StringField):
    """A NIK typed with spaces, dots or dashes, kept as its 16 digits and checked with
    app.domain.nik; the three messages can be worded for the page (``wajib=None``: optional)."""

    def __init__(self, label=None, validators=None, *,
                 wajib: str | None = "Isi NIK (16 angka sesuai KTP).",
                 bentuk: str = "NIK harus 16 angka.",
                 salah: str = "NIK tidak sesuai format NIK. Periksa lagi angka-angkanya di KTP.",
                 **kwargs) -> None:
        super().__init__(label, validators, **kwargs)
        self.pesan_wajib, self.pesan_bentuk, self.pesan_salah = wajib, bentuk, salah

    def process_formdata(self, valuelist) -> None:
        self.data = nik_domain.normalisasi(valuelist[0] if valuelist else "")

    def pre_validate(self, form) -> None:
        if not self.data:
            if self.pesan_wajib:
                raise StopValidation(self.pesan_wajib)
            raise StopValidation
        if not (self.data.isascii() and self.data.isdigit()) or len(self.data) != 16:
            raise StopValidation(self.pesan_bentuk)
        if not nik_domain.valid_nik(self.data):
            raise StopValidation(self.pesan_salah)


class IsianField(StringField):
    """A field read by a parser of the shape of app.staf.isian's (``baca(mapping, name, galat,
    form)`` → value, message in ``galat``): the officers' forms keep one set of parsers and
    messages. Its own validators (``validate_<name>`` on the form) run after a clean read."""

    def __init__(self, label=None, validators=None, *, baca, **kwargs) -> None:
        super().__init__(label, validators, **kwargs)
        self.baca = baca
        self.mentah = ""

    def process_formdata(self, valuelist) -> None:
        self.raw_data = valuelist
        self.mentah = valuelist[0] if valuelist else ""

    def pre_validate(self, form) -> None:
        galat: dict[str, str] = _Galat()
        self.data = self.baca({self.name: self.mentah}, self.name, galat, form)
        if galat:
            raise StopValidation(galat[self.name])

    def _value(self) -> str:
        return self.mentah


class _Galat(dict):
    def tambah(self, nama: str, pesan: str) -> None:
        self.setdefault(nama, pesan)


class CentangField(BooleanField):
    """A checkbox: ticked when its name was sent at all, whatever the value."""

    def process_formdata(self, valuelist) -> None:
        self.data = bool(valuelist)


class Wajib:
    """Required, with the form's own Indonesian sentence (and no browser ``required``:
    the page's error summary explains better than a browser bubble)."""

    def __init__(self, pesan: str) -> None:
        self.pesan = pesan

    def __call__(self, form: Formulir, field: Field) -> None:
        if field.process_errors:
            raise StopValidation  # the field's own message ("harus berupa angka") stands
        if field.data is None or (isinstance(field.data, str) and not field.data.strip()):
            field.errors[:] = []
            raise StopValidation(self.pesan)


class PalingPanjang:
    """At most ``maks`` characters."""

    def __init__(self, maks: int, pesan: str) -> None:
        self.maks = maks
        self.pesan = pesan

    def __call__(self, form: Formulir, field: Field) -> None:
        if field.data and len(field.data) > self.maks:
            raise StopValidation(self.pesan)


__all__ = [
    "BilanganField", "CentangField", "Formulir", "IsianField", "NikField", "PalingPanjang",
    "TeksField", "Wajib",
]
