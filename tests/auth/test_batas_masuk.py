"""Issue 10, findings 1, 2 and 5: the throttle counts before checking, per real client IP,
and a throttle store that is down stops sign-in with a clear 503 instead of a 500."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from app import create_app
from tests.conftest import LiveServer
from tests.redis_bantu import perlu_redis, url_redis, varian

REDIS_URL = url_redis(2)


def _post(url: str, data: dict, headers: dict | None = None) -> int:
    body = urllib.parse.urlencode(data).encode()
    permintaan = urllib.request.Request(  # noqa: S310 - loopback test server
        url, data=body, headers=headers or {}, method="POST")
    try:
        with urllib.request.urlopen(permintaan, timeout=60) as jawab:  # noqa: S310 - loopback
            return jawab.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(params=varian(REDIS_URL))
def app_batas(request, _schema, tmp_path):
    """An app behind one trusted proxy, counting in memory or in Redis DB 2."""
    extra = {}
    if request.param == "redis":
        perlu_redis(REDIS_URL)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        extra["REDIS_URL"] = REDIS_URL
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema,
                     UPLOAD_FOLDER=str(tmp_path / "u"), SIGAP_PROXY=1, **extra)
    yield app
    from tests.conftest import kosongkan

    kosongkan(app)


def _buat_pengguna(app, sandi="sandi-uji-coba-123", **kwargs):
    from app.extensions import db
    from tests.factories import Factory

    with app.app_context():
        user = Factory(db).user(peran="peserta", sandi=sandi, **kwargs)
        return user.nik


def test_forty_concurrent_wrong_passwords_give_at_most_five_checks(app_batas):
    nik = _buat_pengguna(app_batas)
    hasil: list[int] = []
    kunci = threading.Lock()
    mulai = threading.Barrier(40)
    with LiveServer(app_batas) as server:
        def tebak():
            mulai.wait()
            kode = _post(server.url + "/masuk", {"identitas": nik, "sandi": "salah-sekali-123"},
                         {"X-Forwarded-For": "203.0.113.40"})
            with kunci:
                hasil.append(kode)

        utas = [threading.Thread(target=tebak) for _ in range(40)]
        for u in utas:
            u.start()
        for u in utas:
            u.join(timeout=120)
    assert len(hasil) == 40
    assert hasil.count(422) <= 5, sorted(hasil)
    assert hasil.count(429) == 40 - hasil.count(422), sorted(hasil)


def test_one_ip_locked_out_behind_the_proxy_does_not_lock_out_others(app_batas):
    nik = _buat_pengguna(app_batas)
    klien = app_batas.test_client()
    penyerang = {"X-Forwarded-For": "203.0.113.9"}
    # 21 wrong passwords on 21 different accounts from one address: only that address stops.
    kode = [klien.post("/masuk", data={"identitas": f"32750199{i:08d}", "sandi": "salah-123"},
                       headers=penyerang).status_code for i in range(21)]
    assert kode[:20] == [422] * 20 and kode[20] == 429
    jawab = klien.post("/masuk", data={"identitas": nik, "sandi": "sandi-uji-coba-123"},
                       headers={"X-Forwarded-For": "198.51.100.7"})
    assert jawab.status_code == 302


def test_audit_and_limits_see_the_client_address_not_the_proxy(app_batas):
    @app_batas.get("/_uji/ip")
    def _ip():
        from flask import request

        return request.remote_addr or ""

    _ip.sigap_akses = "publik"
    klien = app_batas.test_client()
    jawab = klien.get("/_uji/ip", headers={"X-Forwarded-For": "198.51.100.23"})
    assert jawab.get_data(as_text=True) == "198.51.100.23"


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(app):
    @app.get("/_uji/ip")
    def _ip():
        from flask import request

        return request.remote_addr or ""

    _ip.sigap_akses = "publik"
    jawab = app.test_client().get("/_uji/ip", headers={"X-Forwarded-For": "198.51.100.23"})
    assert jawab.get_data(as_text=True) == "127.0.0.1"


def test_a_successful_sign_in_is_not_counted_against_the_address(app):
    from app.extensions import db
    from tests.factories import Factory

    with app.app_context():
        f = Factory(db)
        pengguna = [f.user(peran="peserta").nik for _ in range(25)]
    for nik in pengguna:
        klien = app.test_client()
        assert klien.post("/masuk", data={"identitas": nik, "sandi": "sandi-uji-coba-123"}
                          ).status_code == 302


@pytest.mark.parametrize("jalur", ["/masuk", "/aktivasi"])
def test_redis_down_means_503_on_sign_in_and_public_pages_still_work(_schema, tmp_path, jalur,
                                                                     caplog):
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, UPLOAD_FOLDER=str(tmp_path),
                     REDIS_URL="redis://127.0.0.1:9/2")
    klien = app.test_client()
    data = ({"identitas": "3275011506880001", "sandi": "apa-saja-123"} if jalur == "/masuk"
            else {"nik": "3275011506880001", "kode": "ABCD-EFGH", "sandi": "x" * 12,
                  "sandi_ulang": "x" * 12})
    for _ in range(3):
        jawab = klien.post(jalur, data=data)
        assert jawab.status_code == 503
        assert "Layanan masuk sedang gangguan" in jawab.get_data(as_text=True)
        assert jawab.headers["Retry-After"]
    assert klien.get("/").status_code == 200
    assert klien.get(jalur).status_code == 200
    gangguan = [r for r in caplog.records if "throttle store unavailable" in r.getMessage()]
    assert len(gangguan) <= 1
