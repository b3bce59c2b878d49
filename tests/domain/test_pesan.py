"""Notification texts."""

import datetime as dt
import re

import pytest

from app.domain.klaim import StatusKlaim
from app.domain.pesan import (
    NIK_DISEMBUNYIKAN,
    PANJANG_MAKS,
    pesan_dokumen_diminta,
    pesan_dokumen_diterima,
    pesan_dokumen_ditolak,
    pesan_pembayaran,
    pesan_status,
)

REF = "JKM-2026-000017"
TAUTAN = "https://sigap.bekasikota.go.id/akun/klaim/JKM-2026-000017"
NIK = "3275015203850002"
DIGIT_16 = re.compile(r"(?:\d[ .\-]?){15}\d")
ALASAN_PANJANG = (
    "Nama ahli waris pada surat keterangan ahli waris berbeda dengan nama di Kartu Keluarga "
    "dan buku tabungan, sehingga berkas perlu diperbaiki dulu di kelurahan setempat sebelum "
    "bisa kami ajukan lagi ke BPJS Ketenagakerjaan. Mohon datang membawa dokumen asli. "
) * 3


def periksa_umum(pesan: str) -> None:
    assert len(pesan) <= PANJANG_MAKS
    assert REF in pesan
    assert pesan.endswith(TAUTAN)
    assert NIK not in pesan
    assert not DIGIT_16.search(pesan)
    assert pesan.isascii()  # stays in the GSM-7 alphabet


def semua_pesan(alasan: str) -> list[str]:
    hasil = [pesan_status(REF, s, TAUTAN, alasan) for s in StatusKlaim]
    hasil += [
        pesan_dokumen_diminta(REF, "Akta kematian", TAUTAN, alasan),
        pesan_dokumen_diterima(REF, "Akta kematian", TAUTAN),
        pesan_dokumen_ditolak(REF, "Akta kematian", alasan, TAUTAN),
        pesan_pembayaran(REF, 42_000_000, dt.date(2026, 2, 17), TAUTAN),
    ]
    return hasil


@pytest.mark.parametrize("status", list(StatusKlaim))
def test_every_state_has_a_message(status):
    alasan = "Data peserta tidak sesuai" if status in {"ditolak", "dibatalkan"} else None
    pesan = pesan_status(REF, status, TAUTAN, alasan)
    periksa_umum(pesan)
    assert pesan.startswith("SIGAP: ")


def test_messages_differ_per_state():
    teks = {pesan_status(REF, s, TAUTAN, "Alasan") for s in StatusKlaim}
    assert len(teks) == len(StatusKlaim)


@pytest.mark.parametrize("status", ["ditolak", "dibatalkan"])
def test_refusal_and_cancellation_carry_the_reason(status):
    pesan = pesan_status(REF, status, TAUTAN, "Peserta tidak aktif saat meninggal.")
    assert "Alasan: Peserta tidak aktif saat meninggal." in pesan
    with pytest.raises(ValueError):
        pesan_status(REF, status, TAUTAN, "  ")


def test_optional_note_on_other_states():
    pesan = pesan_status(REF, "perlu_dokumen", TAUTAN, "Foto KK kurang jelas")
    assert "Catatan: Foto KK kurang jelas." in pesan


def test_no_predicted_payment_date_when_approved():
    pesan = pesan_status(REF, "disetujui", TAUTAN)
    assert not re.search(
        r"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|"
        r"September|Oktober|November|Desember)",
        pesan,
    )


@pytest.mark.parametrize("alasan", ["Singkat", ALASAN_PANJANG])
def test_all_messages_fit_and_never_carry_a_nik(alasan):
    for pesan in semua_pesan(alasan):
        periksa_umum(pesan)


def test_long_reason_is_shortened_with_an_ellipsis():
    pesan = pesan_status(REF, "ditolak", TAUTAN, ALASAN_PANJANG)
    assert PANJANG_MAKS - 20 <= len(pesan) <= PANJANG_MAKS
    assert "... Jika ada pertanyaan, hubungi petugas." in pesan
    assert "...." not in pesan
    assert re.search(r"Alasan: Nama ahli waris [a-zA-Z ,]+[a-z]\.\.\. ", pesan)


@pytest.mark.parametrize(
    "tertulis", [NIK, "3275 0152 0385 0002", "3275.0152.0385.0002", "3275-015203-850002"]
)
def test_nik_typed_by_an_officer_is_removed(tertulis):
    alasan = f"NIK {tertulis} tidak cocok dengan data Dukcapil"
    for pesan in semua_pesan(alasan):
        periksa_umum(pesan)
    assert NIK_DISEMBUNYIKAN in pesan_status(REF, "ditolak", TAUTAN, alasan)


def test_document_name_with_nik_is_cleaned():
    pesan = pesan_dokumen_diterima(REF, f"KTP {NIK}", TAUTAN)
    periksa_umum(pesan)


def test_link_or_reference_with_a_nik_is_a_programming_error():
    with pytest.raises(ValueError):
        pesan_status(REF, "diterima", f"https://sigap.test/akun?nik={NIK}")
    with pytest.raises(ValueError):
        pesan_status(NIK, "diterima", TAUTAN)


def test_link_must_be_absolute():
    with pytest.raises(ValueError):
        pesan_status(REF, "diterima", "/akun/klaim/1")


def test_link_that_cannot_fit_is_refused():
    with pytest.raises(ValueError):
        pesan_status(REF, "diterima", "https://sigap.test/" + "a" * 300)


def test_payment_message_uses_rupiah_and_indonesian_date():
    pesan = pesan_pembayaran(REF, 42_000_000, dt.date(2025, 11, 5), TAUTAN)
    periksa_umum(pesan)
    assert "Rp42.000.000" in pesan
    assert "5 November 2025" in pesan
    assert "17 Agustus 2026" in pesan_pembayaran(REF, 1, dt.date(2026, 8, 17), TAUTAN)
    with pytest.raises(ValueError):
        pesan_pembayaran(REF, 0, dt.date(2026, 8, 17), TAUTAN)


def test_document_messages():
    diminta = pesan_dokumen_diminta(REF, "Surat keterangan ahli waris", TAUTAN)
    assert "Surat keterangan ahli waris" in diminta
    ditolak = pesan_dokumen_ditolak(REF, "Buku tabungan", "Foto terpotong.", TAUTAN)
    assert "Alasan: Foto terpotong. Mohon kirim ulang." in ditolak
    with pytest.raises(ValueError):
        pesan_dokumen_ditolak(REF, "Buku tabungan", "", TAUTAN)


def test_curly_quotes_and_dashes_become_ascii():
    alasan = "Diajukan dua kali \u2013 lihat \u201cJKM-1\u201d"
    pesan = pesan_status(REF, "dibatalkan", TAUTAN, alasan)
    assert 'Diajukan dua kali - lihat "JKM-1"' in pesan
    assert pesan.isascii()


def test_unknown_state_is_refused():
    with pytest.raises(ValueError):
        pesan_status(REF, "selesai", TAUTAN)


def test_two_long_fields_are_both_shortened_and_kept_readable():
    dokumen = "Surat keterangan ahli waris yang disahkan lurah dan camat setempat " * 5
    pesan = pesan_dokumen_ditolak(REF, dokumen, ALASAN_PANJANG, TAUTAN)
    periksa_umum(pesan)
    bagian_dokumen = pesan.split(" untuk klaim ")[0]
    bagian_alasan = pesan.split("Alasan: ")[1].split(" Mohon kirim ulang.")[0]
    assert len(bagian_dokumen) > 40
    assert len(bagian_alasan) > 40
