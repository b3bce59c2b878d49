"""Password policy and hashing."""

import pytest
from argon2 import PasswordHasher

from app.domain.sandi import (
    DAFTAR_BAWAAN,
    PESAN_NAMA,
    PESAN_NIK,
    PESAN_PANJANG,
    PESAN_PENDEK,
    PESAN_UMUM,
    cek_sandi,
    hash_sandi,
    muat_sandi_umum,
    periksa_sandi,
    perlu_rehash,
)

NIK = "3275011506880001"
NAMA = "Budi Santoso"


def test_common_list_is_our_own_file_of_about_300_entries():
    baris = [
        b.strip()
        for b in DAFTAR_BAWAAN.read_text(encoding="utf-8").splitlines()
        if b.strip() and not b.startswith("#")
    ]
    assert 250 <= len(baris) <= 400
    assert len(set(baris)) == len(baris)
    assert {"bismillah", "1234567890", "qwertyuiop", "bekasi", "sayang"} <= set(baris)


@pytest.mark.parametrize(
    "sandi",
    [
        "peserta-demo-2026",
        "Angin Sore Di Kalimalang",
        "kopi-tubruk-7-pagi",
        "Xq9#mP2$vLr4",
    ],
)
def test_good_passwords_pass(sandi):
    assert periksa_sandi(sandi, nik=NIK, nama=NAMA) == []


@pytest.mark.parametrize("sandi", ["", "a", "kopi-pagi", "Xq9#mP2$v"])
def test_too_short(sandi):
    assert PESAN_PENDEK in periksa_sandi(sandi)


def test_too_long():
    pas = "Kalimalang-" * 11 + "sore-ku"
    assert len(pas) == 128
    assert periksa_sandi(pas) == []
    assert periksa_sandi(pas + "!") == [PESAN_PANJANG]


@pytest.mark.parametrize(
    "sandi",
    [
        "1234567890",
        "qwertyuiop",
        "QWERTYUIOP",
        "password123",
        "Password123!",
        "bismillah1",
        "Bismillah2025!",
        "sayangku123",
        "indonesia45",
        "Bekasi2026!!",
        "kotabekasi",
        "agustus1945",
        "17agustus1945",
        "Persija1928",
        "Januari2026",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "1234567890.",
        "   bismillah1   ",
        "aaaaaaaaaaaa",
        "abababababab",
    ],
)
def test_common_passwords_are_refused(sandi):
    assert PESAN_UMUM in periksa_sandi(sandi)


def test_word_from_the_list_inside_a_longer_phrase_is_fine():
    assert periksa_sandi("bismillah lancar rezeki") == []


@pytest.mark.parametrize(
    "sandi",
    [NIK, "x" + NIK, "3275 0115 0688 0001", "3275-0115-0688-0001!", "3275011506", "1506880001"],
)
def test_password_with_the_nik_is_refused(sandi):
    assert PESAN_NIK in periksa_sandi(sandi, nik=NIK)


def test_nik_check_accepts_a_formatted_nik():
    assert PESAN_NIK in periksa_sandi("rahasia3275011506880001", nik="3275.0115.0688.0001")


@pytest.mark.parametrize(
    "sandi", ["budisantoso", "BudiSantoso2026", "Budi Santoso!!", "santoso-jaya-88", "pakbudi1988"]
)
def test_password_with_the_name_is_refused(sandi):
    assert PESAN_NAMA in periksa_sandi(sandi, nama=NAMA)


def test_short_name_parts_do_not_block_ordinary_words():
    # "Ani" is in "tanaman"; a three-letter name part must not refuse that.
    assert periksa_sandi("tanaman-cabai-merah", nama="Ani Yudha") == []


def test_several_problems_are_reported_together():
    assert periksa_sandi("santoso", nama=NAMA) == [PESAN_PENDEK, PESAN_NAMA]


def test_custom_list_can_be_passed_in():
    daftar = frozenset({"kalimalang"})
    assert PESAN_UMUM in periksa_sandi("Kalimalang2026", daftar_umum=daftar)
    assert periksa_sandi("bismillah2026", daftar_umum=daftar) == []


def test_list_is_read_once():
    assert muat_sandi_umum() is muat_sandi_umum()


def test_hash_is_argon2id_and_verifies():
    tersimpan = hash_sandi("peserta-demo-2026")
    assert tersimpan.startswith("$argon2id$")
    assert "peserta-demo-2026" not in tersimpan
    assert cek_sandi("peserta-demo-2026", tersimpan)
    assert not cek_sandi("peserta-demo-2025", tersimpan)
    assert not cek_sandi("PESERTA-DEMO-2026", tersimpan)


def test_damaged_hash_never_verifies():
    assert not cek_sandi("peserta-demo-2026", "bukan-hash")
    assert perlu_rehash("bukan-hash")


def test_rehash_when_parameters_are_weaker_than_ours():
    lama = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("peserta-demo-2026")
    assert perlu_rehash(lama)
    assert cek_sandi("peserta-demo-2026", lama)
    assert not perlu_rehash(hash_sandi("peserta-demo-2026"))
