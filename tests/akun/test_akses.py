"""Access matrix: every account URL × every demo person; only owners and officers see claims."""

from __future__ import annotations

import pytest

from app.domain.unggah import simpan_aman
from app.penyimpanan import penyimpanan
from tests.akun_bantu import PDF, masuk_sebagai

ORANG = ["budi", "siti", "dewi", "humas", "petugas", "admin"]
# Who owns which demo claim (the applicant, or the insured worker for Budi's own claim).
PEMILIK = {
    "siti_jkm": {"siti"},
    "siti_beasiswa": {"siti"},
    "dewi_jkm": {"dewi"},
    "budi_jkk": {"budi"},
    "lain": set(),
}
PETUGAS = {"petugas", "admin"}


@pytest.fixture
def berkas(db, demo):
    """A stored file on one document of every claim, so every download URL is real."""
    hasil = {}
    for kunci, klaim in demo.klaim.items():
        dok = klaim.dokumen[0]
        folder = penyimpanan().folder  # the local default storage
        folder.mkdir(parents=True, exist_ok=True)
        tersimpan = simpan_aman(PDF, folder, nama_asli="a.pdf")
        dok.berkas, dok.jenis = tersimpan.nama_berkas, tersimpan.jenis.kode
        dok.ukuran, dok.sha256 = tersimpan.ukuran, tersimpan.sha256
        dok.diunggah_pada, dok.nama_asli = klaim.dibuat, "a.pdf"
        hasil[kunci] = dok
    db.session.commit()
    return hasil


def _url_klaim(demo, berkas):
    for kunci, klaim in demo.klaim.items():
        yield kunci, f"/akun/klaim/{klaim.public_id}", "lihat"
        yield kunci, f"/akun/klaim/{klaim.public_id}/dokumen/{berkas[kunci].id}", "lihat"


def test_claim_and_download_urls_only_for_owner_and_officers(app, demo, berkas):
    for siapa in ORANG:
        client = app.test_client()
        masuk_sebagai(client, demo, siapa)
        for kunci, url, _ in _url_klaim(demo, berkas):
            boleh = siapa in PEMILIK[kunci] or siapa in PETUGAS
            r = client.get(url)
            assert r.status_code == (200 if boleh else 404), (siapa, kunci, url, r.status_code)


def test_upload_url_only_for_owner(app, demo, berkas):
    for siapa in ORANG:
        client = app.test_client()
        masuk_sebagai(client, demo, siapa)
        _coba_unggah(client, demo, berkas, siapa)


def _coba_unggah(client, demo, berkas, siapa):
    for kunci, klaim in demo.klaim.items():
        url = f"/akun/klaim/{klaim.public_id}/dokumen/{berkas[kunci].id}"
        r = client.post(url, data={})  # no file: the owner gets the form error, nothing changes
        # Officers use /staf: uploading here is for the applicant only; to anyone else the
        # address answers like one that does not exist.
        harapan = 422 if siapa in PEMILIK[kunci] else 404
        assert r.status_code == harapan, (siapa, kunci, r.status_code)


def test_own_pages_for_workers_and_heirs_refused_for_staff(app, demo, page_checker):
    for siapa in ORANG:
        client = app.test_client()
        masuk_sebagai(client, demo, siapa)
        for url in ("/akun/", "/akun/pesan"):
            r = client.get(url)
            if siapa in ("budi", "siti", "dewi"):
                assert r.status_code == 200, (siapa, url)
                page_checker.check(r.get_data(as_text=True))
            else:
                assert r.status_code == 403, (siapa, url)
        r = client.get("/akun/data-saya")
        assert r.status_code == (200 if siapa in ("budi", "siti", "dewi") else 403)


def test_anonymous_visitors_are_sent_to_sign_in(client, demo, berkas):
    urls = ["/akun/", "/akun/pesan", "/akun/data-saya"] + [u for _, u, _ in
                                                            _url_klaim(demo, berkas)]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 302 and r.location.startswith("/masuk"), url
    klaim = demo.klaim["siti_beasiswa"]
    r = client.post(f"/akun/klaim/{klaim.public_id}/dokumen/{berkas['siti_beasiswa'].id}")
    assert r.status_code == 302 and r.location.startswith("/masuk")


def test_unknown_claim_or_document_of_another_claim_is_404(client, demo, berkas):
    masuk_sebagai(client, demo, "siti")
    klaim = demo.klaim["siti_jkm"]
    assert client.get("/akun/klaim/bukan-id-yang-ada").status_code == 404
    dok_dewi = berkas["dewi_jkm"].id
    assert client.get(f"/akun/klaim/{klaim.public_id}/dokumen/{dok_dewi}").status_code == 404
    # A document with no uploaded file cannot be downloaded either.
    kosong = next(d for d in klaim.dokumen if d.berkas is None)
    assert client.get(f"/akun/klaim/{klaim.public_id}/dokumen/{kosong.id}").status_code == 404
