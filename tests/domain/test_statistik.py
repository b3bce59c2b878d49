"""Small-group suppression, including through differences with published totals."""

from __future__ import annotations

import datetime as dt

from app.domain.statistik import (
    Batang,
    grafik_batang,
    samarkan,
    tabel_dua_arah,
    tabel_satu_arah,
    tanggal_umur,
)


def test_primary_rule_hides_1_to_4_not_0():
    assert samarkan({"a": 0, "b": 1, "c": 4, "d": 5, "e": 9}, []) == {"b", "c"}


def test_a_single_hidden_cell_in_a_line_takes_the_smallest_other_with_it():
    # a = 3 alone could be computed as total - (10 + 7 + 20).
    assert samarkan({"a": 3, "b": 10, "c": 7, "d": 20}, [["a", "b", "c", "d"]]) == {"a", "c"}
    # Two hidden cells already: nothing more.
    assert samarkan({"a": 3, "b": 2, "c": 7}, [["a", "b", "c"]]) == {"a", "b"}


def test_one_way_table_never_has_exactly_one_hidden_cell():
    t = tabel_satu_arah("x", "X", "Orang", [("A", 12), ("B", 3), ("C", 6), ("D", 40)])
    assert [sel[0] for _, sel in t.baris] == [12, None, None, 40]
    assert t.jumlah == [61]
    t = tabel_satu_arah("x", "X", "Orang", [("A", 3)])
    assert t.baris[0][1] == [None] and t.jumlah == [None]


def test_amounts_are_hidden_by_the_number_of_people_behind_them():
    t = tabel_satu_arah("p", "P", "Rp", [("Jan", 84_000_000), ("Feb", 420_000_000),
                                         ("Mar", 0), ("Apr", 500_000_000)],
                        hitungan=[2, 10, 0, 12], rupiah=True)
    assert [sel[0] for _, sel in t.baris] == [None, 420_000_000, None, 500_000_000]


def test_two_way_table_rows_and_columns_are_protected():
    # rows: age bands, columns: L, P
    nilai = {(0, 0): 10, (0, 1): 2, (1, 0): 8, (1, 1): 9, (2, 0): 7, (2, 1): 6}
    t = tabel_dua_arah("k", "K", ["L", "P"], ["a", "b", "c"], nilai)
    sel = [s[:2] for _, s in t.baris]
    for baris in sel:
        assert sum(v is None for v in baris) != 1
    for c in range(2):
        assert sum(baris[c] is None for baris in sel) != 1
    assert sel[0] == [None, None]
    assert t.jumlah[-1] == 42


def test_age_boundary_and_leap_day():
    assert tanggal_umur(dt.date(2026, 12, 7), 25) == dt.date(2001, 12, 7)
    assert tanggal_umur(dt.date(2028, 2, 29), 1) == dt.date(2027, 2, 28)


def test_bar_chart_geometry():
    g = grafik_batang([Batang("A", 10, "10"), Batang("B", None, "< 5"), Batang("C", 5, "5")])
    assert [b["panjang"] for b in g.batang] == [330, 0, 165]
    assert g.batang[1]["teks"] == "< 5"
