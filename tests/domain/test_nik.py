"""NIK validation, decoding and masking."""

import datetime as dt

import pytest

from app.domain.nik import (
    jenis_kelamin_dari_nik,
    normalisasi,
    samarkan,
    tanggal_lahir_dari_nik,
    valid_nik,
)

HARI_INI = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("nik", "lahir", "kelamin"),
    [
        ("3275011506880001", dt.date(1988, 6, 15), "L"),  # Budi Santoso (demo)
        ("3275015203850002", dt.date(1985, 3, 12), "P"),  # Siti Aminah: 52 = 12 + 40
        ("3275014708900004", dt.date(1990, 8, 7), "P"),  # Dewi Lestari: 47 = 7 + 40
        ("3275010203800003", dt.date(1980, 3, 2), "L"),
        ("3216064101100001", dt.date(2010, 1, 1), "P"),  # 41 = day 1 for a woman
        ("3275017112990001", dt.date(1999, 12, 31), "P"),  # 71 = day 31 for a woman
    ],
)
def test_valid_nik_decodes_birth_date_and_sex(nik, lahir, kelamin):
    assert valid_nik(nik, HARI_INI)
    assert tanggal_lahir_dari_nik(nik, HARI_INI) == lahir
    assert jenis_kelamin_dari_nik(nik, HARI_INI) == kelamin


@pytest.mark.parametrize(
    "nik",
    [
        "",
        "327501150688000",  # 15 digits
        "32750115068800011",  # 17 digits
        "32750115O6880001",  # letter O
        "3275 011506880001",  # not normalised
        "３２７５０１１５０６８８０００１",  # full-width digits
        "1075011506880001",  # province 10
        "9775011506880001",  # province 97
        "3200011506880001",  # kab/kota 00
        "3275001506880001",  # kecamatan 00
        "3275011506880000",  # serial 0000
        "3275013206880001",  # day 32
        "3275014006880001",  # day 40: neither a man's nor a woman's day
        "3275017206880001",  # day 72 = 32 for a woman
        "3275011513880001",  # month 13
        "3275011500880001",  # month 00
        "3275013102880001",  # 31 February
        "3275012902010001",  # 29 Feb 2001 / 1901: no leap year
    ],
)
def test_invalid_nik(nik):
    assert not valid_nik(nik, HARI_INI)


def test_non_string_is_invalid():
    assert not valid_nik(3275011506880001)  # type: ignore[arg-type]


def test_leap_day_2000_is_valid():
    assert tanggal_lahir_dari_nik("3275016902000001", HARI_INI) == dt.date(2000, 2, 29)


def test_two_digit_year_never_gives_a_future_birth_date():
    # 15 June '26 is still in the future on 1 March 2026, so it must be 1926.
    assert tanggal_lahir_dari_nik("3275011506260001", HARI_INI) == dt.date(1926, 6, 15)
    assert tanggal_lahir_dari_nik("3275010101260001", HARI_INI) == dt.date(2026, 1, 1)


def test_decoders_refuse_invalid_nik():
    with pytest.raises(ValueError):
        tanggal_lahir_dari_nik("3275013206880001", HARI_INI)
    with pytest.raises(ValueError):
        jenis_kelamin_dari_nik("123", HARI_INI)


@pytest.mark.parametrize(
    ("masukan", "hasil"),
    [
        ("3275011506880001", "3275011506880001"),
        (" 3275 0115 0688 0001 ", "3275011506880001"),
        ("3275.01.150688.0001", "3275011506880001"),
        ("3275-0115-0688-0001", "3275011506880001"),
        ("3275\t01\n1506880001", "3275011506880001"),
        ("", ""),
    ],
)
def test_normalisasi(masukan, hasil):
    assert normalisasi(masukan) == hasil


def test_normalised_input_becomes_valid():
    assert valid_nik(normalisasi("3275 0115.0688-0001"), HARI_INI)


def test_samarkan_keeps_first_and_last_four():
    assert samarkan("3275011506880001") == "3275********0001"
    assert samarkan("3275 0115 0688 0001") == "3275********0001"


def test_samarkan_never_reveals_the_birth_date():
    assert "150688" not in samarkan("3275011506880001")


def test_samarkan_short_input_is_fully_masked():
    assert samarkan("12345") == "*****"
    assert samarkan("") == ""
