"""Two app servers (gunicorn, separate ports) on one database, one Redis and one S3 (moto).

Nothing a request needs lives in one server: the session is in the signed cookie, failure
counts in Redis, files in object storage, claims in the database. Only the page store
(app/simpanan.py) is per server: its lifetime is cut to UMUR_UJI seconds here (60 in
production) to show a public page is never older than that on any server, and a private
page never comes from it. Each server also gets its
own empty UPLOAD_FOLDER, so a file that only reached one machine's disk would be missed.
On PostgreSQL when SIGAP_TEST_DATABASE_URL is set, otherwise on one SQLite file both share.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pyotp
import pytest
import requests

from app.domain.klaim import STATUS, STATUS_WAJIB_ALASAN, StatusKlaim, langkah_berikut
from tests.akun_bantu import PDF
from tests.conftest import PROJECT_ROOT, _fresh_postgres_database
from tests.redis_bantu import url_redis
from tests.skala.conftest import port_bebas

REDIS_URL = os.environ.get("SIGAP_TEST_REDIS_URL", url_redis(6))
RAHASIA = "dua-instansi-" + "r" * 40
SANDI = "sandi-dua-instansi-1"
UMUR_UJI = 4  # SIGAP_SIMPANAN_UMUR for both servers, seconds


def _redis():
    import redis

    try:
        klien = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        klien.ping()
    except redis.RedisError:
        return None
    return klien


class Peramban:
    """One visitor's cookies, kept by hand: the production cookie is Secure and requests would
    not send it over the test's plain HTTP on loopback (a proxy ends TLS in production)."""

    def __init__(self) -> None:
        self.kuki: dict[str, str] = {}

    def _kirim(self, metode: str, url: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.kuki:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.kuki.items())
        kwargs.setdefault("allow_redirects", False)
        r = requests.request(metode, url, headers=headers, timeout=30, **kwargs)
        for k, v in r.cookies.items():
            self.kuki[k] = v
        for k in [k for k in self.kuki if k not in r.cookies and _dihapus(r, k)]:
            del self.kuki[k]
        return r

    def get(self, url: str, **kwargs) -> requests.Response:
        return self._kirim("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> requests.Response:
        return self._kirim("POST", url, **kwargs)


def _dihapus(r: requests.Response, nama: str) -> bool:
    """The answer expires the cookie ``nama`` (requests drops such cookies silently)."""
    return any(h.startswith(f"{nama}=;") or (h.startswith(f"{nama}=") and "Max-Age=0" in h)
               for h in r.raw.headers.getlist("Set-Cookie"))


def sesi_baru() -> Peramban:
    return Peramban()


def token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no csrf_token in page"
    return m.group(1)


def masuk(s: Peramban, base: str, identitas: str, sandi: str) -> requests.Response:
    t = token(s.get(f"{base}/masuk").text)
    return s.post(f"{base}/masuk", data={"csrf_token": t, "identitas": identitas,
                                         "sandi": sandi}, allow_redirects=False)


def kode_kedua(s: Peramban, base: str, rahasia: str) -> requests.Response:
    """Staff sign-in's second step with the current TOTP code."""
    t = token(s.get(f"{base}/masuk/kode").text)
    return s.post(f"{base}/masuk/kode", data={"csrf_token": t, "kode": pyotp.TOTP(rahasia).now()},
                  allow_redirects=False)


def _tunggu(url: str, proses: subprocess.Popen, batas: float = 60) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if proses.poll() is not None:
            raise RuntimeError(f"gunicorn for {url} exited with {proses.returncode}")
        try:
            requests.get(url, timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture(scope="module")
def dua(tmp_path_factory, moto_s3):
    """Data in a fresh database, then two servers on it; yields (url_a, url_b, data)."""
    import boto3

    from app import create_app
    from app.extensions import db
    from tests.factories import Factory

    r = _redis()
    if r is None:
        pytest.skip(f"no Redis at {REDIS_URL}")
    for k in r.scan_iter("sigap:gagal:*"):  # this Redis DB is only for this test
        r.delete(k)
    folder = tmp_path_factory.mktemp("dua")
    basis_pg = os.environ.get("SIGAP_TEST_DATABASE_URL")
    if basis_pg:
        url_db, hapus_db = _fresh_postgres_database(basis_pg)
    else:
        url_db, hapus_db = f"sqlite:///{folder / 'bersama.sqlite3'}", (lambda: None)
    bucket = f"sigap-dua-{uuid.uuid4().hex[:10]}"
    boto3.client("s3", endpoint_url=moto_s3).create_bucket(Bucket=bucket)
    storage = f"s3://{bucket}/berkas"

    from flask_migrate import upgrade

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url_db, SIGAP_STORAGE=storage,
                     UPLOAD_FOLDER=str(folder / "tidak-dipakai"))
    with app.app_context():
        upgrade()
        f = Factory(db)
        n = uuid.uuid4().int % 10**12
        pemohon = f.user(peran="ahli_waris", sandi=SANDI, nik=f"3275{n:012d}")
        korban = f.user(peran="ahli_waris", sandi=SANDI, nik=f"3275{(n + 1) % 10**12:012d}")
        petugas = f.user(peran="petugas", sandi=SANDI, email=f"petugas-{n}@sigap.test")
        petugas.totp_rahasia, petugas.totp_aktif = pyotp.random_base32(), True  # enrolled
        klaim = f.klaim(pemohon=pemohon, state="perlu_dokumen")
        dok = next(d for d in klaim.dokumen if d.status == "diminta")
        data = {"pemohon": pemohon.nik, "korban": korban.nik, "petugas": petugas.email,
                "totp": petugas.totp_rahasia,
                "klaim": klaim.public_id, "dokumen": dok.id, "app": app,
                "humas": [f.user(peran="humas").id, f.user(peran="humas").id]}
        db.session.remove()
        db.engine.dispose()

    env = {**os.environ, "SIGAP_CONFIG": "production", "SECRET_KEY": RAHASIA,
           "DATABASE_URL": url_db, "REDIS_URL": REDIS_URL, "SIGAP_STORAGE": storage,
           "AWS_ENDPOINT_URL": moto_s3, "SIGAP_BASE_URL": "http://127.0.0.1",
           "SIGAP_SIMPANAN_UMUR": str(UMUR_UJI)}
    proses, url = [], []
    try:
        for nama in ("a", "b"):
            port = port_bebas()
            proses.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind",
                 f"127.0.0.1:{port}", "--control-socket", str(folder / f"{nama}.ctl"),
                 "--log-level", "warning", "wsgi:app"],
                cwd=PROJECT_ROOT, env={**env, "UPLOAD_FOLDER": str(folder / f"unggahan-{nama}")},
                start_new_session=True,
            ))
            url.append(f"http://127.0.0.1:{port}")
        for u, p in zip(url, proses, strict=True):
            _tunggu(f"{u}/healthz", p)
        yield url[0], url[1], data
    finally:
        for p in proses:
            p.terminate()
        for p in proses:
            p.wait(timeout=20)
        hapus_db()
        for nama in ("a", "b"):
            assert not any(Path(folder / f"unggahan-{nama}").rglob("*.pdf"))


def test_a_session_made_on_one_server_works_on_the_other(dua):
    a, b, data = dua
    s = sesi_baru()
    r = masuk(s, a, data["pemohon"], SANDI)
    assert r.status_code == 302 and "/masuk" not in r.headers["Location"]
    halaman = s.get(f"{b}/akun/klaim/{data['klaim']}", allow_redirects=False)
    assert halaman.status_code == 200
    assert "no-store" in halaman.headers["Cache-Control"]
    # Signing out on B ends the session for A too (the cookie is the session).
    assert s.post(f"{b}/keluar", data={"csrf_token": token(halaman.text)},
                  allow_redirects=False).status_code in (302, 303)
    assert s.get(f"{a}/akun/klaim/{data['klaim']}", allow_redirects=False).status_code == 302


def test_failed_sign_ins_are_counted_across_both_servers(dua):
    a, b, data = dua
    s = sesi_baru()
    for i in range(5):  # the account's limit: five failures, alternating servers
        r = masuk(s, a if i % 2 else b, data["korban"], "salah-sandi-sekali")
        assert r.status_code in (200, 422), r.status_code
    for base in (a, b):
        assert masuk(s, base, data["korban"], "salah-sandi-sekali").status_code == 429
        # Locked means locked: even the right password waits.
        assert masuk(s, base, data["korban"], SANDI).status_code == 429


def test_a_document_uploaded_on_one_server_downloads_on_the_other_and_moves_show_at_once(dua):
    a, b, data = dua
    pemohon, petugas = sesi_baru(), sesi_baru()
    assert masuk(pemohon, a, data["pemohon"], SANDI).status_code == 302
    url_klaim = f"/akun/klaim/{data['klaim']}"
    t = token(pemohon.get(f"{a}{url_klaim}").text)
    r = pemohon.post(f"{a}{url_klaim}/dokumen/{data['dokumen']}",
                     data={"csrf_token": t}, files={"berkas": ("akta.pdf", io.BytesIO(PDF))},
                     allow_redirects=False)
    assert r.status_code in (302, 303), r.status_code
    unduh = pemohon.get(f"{b}{url_klaim}/dokumen/{data['dokumen']}")
    assert unduh.status_code == 200 and unduh.content == PDF

    assert masuk(petugas, b, data["petugas"], SANDI).status_code == 302
    assert kode_kedua(petugas, b, data["totp"]).status_code == 302
    staf = f"/staf/klaim/{data['klaim']}"
    berkas = petugas.get(f"{a}{staf}/dokumen/{data['dokumen']}/berkas")
    assert berkas.status_code == 200 and berkas.content == PDF

    awal = pemohon.get(f"{a}{url_klaim}").text  # read on A (warms anything A might keep)
    # The one move from verifikasi_berkas with no precondition but a reason (submission needs
    # every document accepted first; see app/domain/klaim.py SYARAT_PINDAH).
    ke = next(s for s in langkah_berikut("verifikasi_berkas") if s in STATUS_WAJIB_ALASAN)
    halaman = petugas.get(f"{b}{staf}").text
    versi = re.search(r'name="versi" value="(\d+)"', halaman)
    r = petugas.post(f"{b}{staf}/status", data={"csrf_token": token(halaman), "ke": ke.value,
                                                "catatan_status": "Uji dua server.",
                                                **({"versi": versi.group(1)} if versi else {})},
                     allow_redirects=False)
    assert r.status_code in (302, 303), r.status_code
    assert _status(awal) == STATUS[StatusKlaim.VERIFIKASI_BERKAS].label
    sesudah = pemohon.get(f"{a}{url_klaim}")
    assert _status(sesudah.text) == STATUS[ke].label
    assert "no-store" in sesudah.headers["Cache-Control"]


def _terbitkan(app, humas: list[int], judul: str) -> None:
    """Publish an article the two-person way, straight through the service (the newsroom's
    pages are tested in tests/berita), on the database both servers share."""
    from app.extensions import db
    from app.models import User
    from app.services import berita as layanan
    from app.services.berita import IsianBerita

    with app.app_context():
        penulis, penerbit = (db.session.get(User, i) for i in humas)
        isian = IsianBerita(judul=judul, ringkasan="Ringkasan uji dua server.",
                            isi="Isi uji dua server.")
        b = layanan.simpan(db.session, None, isian, "ajukan_tinjauan", penulis, None,
                           wajib_tinjauan=True)
        db.session.commit()
        layanan.simpan(db.session, b, isian, "terbitkan", penerbit, b.versi, wajib_tinjauan=True)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def test_a_public_page_is_at_most_the_store_lifetime_old_on_every_server(dua):
    a, b, data = dua
    judul = f"Kabar dua server {uuid.uuid4().hex[:8]}"
    pemohon = sesi_baru()
    assert masuk(pemohon, a, data["pemohon"], SANDI).status_code == 302
    for base in (a, b):  # a visitor without cookies: both servers now keep the list
        disimpan_b = time.monotonic()  # B's copy is kept from after this moment
        r = requests.get(f"{base}/berita", timeout=30)
        assert r.status_code == 200 and judul not in r.text and "Set-Cookie" not in r.headers
    tersimpan = time.monotonic()  # both copies are kept from before this moment

    _terbitkan(data["app"], data["humas"], judul)
    lama = requests.get(f"{b}/berita", timeout=30)
    dibaca = time.monotonic()
    # A visitor with a session cookie never gets a kept page: the new article at once.
    segar = pemohon.get(f"{b}/berita")
    assert segar.status_code == 200 and judul in segar.text
    if dibaca - disimpan_b < UMUR_UJI:  # B's copy was still within its lifetime
        assert judul not in lama.text
    time.sleep(max(0.0, tersimpan + UMUR_UJI + 0.2 - time.monotonic()))
    for base in (a, b):  # past the lifetime: every server shows it to every visitor
        assert judul in requests.get(f"{base}/berita", timeout=30).text


def _status(html: str) -> str:
    """The status label the applicant sees on the claim page."""
    return re.search(r"data-label-status[^>]*>([^<]+)<", html).group(1).strip()
