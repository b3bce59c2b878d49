"""The editorial workflow: drafts, two-person review, urgent publishing, optimistic locking,
revisions (stored, diffed, restored), slugs (unique, 301 after a change), NUL refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditLog, Berita, BeritaRevisi
from app.services import berita as layanan
from app.services.berita import BeritaDitolak, IsianBerita
from tests.potret import potret

DATA = {"judul": "Pembayaran santunan JKM tahap pertama", "ringkasan": "Ahli waris menerima.",
        "isi": "Santunan dibayar.\n\nDokumen lengkap.", "waktu_terbit": ""}


def _kirim(client, url, **ubah):
    return client.post(url, data={**DATA, **ubah})


def test_a_new_draft_is_saved_with_a_revision_and_an_audit_row(client, masuk, humas, db):
    masuk(humas)
    r = _kirim(client, "/staf/berita/baru", aksi="simpan_draf")
    assert r.status_code == 303
    b = db.session.scalar(select(Berita))
    assert (b.status, b.slug, b.penulis_id) == ("draf", "pembayaran-santunan-jkm-tahap-pertama",
                                                humas.id)
    assert [r.catatan for r in b.revisi] == ["Disimpan sebagai draf"]
    assert db.session.scalar(select(AuditLog.aksi)) == "berita.simpan_draf"


def test_missing_title_and_body_are_clear_errors_and_nothing_is_saved(client, masuk, humas,
                                                                      get_page, db):
    masuk(humas)
    r = client.post("/staf/berita/baru", data={"judul": " ", "isi": "", "aksi": "terbitkan"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Isi judul berita." in html and 'href="#judul"' in html
    assert 'href="#isi-berita"' in html and "Isi berita masih kosong." in html
    assert db.session.scalar(select(Berita)) is None


def test_nul_bytes_are_refused_with_a_message_not_a_500(client, masuk, humas, db):
    # The request boundary (app/batas.py) refuses a NUL byte in any field before the view runs.
    masuk(humas)
    for kolom in ("judul", "ringkasan", "isi", "alt_gambar"):
        r = _kirim(client, "/staf/berita/baru", aksi="simpan_draf", **{kolom: "ab\x00cd"})
        assert r.status_code == 400, kolom
        assert "<h1" in r.get_data(as_text=True)
    assert db.session.scalar(select(Berita)) is None


def test_an_unknown_action_is_a_400(client, masuk, humas):
    masuk(humas)
    assert _kirim(client, "/staf/berita/baru", aksi="hapus_semua").status_code == 400


def test_nobody_approves_their_own_article(client, masuk, humas, tulis):
    b = tulis(humas, "ajukan_tinjauan")
    masuk(humas)
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="terbitkan", versi=b.versi)
    assert r.status_code == 422
    assert "tidak bisa menyetujui artikel Anda sendiri" in r.get_data(as_text=True)
    assert b.status == "menunggu_tinjauan"


def test_humas_cannot_publish_a_draft_without_review(client, masuk, humas, tulis):
    b = tulis(humas)
    masuk(humas)
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="terbitkan", versi=b.versi)
    assert r.status_code == 422 and "Ajukan tinjauan" in r.get_data(as_text=True)


def test_a_colleague_reviews_and_publishes(client, masuk, humas, humas2, tulis, db):
    b = tulis(humas, "ajukan_tinjauan")
    masuk(humas2)
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="terbitkan", versi=b.versi)
    assert r.status_code == 303
    db.session.refresh(b)
    assert (b.status, b.ditinjau, b.peninjau_id) == ("terbit", True, humas2.id)
    assert b.waktu_terbit is not None


def test_the_submitter_cannot_approve_a_colleagues_article_they_submitted(db, humas, humas2,
                                                                         tulis):
    b = tulis(humas)
    b = tulis(humas, "ajukan_tinjauan", berita=b, oleh=humas2)
    with pytest.raises(BeritaDitolak):
        tulis(humas, "terbitkan", berita=b, oleh=humas2)


def test_admin_urgent_publish_shows_not_reviewed_until_someone_else_reviews(
        client, masuk, admin, humas, humas2, tulis, db, get_page):
    b = tulis(humas)
    masuk(admin)
    assert _kirim(client, f"/staf/berita/{b.id}", aksi="terbitkan", versi=b.versi).status_code \
        == 303
    db.session.refresh(b)
    assert (b.status, b.ditinjau) == ("terbit", False)
    assert get_page("/staf/berita").select_one(f'tr[data-berita="{b.id}"] [data-belum-ditinjau]')
    # The publisher cannot review it; the author cannot either; a colleague can.
    assert client.post(f"/staf/berita/{b.id}/tinjau").status_code == 422
    masuk(humas)
    assert client.post(f"/staf/berita/{b.id}/tinjau").status_code == 422
    masuk(humas2)
    assert client.post(f"/staf/berita/{b.id}/tinjau").status_code == 303
    db.session.refresh(b)
    assert (b.ditinjau, b.peninjau_id) == (True, humas2.id)
    assert not get_page("/staf/berita").select_one("[data-belum-ditinjau]")


def test_review_can_be_switched_off(app, client, masuk, humas, tulis, db):
    app.config["BERITA_WAJIB_TINJAUAN"] = False
    b = tulis(humas)
    masuk(humas)
    assert _kirim(client, f"/staf/berita/{b.id}", aksi="terbitkan", versi=b.versi).status_code \
        == 303
    db.session.refresh(b)
    assert b.status == "terbit"


def test_a_stale_save_is_refused_and_the_typed_text_kept(client, masuk, humas, humas2, tulis,
                                                        db):
    b = tulis(humas)
    dibuka = b.versi
    tulis(humas, berita=b, oleh=humas2, judul="Judul dari rekan")  # saved in between
    masuk(humas)
    sebelum = potret(db)
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="simpan_draf", versi=dibuka,
               judul="Judul saya", isi="Teks panjang yang saya ketik.")
    assert r.status_code == 409
    assert potret(db) == sebelum  # no revision, no audit line, nothing
    html = r.get_data(as_text=True)
    assert "Yusuf Humas menyimpan artikel ini" in html and "belum disimpan" in html
    assert 'value="Judul saya"' in html and "Teks panjang yang saya ketik." in html
    db.session.refresh(b)
    assert b.judul == "Judul dari rekan"
    # The form now carries the newest version: sending it again saves, knowingly.
    versi = int(html.split('name="versi" id="versi" value="')[1].split('"')[0])
    assert versi == b.versi
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="simpan_draf", versi=versi,
               judul="Judul saya")
    assert r.status_code == 303


@pytest.mark.parametrize("versi", [None, "", "²", "-1", str(2**63)])
def test_a_save_without_a_version_is_refused_too(client, masuk, humas, tulis, db, versi):
    """A missing or broken hidden version is a stale save (409), never a field error (422)."""
    b = tulis(humas)
    masuk(humas)
    sebelum = potret(db)
    data = {**DATA, "aksi": "simpan_draf"} | ({} if versi is None else {"versi": versi})
    r = client.post(f"/staf/berita/{b.id}", data=data)
    assert r.status_code == 409
    assert potret(db) == sebelum


def test_revisions_are_stored_diffed_and_restored_as_a_new_revision(client, masuk, humas, tulis,
                                                                   db, get_page):
    b = tulis(humas, isi="Baris satu.\nBaris lama.")
    tulis(humas, berita=b, isi="Baris satu.\nBaris baru.")
    nomor = [r.nomor for r in b.revisi]
    assert len(nomor) == 2
    masuk(humas)
    soup = get_page(f"/staf/berita/{b.id}/riwayat?dari={nomor[0]}&ke={nomor[1]}")
    isi = soup.select_one('ul.diff[data-bagian="isi"]')
    assert isi.select_one(".diff__hapus").get_text(strip=True).endswith("Baris lama.")
    assert isi.select_one(".diff__tambah").get_text(strip=True).endswith("Baris baru.")
    r = client.post(f"/staf/berita/{b.id}/riwayat/{nomor[0]}/pulihkan", data={"versi": b.versi})
    assert r.status_code == 303
    db.session.refresh(b)
    assert b.isi == "Baris satu.\nBaris lama."
    assert len(b.revisi) == 3 and b.revisi[-1].catatan == f"Dipulihkan dari revisi {nomor[0]}"
    get_page(f"/staf/berita/{b.id}/riwayat?dari=1&ke=99999", status=404)
    get_page(f"/staf/berita/{b.id}/riwayat?dari=abc&ke=1", status=404)


def test_a_stale_restore_is_refused(client, masuk, humas, tulis, db):
    b = tulis(humas)
    lama = b.versi
    tulis(humas, berita=b, judul="Judul baru")
    masuk(humas)
    r = client.post(f"/staf/berita/{b.id}/riwayat/{b.revisi[0].nomor}/pulihkan",
                    data={"versi": lama})
    assert r.status_code == 303
    db.session.refresh(b)
    assert b.judul == "Judul baru"


def test_two_articles_with_the_same_title_get_different_slugs(humas, tulis):
    a = tulis(humas)
    b = tulis(humas)
    c = tulis(humas)
    assert (a.slug, b.slug, c.slug) == ("pendaftaran-pekerja-rentan-dibuka",
                                        "pendaftaran-pekerja-rentan-dibuka-2",
                                        "pendaftaran-pekerja-rentan-dibuka-3")


def test_a_slug_race_is_caught_by_the_constraint_and_the_next_suffix_used(humas, tulis,
                                                                          monkeypatch):
    """Two saves of the same title at once: both see the slug free; the constraint decides."""
    a = tulis(humas)
    monkeypatch.setattr(layanan, "_slug_terpakai", lambda *args: False)
    b = tulis(humas)
    assert a.slug == "pendaftaran-pekerja-rentan-dibuka"
    assert b.slug == "pendaftaran-pekerja-rentan-dibuka-2"


def test_a_slug_change_answers_301_from_the_old_address(client, terbit, tulis, humas, humas2):
    b = terbit()
    lama = b.slug
    b = tulis(humas, "ajukan_tinjauan", berita=b, judul="Pendaftaran tahap dua dibuka")
    tulis(humas, "terbitkan", berita=b, oleh=humas2, judul="Pendaftaran tahap dua dibuka")
    assert b.slug == "pendaftaran-tahap-dua-dibuka"
    r = client.get(f"/berita/{lama}")
    assert r.status_code == 301
    assert r.headers["Location"].endswith("/berita/pendaftaran-tahap-dua-dibuka")
    assert client.get(r.headers["Location"]).status_code == 200


def test_archived_articles_answer_410_with_a_friendly_page(client, terbit, tulis, humas,
                                                          page_checker):
    b = terbit()
    tulis(humas, "arsipkan", berita=b)
    r = client.get(f"/berita/{b.slug}")
    assert r.status_code == 410
    soup = page_checker.check(r.get_data(as_text=True))
    assert soup.h1.get_text() == "Berita ini sudah diarsipkan"
    assert soup.select_one('a[href="/berita"]')


def test_service_refuses_a_stale_version_before_writing(db, humas, tulis):
    b = tulis(humas)
    with pytest.raises(layanan.VersiKedaluwarsa):
        layanan.simpan(db.session, b, IsianBerita(judul="x"), "simpan_draf", humas, b.versi - 1)
    db.session.rollback()
    assert db.session.scalar(select(BeritaRevisi.judul).order_by(BeritaRevisi.id.desc())) \
        == "Pendaftaran pekerja rentan dibuka"


def test_an_old_slug_of_an_unpublished_article_does_not_reveal_the_new_title(client, tulis,
                                                                             humas):
    b = tulis(humas)
    lama = b.slug
    tulis(humas, berita=b, judul="Judul baru yang belum terbit")
    assert client.get(f"/berita/{lama}").status_code == 404


def test_changes_to_a_live_article_wait_for_review_while_the_old_text_stays_public(
        client, masuk, humas, humas2, terbit, db, get_page):
    b = terbit(judul="Kuota peserta 2026", isi="Kuota 10.000 orang.")
    tamu = client.application.test_client()
    masuk(humas)
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="ajukan_tinjauan", versi=b.versi,
               judul="Kuota peserta 2026 (diperbarui)", isi="Kuota 10.000 orang, desil 1-5.")
    assert r.status_code == 303
    db.session.refresh(b)
    assert (b.status, b.perubahan, b.judul) == ("terbit", "menunggu_tinjauan",
                                                "Kuota peserta 2026")
    publik = tamu.get(f"/berita/{b.slug}?1").get_data(as_text=True)
    assert "Kuota 10.000 orang." in publik and "desil" not in publik
    # The editor shows the waiting change, marked as such.
    soup = get_page(f"/staf/berita/{b.id}")
    assert soup.select_one("#judul")["value"] == "Kuota peserta 2026 (diperbarui)"
    assert soup.select_one('[data-perubahan="menunggu_tinjauan"]')
    # Its author cannot approve it; a colleague can, and only then it goes live.
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="terbitkan", versi=b.versi,
               judul="Kuota peserta 2026 (diperbarui)", isi="Kuota 10.000 orang, desil 1-5.")
    assert r.status_code == 422
    masuk(humas2)
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="terbitkan", versi=b.versi,
               judul="Kuota peserta 2026 (diperbarui)", isi="Kuota 10.000 orang, desil 1-5.")
    assert r.status_code == 303
    db.session.refresh(b)
    assert (b.perubahan, b.judul, b.ditinjau) == (None, "Kuota peserta 2026 (diperbarui)", True)
    assert "desil 1-5" in tamu.get(f"/berita/{b.slug}").get_data(as_text=True)


def test_a_draft_change_or_a_restore_on_a_live_article_keeps_it_online(client, masuk, humas,
                                                                       terbit, db):
    b = terbit(isi="Teks yang sedang tayang.")
    masuk(humas)
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="simpan_draf", versi=b.versi,
               isi="Coretan belum selesai.")
    assert r.status_code == 303
    db.session.refresh(b)
    assert (b.status, b.perubahan, b.isi) == ("terbit", "draf", "Teks yang sedang tayang.")
    r = client.post(f"/staf/berita/{b.id}/riwayat/{b.revisi[0].nomor}/pulihkan",
                    data={"versi": b.versi})
    assert r.status_code == 303
    db.session.refresh(b)
    assert (b.status, b.perubahan, b.isi) == ("terbit", "draf", "Teks yang sedang tayang.")
    assert b.revisi[-1].catatan.startswith("Dipulihkan dari revisi")
    assert client.application.test_client().get(f"/berita/{b.slug}").status_code == 200


@pytest.mark.parametrize("mentah", ["besok pagi", "0001-01-01T00:00", "2026-13-01T09:00",
                                    "9999-12-31T23:59"])
def test_a_wrong_publication_time_is_a_clear_error(client, masuk, humas, mentah):
    masuk(humas)
    r = _kirim(client, "/staf/berita/baru", aksi="simpan_draf", waktu_terbit=mentah)
    assert r.status_code == 422 and 'href="#waktu_terbit"' in r.get_data(as_text=True)


def test_a_publication_time_is_read_as_bekasi_time(client, masuk, humas, db):
    masuk(humas)
    r = _kirim(client, "/staf/berita/baru", aksi="simpan_draf", waktu_terbit="2026-12-24T09:00")
    assert r.status_code == 303
    b = db.session.scalar(select(Berita))
    assert layanan.utc(b.waktu_terbit).isoformat() == "2026-12-24T02:00:00+00:00"


def test_publishing_with_a_future_time_says_it_is_scheduled(client, masuk, humas, humas2, tulis,
                                                           db):
    b = tulis(humas, "ajukan_tinjauan")
    masuk(humas2)
    r = _kirim(client, f"/staf/berita/{b.id}", aksi="terbitkan", versi=b.versi,
               waktu_terbit="2099-01-01T08:00")
    assert r.status_code == 303
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Artikel dijadwalkan terbit 1 Januari 2099 08.00 WIB" in html
    assert "Terjadwal" in client.get("/staf/berita").get_data(as_text=True)


def test_revision_numbers_that_are_not_ascii_digits_are_404_not_500(client, factory, masuk):
    masuk(factory.user(peran="humas", nama="Rina Humas"))
    respons = client.post("/staf/berita/baru", data={"aksi": "simpan_draf", "judul": "Uji",
                                                    "ringkasan": "Ringkas", "isi": "Isi"})
    alamat = respons.headers.get("Location", "")
    berita_id = alamat.rstrip("/").split("/")[-1]
    assert berita_id.isascii() and berita_id.isdigit(), alamat
    for nilai in ("²", "٣", str(2**63)):
        r = client.get(f"/staf/berita/{berita_id}/riwayat?dari={nilai}&ke=1")
        assert r.status_code == 404
