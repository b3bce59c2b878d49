"""Every guarded move × every precondition, as a table (app/domain/klaim.py SYARAT_PINDAH)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.klaim import (
    PERPINDAHAN_SAH,
    SYARAT_PINDAH,
    FaktaDokumen,
    FaktaKlaim,
    PerpindahanTidakSah,
    alasan_tolak,
    pindah,
    syarat_belum_terpenuhi,
)

AKTA = FaktaDokumen("akta_kematian", "Akta kematian", "diterima")
BUKU = FaktaDokumen("buku_tabungan", "Buku tabungan", "diminta")
KK = FaktaDokumen("kartu_keluarga", "Kartu keluarga", "diunggah")
NIKAH = FaktaDokumen("buku_nikah", "Buku nikah", "tidak_diperlukan", wajib=False)
TOLAK = FaktaDokumen("ktp", "KTP ahli waris", "ditolak")

LENGKAP = (AKTA, NIKAH)
KURANG = (AKTA, BUKU, NIKAH)
DIUNGGAH = (AKTA, KK)
BAYAR = {"jumlah_dibayar": 42_000_000, "tanggal_bayar": dt.date(2026, 11, 5),
         "referensi_bank": "TRX-001"}

# (from, to, facts, refused?, words the reason must contain)
TABEL = [
    # verifikasi_berkas -> perlu_dokumen: something must be asked of the heir
    ("verifikasi_berkas", "perlu_dokumen", FaktaKlaim(KURANG), False, None),
    ("verifikasi_berkas", "perlu_dokumen", FaktaKlaim((AKTA, TOLAK)), False, None),
    ("verifikasi_berkas", "perlu_dokumen", FaktaKlaim(LENGKAP), True, "Belum ada dokumen"),
    ("verifikasi_berkas", "perlu_dokumen", FaktaKlaim(DIUNGGAH), True, "Belum ada dokumen"),
    # verifikasi_berkas -> diajukan_bpjs: every document accepted or not needed
    ("verifikasi_berkas", "diajukan_bpjs", FaktaKlaim(LENGKAP), False, None),
    ("verifikasi_berkas", "diajukan_bpjs", FaktaKlaim(KURANG), True, "\u201cBuku tabungan\u201d"),
    ("verifikasi_berkas", "diajukan_bpjs", FaktaKlaim(DIUNGGAH), True,
     "\u201cKartu keluarga\u201d"),
    ("verifikasi_berkas", "diajukan_bpjs", FaktaKlaim((AKTA, BUKU, KK)), True,
     "\u201cBuku tabungan\u201d dan \u201cKartu keluarga\u201d"),
    ("verifikasi_berkas", "diajukan_bpjs", FaktaKlaim((AKTA, TOLAK)), True, "KTP ahli waris"),
    # diajukan_bpjs -> disetujui: complete documents and an approved amount
    ("diajukan_bpjs", "disetujui", FaktaKlaim(LENGKAP, jumlah_disetujui=42_000_000), False, None),
    ("diajukan_bpjs", "disetujui", FaktaKlaim(LENGKAP), True, "Jumlah yang disetujui"),
    ("diajukan_bpjs", "disetujui", FaktaKlaim(LENGKAP, jumlah_disetujui=0), True,
     "Jumlah yang disetujui"),
    ("diajukan_bpjs", "disetujui", FaktaKlaim(KURANG, jumlah_disetujui=42_000_000), True,
     "Buku tabungan"),
    # disetujui -> dibayar: amount, date and bank reference
    ("disetujui", "dibayar", FaktaKlaim(LENGKAP, **BAYAR), False, None),
    ("disetujui", "dibayar", FaktaKlaim(LENGKAP, **{**BAYAR, "jumlah_dibayar": None}), True,
     "jumlah yang dibayar"),
    ("disetujui", "dibayar", FaktaKlaim(LENGKAP, **{**BAYAR, "tanggal_bayar": None}), True,
     "tanggal pembayaran"),
    ("disetujui", "dibayar", FaktaKlaim(LENGKAP, **{**BAYAR, "referensi_bank": "  "}), True,
     "nomor referensi bank"),
    ("disetujui", "dibayar", FaktaKlaim(LENGKAP), True,
     "jumlah yang dibayar, tanggal pembayaran dan nomor referensi bank"),
    # unguarded moves: any facts will do
    ("diterima", "verifikasi_berkas", FaktaKlaim(KURANG), False, None),
    ("perlu_dokumen", "verifikasi_berkas", FaktaKlaim(KURANG), False, None),
]


@pytest.mark.parametrize(("dari", "ke", "fakta", "ditolak", "kata"), TABEL)
def test_move_by_precondition(dari, ke, fakta, ditolak, kata):
    alasan = alasan_tolak(dari, ke, fakta)
    if not ditolak:
        assert alasan is None
        assert pindah(dari, ke, fakta=fakta).ke == ke
        return
    assert alasan is not None and kata in alasan
    with pytest.raises(PerpindahanTidakSah) as info:
        pindah(dari, ke, fakta=fakta)
    assert str(info.value) == alasan  # the page and the 409 say the same thing


def test_every_guarded_move_is_legal_and_in_the_table():
    assert set(SYARAT_PINDAH) <= PERPINDAHAN_SAH
    diuji = {(d, k) for d, k, _f, tolak, _ in TABEL if tolak}
    assert {(a.value, b.value) for a, b in SYARAT_PINDAH} == diuji


def test_no_way_back_from_bpjs_to_perlu_dokumen():
    with pytest.raises(PerpindahanTidakSah, match="tidak bisa dipindah"):
        pindah("diajukan_bpjs", "perlu_dokumen", fakta=FaktaKlaim(KURANG))


def test_amount_forms_skip_what_they_supply():
    kosong = FaktaKlaim(LENGKAP)
    assert syarat_belum_terpenuhi("diajukan_bpjs", "disetujui", kosong, kecuali_formulir=True) == []
    assert syarat_belum_terpenuhi("disetujui", "dibayar", kosong, kecuali_formulir=True) == []
    kurang = FaktaKlaim(KURANG)
    assert syarat_belum_terpenuhi("diajukan_bpjs", "disetujui", kurang, kecuali_formulir=True)


def test_reasons_are_indonesian_sentences():
    alasan = alasan_tolak("verifikasi_berkas", "diajukan_bpjs", FaktaKlaim(KURANG))
    assert alasan == ("Klaim belum bisa dipindah ke \u201cDiajukan ke BPJS Ketenagakerjaan\u201d. "
                      "Dokumen belum lengkap: \u201cBuku tabungan\u201d belum diterima.")
