"""Activation codes: issue and reissue, shown once as a printable letter, never stored plain."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.models import AuditLog, KodeAktivasi, Peserta, User
from app.services.aktivasi import cari_kode_berlaku


def _kode(soup) -> str:
    return soup.select_one("[data-kode]").get_text(strip=True)


def test_form_page(petugas, get_page):
    soup = get_page("/staf/aktivasi")
    form = soup.select_one("form[action='/staf/aktivasi']")
    assert form["method"] == "post" and form.select_one("input#nik")


def test_reissuing_revokes_the_old_code_and_the_new_one_works(client, db, petugas, factory,
                                                              page_checker):
    heir = factory.user(peran="ahli_waris", nik="3275015203850002", nama="Siti Aminah")
    pertama = page_checker.check(client.post("/staf/aktivasi", data={
        "nik": "3275 0152 0385 0002"}).get_data(as_text=True))
    kedua_resp = client.post("/staf/aktivasi", data={"user_id": str(heir.id)})
    assert kedua_resp.status_code == 200
    kedua = page_checker.check(kedua_resp.get_data(as_text=True))
    assert _kode(pertama) != _kode(kedua)
    assert cari_kode_berlaku(db.session, heir.nik, _kode(pertama)) is None
    assert cari_kode_berlaku(db.session, heir.nik, _kode(kedua)) is not None
    rows = db.session.scalars(select(KodeAktivasi).order_by(KodeAktivasi.id)).all()
    assert rows[0].dicabut_pada is not None and rows[1].dicabut_pada is None
    assert all(_kode(kedua).replace("-", "") not in r.hash for r in rows)
    audit = db.session.scalars(select(AuditLog).where(AuditLog.aksi == "aktivasi.terbitkan"))
    assert [a.actor_user_id for a in audit] == [petugas.id, petugas.id]


def test_letter_is_printable_and_masks_the_nik(client, petugas, factory, page_checker):
    heir = factory.user(peran="ahli_waris", nik="3275015203850002", nama="Siti Aminah")
    html = client.post("/staf/aktivasi", data={"user_id": str(heir.id)}).get_data(as_text=True)
    soup = page_checker.check(html)
    # static URLs carry a content fingerprint: name.<12 hex>.ext (app/statis.py)
    stylesheets = [re.sub(r"\.[0-9a-f]{12}\.", ".", link["href"])
                   for link in soup.select("link[rel=stylesheet]")]
    assert "/static/css/cetak.css" in stylesheets and "/static/css/site.css" in stylesheets
    assert soup.select_one("script[src^='/static/js/cetak.'][src$='.js']")
    assert soup.select_one("button[data-cetak]").has_attr("hidden")  # shown by JS only
    surat = soup.select_one("article.surat")
    assert "Siti Aminah" in surat.get_text() and "3275********0002" in surat.get_text()
    assert "3275015203850002" not in html
    assert "/aktivasi" in surat.get_text()
    assert "hanya ditampilkan sekali" in soup.select_one("main > div.no-print").get_text()


def test_print_stylesheet_hides_everything_but_the_letter(client):
    css = client.get("/static/css/cetak.css").get_data(as_text=True)
    assert "@media print" in css and ".no-print" in css and ".staf-nav" in css


def test_worker_without_an_account_gets_one(client, db, petugas, factory):
    peserta = factory.peserta(nama="Budi Santoso")
    response = client.post("/staf/aktivasi", data={"peserta_id": str(peserta.id)})
    assert response.status_code == 200
    db.session.refresh(peserta)
    assert peserta.user is not None and peserta.user.peran == "peserta"
    assert peserta.user.nik == peserta.nik
    assert f'href="/staf/peserta/{peserta.id}"' in response.get_data(as_text=True)


def test_unknown_or_bad_nik_is_422_and_not_echoed(client, db, petugas, factory):
    kasus = (("3275015203850002", "Tidak ada akun"), ("12345", "16 angka"), ("", "Isi NIK"))
    for nik, pesan in kasus:
        response = client.post("/staf/aktivasi", data={"nik": nik})
        html = response.get_data(as_text=True)
        assert response.status_code == 422 and pesan in html
        assert 'href="#nik"' in html
        assert "3275015203850002" not in html
    assert db.session.scalar(select(func.count()).select_from(KodeAktivasi)) == 0


def test_staff_accounts_get_no_code_here(client, db, petugas, factory):
    lain = factory.user(peran="admin")
    assert client.post("/staf/aktivasi", data={"user_id": str(lain.id)}).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(KodeAktivasi)) == 0


def test_recent_codes_list_shows_state_without_the_code(client, db, petugas, factory, get_page):
    heir = factory.user(peran="ahli_waris", nama="Siti Aminah")
    html = client.post("/staf/aktivasi", data={"user_id": str(heir.id)}).get_data(as_text=True)
    soup = get_page("/staf/aktivasi")
    baris = soup.select_one("table tbody tr").get_text(" ")
    assert "Siti Aminah" in baris and "Berlaku sampai" in baris
    kode = html.split('data-kode>')[1].split("<")[0]
    assert kode not in soup.get_text()
    assert db.session.scalar(select(func.count()).select_from(User)) == 2
    assert db.session.scalar(select(func.count()).select_from(Peserta)) == 0
