"""Claim state machine, claim types, references and service target."""

import datetime as dt
import itertools
from pathlib import Path

import pytest

from app.domain import klaim
from app.domain.klaim import (
    KELUARAN_APPLICANT,
    LANGKAH_PUBLIK,
    PERPINDAHAN_SAH,
    STATUS,
    Perpindahan,
    PerpindahanTidakSah,
    StatusKlaim,
    batas_layanan,
    langkah_berikut,
    nomor_referensi,
    pindah,
    terlambat,
)

SEMUA = [
    "diterima",
    "verifikasi_berkas",
    "perlu_dokumen",
    "diajukan_bpjs",
    "disetujui",
    "dibayar",
    "ditolak",
    "dibatalkan",
]

# Written out by hand from PRODUCT.md so the test does not just mirror the code's table.
SAH = {
    ("diterima", "verifikasi_berkas"),
    ("verifikasi_berkas", "perlu_dokumen"),
    ("verifikasi_berkas", "diajukan_bpjs"),
    ("verifikasi_berkas", "ditolak"),
    ("perlu_dokumen", "verifikasi_berkas"),
    ("diajukan_bpjs", "disetujui"),
    ("diajukan_bpjs", "ditolak"),
    ("disetujui", "dibayar"),
    ("diterima", "dibatalkan"),
    ("verifikasi_berkas", "dibatalkan"),
    ("perlu_dokumen", "dibatalkan"),
    ("diajukan_bpjs", "dibatalkan"),
    ("disetujui", "dibatalkan"),
}
PERLU_ALASAN = {"ditolak", "dibatalkan"}
SEMUA_PASANGAN = list(itertools.product(SEMUA, SEMUA))


def test_states_are_exactly_the_eight_from_the_product_table():
    assert [s.value for s in StatusKlaim] == SEMUA
    assert list(STATUS) == SEMUA


@pytest.mark.parametrize(
    ("kode", "label", "menunggu", "langkah", "terbuka"),
    [
        ("diterima", "Pengajuan diterima", "petugas", 1, True),
        ("verifikasi_berkas", "Pemeriksaan berkas", "petugas", 2, True),
        ("perlu_dokumen", "Perlu dokumen dari Anda", "anda", 2, True),
        ("diajukan_bpjs", "Diajukan ke BPJS Ketenagakerjaan", "bpjs", 3, True),
        ("disetujui", "Disetujui", "bpjs", 4, True),
        ("dibayar", "Dana telah dibayarkan", None, 5, False),
        ("ditolak", "Ditolak", None, None, False),
        ("dibatalkan", "Dibatalkan", None, None, False),
    ],
)
def test_state_table(kode, label, menunggu, langkah, terbuka):
    info = klaim.status(kode)
    assert (info.label, info.menunggu, info.langkah, info.terbuka) == (
        label,
        menunggu,
        langkah,
        terbuka,
    )


def test_public_steps_are_five_and_cover_every_step_used():
    assert sorted(LANGKAH_PUBLIK) == [1, 2, 3, 4, 5]
    assert LANGKAH_PUBLIK[3] == "Diajukan ke BPJS Ketenagakerjaan"
    assert {i.langkah for i in STATUS.values()} - {None} == set(LANGKAH_PUBLIK)


def test_code_table_matches_the_product_table():
    assert {(a.value, b.value) for a, b in PERPINDAHAN_SAH} == SAH


@pytest.mark.parametrize(("dari", "ke"), sorted(SAH))
def test_every_legal_move_is_accepted(dari, ke):
    alasan = "Berkas tidak sesuai ketentuan" if ke in PERLU_ALASAN else None
    hasil = pindah(dari, ke, alasan)
    assert hasil == Perpindahan(dari, ke, alasan, terlihat_pemohon=True)


@pytest.mark.parametrize(("dari", "ke"), [p for p in SEMUA_PASANGAN if p not in SAH])
def test_every_illegal_move_is_refused(dari, ke):
    with pytest.raises(PerpindahanTidakSah) as info:
        pindah(dari, ke, alasan="alasan apa pun")
    assert "tidak bisa" in str(info.value)


def test_cartesian_product_is_complete():
    sah = [p for p in SEMUA_PASANGAN if p in SAH]
    assert len(SEMUA_PASANGAN) == 64
    assert len(sah) == 13


@pytest.mark.parametrize("ke", sorted(PERLU_ALASAN))
@pytest.mark.parametrize("alasan", [None, "", "   \n"])
def test_reason_is_required_for_refusal_and_cancellation(ke, alasan):
    with pytest.raises(PerpindahanTidakSah, match="Alasan wajib diisi"):
        pindah("verifikasi_berkas", ke, alasan)


def test_reason_is_trimmed_and_optional_elsewhere():
    assert pindah("diterima", "dibatalkan", "  Diajukan ganda  ").alasan == "Diajukan ganda"
    assert pindah("diterima", "verifikasi_berkas", "   ").alasan is None


def test_closed_claim_message_says_it_is_finished():
    with pytest.raises(PerpindahanTidakSah, match="sudah selesai"):
        pindah("dibayar", "dibatalkan", "salah input")


def test_illegal_open_move_message_lists_the_legal_choices():
    with pytest.raises(PerpindahanTidakSah) as info:
        pindah("diterima", "dibayar")
    assert "Pemeriksaan berkas" in str(info.value)
    assert "Dibatalkan" in str(info.value)


def test_unknown_state_is_refused():
    with pytest.raises(PerpindahanTidakSah, match="tidak dikenal"):
        pindah("diterima", "selesai")


@pytest.mark.parametrize("dari", SEMUA)
def test_langkah_berikut_matches_the_allowed_set(dari):
    assert set(langkah_berikut(dari)) == {ke for d, ke in SAH if d == dari}


def test_langkah_berikut_keeps_table_order():
    assert langkah_berikut("verifikasi_berkas") == [
        "perlu_dokumen",
        "diajukan_bpjs",
        "ditolak",
        "dibatalkan",
    ]
    assert langkah_berikut("dibayar") == []


def test_state_changes_are_visible_to_applicant_but_notes_are_not():
    assert {(a.value, b.value) for a, b in KELUARAN_APPLICANT} == SAH
    assert klaim.terlihat_pemohon_bawaan("verifikasi_berkas", "verifikasi_berkas") is False
    assert klaim.terlihat_pemohon_bawaan("verifikasi_berkas", None) is False
    assert klaim.terlihat_pemohon_bawaan("diajukan_bpjs", "disetujui") is True


# --- types and references --------------------------------------------------------------


def test_claim_types():
    assert set(klaim.JENIS_KLAIM) == {"JKM", "JKK", "JKK_meninggal", "beasiswa"}
    awalan = [j.awalan for j in klaim.JENIS_KLAIM.values()]
    assert len(set(awalan)) == len(awalan)
    assert "Kematian" in klaim.jenis_klaim("JKM").nama


@pytest.mark.parametrize(
    ("jenis", "tahun", "urut", "hasil"),
    [
        ("JKM", 2026, 17, "JKM-2026-000017"),
        ("JKK", 2025, 1, "JKK-2025-000001"),
        ("JKK_meninggal", 2026, 999_999, "JKKM-2026-999999"),
        ("beasiswa", 2027, 120, "BEA-2027-000120"),
    ],
)
def test_nomor_referensi(jenis, tahun, urut, hasil):
    assert nomor_referensi(jenis, tahun, urut) == hasil


@pytest.mark.parametrize(
    ("jenis", "tahun", "urut"),
    [("JHT", 2026, 1), ("JKM", 2026, 0), ("JKM", 2026, 1_000_000), ("JKM", 26, 1)],
)
def test_nomor_referensi_refuses_bad_input(jenis, tahun, urut):
    with pytest.raises(ValueError):
        nomor_referensi(jenis, tahun, urut)


# --- service target --------------------------------------------------------------------

TARGET = {"JKM": 3}
JUMAT = dt.date(2026, 3, 6)  # Friday


def test_target_on_plain_weekdays():
    senin = dt.date(2026, 3, 2)
    assert batas_layanan("JKM", senin, set(), TARGET) == dt.date(2026, 3, 5)


def test_target_skips_the_weekend():
    # Fri + 3 working days = Mon, Tue, Wed.
    assert batas_layanan("JKM", JUMAT, set(), TARGET) == dt.date(2026, 3, 11)


def test_target_skips_weekend_and_a_holiday():
    libur = {dt.date(2026, 3, 10)}  # Tuesday off
    assert batas_layanan("JKM", JUMAT, libur, TARGET) == dt.date(2026, 3, 12)


def test_holiday_on_a_weekend_changes_nothing():
    libur = {dt.date(2026, 3, 7)}
    assert batas_layanan("JKM", JUMAT, libur, TARGET) == dt.date(2026, 3, 11)


def test_start_on_a_saturday_counts_from_monday():
    assert batas_layanan("JKM", dt.date(2026, 3, 7), set(), TARGET) == dt.date(2026, 3, 11)


def test_no_target_for_type_without_one():
    assert batas_layanan("beasiswa", JUMAT, set(), TARGET) is None


def test_unknown_type_is_an_error():
    with pytest.raises(ValueError):
        batas_layanan("JHT", JUMAT, set(), TARGET)


def test_terlambat():
    batas = dt.date(2026, 3, 11)
    assert terlambat(batas, dt.date(2026, 3, 10)) is False
    assert terlambat(batas, batas) is False
    assert terlambat(batas, dt.date(2026, 3, 12)) is True
    assert terlambat(None, dt.date(2030, 1, 1)) is False


def test_target_read_from_layanan_yaml(tmp_path):
    berkas = tmp_path / "layanan.yaml"
    berkas.write_text(
        "target_layanan:\n"
        "  JKM:\n"
        "    hari_kerja: 3\n"
        "    dihitung_sejak: berkas_lengkap\n"
        "    sumber: contoh\n"
        "    verified: false\n",
        encoding="utf-8",
    )
    target = klaim.muat_target_layanan(berkas)
    assert target == {"JKM": 3}
    assert batas_layanan("JKM", JUMAT, set(), target) == dt.date(2026, 3, 11)


@pytest.mark.parametrize("isi", [{"JKM": {"hari_kerja": 0}}, {"JKM": {"hari_kerja": "3"}}, [1]])
def test_bad_target_data_is_refused(isi):
    with pytest.raises(ValueError):
        klaim.target_dari_data({"target_layanan": isi})


def test_target_from_the_real_content_file():
    berkas = Path(__file__).resolve().parents[2] / "content" / "data" / "layanan.yaml"
    target = klaim.muat_target_layanan(berkas)
    assert target["JKM"] == 3
    assert set(target) <= set(klaim.JENIS_KLAIM)
