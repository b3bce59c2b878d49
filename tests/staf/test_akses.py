"""Who may enter /staf: officers and admins; other roles 403 (lists) or 404 (objects);
anonymous visitors to the login page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest


def _halaman(klaim) -> list[str]:
    """Every GET page of the officers' area, for one claim and its worker."""
    p = klaim.peserta
    dok = klaim.dokumen[0]
    return [
        "/staf",
        "/staf/peserta",
        "/staf/peserta/baru",
        f"/staf/peserta/{p.id}",
        f"/staf/peserta/{p.id}/ubah",
        "/staf/klaim",
        "/staf/klaim/baru",
        f"/staf/klaim/{klaim.public_id}",
        f"/staf/klaim/{klaim.public_id}/dokumen/{dok.id}/berkas",
        "/staf/aktivasi",
        "/staf/audit",
    ]


def _posts(klaim) -> list[str]:
    p = klaim.peserta
    dok = klaim.dokumen[0]
    basis = f"/staf/klaim/{klaim.public_id}"
    return [
        "/staf/peserta/baru", f"/staf/peserta/{p.id}/ubah", "/staf/klaim/baru",
        f"{basis}/status", f"{basis}/persetujuan", f"{basis}/pembayaran", f"{basis}/catatan",
        f"{basis}/dokumen", f"{basis}/dokumen/{dok.id}/terima", "/staf/aktivasi",
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(app, client, klaim_jkm):
    with app.test_request_context():
        from flask import url_for

        masuk = url_for("auth.masuk") if "auth.masuk" in app.view_functions else "/masuk"
    for url in _halaman(klaim_jkm):
        response = client.get(url)
        assert response.status_code == 302, url
        assert urlsplit(response.headers["Location"]).path == masuk, url
    for url in _posts(klaim_jkm):
        assert client.post(url, data={}).status_code == 302, url


def _menyebut_objek(url: str) -> bool:
    """Whether the address names a claim, participant or file (ids are in the path)."""
    return url.rstrip("/").split("?")[0] not in {
        "/staf", "/staf/peserta", "/staf/peserta/baru", "/staf/klaim", "/staf/klaim/baru",
        "/staf/aktivasi", "/staf/audit"}


@pytest.mark.parametrize("peran", ["peserta", "ahli_waris", "humas"])
def test_other_roles_get_403_on_lists_and_404_on_objects(factory, masuk, client, klaim_jkm,
                                                          peran):
    masuk(factory.user(peran=peran))
    for url in _halaman(klaim_jkm):
        assert client.get(url).status_code == (404 if _menyebut_objek(url) else 403), url
    for url in _posts(klaim_jkm):
        jawaban = client.post(url, data={"ke": "ditolak", "alasan": "x"})
        assert jawaban.status_code == (404 if _menyebut_objek(url) else 403), url
    assert klaim_jkm.state == "verifikasi_berkas"


def test_the_heir_who_owns_the_claim_gets_the_same_404_as_for_no_claim(masuk, client,
                                                                       klaim_jkm):
    masuk(klaim_jkm.pemohon)
    ada = client.get(f"/staf/klaim/{klaim_jkm.public_id}")
    tidak_ada = client.get("/staf/klaim/bukan-klaim-siapa-pun")
    assert ada.status_code == tidak_ada.status_code == 404
    assert ada.data == tidak_ada.data


@pytest.mark.parametrize("peran", ["petugas", "admin"])
def test_officers_and_admins_see_every_page(factory, masuk, get_page, klaim_jkm, peran):
    masuk(factory.user(peran=peran))
    for url in _halaman(klaim_jkm):
        if url.endswith("/berkas"):
            continue  # nothing uploaded yet: covered in test_klaim
        get_page(url)


def test_staff_pages_are_never_cached(client, petugas, klaim_jkm):
    for url in ("/staf", "/staf/peserta", f"/staf/klaim/{klaim_jkm.public_id}"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store", url
        assert b'name="robots" content="noindex"' in response.data


def test_every_post_needs_a_csrf_token(app, client, petugas, klaim_jkm):
    app.config["WTF_CSRF_ENABLED"] = True
    for url in _posts(klaim_jkm):
        response = client.post(url, data={"ke": "dibatalkan", "catatan_status": "uji"})
        assert response.status_code == 400, url
    assert klaim_jkm.state == "verifikasi_berkas"


def test_every_form_on_staff_pages_carries_a_csrf_token(client, petugas, klaim_jkm, get_page):
    for url in _halaman(klaim_jkm):
        if url.endswith("/berkas"):
            continue
        soup = get_page(url)
        for form in soup.find_all("form", method="post"):
            assert form.find("input", attrs={"name": "csrf_token"}), (url, form.get("action"))
