"""Verification codes, numbers and masking of issued documents."""

from __future__ import annotations

import math

import pytest

from app.domain import surat


def test_code_has_at_least_80_random_bits_in_an_unambiguous_alphabet():
    assert len(set(surat.ALFABET)) == 32 and not set("ILOU") & set(surat.ALFABET)
    assert surat.PANJANG_KODE * math.log2(len(surat.ALFABET)) >= 80
    kode = {surat.kode_baru() for _ in range(200)}
    assert len(kode) == 200
    assert all(surat.normalisasi(k) == k for k in kode)


@pytest.mark.parametrize(("diketik", "kode"), [
    ("abcd-efgh-jkmn-pqrs", "ABCDEFGHJKMNPQRS"),
    (" ABCD EFGH JKMN PQRS ", "ABCDEFGHJKMNPQRS"),
    ("oooo-iiii-llll-abcd", "000011111111ABCD"),
])
def test_typed_codes_are_normalised(diketik, kode):
    assert surat.normalisasi(diketik) == kode


@pytest.mark.parametrize("salah", ["", None, "ABCD", "ABCDEFGHJKMNPQRSX", "ABCDEFGHJKMNPQR!",
                                   "ABCDEFGHJKMNPQRU", "../../etc/passwd", "3275011506880001",
                                   "3275-0115-0688-0001"])
def test_malformed_codes_are_refused(salah):
    assert surat.normalisasi(salah) is None


def test_code_is_printed_in_groups_of_four():
    assert surat.kode_tampil("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS"


def test_number_and_masks():
    assert surat.nomor_surat("sertifikat", 2026, 17) == "SKP/SIGAP/2026/000017"
    assert surat.nomor_surat("surat_bayar", 2026, 1) == "SPS/SIGAP/2026/000001"
    assert surat.samarkan_nama("Siti Aminah") == "Si** Am****"
    assert surat.samarkan_nama("Budi A") == "Bu** A"
    assert surat.samarkan_referensi("BNI-12345678") == "BNI-****5678"
    assert surat.samarkan_referensi("9876543210") == "******3210"
    assert surat.samarkan_referensi(None) == "–"


def test_content_hash_ignores_key_order_and_sees_changes():
    a = surat.sidik_isi({"nama": "Budi", "akhir": "2026-12-31"})
    assert a == surat.sidik_isi({"akhir": "2026-12-31", "nama": "Budi"})
    assert a != surat.sidik_isi({"nama": "Budi", "akhir": "2027-06-30"})


def test_sha256_shape():
    assert surat.sha256_sah("a" * 64)
    assert not surat.sha256_sah("A" * 64) and not surat.sha256_sah("a" * 63)
