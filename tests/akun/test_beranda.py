"""Dashboards, messages and the personal-data download for the demo worker and heirs."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.models import Pesan
from tests.akun_bantu import masuk_sebagai


def test_worker_sees_membership_card_with_masked_nik_and_own_claims(client, demo, get_page):
    masuk_sebagai(client, demo, "budi")
    soup = get_page("/akun/")
    kartu = soup.select_one("[data-kartu-peserta]").get_text(" ")
    assert "3275********0001" in kartu
    assert "3275011506880001" not in soup.decode()
    assert "26011234567" in kartu
    assert "JKK, JKM" in kartu
    assert "1 Januari 2026" in kartu and "31 Desember 2026" in kartu
    assert "APBD Kota Bekasi" in kartu
    assert soup.select_one("[data-sisa-hari]").get_text().strip()
    assert [li["data-klaim"] for li in soup.select("[data-klaim]")] == [
        demo.klaim["budi_jkk"].nomor]


def test_heir_dashboard_lists_her_claims_with_who_acts_next(client, demo, get_page):
    masuk_sebagai(client, demo, "siti")
    soup = get_page("/akun/")
    assert soup.select_one("[data-kartu-peserta]") is None
    nomor = {li["data-klaim"]: li.get_text(" ") for li in soup.select("[data-klaim]")}
    assert set(nomor) == {demo.klaim["siti_jkm"].nomor, demo.klaim["siti_beasiswa"].nomor}
    assert "Menunggu: Anda" in " ".join(nomor[demo.klaim["siti_beasiswa"].nomor].split())
    assert "Dana telah dibayarkan" in nomor[demo.klaim["siti_jkm"].nomor]


def test_demo_claims_are_in_the_states_product_md_promises(demo):
    assert demo.klaim["siti_jkm"].state == "dibayar"
    assert demo.klaim["siti_beasiswa"].state == "perlu_dokumen"
    assert demo.klaim["dewi_jkm"].state == "verifikasi_berkas"
    assert demo.klaim["siti_jkm"].peserta.nik == "3275010203800003"


def test_messages_page_lists_only_own_outbox_rows(client, demo, db, get_page):
    masuk_sebagai(client, demo, "dewi")
    soup = get_page("/akun/pesan")
    milik = db.session.scalars(select(Pesan).where(Pesan.user_id == demo.users["dewi"].id)).all()
    assert milik
    daftar = soup.select("[data-pesan]")
    assert len(daftar) == len(milik)
    assert all(demo.klaim["dewi_jkm"].nomor in li.get_text() for li in daftar)


def test_data_download_holds_everything_about_me_and_nothing_secret(client, demo):
    masuk_sebagai(client, demo, "siti")
    r = client.get("/akun/data-saya")
    assert r.headers["Content-Disposition"] == 'attachment; filename="data-saya.json"'
    assert r.headers["Cache-Control"] == "no-store"
    isi = json.loads(r.data)
    assert isi["akun"]["nik"] == "3275015203850002"
    assert "sandi_hash" not in isi["akun"]
    assert {k["nomor"] for k in isi["klaim"]} == {demo.klaim["siti_jkm"].nomor,
                                                  demo.klaim["siti_beasiswa"].nomor}
    assert all("berkas" not in d for k in isi["klaim"] for d in k["dokumen"])
    assert isi["pesan"] and all(p["user_id"] == demo.users["siti"].id for p in isi["pesan"])
    teks = r.get_data(as_text=True)
    assert "3275014708900004" not in teks  # Dewi's data is not Siti's


def test_worker_data_download_includes_the_participant_record(client, demo):
    masuk_sebagai(client, demo, "budi")
    isi = json.loads(client.get("/akun/data-saya").data)
    assert isi["peserta"][0]["kpj"] == "26011234567"


def test_personal_data_page_explains_in_plain_words_next_to_the_json(client, factory,
                                                                      page_checker):
    from tests.akun_bantu import masuk as masuk_form

    user = factory.user(peran="ahli_waris", sandi="sandi-data-saya-1", nama="Dewi Uji")
    klaim = factory.klaim(pemohon=user)
    assert masuk_form(client, user.nik, "sandi-data-saya-1").status_code == 302
    beranda = page_checker.check(client.get("/akun/").get_data(as_text=True))
    tautan = beranda.find("a", string="Data pribadi Anda yang kami simpan")["href"]
    r = client.get(tautan)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    soup = page_checker.check(r.get_data(as_text=True))
    teks = soup.get_text(" ")
    assert "UU 27/2022" in teks and "Dewi Uji" in teks
    assert user.nik not in r.get_data(as_text=True)  # masked on screen
    assert klaim.nomor in soup.select_one('[data-ringkasan="klaim"]').get_text()
    assert "Jaminan Kematian" in soup.select_one('[data-ringkasan="klaim"]').get_text()
    unduh = soup.select_one("[data-unduh-json]")
    assert unduh["href"] == "/akun/data-saya" and "JSON" in unduh.get_text()
    assert "berkas teks yang bisa dibaca komputer" in teks
