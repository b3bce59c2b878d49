"""The benefit calculator's GET form: typed fields, Indonesian messages, and the input
``app.domain.kalkulator.hitung`` takes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from wtforms import Field
from wtforms.fields import StringField
from wtforms.utils import unset_value
from wtforms.validators import StopValidation

from app.domain.kalkulator import KASUS, MAKS_DIGIT, PESERTA, Masukan, angka_bulat, daftar_anak
from app.formulir import Formulir


class PilihanField(StringField):
    """One code of ``pilihan``; a value not sent takes ``bawaan``."""

    def __init__(self, label: str, *, pilihan: tuple[str, ...], salah: str,
                 kosong: str = "", bawaan: str = "", **kwargs) -> None:
        super().__init__(label, **kwargs)
        self.pilihan, self.salah, self.kosong, self.bawaan = pilihan, salah, kosong, bawaan

    def process_formdata(self, valuelist) -> None:
        self.data = ((valuelist[0] if valuelist else "") or self.bawaan).strip()

    def pre_validate(self, form) -> None:
        if not self.data and self.kosong:
            raise StopValidation(self.kosong)
        if self.data not in self.pilihan:
            raise StopValidation(self.salah)


class AngkaBulatField(StringField):
    """A whole number ≥ 0 in ASCII digits, written ``1.000.000`` or ``Rp 1000000`` if the
    visitor likes; '²' or '٣' are not numbers. ``bila``: asked only when it says so."""

    def __init__(self, label: str, *, kosong: str, bukan_angka: str, negatif: str,
                 bila: Callable[[Any], bool] | None = None, **kwargs) -> None:
        super().__init__(label, **kwargs)
        self.kosong, self.bukan_angka, self.negatif, self.bila = kosong, bukan_angka, negatif, bila

    def process_formdata(self, valuelist) -> None:
        self.data = None

    def pre_validate(self, form) -> None:
        if self.bila is not None and not self.bila(form):
            return
        teks = (self.raw_data[0] if self.raw_data else "").strip()
        if not teks:
            raise StopValidation(self.kosong)
        try:
            nilai = angka_bulat(teks)
        except ValueError:
            raise StopValidation(self.bukan_angka) from None
        if nilai < 0:
            raise StopValidation(self.negatif)
        if len(str(nilai)) > MAKS_DIGIT:
            raise StopValidation("Angka ini terlalu besar. Periksa lagi.")
        self.data = nilai


class AnakField(Field):
    """Children's school levels: ``anak`` (comma-separated) and/or ``anak_1``, ``anak_2`` …"""

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        super().process(formdata, data, extra_filters)
        self.data = daftar_anak(formdata) if formdata is not None else []

    def pre_validate(self, form) -> None:
        if any(a not in form.jenjang for a in self.data):
            raise StopValidation("Jenjang sekolah anak tidak dikenal. Pilih dari daftar.")
        if len(self.data) > form.maks_anak:
            raise StopValidation(f"Beasiswa diberikan untuk paling banyak {form.maks_anak} anak. "
                                 f"Pilih {form.maks_anak} anak saja.")


class FormKalkulator(Formulir):
    """``/kalkulator?kasus=…``, read from the query string; ``data`` is content/data."""

    kasus = PilihanField("Apa yang terjadi pada peserta?", pilihan=KASUS,
                         kosong="Pilih apa yang terjadi pada peserta.",
                         salah="Pilihan kejadian tidak dikenal. Pilih salah satu dari daftar.")
    # Programme participants are the default: their income is the lowest bracket, not asked.
    peserta = PilihanField("Siapa yang membayar iuran peserta?", pilihan=PESERTA, bawaan="sigap",
                           salah="Pilihan peserta tidak dikenal. Pilih salah satu dari daftar.")
    penghasilan = AngkaBulatField(
        "Penghasilan per bulan yang dilaporkan ke BPJS",
        bila=lambda form: form.peserta.data == "mandiri",
        kosong="Isi penghasilan per bulan yang Anda laporkan ke BPJS Ketenagakerjaan "
               "saat mendaftar (dasar iuran).",
        bukan_angka="Tulis penghasilan yang dilaporkan dengan angka saja, tanpa huruf.",
        negatif="Penghasilan yang dilaporkan tidak boleh kurang dari nol.")
    lama_kepesertaan_tahun = AngkaBulatField(
        "Sudah berapa tahun menjadi peserta?",
        kosong="Isi sudah berapa tahun menjadi peserta. Tulis 0 jika belum setahun.",
        bukan_angka="Tulis lama kepesertaan dalam tahun, dengan angka saja.",
        negatif="Lama kepesertaan tidak boleh kurang dari nol.")
    anak = AnakField("Anak yang masih sekolah atau kuliah")

    def __init__(self, formdata, data: Mapping[str, Any]) -> None:
        beasiswa = data["manfaat"]["beasiswa"]
        self.jenjang = tuple(beasiswa["jenjang"])
        self.maks_anak = int(beasiswa["maks_anak"]["nilai"])
        self.terendah = int(data["iuran"]["bpu"]["penghasilan_terendah"]["nilai"])
        super().__init__(formdata)

    def kosong(self, nama: str) -> bool:
        """True when the field ``nama`` was not filled in (sent empty or not at all)."""
        return not (self[nama].raw_data[0] if self[nama].raw_data else "").strip()

    def masukan(self) -> Masukan:
        """What the visitor told us (after ``periksa()``)."""
        penghasilan = (self.penghasilan.data if self.peserta.data == "mandiri"
                       else self.terendah)
        return Masukan(self.kasus.data, penghasilan, self.lama_kepesertaan_tahun.data,
                       tuple(self.anak.data), self.peserta.data)
