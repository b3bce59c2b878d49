"""/verifikasi: by code or by the PDF itself; sah, tidak_aktif, diganti, dicabut,
tidak_ditemukan; throttled."""
# ruff: noqa: F811 - pytest fixtures imported from tests.akun_bantu are redefined as arguments

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from sqlalchemy import select

from app.auth.pembatas import BatasPercobaan
from app.domain.format import tanggal
from app.domain.surat import STATUS_VERIFIKASI
from app.models import Peserta, SuratTerbit
from app.services import surat as layanan
from app.services.waktu import hari_ini
from tests.akun_bantu import argon2_cepat, demo, masuk_sebagai  # noqa: F401 - fixtures
from tests.redis_bantu import url_redis
from tests.surat_bantu import kode_dari_teks, teks_pdf


@pytest.fixture
def sertifikat(client, demo):
    """Budi's certificate as downloaded: (bytes, code); the client is signed out again."""
    masuk_sebagai(client, demo, "budi")
    isi = client.get("/akun/sertifikat.pdf").data
    client.post("/keluar")
    client.delete_cookie("sigap_sesi")
    return isi, kode_dari_teks(teks_pdf(isi))


def _status(soup) -> str:
    return soup.select_one("[data-status]")["data-status"]


def test_form_page_has_both_ways_to_check(get_page):
    soup = get_page("/verifikasi")
    assert soup.select_one("form[method=get] input#kode")
    form = soup.select_one("form[method=post][enctype='multipart/form-data']")
    assert form.select_one("input[type=file]#berkas")
    assert form.select_one("input[name=csrf_token]")
    assert soup.select_one("[data-status]") is None


def test_genuine_code_is_sah_and_shows_only_kind_masked_name_and_date(client, sertifikat,
                                                                      get_page):
    _, kode = sertifikat
    r = client.get(f"/verifikasi/{kode}")
    assert r.headers["Cache-Control"] == "no-store"
    soup = get_page(f"/verifikasi/{kode}")
    hasil = soup.select_one("[data-status]")
    assert hasil["data-status"] == "sah"
    teks = hasil.get_text(" ")
    assert "Sertifikat Kepesertaan" in teks and "Bu** Sa*****" in teks
    assert "Budi Santoso" not in soup.decode() and "26011234567" not in soup.decode()
    assert "0001" not in teks  # not even the NIK's visible digits


def test_typed_code_in_any_case_with_dashes_goes_to_its_result(client, sertifikat):
    _, kode = sertifikat
    diketik = "-".join(kode[i:i + 4] for i in range(0, 16, 4)).lower()
    r = client.get("/verifikasi", query_string={"kode": diketik})
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/verifikasi/{kode}")
    assert client.get(f"/verifikasi/{diketik}").status_code == 301


@pytest.mark.parametrize("kode", ["ABCDEFGHJKMNPQRS", "tidak-ada", "x" * 300, "ABCDEFGHJKMNPQRU"])
def test_unknown_or_malformed_code_is_tidak_ditemukan_404(get_page, db, kode):
    assert _status(get_page(f"/verifikasi/{kode}", status=404)) == "tidak_ditemukan"
    soup = get_page("/verifikasi", status=404, query_string={"kode": kode},
                    follow_redirects=True)
    assert _status(soup) == "tidak_ditemukan"


def test_empty_code_is_422_with_linked_error(get_page):
    soup = get_page("/verifikasi?kode=+", status=422)
    assert soup.select_one(".error-summary a")["href"] == "#kode"
    assert soup.select_one("#kode")["aria-invalid"] == "true"


def test_revoked_document_verifies_as_dicabut_with_its_date(sertifikat, db, demo, get_page):
    _, kode = sertifikat
    surat = db.session.scalar(select(SuratTerbit).where(SuratTerbit.kode == kode))
    layanan.cabut(db.session, surat, "Diterbitkan dengan data yang salah.",
                  demo.users["petugas"], "127.0.0.1")
    db.session.commit()
    soup = get_page(f"/verifikasi/{kode}")
    assert _status(soup) == "dicabut"
    assert "Dicabut pada" in soup.get_text()
    assert "data yang salah" not in soup.get_text()


def test_superseded_document_verifies_as_diganti(client, sertifikat, db, demo, get_page):
    _, kode = sertifikat
    budi = db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso"))
    budi.akhir = dt.date(2027, 6, 30)
    db.session.commit()
    masuk_sebagai(client, demo, "budi")
    baru = kode_dari_teks(teks_pdf(client.get("/akun/sertifikat.pdf").data))
    assert _status(get_page(f"/verifikasi/{kode}")) == "diganti"
    assert _status(get_page(f"/verifikasi/{baru}")) == "sah"


def _unggah(client, isi: bytes, nama: str = "sertifikat.pdf"):
    return client.post("/verifikasi", data={"berkas": (io.BytesIO(isi), nama)},
                       content_type="multipart/form-data")


def test_uploaded_genuine_pdf_verifies_and_a_one_byte_change_does_not(client, sertifikat,
                                                                      page_checker):
    isi, _ = sertifikat
    r = _unggah(client, isi)
    assert r.status_code == 200
    assert _status(page_checker.check(r.get_data(as_text=True))) == "sah"
    ubah = bytearray(isi)
    ubah[len(ubah) // 2] ^= 0x01
    r = _unggah(client, bytes(ubah))
    assert r.status_code == 404
    assert _status(page_checker.check(r.get_data(as_text=True))) == "tidak_ditemukan"


def test_upload_without_a_file_is_422(client, page_checker):
    r = client.post("/verifikasi", data={}, content_type="multipart/form-data")
    assert r.status_code == 422
    soup = page_checker.check(r.get_data(as_text=True))
    assert soup.select_one(".error-summary a")["href"] == "#berkas"
    assert _unggah(client, b"").status_code == 422


def test_upload_needs_the_csrf_token(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    assert _unggah(client, b"%PDF-1.7").status_code == 400


def test_attempts_are_throttled_per_ip_with_the_retry_time(app, client, page_checker):
    app.extensions["sigap_pembatas"].aturan["verifikasi_ip"] = BatasPercobaan(3)
    for _ in range(3):
        assert client.get("/verifikasi/ABCDEFGHJKMNPQRS").status_code == 404
    r = client.get("/verifikasi/ABCDEFGHJKMNPQRS")
    assert r.status_code == 429
    assert 0 < int(r.headers["Retry-After"]) <= 15 * 60
    soup = page_checker.check(r.get_data(as_text=True))
    pesan = soup.select_one("[data-terkunci]").get_text(" ")
    assert "Coba lagi setelah pukul" in pesan and "WIB" in pesan
    assert _unggah(client, b"%PDF-1.7").status_code == 429
    assert client.get("/verifikasi", query_string={"kode": "salah"}).status_code == 429
    # Another address is not affected.
    r = client.get("/verifikasi/ABCDEFGHJKMNPQRS", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert r.status_code == 404


def test_upload_over_the_size_limit_is_413_not_500(client):
    r = _unggah(client, b"%PDF-1.7\n" + b"0" * (7 * 1024 * 1024))
    assert r.status_code == 413


def test_a_nik_typed_as_a_code_is_not_put_in_an_address_or_shown(client, db):
    r = client.get("/verifikasi", query_string={"kode": "3275 0115 0688 0001"})
    assert r.status_code == 404
    assert "3275 0115 0688 0001" not in r.get_data(as_text=True)
    r = client.get("/verifikasi/3275011506880001")
    assert r.status_code == 404
    assert "3275011506880001" not in r.get_data(as_text=True)


REDIS_URL = url_redis(3)


def test_with_redis_the_count_is_shared_by_every_worker(_schema, tmp_path):
    """Two app instances (two workers) on one Redis: together they reach the limit."""
    from app import create_app
    from tests.redis_bantu import perlu_redis

    perlu_redis(REDIS_URL)

    aturan = {"verifikasi_ip": BatasPercobaan(3)}
    pekerja = [create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, REDIS_URL=REDIS_URL,
                          UPLOAD_FOLDER=str(tmp_path), SIGAP_ATURAN_GAGAL=aturan)
               for _ in range(2)]
    alamat = {"REMOTE_ADDR": f"198.51.100.{uuid.uuid4().int % 250 + 1}"}
    with pekerja[0].app_context():
        pekerja[0].extensions["sigap_pembatas"].bersihkan("verifikasi_ip", alamat["REMOTE_ADDR"])
    kode = [pekerja[i % 2].test_client().get("/verifikasi/ABCDEFGHJKMNPQRS",
                                             environ_base=alamat).status_code for i in range(4)]
    assert kode == [404, 404, 404, 429]


def _budi(db) -> Peserta:
    return db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso"))


@pytest.mark.parametrize("perubahan", [
    {"status": "meninggal"},
    {"status": "nonaktif"},
    {"mulai": dt.date(2020, 1, 1), "akhir": dt.date(2020, 12, 31)},
    {"mulai": dt.date(2099, 1, 1), "akhir": dt.date(2099, 12, 31)},
], ids=["meninggal", "nonaktif", "masa-berakhir", "belum-mulai"])
def test_a_certificate_of_someone_not_covered_today_is_not_called_valid(
        sertifikat, db, get_page, perubahan):
    """The paper says "peserta"; once the cover has ended (or the holder died) the genuine
    certificate must not verify as "berlaku", whatever the reason, and the reason is not told."""
    _, kode = sertifikat
    budi = _budi(db)
    for kolom, nilai in perubahan.items():
        setattr(budi, kolom, nilai)
    db.session.commit()
    soup = get_page(f"/verifikasi/{kode}")
    assert _status(soup) == "tidak_aktif"
    teks = " ".join(soup.select_one("[data-status]").get_text(" ").split())
    assert "Dokumen asli, tetapi kepesertaannya tidak aktif" in teks
    assert f"per {tanggal(hari_ini())} pemegangnya tidak tercatat sebagai peserta aktif" in teks
    assert "berlaku" not in teks.lower() and "meninggal" not in teks.lower()
    nama_samar = db.session.scalar(select(SuratTerbit.nama_samar).where(SuratTerbit.kode == kode))
    assert nama_samar in teks and "Budi Santoso" not in teks  # still only the masked name


def test_revoked_or_replaced_wins_over_not_covered(sertifikat, db, demo):
    _, kode = sertifikat
    surat = db.session.scalar(select(SuratTerbit).where(SuratTerbit.kode == kode))
    _budi(db).status = "meninggal"
    hari = hari_ini()
    assert layanan.status_verifikasi(surat, hari) == "tidak_aktif"
    surat.diganti_oleh_id = surat.id
    assert layanan.status_verifikasi(surat, hari) == "diganti"
    layanan.cabut(db.session, surat, "Salah data.", demo.users["petugas"], "127.0.0.1")
    assert layanan.status_verifikasi(surat, hari) == "dicabut"
    assert layanan.status_verifikasi(None, hari) == "tidak_ditemukan"
    assert set(STATUS_VERIFIKASI) == {"sah", "tidak_aktif", "diganti", "dicabut",
                                      "tidak_ditemukan"}


def test_a_payment_letter_stays_valid_after_the_death_it_paid_for(client, db, demo, get_page):
    """Siti's JKM letter attests to a payment made for a worker who died: still sah."""
    masuk_sebagai(client, demo, "siti")
    isi = client.get(f"/akun/klaim/{demo.klaim['siti_jkm'].public_id}/surat.pdf").data
    client.post("/keluar")
    surat = db.session.scalar(select(SuratTerbit).where(SuratTerbit.jenis == "surat_bayar"))
    assert surat.peserta.status == "meninggal"
    assert _status(get_page(f"/verifikasi/{kode_dari_teks(teks_pdf(isi))}")) == "sah"
