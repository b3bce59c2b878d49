"""The storage interface, the same cases on both backends (local folder, S3 via moto)."""

from __future__ import annotations

import hashlib
import io

import pytest
from sqlalchemy import select

from app.models import Berita, Dokumen, SuratTerbit
from app.penyimpanan import PenyimpananLokal, PenyimpananS3, dari_alamat, penyimpanan
from app.services import gambar_berita
from tests.akun_bantu import PDF, masuk, masuk_sebagai


@pytest.fixture
def simpanan(app):
    return penyimpanan(app)


def test_the_configured_backend_is_used(app, simpanan):
    harap = PenyimpananS3 if app.config.get("SIGAP_STORAGE") else PenyimpananLokal
    assert isinstance(simpanan, harap)


def test_write_read_list_delete(simpanan):
    assert simpanan.kosong()
    simpanan.simpan("a1b2.pdf", PDF)
    simpanan.simpan("surat/kode1.pdf", b"%PDF-surat")
    assert simpanan.baca("a1b2.pdf") == PDF
    assert simpanan.ada("surat/kode1.pdf") and not simpanan.ada("surat/lain.pdf")
    assert list(simpanan.daftar()) == ["a1b2.pdf", "surat/kode1.pdf"]
    assert not simpanan.kosong()
    simpanan.hapus("a1b2.pdf")
    simpanan.hapus("a1b2.pdf")  # a missing file is not an error
    assert list(simpanan.daftar()) == ["surat/kode1.pdf"]
    with pytest.raises(FileNotFoundError):
        simpanan.baca("a1b2.pdf")


def test_streamed_write_seekable_read_and_listing_by_prefix(simpanan):
    isi = b"nik,nama\r\n" + b"3275011506880001,Budi\r\n" * 50_000  # over 1 MB: pieces
    sumber = io.BytesIO(b"buang" + isi)
    sumber.seek(5)  # from the current position to the end
    simpanan.simpan_aliran("impor/20261207-ab12", sumber)
    simpanan.simpan("impor/20261207-ab12.laporan.csv", b"baris\r\n")
    simpanan.simpan("lain.pdf", PDF)
    with simpanan.buka("impor/20261207-ab12") as f:
        assert f.read(8) == b"nik,nama"
        f.seek(0)
        assert hashlib.sha256(f.read()).digest() == hashlib.sha256(isi).digest()
    assert list(simpanan.daftar("impor/")) == ["impor/20261207-ab12",
                                               "impor/20261207-ab12.laporan.csv"]
    assert list(simpanan.daftar()) == [*simpanan.daftar("impor/"), "lain.pdf"]
    with pytest.raises(FileNotFoundError), simpanan.buka("impor/tidak-ada"):
        pass


@pytest.mark.parametrize("kunci", ["../luar.pdf", "/etc/passwd", ".tersembunyi", "a//b",
                                   "surat/../x", "", "a\\b", "a b"])
def test_keys_outside_plain_relative_names_are_refused(simpanan, kunci):
    with pytest.raises(ValueError):
        simpanan.simpan(kunci, b"x")
    with pytest.raises(ValueError):
        simpanan.baca(kunci)


def test_unknown_storage_address_is_refused(tmp_path):
    with pytest.raises(ValueError, match="SIGAP_STORAGE"):
        dari_alamat("ftp://server/folder", str(tmp_path))
    with pytest.raises(ValueError, match="bucket"):
        dari_alamat("s3://", str(tmp_path))
    assert isinstance(dari_alamat("", str(tmp_path)), PenyimpananLokal)


@pytest.fixture
def pemohon(factory):
    return factory.user(peran="ahli_waris", sandi="sandi-pemohon-uji")


def test_an_upload_is_checked_then_stored_and_read_back_through_the_app(
        app, client, db, factory, pemohon, simpanan):
    klaim = factory.klaim(pemohon=pemohon, state="perlu_dokumen")
    dok = next(d for d in klaim.dokumen if d.status == "diminta")
    assert masuk(client, pemohon.nik, "sandi-pemohon-uji").status_code == 302
    url = f"/akun/klaim/{klaim.public_id}/dokumen/{dok.id}"
    # A program named .pdf is refused before anything reaches the storage.
    r = client.post(url, data={"berkas": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 600), "a.pdf")})
    assert r.status_code == 422
    assert simpanan.kosong()
    r = client.post(url, data={"berkas": (io.BytesIO(PDF), "akta.pdf")})
    assert r.status_code in (302, 303)
    db.session.expire_all()
    dok = db.session.get(Dokumen, dok.id)
    assert list(simpanan.daftar()) == [dok.berkas]
    assert dok.sha256 == hashlib.sha256(PDF).hexdigest()
    unduh = client.get(url)
    assert unduh.status_code == 200 and unduh.data == PDF
    assert "attachment" in unduh.headers["Content-Disposition"]
    # Gone from storage: a clean 404, never a 500.
    simpanan.hapus(dok.berkas)
    assert client.get(url).status_code == 404


def test_issued_pdf_is_stored_once_and_served_again_from_storage(client, db, demo, simpanan):
    masuk_sebagai(client, demo, "siti")
    url = f"/akun/klaim/{demo.klaim['siti_jkm'].public_id}/surat.pdf"
    pertama = client.get(url)
    assert pertama.status_code == 200 and pertama.data.startswith(b"%PDF")
    surat = db.session.scalar(select(SuratTerbit))
    assert simpanan.baca(f"surat/{surat.kode}.pdf") == pertama.data
    assert client.get(url).data == pertama.data
    assert db.session.scalar(select(SuratTerbit.id).where(SuratTerbit.id != surat.id)) is None


def test_news_images_are_served_from_storage(client, db, demo, simpanan):
    berita = db.session.scalars(select(Berita).where(Berita.gambar.is_not(None))).first()
    for ukuran in gambar_berita.UKURAN:
        r = client.get(f"/berita/gambar/{berita.gambar}/{ukuran}.jpg")
        assert r.status_code == 200 and r.mimetype == "image/jpeg"
        assert r.data == simpanan.baca(gambar_berita.kunci(berita.gambar, ukuran))
        assert "immutable" in r.headers["Cache-Control"]
    assert client.get(f"/berita/gambar/{'0' * 32}/og.jpg").status_code == 404


def test_a_failing_delete_after_commit_does_not_break_the_upload(db, factory, app, simpanan,
                                                                 monkeypatch, caplog):
    from app.services.dokumen import tolak_dokumen, unggah_dokumen

    klaim = factory.klaim(state="perlu_dokumen")
    dok = next(d for d in klaim.dokumen if d.status == "diminta")
    unggah_dokumen(db.session, klaim, dok.kode, PDF, klaim.pemohon, nama_berkas="a.pdf")
    db.session.commit()
    lama = dok.berkas
    tolak_dokumen(db.session, dok, "Tidak terbaca", factory.user(peran="petugas"))
    db.session.commit()

    def rusak(kunci):
        raise OSError("penyimpanan tidak menjawab")

    monkeypatch.setattr(simpanan, "hapus", rusak)
    unggah_dokumen(db.session, klaim, dok.kode, PDF + b"2", klaim.pemohon, nama_berkas="b.pdf")
    db.session.commit()  # the replaced file cannot be removed: logged, not raised
    assert dok.berkas != lama and simpanan.baca(dok.berkas) == PDF + b"2"
    assert "tidak bisa dihapus" in caplog.text


def test_local_folders_made_for_keys_go_once_empty(tmp_path):
    simpanan = PenyimpananLokal(tmp_path / "unggahan")
    simpanan.simpan("periksa/a.txt", b"x")
    simpanan.simpan("b.pdf", b"y")
    simpanan.hapus("periksa/a.txt")
    assert not (tmp_path / "unggahan" / "periksa").exists()
    assert (tmp_path / "unggahan").is_dir() and simpanan.ada("b.pdf")


def test_a_storage_outage_is_a_503_in_indonesian_and_writes_nothing(
        app, client, db, factory, pemohon, page_checker, monkeypatch):
    from app.penyimpanan import PenyimpananGangguan

    klaim = factory.klaim(pemohon=pemohon, state="perlu_dokumen")
    dok = next(d for d in klaim.dokumen if d.status == "diminta")
    assert masuk(client, pemohon.nik, "sandi-pemohon-uji").status_code == 302
    simpanan = penyimpanan(app)
    if isinstance(simpanan, PenyimpananS3):  # a real connection failure: nothing listens there
        from botocore.config import Config as BotoConfig

        simpanan.client = __import__("boto3").client(
            "s3", endpoint_url="http://127.0.0.1:9",
            config=BotoConfig(retries={"max_attempts": 1}, connect_timeout=1))
    else:  # the folder's place is taken by a file: every write fails
        monkeypatch.setattr(simpanan, "folder", simpanan.folder.parent / "bukan-folder")
        simpanan.folder.write_text("x")
    r = client.post(f"/akun/klaim/{klaim.public_id}/dokumen/{dok.id}",
                    data={"berkas": (io.BytesIO(PDF), "akta.pdf")})
    assert r.status_code == 503 and r.headers["Retry-After"] == "120"
    soup = page_checker.check(r.get_data(as_text=True))
    assert "penyimpanan berkas sedang gangguan" in soup.get_text()
    db.session.expire_all()
    assert db.session.get(Dokumen, dok.id).status == "diminta"
    if isinstance(simpanan, PenyimpananS3):
        r = client.get(f"/berita/gambar/{'a' * 32}/og.jpg")
        assert r.status_code == 503
    with pytest.raises(PenyimpananGangguan):
        simpanan.simpan("x.pdf", PDF)
