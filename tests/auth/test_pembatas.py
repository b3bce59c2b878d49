"""The failure counter on both storages: memory, and Redis when a server is reachable."""

from __future__ import annotations

import uuid

import pytest

from app.auth.pembatas import BatasPercobaan, Pembatas, kunci

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_ada() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except Exception:
        return False


def _penyimpanan():
    yield None
    if _redis_ada():
        yield REDIS_URL


@pytest.fixture(params=list(_penyimpanan()), ids=lambda u: "redis" if u else "memori")
def pembatas(request):
    p = Pembatas(request.param, {"akun": BatasPercobaan(3, 60)})
    waktu = [1_000_000.0]
    p.jam = lambda: waktu[0]
    p.waktu = waktu  # type: ignore[attr-defined]
    return p


def test_locks_at_the_limit_and_opens_when_old_failures_leave_the_window(pembatas):
    k = [("akun", uuid.uuid4().hex)]
    for _ in range(2):
        pembatas.gagal(k)
        pembatas.waktu[0] += 10
    assert pembatas.tunggu(k) == 0
    pembatas.gagal(k)  # third failure at t+20
    assert pembatas.tunggu(k) == 60 - 20
    pembatas.waktu[0] += 40  # the first failure (t+0) leaves the window at t+60
    assert pembatas.tunggu(k) == 0


def test_clearing_a_key_forgets_its_failures(pembatas):
    nilai = uuid.uuid4().hex
    for _ in range(3):
        pembatas.gagal([("akun", nilai)])
    assert pembatas.tunggu([("akun", nilai)]) > 0
    pembatas.bersihkan("akun", nilai)
    assert pembatas.tunggu([("akun", nilai)]) == 0


def test_keys_do_not_reveal_the_nik():
    assert "3275011506880001" not in kunci("masuk_akun", "3275011506880001")


@pytest.mark.skipif(not _redis_ada(), reason="no Redis server on 127.0.0.1:6379")
def test_app_uses_redis_when_redis_url_is_set(_schema, tmp_path):
    from app import create_app
    from app.auth.pembatas import _Redis

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, REDIS_URL=REDIS_URL,
                     UPLOAD_FOLDER=str(tmp_path))
    assert isinstance(app.extensions["sigap_pembatas"].simpan, _Redis)
