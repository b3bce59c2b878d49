"""/statistik: numbers match independent queries, small groups hidden, CSV, cache."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

import pytest
from sqlalchemy import insert, text

from app.models import Peserta
from app.services import statistik as layanan
from app.services.waktu import hari_ini

# Covered today, written out in SQL here, independently of app/services/statistik.py.
TERCAKUP = ("status = 'aktif' AND mulai IS NOT NULL AND mulai <= :k "
            "AND (akhir IS NULL OR akhir >= :k)")
SEGMEN = {"ojol": 23, "sopir": 11, "kuli_bangunan": 3, "pedagang_kecil": 8, "pemulung": 6}


@pytest.fixture(autouse=True)
def _tanpa_simpanan():
    layanan.lupakan()
    yield
    layanan.lupakan()


def _isi_peserta(db) -> None:
    """51 covered participants with known spreads, plus some that must not count."""
    rng = random.Random(7)
    kini = hari_ini()
    kecamatan = ["bekasi-timur"] * 20 + ["rawalumbu"] * 14 + ["jatiasih"] * 9 + \
        ["bantargebang"] * 2 + ["medan-satria"] * 6
    rng.shuffle(kecamatan)
    baris, n = [], 0
    for seg, jumlah in SEGMEN.items():
        for _ in range(jumlah):
            n += 1
            lahir = dt.date(kini.year - rng.randint(19, 70), rng.randint(1, 12), rng.randint(1, 28))
            baris.append(_baris(n, seg, kecamatan[n - 1], "P" if n % 3 == 0 else "L", lahir,
                                kini))
    # Not covered today: inactive, ended, not started, no start date.
    lahir = dt.date(1980, 1, 1)
    for i, ubah in enumerate(({"status": "nonaktif"}, {"akhir": kini - dt.timedelta(days=1)},
                              {"mulai": kini + dt.timedelta(days=1)}, {"mulai": None})):
        b = _baris(900 + i, "ojol", "bekasi-timur", "L", lahir, kini)
        b.update(ubah)
        baris.append(b)
    db.session.execute(insert(Peserta), baris)
    db.session.commit()


def _baris(n, seg, kec, jk, lahir, kini) -> dict:
    hari = lahir.day + (40 if jk == "P" else 0)
    nik = f"327501{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{n:04d}"
    return {"nik": nik, "nik_akhir": nik[-4:], "nama": f"Orang {n}", "tanggal_lahir": lahir,
            "jenis_kelamin": jk, "kecamatan": kec, "segmen": seg, "status": "aktif",
            "mulai": kini - dt.timedelta(days=30), "akhir": kini + dt.timedelta(days=300),
            "program_jkk": True, "program_jkm": True, "program_jht": False}


def _tabel(halaman, kode) -> dict[str, list[str]]:
    t = halaman.select_one(f'table[data-tabel="{kode}"]')
    return {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
            for tr in t.select("tbody tr, tfoot tr")}


def _angka(s: str) -> int:
    return int(s.replace("Rp", "").replace(".", ""))


def test_numbers_match_independent_queries_and_small_groups_are_hidden(db, client, get_page):
    _isi_peserta(db)
    kini = hari_ini().isoformat()
    total = db.session.execute(text("SELECT count(*) FROM peserta WHERE " + TERCAKUP),  # noqa: S608
                               {"k": kini}).scalar()
    assert total == 51
    halaman = get_page("/statistik")
    assert "51" in halaman.select_one("[data-tercakup]").get_text()
    assert "10.000" in halaman.select_one("[data-tercakup]").get_text()  # the quota

    per_segmen = dict(db.session.execute(text(
        "SELECT segmen, count(*) FROM peserta WHERE " + TERCAKUP + " GROUP BY segmen"),  # noqa: S608
        {"k": kini}).all())
    segmen = _tabel(halaman, "segmen")
    assert segmen["Jumlah"] == ["51"]
    assert segmen["Kuli bangunan"] == ["< 5"]  # 3 people
    assert segmen["Pemulung"] == ["< 5"]  # 6, hidden too: else 3 = 51 − the others
    assert _angka(segmen["Pengemudi ojek online"][0]) == per_segmen["ojol"]
    assert _angka(segmen["Sopir"][0]) == per_segmen["sopir"]
    assert _angka(segmen["Pedagang kecil dan pedagang kaki lima"][0]) == per_segmen[
        "pedagang_kecil"]

    per_kec = dict(db.session.execute(text(
        "SELECT kecamatan, count(*) FROM peserta WHERE " + TERCAKUP  # noqa: S608
        + " GROUP BY kecamatan"),
        {"k": kini}).all())
    kec = _tabel(halaman, "kecamatan")
    assert _angka(kec["Bekasi Timur"][0]) == per_kec["bekasi-timur"]
    assert _angka(kec["Rawalumbu"][0]) == per_kec["rawalumbu"]
    assert kec["Bantargebang"] == ["< 5"]
    assert kec["Bekasi Barat"] == ["< 5"]  # 0, the smallest other: hides Bantargebang's 2
    assert sum(v == ["< 5"] for k, v in kec.items() if k != "Jumlah") >= 2

    # Age bands computed here in Python from the birth dates, independently of the SQL CASE.
    rows = db.session.execute(text(
        "SELECT tanggal_lahir, jenis_kelamin FROM peserta WHERE " + TERCAKUP),  # noqa: S608
        {"k": kini}).all()
    batas = [25, 35, 45, 55, 65]
    hitung: dict[tuple[int, str], int] = {}
    h = hari_ini()
    for lahir, jk in rows:
        lahir = lahir if isinstance(lahir, dt.date) else dt.date.fromisoformat(lahir)
        umur = h.year - lahir.year - ((h.month, h.day) < (lahir.month, lahir.day))
        band = sum(umur >= b for b in batas)
        hitung[(band, jk)] = hitung.get((band, jk), 0) + 1
    umur_tabel = _tabel(halaman, "kelamin_umur")
    label = list(umur_tabel)[:-1]
    for i, nama in enumerate(label):
        sel = umur_tabel[nama]
        for j, jk in enumerate("LP"):
            n = hitung.get((i, jk), 0)
            if sel[j] == "< 5":
                continue
            assert _angka(sel[j]) == n, (nama, jk)
            assert not 0 < n < 5
        assert sum(s == "< 5" for s in sel[:2]) != 1 or sel[2] == "< 5"
    for j in range(2):
        kolom = [umur_tabel[n][j] for n in label]
        assert sum(s == "< 5" for s in kolom) != 1
    assert umur_tabel["Jumlah"][2] == "51"


def test_claims_and_payments(db, client, get_page, factory):
    klaim = [factory.klaim(jenis="JKM", state="dibayar") for _ in range(8)]
    factory.klaim(jenis="beasiswa", state="verifikasi_berkas")
    kini = hari_ini()
    bulan_lalu = (kini.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    # Six paid this month, two last month (a group under 5: its amount is hidden).
    for i, k in enumerate(klaim):
        db.session.execute(text("UPDATE klaim SET tanggal_bayar = :t WHERE id = :i"),
                           {"t": (kini if i < 6 else bulan_lalu).isoformat(), "i": k.id})
    db.session.commit()
    bulan_ini_rp = db.session.execute(text(
        "SELECT sum(jumlah_dibayar) FROM klaim WHERE tanggal_bayar = :t"),
        {"t": kini.isoformat()}).scalar()
    semua_rp = db.session.execute(text("SELECT sum(jumlah_dibayar) FROM klaim")).scalar()
    halaman = get_page("/statistik")
    jenis = _tabel(halaman, "klaim_jenis")
    assert jenis["Jumlah"] == ["9"] and jenis["Jaminan Kematian (JKM)"] == ["8"]
    assert jenis["Beasiswa pendidikan anak"] == ["< 5"]  # 1 claim; and a 0 hidden with it
    assert sum(v == ["< 5"] for v in jenis.values()) == 2
    assert _tabel(halaman, "klaim_status")["Jumlah"] == ["9"]
    bayar = _tabel(halaman, "pembayaran")
    assert len(bayar) == 13  # 12 months and the total
    bulan = list(bayar)
    assert _angka(bayar[bulan[11]][0]) == bulan_ini_rp
    assert bayar[bulan[10]] == ["< 5"]
    assert sum(v == ["< 5"] for v in bayar.values()) == 2  # one more: no difference attack
    assert _angka(bayar["Jumlah"][0]) == semua_rp


def test_csv_download_matches_the_table(db, client, get_page):
    _isi_peserta(db)
    halaman = get_page("/statistik")
    assert halaman.find("a", href="/statistik/segmen.csv").get_text(" ", strip=True).startswith(
        "Unduh CSV")
    r = client.get("/statistik/segmen.csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    baris = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
    assert baris[0] == ["Kelompok", "Peserta"]
    dari_halaman = _tabel(halaman, "segmen")
    for label, nilai in baris[1:]:
        assert dari_halaman[label][0].replace(".", "") == nilai
    assert client.get("/statistik/tidak-ada.csv").status_code == 404


def test_figures_are_kept_a_few_minutes(db):
    _isi_peserta(db)
    from app.konten_app import wilayah

    jam = [1000.0]
    pertama = layanan.statistik(db.session, wilayah(), hari_ini(), jam=lambda: jam[0])
    db.session.execute(text("UPDATE peserta SET status = 'nonaktif'"))
    db.session.commit()
    jam[0] += layanan.UMUR - 1
    assert layanan.statistik(db.session, wilayah(), hari_ini(), jam=lambda: jam[0]) is pertama
    jam[0] += 2
    baru = layanan.statistik(db.session, wilayah(), hari_ini(), jam=lambda: jam[0])
    assert baru is not pertama and baru.tercakup == 0


def test_empty_database_shows_zeros(db, get_page):
    halaman = get_page("/statistik")
    assert _tabel(halaman, "segmen")["Jumlah"] == ["0"]
    assert halaman.select("svg[role=img] title")


def test_demo_data_shows_real_figures(db, get_page):
    from app.demo import muat_demo

    muat_demo(besar=False)
    db.session.commit()
    halaman = get_page("/statistik")
    jumlah = _tabel(halaman, "kecamatan")["Jumlah"][0]
    assert jumlah != "< 5" and _angka(jumlah) > 100

