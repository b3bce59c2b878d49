"""The calculator's form (FormKalkulator): what the visitor typed → the input of hitung, or
one Indonesian message per field; numbers in ASCII digits only."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from app.domain.kalkulator import Masukan, hitung
from app.konten_app import konten
from app.public.formulir_kalkulator import FormKalkulator


@pytest.fixture
def data(app):
    with app.app_context():
        return konten().data


@pytest.fixture
def baca(app, data):
    """The form read from a query string: (Masukan or None, field id → message)."""
    def baca(isian):
        with app.test_request_context():
            form = FormKalkulator(MultiDict(isian), data)
            return (form.masukan() if form.periksa() else None), form.galat
    return baca


# ---------------------------------------------------------------- who pays: table of cases

# (form, kasus total): the programme default never reads the income typed in; the declared
# income of a self-paying BPU does, and is named "dilaporkan", never as real income.
@pytest.mark.parametrize(
    ("isian", "total", "frasa"),
    [
        # Peserta SIGAP (default): registered at the lowest bracket, Rp1.000.000.
        ({"kasus": "cacat_total_tetap"}, 68_000_000, "penghasilan terdaftar peserta SIGAP"),
        ({"kasus": "cacat_total_tetap", "peserta": "sigap", "penghasilan": "3500000"},
         68_000_000, "Rp1.000.000"),
        ({"kasus": "meninggal_kecelakaan_kerja"}, 70_000_000,
         "48 × penghasilan terdaftar peserta SIGAP Rp1.000.000"),
        ({"kasus": "meninggal_biasa", "penghasilan": "3500000"}, 42_000_000, "Jumlah tetap"),
        # A self-paying BPU at the income declared to BPJS.
        ({"kasus": "cacat_total_tetap", "peserta": "mandiri", "penghasilan": "3500000"},
         196_000_000 + 12_000_000, "penghasilan yang dilaporkan ke BPJS Rp3.500.000"),
        ({"kasus": "cacat_total_tetap", "peserta": "mandiri", "penghasilan": "1000000"},
         68_000_000, "dilaporkan"),
        ({"kasus": "meninggal_kecelakaan_kerja", "peserta": "mandiri", "penghasilan": "2000000"},
         118_000_000, "48 × penghasilan yang dilaporkan ke BPJS Rp2.000.000"),
        ({"kasus": "meninggal_biasa", "peserta": "mandiri", "penghasilan": "9000000"},
         42_000_000, "Jumlah tetap"),
    ],
)
def test_programme_default_and_declared_income(data, baca, isian, total, frasa):
    masukan, galat = baca({"lama_kepesertaan_tahun": "1", **isian})
    assert galat == {}
    hasil = hitung(masukan, data)
    assert hasil.total == total
    assert frasa in " ".join(b.aturan for b in hasil.baris)
    for b in hasil.baris:  # the formula never names the real income
        assert "× penghasilan Rp" not in b.aturan


def test_programme_default_explains_the_registered_income(data, baca):
    masukan, _ = baca({"kasus": "cacat_total_tetap", "lama_kepesertaan_tahun": "0"})
    assert masukan.peserta == "sigap" and masukan.penghasilan == 1_000_000
    catatan = " ".join(hitung(masukan, data).catatan)
    assert "Peserta SIGAP didaftarkan dengan penghasilan Rp1.000.000" in catatan


def test_declared_income_is_required_only_for_self_paying_bpu(baca):
    masukan, galat = baca(
        {"kasus": "cacat_total_tetap", "peserta": "mandiri", "lama_kepesertaan_tahun": "0"})
    assert masukan is None and "laporkan ke BPJS" in galat["penghasilan"]
    _, galat = baca({"kasus": "cacat_total_tetap", "peserta": "pns",
                         "lama_kepesertaan_tahun": "0"})
    assert set(galat) == {"peserta"}


# ---------------------------------------------------------------- validasi


def _form(**kw):
    dasar = {"kasus": "meninggal_biasa", "peserta": "mandiri", "penghasilan": "1000000",
             "lama_kepesertaan_tahun": "3"}
    return {**dasar, **kw}


def test_valid_form_gives_input(baca):
    masukan, galat = baca(_form(penghasilan="Rp 1.500.000", anak_1="SD", anak_2="pt"))

    assert galat == {}
    assert masukan == Masukan("meninggal_biasa", 1_500_000, 3, ("sd", "pt"), "mandiri")


def test_children_as_comma_separated_field(baca):
    masukan, _ = baca(_form(anak="tk, sma"))
    assert masukan is not None and masukan.anak == ("tk", "sma")


@pytest.mark.parametrize(
    ("kolom", "nilai"),
    [
        ("penghasilan", "-5"),
        ("penghasilan", "satu juta"),
        ("penghasilan", ""),
        ("penghasilan", "1,5"),
        ("lama_kepesertaan_tahun", "-1"),
        ("lama_kepesertaan_tahun", "tiga"),
        ("kasus", "dipecat"),
        ("kasus", ""),
    ],
)
def test_bad_values_are_rejected_with_a_message(baca, kolom, nilai):
    masukan, galat = baca(_form(**{kolom: nilai}))

    assert masukan is None
    assert set(galat) == {kolom} and galat[kolom]


def test_negative_income_message_is_indonesian(baca):
    _, galat = baca(_form(penghasilan="-1"))
    assert galat["penghasilan"] == "Penghasilan yang dilaporkan tidak boleh kurang dari nol."


def test_three_children_rejected(baca):
    masukan, galat = baca(_form(anak_1="sd", anak_2="smp", anak_3="sma"))

    assert masukan is None
    assert "paling banyak 2 anak" in galat["anak"]


def test_unknown_school_level_rejected(baca):
    masukan, galat = baca(_form(anak_1="s3"))
    assert masukan is None and "anak" in galat


@pytest.mark.parametrize("angka", ["٣", "１", "²", "3e2", "0x10"])
@pytest.mark.parametrize("kolom", ["penghasilan", "lama_kepesertaan_tahun"])
def test_numbers_are_ascii_digits_only(baca, kolom, angka):
    """'٣' (Arabic-Indic three) and '１' (full-width one) are digits to Python's int()."""
    masukan, galat = baca(_form(**{kolom: angka}))
    assert masukan is None
    assert set(galat) == {kolom} and "angka" in galat[kolom]


def test_unknown_child_key_digits_are_ignored(baca):
    masukan, galat = baca(_form(**{"anak_٣": "sd"}))
    assert galat == {} and masukan.anak == ()


def test_errors_come_in_form_order(baca):
    _, galat = baca({"peserta": "pns", "lama_kepesertaan_tahun": "x", "anak_1": "s3"})
    assert list(galat) == ["kasus", "peserta", "lama_kepesertaan_tahun", "anak"]
