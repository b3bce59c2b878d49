"""Plain helpers behind the lists: overdue cut-off, paging numbers, query tidying, parsers."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.klaim import batas_layanan, terlambat
from app.staf.cari import awal_hari_wib, rapikan_kueri, sejak_paling_akhir_terlambat
from app.staf.halaman import Halaman, nomor_halaman
from app.staf.isian import Galat, baca_bilangan, tanggal

TARGET = {"JKM": 3}


@pytest.mark.parametrize("hari_ini", [dt.date(2026, 3, d) for d in range(1, 15)])
def test_overdue_cutoff_agrees_with_the_domain_rule(hari_ini):
    batas_sejak = sejak_paling_akhir_terlambat(3, hari_ini)
    for mundur in range(0, 20):
        sejak = hari_ini - dt.timedelta(days=mundur)
        menurut_domain = terlambat(batas_layanan("JKM", sejak, (), TARGET), hari_ini)
        assert (sejak <= batas_sejak) == menurut_domain, (hari_ini, sejak)


def test_bekasi_midnight_is_17_utc_the_day_before():
    assert awal_hari_wib(dt.date(2026, 3, 2)) == dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("masuk", "keluar"), [
    ("  budi   santoso ", "budi santoso"),
    ("3275011506880001", "0001"),
    ("nik 3275011506880001 budi", "nik 0001 budi"),
    ("26011234567", "26011234567"),
    (None, ""),
])
def test_query_is_tidied_and_never_keeps_a_full_nik(masuk, keluar):
    assert rapikan_kueri(masuk) == keluar


def test_page_numbers_with_gaps():
    h = Halaman(item=[], nomor=6, total=25 * 20)
    assert h.nomor_tampil() == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert (h.sebelumnya, h.berikutnya, h.dari, h.sampai) == (5, 7, 126, 150)
    kosong = Halaman(item=[], nomor=1, total=0)
    assert kosong.jumlah_halaman == 1 and kosong.nomor_tampil() == [1] and kosong.dari == 0


@pytest.mark.parametrize(("teks", "nomor"), [("3", 3), ("0", 1), ("-2", 1), ("x", 1), (None, 1),
                                             ("99999999", 1)])
def test_page_number_from_the_query(teks, nomor):
    assert nomor_halaman(teks) == nomor


@pytest.mark.parametrize(("teks", "nilai"), [
    ("42000000", 42_000_000), ("Rp42.000.000", 42_000_000), ("rp 42 000 000", 42_000_000),
    ("42,5", None), ("empat", None), ("0", None),
])
def test_rupiah_amounts(teks, nilai):
    galat = Galat()
    assert baca_bilangan({"x": teks}, "x", "jumlah", galat, minimum=1) == nilai
    assert bool(galat) == (nilai is None)


@pytest.mark.parametrize(("teks", "nilai"), [
    ("2026-03-02", dt.date(2026, 3, 2)), ("02-03-2026", dt.date(2026, 3, 2)),
    ("02/03/2026", dt.date(2026, 3, 2)), ("31-02-2026", None), ("besok", None),
])
def test_dates_typed_in_three_ways(teks, nilai):
    assert tanggal(teks) == nilai
