"""Import files: reading CSV/XLSX as a stream, every rejection reason, line numbers."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from app.domain.impor import (
    KOLOM,
    AcuanImpor,
    BerkasTidakSah,
    baca_baris,
    baca_tanggal,
    periksa_berkas,
    sel_aman,
    templat_csv,
)

ROOT = Path(__file__).resolve().parents[2] / "content" / "wilayah"
HARI_INI = dt.date(2026, 3, 1)
JUDUL = ",".join(KOLOM)
BAIK = ("3275011506880001,Budi Santoso,1988-06-15,L,Bekasi Timur,Aren Jaya,ojol,081234567890,,"
        "2026-01-01,2026-12-31,2")


def _yaml(nama: str) -> dict:
    return yaml.safe_load((ROOT / nama).read_text(encoding="utf-8"))


def aturan(**ubah) -> AcuanImpor:
    a = AcuanImpor.dari_konten(_yaml("kota-bekasi.yaml"), _yaml("kelurahan/kota-bekasi.yaml"),
                           _yaml("kode/provinsi.yaml"), HARI_INI)
    for k, v in ubah.items():
        setattr(a, k, v)
    return a


def periksa(isi: bytes | str, **ubah):
    data = isi.encode() if isinstance(isi, str) else isi
    return list(periksa_berkas(io.BytesIO(data), aturan(**ubah)))


def satu(baris: str, **ubah):
    hasil = periksa(JUDUL + "\n" + baris + "\n", **ubah)
    assert len(hasil) == 1
    return hasil[0]


def ganti(kolom: str, nilai: str, asal: str = BAIK) -> str:
    sel = asal.split(",")
    sel[KOLOM.index(kolom)] = nilai
    return ",".join(sel)


def test_valid_row_is_read_into_model_values():
    b = satu(BAIK)
    assert not b.ditolak and b.peringatan == []
    assert b.nomor == 2
    assert b.nilai == {
        "nik": "3275011506880001", "nama": "Budi Santoso", "tanggal_lahir": dt.date(1988, 6, 15),
        "jenis_kelamin": "L", "kecamatan": "bekasi-timur", "kelurahan": "Aren Jaya",
        "segmen": "ojol", "telepon": "081234567890", "kpj": None,
        "mulai": dt.date(2026, 1, 1), "akhir": dt.date(2026, 12, 31), "desil": 2,
    }


def test_names_and_codes_match_case_insensitively_and_officer_dates():
    b = satu(ganti("kecamatan", "bekasi-timur", ganti("kelurahan", "AREN JAYA",
             ganti("segmen", "Pengemudi ojek online", ganti("tanggal_lahir", "15/06/1988",
                                                           ganti("jenis_kelamin", "l"))))))
    assert not b.ditolak, b.alasan
    assert (b.nilai["kecamatan"], b.nilai["kelurahan"], b.nilai["segmen"]) == (
        "bekasi-timur", "Aren Jaya", "ojol")
    assert b.nilai["tanggal_lahir"] == dt.date(1988, 6, 15)


@pytest.mark.parametrize(
    ("kolom", "nilai", "alasan"),
    [
        ("nik", "", "Kolom wajib kosong: nik."),
        ("nik", "327501150688000", "NIK harus 16 angka."),
        ("nik", "32750115068800AB", "NIK harus 16 angka."),
        ("nik", "3275013206880001", "NIK tidak sesuai format NIK"),  # day 32
        ("nama", "", "Kolom wajib kosong: nama."),
        ("nama", "A" * 121, "Nama lebih dari 120 huruf."),
        ("tanggal_lahir", "", "Kolom wajib kosong: tanggal_lahir."),
        ("tanggal_lahir", "1988-02-30", "Tanggal lahir tidak valid"),
        ("tanggal_lahir", "15-06-1988", "Tanggal lahir tidak valid"),
        ("tanggal_lahir", "1988-06-16", "Tanggal lahir tidak cocok dengan tanggal lahir di NIK."),
        ("jenis_kelamin", "", "Kolom wajib kosong: jenis_kelamin."),
        ("jenis_kelamin", "X", "Jenis kelamin harus L atau P."),
        ("jenis_kelamin", "P", "Jenis kelamin tidak cocok dengan NIK"),
        ("kecamatan", "", "Kolom wajib kosong: kecamatan."),
        ("kecamatan", "Cikarang Barat", "Kecamatan \"Cikarang Barat\" tidak ada"),
        ("segmen", "", "Kolom wajib kosong: segmen."),
        ("segmen", "dokter", "Segmen \"dokter\" tidak dikenal"),
        ("no_hp", "08123", "Nomor HP harus 8 sampai 15 angka"),
        ("nomor_kpj", "1234567890", "Nomor KPJ harus 11 angka."),
        ("nomor_kpj", "1234567890A", "Nomor KPJ harus 11 angka."),
        ("mulai", "2026-13-01", "Tanggal mulai tidak valid"),
        ("berakhir", "2025-12-31", "Tanggal berakhir sebelum tanggal mulai."),
        ("berakhir", "31/02/2026", "Tanggal berakhir tidak valid"),
        ("desil", "0", "Desil harus angka 1 sampai 10"),
        ("desil", "11", "Desil harus angka 1 sampai 10"),
        ("desil", "dua", "Desil harus angka 1 sampai 10"),
        ("desil", "²", "Desil harus angka 1 sampai 10"),  # isdigit() but int() refuses it
        ("nomor_kpj", "²" * 11, "Nomor KPJ harus 11 angka."),
    ],
)
def test_every_rejection_reason(kolom, nilai, alasan):
    b = satu(ganti(kolom, nilai))
    assert b.ditolak
    assert any(a.startswith(alasan) for a in b.alasan), b.alasan


def test_future_birth_date_and_nul_and_extra_cells():
    b = satu(ganti("tanggal_lahir", "2027-01-01"))
    assert "Tanggal lahir di masa depan." in b.alasan
    b = satu(ganti("nama", "Budi\x00"))
    assert b.alasan == ["Baris berisi karakter NUL yang tidak sah; simpan ulang berkas dari Excel."]
    b = satu(BAIK + ",lebih")
    assert "Baris berisi lebih banyak sel daripada judul kolom." in b.alasan


def test_woman_nik_day_plus_40_is_accepted():
    b = satu(ganti("nik", "3275015203850002", ganti("tanggal_lahir", "1985-03-12",
                                                     ganti("jenis_kelamin", "P"))))
    assert not b.ditolak, b.alasan


def test_unverified_lists_only_warn_verified_lists_refuse():
    kel = ganti("kelurahan", "Kampung Entah")
    b = satu(kel)
    assert not b.ditolak
    assert b.peringatan and "Kampung Entah" in b.peringatan[0]
    assert b.nilai["kelurahan"] == "Kampung Entah"
    assert satu(kel, kelurahan_pasti=True).ditolak
    # Province 20 and regency 70 do not exist; with an unverified code list only a warning.
    nik = ganti("nik", "2070011506880001")
    b = satu(nik)
    assert not b.ditolak and "kode provinsi 20" in b.peringatan[0]
    assert "kode kabupaten/kota 70" in b.peringatan[0]
    assert satu(nik, kode_pasti=True).alasan == [
        "NIK: kode provinsi 20 tidak dikenal dan kode kabupaten/kota 70 tidak mungkin."]


def test_several_reasons_are_all_listed():
    b = satu(ganti("desil", "99", ganti("jenis_kelamin", "X")))
    assert len(b.alasan) == 2


def test_line_numbers_count_the_header_as_line_1_and_skip_blank_lines():
    isi = "\n".join([JUDUL, BAIK, "", ganti("nik", "1"),
                     ganti("nik", "3275015203850002", ganti("tanggal_lahir", "1985-03-12",
                                                           ganti("jenis_kelamin", "P"))),
                     BAIK]) + "\n"
    hasil = periksa(isi)
    assert [(b.nomor, b.ditolak) for b in hasil] == [(2, False), (4, True), (5, False), (6, True)]
    assert hasil[-1].alasan == ["NIK sama dengan baris 2 di berkas ini."]


def test_duplicate_kpj_inside_the_file():
    a = ganti("nomor_kpj", "27000000001")
    b = ganti("nik", "3275015203850002", ganti("tanggal_lahir", "1985-03-12",
                                                ganti("jenis_kelamin", "P", a)))
    hasil = periksa(f"{JUDUL}\n{a}\n{b}\n")
    assert hasil[1].alasan == ["Nomor KPJ sama dengan baris 2 di berkas ini."]


def test_semicolon_bom_crlf_quoted_and_header_in_any_case_and_order():
    judul = ";".join(k.upper() for k in reversed(KOLOM))
    sel = list(reversed(BAIK.split(",")))
    sel[KOLOM[::-1].index("nama")] = '"Santoso; Budi"'
    isi = "\ufeff" + judul + "\r\n" + ";".join(sel) + "\r\n"
    [b] = periksa(isi.encode("utf-8"))
    assert not b.ditolak, b.alasan
    assert b.nilai["nama"] == "Santoso; Budi"


def test_formula_looking_cells_are_kept_as_text():
    b = satu(ganti("nama", "=HYPERLINK(\"http://x\")"))
    assert not b.ditolak
    assert b.nilai["nama"] == "=HYPERLINK(\"http://x\")"
    assert sel_aman(b.nilai["nama"]).startswith("'=")
    for awal in ("=", "+", "-", "@", "\t"):
        assert sel_aman(awal + "1") == "'" + awal + "1"
    assert sel_aman("Budi") == "Budi" and sel_aman(None) == "" and sel_aman(5) == "5"


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"", "Berkas kosong"),
        (b"\r\n\r\n", "Berkas kosong"),
        (b"\xef\xbb\xbf", "Berkas kosong"),
        ("\n".join([JUDUL, BAIK.replace("Budi", "B\xfcdi")]).encode("latin-1"),
         "tidak berformat UTF-8"),
        (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "bukan CSV atau XLSX"),
        (b"\x00\x01\x02binary", "bukan CSV atau XLSX"),
        (b"PK\x03\x04 not really a zip", "Berkas XLSX tidak bisa dibaca"),
        (JUDUL.replace(",desil", "").encode(), "kolom yang belum ada: desil"),
        ((JUDUL + ",agama").encode(), "kolom yang tidak dikenal: agama"),
        ((JUDUL + ",nik").encode(), "kolom yang muncul dua kali: nik"),
        (b"nama;alamat\nBudi;Jl. Mawar\n", "kolom yang belum ada: nik"),
    ],
)
def test_file_level_problems_give_one_message(isi, pesan):
    with pytest.raises(BerkasTidakSah) as galat:
        list(periksa_berkas(io.BytesIO(isi), aturan()))
    assert pesan in str(galat.value)


def test_encoding_error_late_in_the_file_refuses_the_whole_file():
    baris = [JUDUL] + [BAIK] * 5000 + [BAIK.replace("Budi", "B\xfcdi")]
    data = "\n".join(baris).encode("utf-8")
    data = data.replace("B\xfcdi".encode(), b"B\xfcdi")
    with pytest.raises(BerkasTidakSah, match="UTF-8"):
        list(baca_baris(io.BytesIO(data)))


def _xlsx(baris: list[list]) -> bytes:
    from openpyxl import Workbook

    buku = Workbook()
    lembar = buku.active
    for b in baris:
        lembar.append(b)
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def test_xlsx_file_with_typed_cells():
    data = _xlsx([
        [k.upper() for k in KOLOM],
        ["3275011506880001", "Budi Santoso", dt.date(1988, 6, 15), "L", "Bekasi Timur",
         "Aren Jaya", "ojol", "081234567890", None, dt.datetime(2026, 1, 1), "31/12/2026", 2],
        [],
        [3275015203850002, "Siti Aminah", "1985-03-12", "P", "rawalumbu", None, "sopir",
         None, None, None, None, 11],
    ])
    hasil = periksa(data)
    assert [(b.nomor, b.ditolak) for b in hasil] == [(2, False), (4, True)]
    assert hasil[0].nilai["tanggal_lahir"] == dt.date(1988, 6, 15)
    assert hasil[0].nilai["akhir"] == dt.date(2026, 12, 31) and hasil[0].nilai["desil"] == 2
    assert hasil[1].nilai["nik"] == "3275015203850002"  # typed as a number
    assert hasil[1].alasan == ["Desil harus angka 1 sampai 10, atau kosong."]


def test_xlsx_with_wrong_header():
    with pytest.raises(BerkasTidakSah, match="kolom yang belum ada"):
        periksa(_xlsx([["nik", "nama"], ["1", "2"]]))


def test_dates_both_forms():
    assert baca_tanggal("2026-01-05") == dt.date(2026, 1, 5)
    assert baca_tanggal("05/01/2026") == dt.date(2026, 1, 5)
    assert baca_tanggal("2026-01-05 00:00:00") == dt.date(2026, 1, 5)
    assert baca_tanggal("5 Jan 2026") is None
    assert baca_tanggal("31/04/2026") is None


def test_template_passes_its_own_check():
    hasil = periksa(templat_csv())
    assert len(hasil) == 1 and not hasil[0].ditolak


def test_content_lists_are_consistent():
    wilayah = _yaml("kota-bekasi.yaml")
    kelurahan = _yaml("kelurahan/kota-bekasi.yaml")
    assert kelurahan["sumber"] and kelurahan["verified"] is False
    assert set(kelurahan["kelurahan"]) == {k["kode"] for k in wilayah["kecamatan"]}
    assert sum(len(v) for v in kelurahan["kelurahan"].values()) == 56
    kode = _yaml("kode/provinsi.yaml")
    assert kode["sumber"] and len(kode["provinsi"]) == 38
