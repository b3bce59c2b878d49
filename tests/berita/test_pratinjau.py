"""Live preview (htmx) and the full-page preview without JS; autosave of drafts."""

from __future__ import annotations

from tests.potret import potret

HX = {"HX-Request": "true"}


def test_the_live_preview_renders_the_article_from_the_form(client, masuk, humas):
    masuk(humas)
    r = client.post("/staf/berita/pratinjau", headers=HX, data={
        "judul": "Judul pratinjau", "ringkasan": "Ringkas.", "isi": "## Syarat\n\n- KTP"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html
    assert "Judul pratinjau" in html and "<h2>Syarat</h2>" in html and "<li>KTP</li>" in html


def test_the_full_page_preview_works_without_js_and_saves_nothing(client, masuk, humas, db,
                                                                 page_checker):
    from app.models import Berita

    masuk(humas)
    r = client.post("/staf/berita/baru", data={"judul": "Judul pratinjau", "isi": "**tebal**",
                                               "aksi": "pratinjau"})
    assert r.status_code == 200
    soup = page_checker.check(r.get_data(as_text=True))
    assert soup.select_one("[data-pratinjau] strong").get_text() == "tebal"
    assert soup.select_one("#judul")["value"] == "Judul pratinjau"
    assert db.session.query(Berita).count() == 0


def test_the_editor_wires_preview_and_autosave_to_the_form(client, masuk, humas, tulis,
                                                           get_page):
    b = tulis(humas)
    masuk(humas)
    soup = get_page(f"/staf/berita/{b.id}")
    pratinjau = soup.select_one("#pratinjau-langsung")
    assert pratinjau["data-hx-post"] == "/staf/berita/pratinjau"
    assert "delay:" in pratinjau["data-hx-trigger"]
    assert pratinjau["data-hx-include"] == "#form-berita"
    otomatis = soup.select_one("#simpan-otomatis")
    assert otomatis["data-hx-post"] == f"/staf/berita/{b.id}/otomatis"
    assert soup.select_one("#versi")["value"] == str(b.versi)


def test_autosave_keeps_a_draft_and_updates_the_forms_version(client, masuk, humas, tulis, db):
    b = tulis(humas)
    masuk(humas)
    data = {"judul": "Judul diketik", "isi": "Sedang mengetik", "versi": b.versi}
    r = client.post(f"/staf/berita/{b.id}/otomatis", headers=HX, data=data)
    assert r.status_code == 200
    db.session.refresh(b)
    assert (b.judul, b.isi, b.status) == ("Judul diketik", "Sedang mengetik", "draf")
    html = r.get_data(as_text=True)
    assert f'name="versi" id="versi" value="{b.versi}" data-hx-swap-oob="true"' in html
    jumlah = len(b.revisi)
    from app.models import AuditLog

    audit = db.session.query(AuditLog).filter_by(aksi="berita.simpan_otomatis").count()
    assert audit == 1
    # Further autosaves by the same person follow the last autosave revision.
    r = client.post(f"/staf/berita/{b.id}/otomatis", headers=HX,
                    data={**data, "isi": "Sudah selesai", "versi": b.versi})
    db.session.refresh(b)
    assert b.isi == "Sudah selesai" and len(b.revisi) == jumlah
    assert b.revisi[-1].isi == "Sudah selesai"
    assert db.session.query(AuditLog).filter_by(aksi="berita.simpan_otomatis").count() == 1


def test_autosave_never_overwrites_a_newer_save(client, masuk, humas, humas2, tulis, db):
    b = tulis(humas)
    lama = b.versi
    tulis(humas, berita=b, oleh=humas2, judul="Judul rekan")
    masuk(humas)
    sebelum = potret(db)
    r = client.post(f"/staf/berita/{b.id}/otomatis", headers=HX,
                    data={"judul": "Judul saya", "versi": lama})
    assert r.status_code == 409 and "orang lain menyimpan" in r.get_data(as_text=True)
    assert potret(db) == sebelum
    db.session.refresh(b)
    assert b.judul == "Judul rekan"


def test_autosave_does_not_touch_a_published_article(client, masuk, humas, terbit, db):
    b = terbit()
    masuk(humas)
    r = client.post(f"/staf/berita/{b.id}/otomatis", headers=HX,
                    data={"judul": "Diubah diam-diam", "versi": b.versi})
    assert "hanya untuk draf" in r.get_data(as_text=True)
    db.session.refresh(b)
    assert b.judul != "Diubah diam-diam"
