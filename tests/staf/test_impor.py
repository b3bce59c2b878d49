"""/staf/impor: upload → report → confirm → one transaction; jobs in-process and on RQ."""

from __future__ import annotations

import hashlib
import io
import os
import uuid

import pytest
from sqlalchemy import func, select

from app.domain.impor import KOLOM
from app.extensions import db as _db
from app.models import AuditLog, ImporPeserta, Peserta
from app.tugas import tunggu
from tests.redis_bantu import url_redis

JUDUL = ",".join(KOLOM)
BUDI = ("3275011506880001,Budi Santoso,1988-06-15,L,Bekasi Timur,Aren Jaya,ojol,081234567890,,"
        "2026-01-01,2026-12-31,2")
SITI = "3275015203850002,Siti Aminah,12/03/1985,P,rawalumbu,Pengasinan,sopir,,27000000002,,,"
SALAH_NIK = "3275011506880009,Salah Tanggal,1988-06-16,L,Bekasi Timur,,ojol,,,,,"
SALAH_KEC = "3275010203800003,Ahmad,1980-03-02,L,Cikarang,,ojol,,,,,"
DEWI = "3275014708900004,=Dewi Lestari,1990-08-07,P,Jatiasih,Kampung Entah,pemulung,,,,,3"


def berkas(*baris: str, pemisah: str = ",", bom: bool = False) -> bytes:
    teks = "\r\n".join([JUDUL, *baris]).replace(",", pemisah) + "\r\n"
    return (("\ufeff" if bom else "") + teks).encode("utf-8")


def unggah(client, data: bytes, nama: str = "peserta.csv", **kw):
    return client.post("/staf/impor", data={"berkas": (io.BytesIO(data), nama)},
                       content_type="multipart/form-data", **kw)


def impor_terakhir() -> ImporPeserta:
    _db.session.expire_all()
    return _db.session.scalars(select(ImporPeserta).order_by(ImporPeserta.id.desc())).first()


def periksa_dan_tunggu(client, data: bytes, nama: str = "peserta.csv") -> ImporPeserta:
    r = unggah(client, data, nama)
    assert r.status_code == 303, r.get_data(as_text=True)
    tunggu()
    return impor_terakhir()


def terapkan(client, impor: ImporPeserta) -> ImporPeserta:
    r = client.post(f"/staf/impor/{impor.id}/terapkan")
    assert r.status_code == 303
    tunggu()
    return impor_terakhir()


def jumlah_peserta() -> int:
    return _db.session.scalar(select(func.count(Peserta.id)))


def test_mixed_file_report_then_write_only_on_confirmation(db, client, petugas, get_page):
    data = berkas(BUDI, SALAH_NIK, "", SITI, SALAH_KEC, DEWI)
    impor = periksa_dan_tunggu(client, data)
    assert impor.status == "siap", impor.pesan
    assert (impor.total, impor.baru, impor.diubah, impor.sama, impor.ditolak, impor.peringatan) == (
        5, 3, 0, 0, 2, 1)
    assert jumlah_peserta() == 0  # nothing written before confirmation
    halaman = get_page(f"/staf/impor/{impor.id}")
    ditolak = {tr["data-baris"]: tr.get_text(" ", strip=True)
               for tr in halaman.select("tr[data-baris]")}
    assert set(ditolak) == {"3", "6", "7"}  # header = line 1, the empty line 4 counts
    assert "Tanggal lahir tidak cocok" in ditolak["3"] and "Ditolak" in ditolak["3"]
    assert "Cikarang" in ditolak["6"]
    assert "Peringatan" in ditolak["7"] and "Kampung Entah" in ditolak["7"]
    assert "3275********0009" in ditolak["3"] and "3275011506880009" not in halaman.decode()
    assert halaman.select_one('td[data-hitung="baru"]').get_text() == "3"
    laporan = client.get(f"/staf/impor/{impor.id}/laporan.csv")
    assert laporan.status_code == 200 and laporan.mimetype == "text/csv"
    teks = laporan.get_data(as_text=True)
    assert teks.splitlines()[0] == "baris,jenis,nik,nama,keterangan"
    assert "'=Dewi Lestari" in teks  # neutralised in the CSV the site writes
    assert "3275011506880009" not in teks

    impor = terapkan(client, impor)
    assert impor.status == "selesai", impor.pesan
    assert jumlah_peserta() == 3
    dewi = db.session.scalar(select(Peserta).where(Peserta.nik == "3275014708900004"))
    assert dewi.nama == "=Dewi Lestari" and dewi.kelurahan == "Kampung Entah"
    assert dewi.nik_akhir == "0004" and dewi.status == "aktif" and dewi.program_jkk
    siti = db.session.scalar(select(Peserta).where(Peserta.nik == "3275015203850002"))
    assert siti.kpj == "27000000002" and siti.kecamatan == "rawalumbu"
    catatan = db.session.scalars(select(AuditLog).where(AuditLog.aksi == "peserta.impor")).all()
    assert len(catatan) == 1
    assert hashlib.sha256(data).hexdigest() in catatan[0].ringkasan
    assert catatan[0].actor_user_id == petugas.id
    assert "3 baru, 0 diubah, 0 sama, 2 ditolak" in catatan[0].ringkasan
    from app.penyimpanan import penyimpanan
    from app.services.impor import kunci_berkas, kunci_laporan

    assert not penyimpanan().ada(kunci_berkas(impor))  # the full NIKs do not stay stored
    assert penyimpanan().ada(kunci_laporan(impor))


def test_same_file_twice_changes_nothing_and_updates_are_counted(db, client, petugas):
    data = berkas(BUDI, SITI)
    terapkan(client, periksa_dan_tunggu(client, data))
    diubah = dict(db.session.execute(select(Peserta.nik, Peserta.diubah)).all())
    kedua = terapkan(client, periksa_dan_tunggu(client, data))
    assert (kedua.baru, kedua.diubah, kedua.sama) == (0, 0, 2)
    db.session.expire_all()
    assert dict(db.session.execute(select(Peserta.nik, Peserta.diubah)).all()) == diubah
    assert jumlah_peserta() == 2
    # A changed name and an empty phone: updated (the stored phone is kept), not duplicated.
    ketiga = terapkan(client, periksa_dan_tunggu(
        client, berkas(BUDI.replace("Budi Santoso", "Budi S.").replace("081234567890", ""))))
    assert (ketiga.baru, ketiga.diubah, ketiga.sama) == (0, 1, 0)
    budi = db.session.scalar(select(Peserta).where(Peserta.nik == "3275011506880001"))
    assert budi.nama == "Budi S." and budi.telepon == "081234567890"
    assert jumlah_peserta() == 2


def test_semicolon_bom_and_xlsx_files(db, client, petugas):
    impor = periksa_dan_tunggu(client, berkas(BUDI, pemisah=";", bom=True))
    assert (impor.status, impor.baru, impor.ditolak) == ("siap", 1, 0)
    from openpyxl import Workbook

    buku = Workbook()
    buku.active.append(list(KOLOM))
    buku.active.append(SITI.split(","))
    keluar = io.BytesIO()
    buku.save(keluar)
    impor = periksa_dan_tunggu(client, keluar.getvalue(), "peserta.xlsx")
    assert (impor.status, impor.baru, impor.ditolak) == ("siap", 1, 0)
    assert terapkan(client, impor).status == "selesai"
    assert jumlah_peserta() == 1


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        (b"%PDF-1.4 bukan csv", "bukan CSV atau XLSX"),
        (b"", "Berkas kosong"),
        (berkas(BUDI).replace(b",desil", b""), "kolom yang belum ada: desil"),
        (berkas(BUDI.replace("Budi", "B\u00fcdi")).decode().encode("latin-1"), "UTF-8"),
    ],
)
def test_bad_file_gets_one_message_and_nothing_is_stored(db, client, petugas, data, pesan):
    r = unggah(client, data)
    assert r.status_code == 422
    assert pesan in r.get_data(as_text=True)
    assert "aria-invalid" in r.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ImporPeserta.id))) == 0


def test_encoding_error_late_in_the_file_fails_the_job(db, client, petugas):
    data = berkas(*([BUDI] * 3000)) + "B\u00fcdi,x\r\n".encode("latin-1")
    impor = periksa_dan_tunggu(client, data)
    assert impor.status == "gagal" and "UTF-8" in impor.pesan
    assert jumlah_peserta() == 0


def test_no_file_chosen(client, petugas):
    r = client.post("/staf/impor", data={}, content_type="multipart/form-data")
    assert r.status_code == 422 and "Pilih berkas" in r.get_data(as_text=True)


def test_failure_half_way_leaves_the_database_unchanged(db, client, petugas, monkeypatch):
    from app.services import impor as layanan

    monkeypatch.setattr(layanan, "UKURAN_BATCH", 2)
    terapkan(client, periksa_dan_tunggu(client, berkas(BUDI)))
    sebelum = db.session.execute(select(Peserta.nik, Peserta.nama, Peserta.diubah)).all()
    lima = [f"32750101019000{i:02d},Orang {i},1990-01-01,L,Jatiasih,,ojol,,,,," for i in
            range(1, 6)]
    impor = periksa_dan_tunggu(client, berkas(BUDI.replace("Budi Santoso", "Budi Baru"), *lima))
    assert impor.baru == 5 and impor.diubah == 1
    asli = layanan._batch
    panggilan = {"n": 0}

    def gagal_di_batch_ketiga(baris):
        for kumpulan in asli(baris):
            panggilan["n"] += 1
            if panggilan["n"] == 3:
                raise RuntimeError("disk penuh")
            yield kumpulan

    monkeypatch.setattr(layanan, "_batch", gagal_di_batch_ketiga)
    impor = terapkan(client, impor)
    assert impor.status == "gagal" and "tidak ada data yang disimpan" in impor.pesan
    db.session.expire_all()
    assert db.session.execute(select(Peserta.nik, Peserta.nama, Peserta.diubah)).all() == sebelum
    assert db.session.scalar(select(func.count(AuditLog.id)).where(
        AuditLog.aksi == "peserta.impor")) == 1


@pytest.mark.parametrize(("langkah", "rusak"), [("pemeriksaan", "kira_baris"),
                                             ("penulisan", "ringkasan_audit")])
def test_system_failure_in_a_step_is_logged_by_name_and_ends_the_import(
        db, client, petugas, monkeypatch, caplog, langkah, rusak):
    from app.penyimpanan import penyimpanan
    from app.services import impor as layanan
    from app.services.impor_tugas import PESAN_GAGAL

    if langkah == "penulisan":
        impor = periksa_dan_tunggu(client, berkas(BUDI))
        assert impor.status == "siap", impor.pesan

    def rusak_(*a, **kw):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(layanan, rusak, rusak_)
    impor = periksa_dan_tunggu(client, berkas(BUDI)) if langkah == "pemeriksaan" else (
        terapkan(client, impor))
    assert (impor.status, impor.pesan) == ("gagal", PESAN_GAGAL)
    assert [r.getMessage() for r in caplog.records if r.exc_info] == [
        f"impor {impor.id}: {langkah} gagal"]
    assert not penyimpanan().ada(layanan.kunci_berkas(impor))
    assert jumlah_peserta() == 0


def test_kpj_already_used_by_another_participant(db, client, petugas, factory):
    factory.peserta(nik="3275010203800003", kpj="27000000002")
    impor = periksa_dan_tunggu(client, berkas(SITI))
    assert impor.ditolak == 1
    from app.services.impor import baca_laporan

    assert "Nomor KPJ sudah dipakai" in baca_laporan(impor)[0]["keterangan"]


def test_progress_fragment_for_htmx_and_plain_page(db, client, petugas, get_page):
    impor = ImporPeserta(oleh_user_id=petugas.id, nama_berkas="a.csv", berkas="x",
                         sha256="0" * 64, ukuran=1, status="memeriksa", total=100)
    db.session.add(impor)
    db.session.commit()
    from app.services.impor_tugas import set_kemajuan

    set_kemajuan(impor.id, 40, 100)
    halaman = get_page(f"/staf/impor/{impor.id}")
    assert halaman.select_one("#status-impor")["data-hx-trigger"] == "every 2s"
    assert "40 dari sekitar 100 baris diperiksa" in halaman.select_one("[data-kemajuan]").text
    assert halaman.select_one("progress")["value"] == "40"
    assert halaman.find("a", string="Perbarui status")  # a plain refresh without JS
    r = client.get(f"/staf/impor/{impor.id}", headers={"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.get_data(as_text=True)
    assert "HX-Request" in r.headers["Vary"] and "no-store" in r.headers["Cache-Control"]
    impor.status = "siap"
    db.session.commit()
    r = client.get(f"/staf/impor/{impor.id}", headers={"HX-Request": "true"})
    assert r.headers.get("HX-Refresh") == "true"


def test_another_officers_import_is_404_admin_sees_it(db, client, petugas, factory, masuk):
    impor = periksa_dan_tunggu(client, berkas(BUDI))
    masuk(factory.user(peran="petugas", nama="Petugas Lain"))
    for url in (f"/staf/impor/{impor.id}", f"/staf/impor/{impor.id}/laporan.csv"):
        assert client.get(url).status_code == 404
    assert client.post(f"/staf/impor/{impor.id}/terapkan").status_code == 404
    masuk(factory.user(peran="admin", nama="Admin"))
    assert client.get(f"/staf/impor/{impor.id}").status_code == 200
    masuk(factory.user(peran="peserta", nama="Warga"))
    assert client.get("/staf/impor").status_code == 403
    assert client.get(f"/staf/impor/{impor.id}").status_code == 404


def test_page_and_template(client, petugas, get_page):
    halaman = get_page("/staf/impor")
    assert halaman.select_one("input[type=file]#berkas")
    assert [c.get_text() for c in halaman.select("tbody th code")][:3] == [
        "nik", "nama", "tanggal_lahir"]
    r = client.get("/staf/impor/templat.csv")
    assert r.status_code == 200 and r.get_data(as_text=True).lstrip("\ufeff").startswith(JUDUL)


def test_csrf_is_required(app, client, petugas):
    app.config["WTF_CSRF_ENABLED"] = True
    r = unggah(client, berkas(BUDI))
    assert r.status_code == 400


def test_file_over_the_site_wide_6_mb_limit_with_csrf_on(app, db, client, petugas):
    from tests.akun_bantu import token_csrf

    app.config["WTF_CSRF_ENABLED"] = True
    token = token_csrf(client.get("/staf/impor").get_data(as_text=True))
    data = berkas(BUDI) + b"\r\n" * (4 * 1024 * 1024)  # 8 MB, blank lines are skipped
    r = client.post("/staf/impor", data={"berkas": (io.BytesIO(data), "besar.csv"),
                                         "csrf_token": token},
                    content_type="multipart/form-data")
    assert r.status_code == 303, r.status_code
    tunggu()
    assert impor_terakhir().baru == 1


def test_file_over_50_mb_is_413(client, petugas, monkeypatch):
    from app.services import impor as layanan

    monkeypatch.setattr(layanan, "MAKS_UKURAN", 100)
    r = unggah(client, berkas(BUDI, SITI, DEWI))
    assert r.status_code == 413 and "lebih dari 50 MB" in r.get_data(as_text=True)


@pytest.fixture
def rq_app(app):
    """The app on the local Redis DB 5 with a queue of its own."""
    url = os.environ.get("SIGAP_TEST_REDIS_URL", url_redis(5))
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisMati

    try:
        Redis.from_url(url).ping()
    except RedisMati:
        pytest.skip("Redis lokal tidak berjalan")
    app.config["REDIS_URL"] = url
    app.config["SIGAP_ANTREAN"] = f"sigap-uji-{uuid.uuid4().hex[:8]}"
    yield app
    from app.tugas import antrean

    with app.app_context():
        q = antrean(app)
        q.delete(delete_jobs=True)


def test_job_path_on_rq(db, rq_app, client, petugas):
    from app.tugas import antrean, pekerja

    r = unggah(client, berkas(BUDI, SALAH_NIK))
    assert r.status_code == 303
    impor = impor_terakhir()
    assert impor.status == "antre"
    assert antrean(rq_app).count == 1  # queued in Redis, not run in the web process
    pekerja(rq_app, burst=True)
    impor = impor_terakhir()
    assert (impor.status, impor.baru, impor.ditolak) == ("siap", 1, 1)
    from app.services.impor_tugas import kemajuan

    assert kemajuan(impor.id) == (2, 2)
    client.post(f"/staf/impor/{impor.id}/terapkan")
    pekerja(rq_app, burst=True)
    assert impor_terakhir().status == "selesai"
    assert jumlah_peserta() == 1
