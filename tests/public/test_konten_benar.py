"""Content that stays true: figures and statements checked against FACTS.md and the seeds."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

CONTENT = Path(__file__).resolve().parents[2] / "content"


def _teks(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    return BeautifulSoup(r.get_data(as_text=True), "html.parser").main.get_text(" ", strip=True)


def test_kota_quota_arithmetic_and_the_two_counts_are_explained(client):
    teks = _teks(client, "/program")
    assert "10.000 orang × Rp201.600 = Rp2.016.000.000" in teks
    assert "sekitar Rp2.000.000.000" in teks
    assert "11.666" in teks and "tahun anggaran 2026" in teks


def test_scholarship_summaries_name_the_three_year_condition(client):
    for url in ("/hak-dan-manfaat", "/program", "/hak-dan-manfaat/beasiswa"):
        assert "3 tahun" in _teks(client, url), url


def test_kabupaten_statements_are_not_stated_as_certain(app_wilayah):
    client = app_wilayah("kabupaten-bekasi").test_client()
    manfaat = _teks(client, "/hak-dan-manfaat")
    assert "Jumlah per tahun itulah yang dibayar" not in manfaat
    assert "belum diumumkan" in manfaat
    jht = _teks(client, "/hak-dan-manfaat/jht")
    assert "Apakah JHT termasuk dalam program? Tidak." not in jht
    assert "sedang mengembangkan program Jaminan Hari Tua" in jht
    program = _teks(client, "/program")
    assert "2023 (tahun terakhir yang angkanya diumumkan" in program
    assert "(angka terakhir yang kami ketahui)" in program
    assert "petani padi (per 7 Februari 2023)" in program
    assert "semua kecamatan" not in _teks(client, "/kontak")
    faq = _teks(client, "/faq")
    assert "Program ini untuk warga ber-KTP Kabupaten Bekasi" not in faq


def test_village_budget_is_being_prepared_not_requested():
    teks = (CONTENT / "rules" / "kabupaten-bekasi" / "2026.yaml").read_text("utf-8")
    assert "sudah meminta desa" not in teks
    assert "sedang menyiapkan surat edaran" in teks
    assert "Pendaftaran dilakukan lewat pemerintah" not in teks


def test_jkm_target_cites_bpjs_not_the_construction_regulation():
    layanan = yaml.safe_load((CONTENT / "data" / "layanan.yaml").read_text("utf-8"))
    sumber = layanan["target_layanan"]["JKM"]["sumber"]
    assert "konstruksi" not in sumber and "44/2015" not in sumber
    assert "BPJS Ketenagakerjaan" in sumber


def test_kota_ktp_and_desil_rules_are_unverified_for_2026():
    kota = yaml.safe_load((CONTENT / "wilayah" / "kota-bekasi.yaml").read_text("utf-8"))
    assert kota["program"]["syarat_ktp"]["verified"] is False
    assert "5 November 2025" in kota["program"]["syarat_ktp"]["sumber"]
    assert kota["seleksi"]["desil_maks"]["verified"] is False


def test_contact_page_gives_a_cited_address_or_where_to_ask(client):
    teks = _teks(client, "/kontak")
    assert "Jl. Ahmad Yani No. 13, Bekasi" in teks and "(021) 885 2144" in teks
    assert "LKIP) Dinas Tenaga Kerja Kota Bekasi Tahun 2020" in teks
    assert "dicek 7 Desember 2026" in teks
    assert "belum tersedia" not in teks
    assert "call center 175" in teks


def test_footer_links_the_verified_office_phone(client):
    r = client.get("/")
    soup = BeautifulSoup(r.get_data(as_text=True), "html.parser")
    assert soup.select_one('.site-footer a[href="tel:+62218852144"]') is not None
