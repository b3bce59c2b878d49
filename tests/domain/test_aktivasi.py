"""Activation codes."""

import datetime as dt
import re

import pytest

from app.domain.aktivasi import (
    ALFABET,
    bentuk_sah,
    buat_kode,
    cocok,
    hash_kode,
    kedaluwarsa_pada,
    normalisasi_kode,
    sudah_kedaluwarsa,
    tampilkan_kode,
)

AMBIGU = set("0O1IL")


def test_alphabet_has_no_ambiguous_characters():
    assert not AMBIGU & set(ALFABET)
    assert len(set(ALFABET)) == len(ALFABET) == 31


def test_codes_are_long_grouped_unambiguous_and_unique():
    kode = [buat_kode() for _ in range(1000)]
    assert len(set(kode)) == 1000
    for k in kode:
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}", k), k
        bersih = normalisasi_kode(k)
        assert len(bersih) >= 10
        assert not AMBIGU & set(bersih)
        assert bentuk_sah(k)


def test_codes_use_the_whole_alphabet():
    # 10 000 symbols over 31 letters: a missing letter would mean a broken generator.
    terpakai = set("".join(normalisasi_kode(buat_kode()) for _ in range(1000)))
    assert terpakai == set(ALFABET)


@pytest.mark.parametrize(
    "ketikan", ["K7QX-M4P9-RT", "k7qx-m4p9-rt", "K7QXM4P9RT", " k7qx m4p9 rt ", "K7QX--M4P9 - RT"]
)
def test_normalisasi_ignores_case_dashes_and_spaces(ketikan):
    assert normalisasi_kode(ketikan) == "K7QXM4P9RT"


def test_tampilkan_kode_groups_by_four():
    assert tampilkan_kode("k7qxm4p9rt") == "K7QX-M4P9-RT"


@pytest.mark.parametrize("ketikan", ["K7QX-M4P9", "K7QX-M4P9-RTX", "K7QX-M4P9-R0", "K7QX-M4P9-R!"])
def test_bentuk_sah_refuses_impossible_codes(ketikan):
    assert not bentuk_sah(ketikan)


def test_hash_and_verify():
    kode = buat_kode()
    tersimpan = hash_kode(kode)
    assert tersimpan.startswith("$argon2id$")
    assert normalisasi_kode(kode) not in tersimpan
    assert cocok(kode, tersimpan)
    assert cocok(kode.lower().replace("-", " "), tersimpan)


def test_wrong_code_does_not_match():
    tersimpan = hash_kode("K7QX-M4P9-RT")
    assert not cocok("K7QX-M4P9-RS", tersimpan)
    assert not cocok("", tersimpan)


def test_same_code_hashes_differently_each_time():
    assert hash_kode("K7QX-M4P9-RT") != hash_kode("K7QX-M4P9-RT")


def test_broken_stored_hash_never_matches():
    assert not cocok("K7QX-M4P9-RT", "bukan-hash")
    assert not cocok("K7QX-M4P9-RT", "")


def test_expiry_after_thirty_days():
    dibuat = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)
    assert kedaluwarsa_pada(dibuat) == dt.datetime(2026, 2, 9, 9, 0, tzinfo=dt.UTC)
    assert not sudah_kedaluwarsa(dibuat, dibuat + dt.timedelta(days=29, hours=23))
    assert sudah_kedaluwarsa(dibuat, dibuat + dt.timedelta(days=30))
