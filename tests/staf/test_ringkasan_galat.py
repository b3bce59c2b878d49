"""Every form, sent empty or wrong, shows an error summary whose every link lands on a form
control of the page (GOV.UK structure: the field itself, for radios the first radio).
The claim forms are walked too (they belong to the claim area; read only here)."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup

KONTROL = {"input", "select", "textarea"}


def _periksa_ringkasan(response, status: int) -> list[str]:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    tautan = soup.select("#ringkasan-kesalahan a[href]")
    assert tautan, "the error summary is shown"
    ids = []
    for a in tautan:
        assert a["href"].startswith("#"), a
        sasaran = soup.find(id=a["href"][1:])
        assert sasaran is not None, f"{a['href']} has no element on the page"
        assert sasaran.name in KONTROL, f"{a['href']} lands on <{sasaran.name}>, not a field"
        if sasaran.get("type") == "radio":
            assert sasaran.find_previous("input", {"name": sasaran["name"],
                                                   "type": "radio"}) is None, "first radio"
        ids.append(a["href"][1:])
    return ids


PUBLIK = [
    ("get", "/verifikasi?kode=", None, 422),
    ("post", "/verifikasi", {}, 422),
    ("get", "/kalkulator?kasus=x&peserta=mandiri&penghasilan=%C2%B2", None, 422),
    ("get", "/cek/hasil?kepesertaan=tidak&domisili=", None, 422),
    ("get", "/cek/hasil?kepesertaan=%C2%B2", None, 422),
    ("post", "/masuk", {}, 422),
    ("post", "/aktivasi", {}, 422),
    ("post", "/aktivasi", {"nik": "²" * 16, "kode": "x", "sandi": "a", "sandi_ulang": "b"}, 422),
]


@pytest.mark.parametrize(("cara", "alamat", "isi", "status"), PUBLIK)
def test_formulir_publik(client, cara, alamat, isi, status):
    response = getattr(client, cara)(alamat, data=isi) if isi is not None else \
        getattr(client, cara)(alamat)
    _periksa_ringkasan(response, status)


STAF = [
    ("/staf/peserta/baru", {}),
    ("/staf/peserta/baru", {"nik": "²" * 16, "penghasilan": "²", "desil": str(2**63)}),
    ("/staf/aktivasi", {}),
    ("/staf/aktivasi", {"user_id": "²", "peserta_id": str(2**63), "nik": "12"}),
    ("/staf/impor", {}),
    ("/staf/klaim/baru", {}),
]


@pytest.mark.parametrize(("alamat", "isi"), STAF)
def test_formulir_petugas(client, petugas, alamat, isi):
    _periksa_ringkasan(client.post(alamat, data=isi), 422)


def test_formulir_peserta_ubah_dan_klaim(client, petugas, factory, klaim_jkm):
    peserta = factory.peserta(nama="Budi", nik="3275010101900001")
    _periksa_ringkasan(client.post(f"/staf/peserta/{peserta.id}/ubah",
                                   data={"tanggal_lahir": "2999-01-01", "status": "x"}), 422)
    dasar = f"/staf/klaim/{klaim_jkm.public_id}"
    for akhir in ("status", "catatan", "dokumen"):
        assert _periksa_ringkasan(client.post(f"{dasar}/{akhir}", data={}), 422)
    # The amount forms, each at the stage where the page shows it.
    setuju = factory.klaim(state="diajukan_bpjs")
    assert _periksa_ringkasan(client.post(f"/staf/klaim/{setuju.public_id}/persetujuan",
                                          data={"jumlah_disetujui": "²"}), 422) == [
        "jumlah_disetujui"]
    bayar = factory.klaim(state="disetujui")
    assert _periksa_ringkasan(client.post(f"/staf/klaim/{bayar.public_id}/pembayaran",
                                          data={}), 422) == [
        "jumlah_dibayar", "tanggal_bayar", "referensi_bank"]


@pytest.mark.parametrize("akhir", ["persetujuan", "pembayaran"])
def test_formulir_jumlah_sebelum_waktunya(client, petugas, klaim_jkm, akhir):
    """Posted while the page shows no amount form (the claim is in verifikasi_berkas): one
    page-level message (409), no error summary pointing at a field the page does not have."""
    response = client.post(f"/staf/klaim/{klaim_jkm.public_id}/{akhir}", data={})
    _periksa_pesan_halaman(response, "tidak bisa dipindah",
                           f"jumlah_{'disetujui' if akhir == 'persetujuan' else 'dibayar'}")


def _periksa_pesan_halaman(response, pesan: str, kolom: str) -> None:
    """A 409 with one page-level message and no error summary; ``kolom`` is not on the page."""
    assert response.status_code == 409
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one("#ringkasan-kesalahan") is None
    assert pesan in soup.select_one("#pesan-galat").get_text()
    assert soup.find(id=kolom) is None


def test_formulir_berita(client, factory, masuk):
    masuk(factory.user(peran="humas", nama="Rina Humas"))
    _periksa_ringkasan(client.post("/staf/berita/baru", data={"aksi": "simpan_draf"}), 422)


def test_formulir_unggah_pemohon(client, masuk, klaim_jkm):
    """The applicant's upload form on their claim page (the claim area's), sent without a file."""
    masuk(klaim_jkm.pemohon)
    halaman = client.get(f"/akun/klaim/{klaim_jkm.public_id}")
    assert halaman.status_code == 200
    soup = BeautifulSoup(halaman.get_data(as_text=True), "html.parser")
    aksi = [f["action"] for f in soup.select("form[action]") if "/dokumen/" in f["action"]]
    assert aksi, "the claim in verifikasi_berkas offers an upload"
    _periksa_ringkasan(client.post(aksi[0], data={}), 422)


def test_formulir_berita_semua_kolom(client, factory, masuk):
    """Every editor field wrong at once: one link per field, in form order, each on its control
    (the body's textarea is #isi-berita: the page's <main> is #isi)."""
    masuk(factory.user(peran="humas", nama="Rina Humas"))
    isi = {"aksi": "ajukan_tinjauan", "judul": "j" * 201, "ringkasan": "r" * 401,
           "waktu_terbit": "kemarin", "gambar": (io.BytesIO(b"bukan gambar"), "foto.jpg")}
    response = client.post("/staf/berita/baru", data=isi, content_type="multipart/form-data")
    assert _periksa_ringkasan(response, 422) == [
        "judul", "ringkasan", "isi-berita", "gambar", "waktu_terbit"]


def test_formulir_kode_masuk(client, factory):
    """The staff second step (/masuk/kode) after a right password, sent without a code."""
    from tests.akun_bantu import masuk as masuk_sandi

    user = factory.user(peran="petugas")
    assert masuk_sandi(client, user.identitas, "sandi-uji-coba-123").status_code == 302
    assert _periksa_ringkasan(client.post("/masuk/kode", data={}), 422) == ["kode"]


def test_formulir_aksi_dokumen(client, db, petugas, klaim_jkm):
    """Rejecting an uploaded document without a reason: the link lands on that row's field."""
    from app.services.dokumen import unggah_dokumen
    from tests.akun_bantu import PDF

    dok = klaim_jkm.dokumen[0]
    unggah_dokumen(db.session, klaim_jkm, dok.kode, io.BytesIO(PDF), klaim_jkm.pemohon,
                   nama_berkas="akta.pdf")
    db.session.commit()
    alamat = f"/staf/klaim/{klaim_jkm.public_id}/dokumen/{dok.id}/tolak"
    assert _periksa_ringkasan(client.post(alamat, data={}), 422) == [f"alasan-{dok.id}"]


@pytest.mark.parametrize("aksi", ["tolak", "minta"])
def test_aksi_dokumen_yang_tidak_ditawarkan(client, db, petugas, klaim_jkm, aksi):
    """An action the page does not offer for the document's status (a never-uploaded document
    cannot be rejected or asked again): 409 with one page-level message, no error summary
    pointing at a field the page does not have, nothing written."""
    from app.models import AuditLog

    dok = klaim_jkm.dokumen[0]
    assert dok.status == "diminta"
    response = client.post(f"/staf/klaim/{klaim_jkm.public_id}/dokumen/{dok.id}/{aksi}", data={})
    _periksa_pesan_halaman(response, "tidak tersedia", f"alasan-{dok.id}")
    db.session.refresh(dok)
    assert dok.status == "diminta"
    assert db.session.query(AuditLog).filter(AuditLog.aksi.like("dokumen.%")).count() == 0


def test_formulir_saring_audit(client, petugas):
    """The audit log's GET filter with a date that is not a date."""
    assert _periksa_ringkasan(client.get("/staf/audit?dari=kemarin"), 422) == ["dari"]


def test_formulir_cabut_surat(app, client, petugas, factory, db):
    """Revoking an issued certificate without a reason."""
    from app.services.surat import sertifikat
    from app.services.waktu import hari_ini

    with app.test_request_context():  # the certificate's verification address is a URL
        surat, _ = sertifikat(db.session, factory.peserta(nama="Budi"), hari_ini())
    db.session.commit()
    alamat = f"/staf/surat/{surat.id}/cabut"
    assert _periksa_ringkasan(client.post(alamat, data={"alasan": " "}), 422) == ["alasan"]
