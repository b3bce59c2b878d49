"""Benefit calculator: amounts come from content/data, rules follow PP 44/2015 jo. PP 82/2019."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.kalkulator import Masukan, hitung
from app.domain.konten import muat_data

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def data():
    return muat_data(CONTENT)


def _baris(hasil, awalan):
    return [b for b in hasil.baris if b.label.startswith(awalan)]


def test_jkm_total_is_42_million_in_three_parts(data):
    hasil = hitung(Masukan("meninggal_biasa", 1_000_000, 5), data)

    assert [(b.label, b.jumlah) for b in hasil.baris] == [
        ("Santunan sekaligus JKM", 20_000_000),
        ("Santunan berkala JKM", 12_000_000),
        ("Biaya pemakaman", 10_000_000),
    ]
    assert hasil.total == 42_000_000
    assert "24 × Rp500.000" in hasil.baris[1].aturan
    assert all("PP 44/2015 jo. PP 82/2019" in b.aturan for b in hasil.baris)


def test_jkm_does_not_depend_on_income(data):
    rendah = hitung(Masukan("meninggal_biasa", 0, 5), data)
    tinggi = hitung(Masukan("meninggal_biasa", 9_000_000, 5), data)
    assert rendah.total == tinggi.total == 42_000_000


@pytest.mark.parametrize(("tahun", "dapat"), [(0, False), (2, False), (3, True), (10, True)])
def test_scholarship_after_non_work_death_needs_three_years(data, tahun, dapat):
    hasil = hitung(Masukan("meninggal_biasa", 1_000_000, tahun, ("sd",)), data)

    assert bool(_baris(hasil, "Beasiswa")) is dapat
    assert hasil.total == (42_000_000 + 1_500_000 if dapat else 42_000_000)
    if not dapat:
        assert any("paling sedikit 3 tahun" in c for c in hasil.catatan)


@pytest.mark.parametrize("kasus", ["meninggal_kecelakaan_kerja", "cacat_total_tetap"])
def test_scholarship_after_work_accident_needs_no_minimum_years(data, kasus):
    hasil = hitung(Masukan(kasus, 1_000_000, 0, ("smp",)), data)

    per_tahun = _baris(hasil, "Beasiswa anak ke-1 (SMP")
    assert [b.jumlah for b in per_tahun] == [2_000_000]


@pytest.mark.parametrize(
    ("jenjang", "per_tahun", "sampai_lulus"),
    [
        ("tk", 1_500_000, 87_000_000),
        ("sd", 1_500_000, 84_000_000),
        ("smp", 2_000_000, 75_000_000),
        ("sma", 3_000_000, 69_000_000),
        ("pt", 12_000_000, 60_000_000),
    ],
)
def test_scholarship_amount_per_level(data, jenjang, per_tahun, sampai_lulus):
    hasil = hitung(Masukan("meninggal_kecelakaan_kerja", 1_000_000, 0, (jenjang,)), data)

    tahunan, maksimal = _baris(hasil, "Beasiswa anak ke-1")
    assert tahunan.jumlah == per_tahun and tahunan.dihitung
    assert maksimal.jumlah == sampai_lulus and not maksimal.dihitung
    assert hasil.beasiswa_maksimal == sampai_lulus


def test_two_children_cap_at_174_million(data):
    hasil = hitung(Masukan("meninggal_kecelakaan_kerja", 1_000_000, 0, ("tk", "tk")), data)
    assert hasil.beasiswa_maksimal == 174_000_000


def test_third_child_is_not_counted_even_if_passed_directly(data):
    hasil = hitung(Masukan("cacat_total_tetap", 1_000_000, 0, ("sd", "sd", "sd")), data)

    assert len(_baris(hasil, "Beasiswa anak ke-")) == 4  # two children × (per year, maximum)
    assert any("paling banyak 2 anak" in c for c in hasil.catatan)


def test_work_accident_death_is_48_times_income_when_above_floor(data):
    hasil = hitung(Masukan("meninggal_kecelakaan_kerja", 2_000_000, 1), data)

    santunan = _baris(hasil, "Santunan kematian")[0]
    assert santunan.jumlah == 96_000_000
    assert [b.jumlah for b in hasil.baris] == [96_000_000, 12_000_000, 10_000_000]
    assert hasil.total == 118_000_000


def test_work_accident_death_uses_jkm_santunan_as_floor_for_low_income(data):
    hasil = hitung(Masukan("meninggal_kecelakaan_kerja", 100_000, 1), data)

    santunan = _baris(hasil, "Santunan kematian")[0]
    assert santunan.jumlah == data["manfaat"]["jkm"]["santunan_sekaligus"]["nilai"] == 20_000_000
    assert "batas bawah" in santunan.aturan
    # our reading of "at least the JKM santunan" is not confirmed, so it is flagged
    assert not santunan.terverifikasi
    assert any("Rp1.000.000" in c for c in hasil.catatan)


def test_total_permanent_disability_is_70_percent_times_80_times_income_plus_berkala(data):
    hasil = hitung(Masukan("cacat_total_tetap", 1_000_000, 0), data)

    assert [(b.label, b.jumlah) for b in hasil.baris] == [
        ("Santunan cacat total tetap", 56_000_000),
        ("Santunan berkala", 12_000_000),
    ]
    assert hasil.total == 68_000_000
    assert "70% × 80" in hasil.baris[0].aturan
    assert "24 × Rp500.000, dibayar sekaligus" in hasil.baris[1].aturan
    assert all(b.terverifikasi for b in hasil.baris)


def test_inconsistent_disability_berkala_is_refused(data):
    jkk = dict(data["manfaat"]["jkk"])
    jkk["cacat_total_tetap"] = {**jkk["cacat_total_tetap"],
                                "santunan_berkala": {"nilai": 1, "sumber": "x", "verified": True}}
    with pytest.raises(ValueError, match="berkala"):
        hitung(Masukan("cacat_total_tetap", 1_000_000, 0),
               {**data, "manfaat": {**data["manfaat"], "jkk": jkk}})


def test_amounts_follow_the_data_not_the_code(data):
    jkm = dict(data["manfaat"]["jkm"])
    jkm["santunan_sekaligus"] = {**jkm["santunan_sekaligus"], "nilai": 25_000_000}
    jkm["total"] = {**jkm["total"], "nilai": 47_000_000}
    diubah = {**data, "manfaat": {**data["manfaat"], "jkm": jkm}}

    assert hitung(Masukan("meninggal_biasa", 0, 0), diubah).total == 47_000_000


def test_inconsistent_jkm_parts_are_refused(data):
    jkm = {**data["manfaat"]["jkm"], "total": {"nilai": 1, "sumber": "x", "verified": True}}
    with pytest.raises(ValueError, match="total"):
        hitung(
            Masukan("meninggal_biasa", 0, 0), {**data, "manfaat": {**data["manfaat"], "jkm": jkm}}
        )
