"""Participants: search, paging, htmx fragment, create and edit with validation, NIK masking."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.models import AuditLog, KodeAktivasi, Peserta, User

NIK_BUDI = "3275011506880001"


@pytest.fixture
def budi(factory):
    return factory.peserta(nama="Budi Santoso", nik=NIK_BUDI, kpj="26011234567")


def _baris(soup) -> list[str]:
    return [tr.find("a").get_text(strip=True) for tr in soup.select("tr[data-peserta]")]


def _data_sah(**lain) -> dict:
    data = {
        "nik": "3275014708900004", "nama": "Dewi Lestari", "telepon": "0812 3456 7890",
        "kecamatan": "bekasi-timur", "kelurahan": "Aren Jaya", "segmen": "pedagang_kecil",
        "kpj": "26015555555", "program_jkk": "1", "program_jkm": "1", "mulai": "2026-01-01",
        "akhir": "2026-12-31", "dibiayai_oleh": "APBD Kota Bekasi", "penghasilan": "1.500.000",
        "desil": "2", "status": "aktif",
    }
    data.update(lain)
    return {k: v for k, v in data.items() if v is not None}


# --- search and paging ---------------------------------------------------------------------


def test_search_by_name_is_case_insensitive_and_partial(petugas, budi, factory, get_page):
    factory.peserta(nama="Siti Rahma")
    assert _baris(get_page("/staf/peserta?q=budi")) == ["Budi Santoso"]
    assert _baris(get_page("/staf/peserta?q=SANTO")) == ["Budi Santoso"]


def test_search_by_kpj_whole_or_start(petugas, budi, factory, get_page):
    factory.peserta(nama="Lain", kpj="27000000001")
    assert _baris(get_page("/staf/peserta?q=26011234567")) == ["Budi Santoso"]
    assert _baris(get_page("/staf/peserta?q=2601123")) == ["Budi Santoso"]


def test_search_by_the_last_four_digits_of_the_nik(petugas, budi, factory, get_page):
    factory.peserta(nama="Lain", nik="3275010101900002")
    soup = get_page("/staf/peserta?q=0001")
    assert _baris(soup) == ["Budi Santoso"]
    assert soup.select_one("tr[data-peserta] .nik").get_text() == "3275********0001"


def test_like_wildcards_in_the_query_are_taken_literally(petugas, budi, get_page):
    assert _baris(get_page("/staf/peserta?q=%25")) == []
    assert _baris(get_page("/staf/peserta?q=_")) == []


def test_a_full_nik_in_the_search_is_cut_to_its_last_four_digits(client, petugas, budi):
    response = client.get(f"/staf/peserta?q={NIK_BUDI}")
    assert response.status_code == 303
    assert response.headers["Location"] == "/staf/peserta?q=0001"
    htmx = client.get(f"/staf/peserta?q={NIK_BUDI}", headers={"HX-Request": "true"})
    assert htmx.headers["HX-Push-Url"] == "/staf/peserta?q=0001"
    assert NIK_BUDI not in htmx.get_data(as_text=True)
    assert "Budi Santoso" in htmx.get_data(as_text=True)


def test_paging_25_per_page_with_links_that_work_without_js(petugas, factory, get_page):
    for n in range(30):
        factory.peserta(nama=f"Pekerja {n:02d}")
    pertama = get_page("/staf/peserta")
    assert len(_baris(pertama)) == 25
    assert "30 peserta" in pertama.select_one("#jumlah-peserta").get_text()
    berikut = pertama.select_one(".paging a[rel=next]")
    assert berikut["href"] == "/staf/peserta?halaman=2"
    assert berikut["data-hx-get"] == berikut["href"] and berikut["data-hx-push-url"] == "true"
    kedua = get_page(berikut["href"])
    assert _baris(kedua) == ["Pekerja 25", "Pekerja 26", "Pekerja 27", "Pekerja 28", "Pekerja 29"]
    assert kedua.select_one(".paging a[aria-current=page]").get_text(strip=True).endswith("2")
    # A page past the end shows the last page; rubbish means page 1.
    assert _baris(get_page("/staf/peserta?halaman=99")) == _baris(kedua)
    assert _baris(get_page("/staf/peserta?halaman=abc")) == _baris(pertama)


def test_paging_keeps_the_search(petugas, factory, get_page):
    for n in range(27):
        factory.peserta(nama=f"Sama {n:02d}")
    soup = get_page("/staf/peserta?q=sama")
    assert soup.select_one(".paging a[rel=next]")["href"] == "/staf/peserta?halaman=2&q=sama"


def test_htmx_search_returns_only_the_results_with_the_count_out_of_band(
    client, petugas, budi, page_checker
):
    response = client.get("/staf/peserta?q=budi", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    soup = page_checker.check_fragment(html)
    assert soup.select_one("#jumlah-peserta")["data-hx-swap-oob"] == "true"
    assert _baris(soup) == ["Budi Santoso"]
    assert "HX-Request" in response.headers["Vary"]
    # A history restore needs the whole page.
    full = client.get("/staf/peserta?q=budi", headers={
        "HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in full.get_data(as_text=True)


def test_search_field_is_wired_for_htmx(petugas, get_page):
    veld = get_page("/staf/peserta").select_one("input#q")
    assert veld["data-hx-get"] == "/staf/peserta"
    assert veld["data-hx-trigger"] == "input changed delay:300ms, search"
    assert veld["data-hx-target"] == "#hasil-peserta"
    assert veld["data-hx-push-url"] == "true"
    assert veld.find_parent("form")["method"] == "get"
    assert veld["aria-controls"] == "hasil-peserta" and veld["aria-describedby"] == "q-petunjuk"
    assert "Jangan ketik NIK lengkap" in veld.find_previous_sibling("p", id="q-petunjuk").get_text()


# --- create ----------------------------------------------------------------------------------


def test_create_participant_redirects_and_is_audited(client, db, petugas):
    response = client.post("/staf/peserta/baru", data=_data_sah())
    assert response.status_code == 303
    peserta = db.session.scalar(select(Peserta).where(Peserta.nik == "3275014708900004"))
    assert response.headers["Location"] == f"/staf/peserta/{peserta.id}"
    assert peserta.jenis_kelamin == "P" and peserta.tanggal_lahir.isoformat() == "1990-08-07"
    assert peserta.telepon == "081234567890" and peserta.penghasilan == 1_500_000
    assert peserta.program == ["JKK", "JKM"] and peserta.user_id is None
    row = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "peserta.buat"))
    assert row.actor_user_id == petugas.id and row.objek_id == str(peserta.id)
    assert row.ip == "127.0.0.1"
    assert "3275014708900004" not in row.ringkasan
    assert "sudah terdaftar" in client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"nik": ""}, "nik", "Isi NIK"),
        ({"nik": "12345"}, "nik", "16 angka"),
        ({"nik": "3275019999990001"}, "nik", "format NIK"),
        ({"nama": ""}, "nama", "nama lengkap"),
        ({"kpj": "123"}, "kpj", "11 angka"),
        ({"kpj": "2601123456a"}, "kpj", "11 angka"),
        ({"kecamatan": "atlantis"}, "kecamatan", "dari daftar"),
        ({"segmen": None}, "segmen", "Pilih jenis pekerjaan"),
        ({"program_jkk": None, "program_jkm": None}, "program_jkk", "satu program"),
        ({"akhir": "2025-01-01"}, "akhir", "sesudah tanggal mulai"),
        ({"mulai": "32-13-2026"}, "mulai", "tanggal yang benar"),
        ({"desil": "11"}, "desil", "antara 1 dan 10"),
        ({"telepon": "12"}, "telepon", "8 sampai 15"),
        ({"tanggal_meninggal": "2026-01-05"}, "tanggal_meninggal", "ubah status"),
    ],
)
def test_invalid_participant_gets_422_with_a_linked_error_summary(
    client, db, petugas, page_checker, ubah, field, pesan
):
    response = client.post("/staf/peserta/baru", data=_data_sah(**ubah))
    assert response.status_code == 422
    soup = page_checker.check(response.get_data(as_text=True))
    tautan = {a["href"]: a.get_text() for a in soup.select("#ringkasan-kesalahan a")}
    assert pesan in tautan[f"#{field}"]
    assert soup.find(id=field) is not None  # the link lands on the field
    assert soup.select_one(f"#{field}-galat") is not None or field == "program_jkk"
    assert db.session.scalar(select(func.count()).select_from(Peserta)) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditLog)) == 0


def test_duplicate_nik_and_kpj_are_refused(client, petugas, budi):
    response = client.post("/staf/peserta/baru", data=_data_sah(nik=NIK_BUDI, kpj="26011234567"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "sudah terdaftar sebagai peserta lain" in html
    assert "sudah dipakai peserta lain" in html


def test_a_rejected_new_nik_is_not_shown_again(client, petugas):
    response = client.post("/staf/peserta/baru", data=_data_sah(nama=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "3275014708900004" not in html
    assert "Ketik ulang NIK" in html
    assert 'value="Aren Jaya"' in html  # everything else is kept


def test_create_with_account_shows_the_code_once_as_a_letter(client, db, petugas, page_checker):
    response = client.post("/staf/peserta/baru", data=_data_sah(buat_akun="1"))
    assert response.status_code == 200
    soup = page_checker.check(response.get_data(as_text=True))
    kode = soup.select_one("[data-kode]").get_text(strip=True)
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}", kode)
    user = db.session.scalar(select(User).where(User.nik == "3275014708900004"))
    assert user.peran == "peserta" and user.sandi_hash is None
    peserta = db.session.scalar(select(Peserta).where(Peserta.nik == "3275014708900004"))
    assert peserta.user_id == user.id
    baris = db.session.scalar(select(KodeAktivasi).where(KodeAktivasi.user_id == user.id))
    assert kode.replace("-", "") not in baris.hash
    aksi = set(db.session.scalars(select(AuditLog.aksi)))
    assert {"peserta.buat", "akun.buat", "aktivasi.terbitkan"} <= aksi
    # The code is nowhere to be seen again.
    for url in ("/staf/aktivasi", f"/staf/peserta/{peserta.id}", "/staf/audit"):
        assert kode not in client.get(url).get_data(as_text=True)


def test_account_box_is_refused_when_the_nik_already_has_an_account(client, factory, petugas):
    factory.user(peran="ahli_waris", nik="3275014708900004")
    response = client.post("/staf/peserta/baru", data=_data_sah(buat_akun="1"))
    assert response.status_code == 422
    assert 'href="#buat_akun"' in response.get_data(as_text=True)


# --- edit ------------------------------------------------------------------------------------


def test_edit_form_shows_the_full_nik_and_saves_changes(client, db, petugas, budi, get_page):
    soup = get_page(f"/staf/peserta/{budi.id}/ubah")
    assert soup.select_one("input#nik")["value"] == NIK_BUDI
    data = {i["name"]: i.get("value", "") for i in soup.select("form.formulir input")
            if i.get("type") not in ("checkbox", "radio")}
    data.update({"program_jkk": "1", "program_jkm": "1", "jenis_kelamin": "L",
                 "status": "aktif", "kecamatan": "jatiasih", "segmen": "ojol",
                 "telepon": "081299990000"})
    response = client.post(f"/staf/peserta/{budi.id}/ubah", data=data)
    assert response.status_code == 303
    db.session.refresh(budi)
    assert budi.kecamatan == "jatiasih" and budi.telepon == "081299990000"
    row = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "peserta.ubah"))
    assert "kecamatan" in row.ringkasan and "telepon" in row.ringkasan


def test_edit_validation_keeps_the_typed_nik_on_the_edit_form(client, petugas, budi):
    response = client.post(f"/staf/peserta/{budi.id}/ubah", data=_data_sah(
        nik="3275011506880009", nama="", jenis_kelamin="L", tanggal_lahir="1988-06-15"))
    assert response.status_code == 422
    assert 'value="3275011506880009"' in response.get_data(as_text=True)


def test_correcting_the_nik_also_changes_the_login(client, db, factory, petugas, budi):
    user = factory.user(peran="peserta", nik=NIK_BUDI)
    budi.user_id = user.id
    db.session.commit()
    data = _data_sah(nik="3275011506880009", nama="Budi Santoso", kpj="26011234567",
                     jenis_kelamin="L", tanggal_lahir="1988-06-15")
    assert client.post(f"/staf/peserta/{budi.id}/ubah", data=data).status_code == 303
    db.session.refresh(user)
    assert user.nik == "3275011506880009"
    assert db.session.scalar(select(AuditLog).where(AuditLog.aksi == "akun.ubah")) is not None


# --- the NIK is masked everywhere but the edit form --------------------------------------------


def test_nik_is_unmasked_only_on_the_edit_form(client, petugas, klaim_jkm, factory):
    nik_peserta = klaim_jkm.peserta.nik
    nik_pemohon = klaim_jkm.pemohon.nik
    p = klaim_jkm.peserta
    halaman = ["/staf", "/staf/peserta", f"/staf/peserta?q={nik_peserta[-4:]}",
               f"/staf/peserta/{p.id}", "/staf/klaim", f"/staf/klaim/{klaim_jkm.public_id}",
               "/staf/aktivasi", "/staf/audit", "/staf/klaim/baru",
               f"/staf/klaim/baru?peserta={p.id}", "/staf/peserta/baru"]
    for url in halaman:
        html = client.get(url).get_data(as_text=True)
        assert nik_peserta not in html and nik_pemohon not in html, url
    assert "3275********0003" in client.get(f"/staf/peserta/{p.id}").get_data(as_text=True)
    edit = client.get(f"/staf/peserta/{p.id}/ubah").get_data(as_text=True)
    assert nik_peserta in edit


def test_an_unknown_participant_is_404_on_both_pages(client, petugas):
    assert client.get("/staf/peserta/999999").status_code == 404
    assert client.get("/staf/peserta/999999/ubah").status_code == 404


def test_detail_page_without_claims_or_documents_says_so_and_draws_no_empty_table(
        petugas, budi, get_page):
    soup = get_page(f"/staf/peserta/{budi.id}")
    teks = soup.main.get_text(" ", strip=True)
    assert "Belum ada klaim untuk peserta ini." in teks
    assert "Belum ada dokumen yang diterbitkan." in teks
    assert soup.select("main table") == []


def test_detail_page_lists_the_claims_in_a_region_named_by_its_heading(
        petugas, budi, factory, get_page):
    klaim = factory.klaim(budi, "JKK")
    soup = get_page(f"/staf/peserta/{budi.id}")
    wilayah = soup.select_one('.table-scroll[aria-labelledby="klaim"]')
    assert wilayah is not None and wilayah["role"] == "region"
    assert [th.get_text() for th in wilayah.select("thead th")] == [
        "Nomor klaim", "Jenis", "Pemohon", "Status", "Sejak"]
    assert [a.get_text() for a in wilayah.select("tbody a")] == [klaim.nomor]
