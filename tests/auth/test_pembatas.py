"""The failure counter on both storages: memory, and Redis when a server is reachable."""

from __future__ import annotations

import uuid

import pytest

from app.auth.pembatas import BatasPercobaan, Pembatas, kunci
from tests.redis_bantu import perlu_redis, url_redis, varian

REDIS_URL = url_redis(7)


@pytest.fixture(params=varian(REDIS_URL))
def pembatas(request):
    url = None
    if request.param == "redis":
        perlu_redis(REDIS_URL)
        url = REDIS_URL
    p = Pembatas(url, {"akun": BatasPercobaan(3, 60)})
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


def test_app_uses_redis_when_redis_url_is_set(_schema, tmp_path):
    perlu_redis(REDIS_URL)
    from app import create_app
    from app.auth.pembatas import _Redis

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, REDIS_URL=REDIS_URL,
                     UPLOAD_FOLDER=str(tmp_path))
    assert isinstance(app.extensions["sigap_pembatas"].simpan, _Redis)


def test_more_failures_than_the_limit_wait_for_enough_of_them_to_leave(pembatas):
    """Five failures, limit three: open again only when the third-newest leaves the window."""
    k = [("akun", uuid.uuid4().hex)]
    for _ in range(5):  # at t+0, t+10, t+20, t+30, t+40
        pembatas.gagal(k)
        pembatas.waktu[0] += 10
    pembatas.waktu[0] -= 10  # now t+40
    # two may stay in the window: the one at t+20 must leave first, at t+80
    assert pembatas.tunggu(k) == 40
    pembatas.waktu[0] += 39.5
    assert pembatas.tunggu(k) == 1  # half a second left is still a second to wait
    pembatas.waktu[0] += 0.5
    assert pembatas.tunggu(k) == 0


def test_attempts_are_refused_only_past_the_limit(pembatas):
    k = [("akun", uuid.uuid4().hex)]
    hasil = [pembatas.coba(k)[0] for _ in range(4)]  # limit 3, nothing taken back
    assert hasil[:3] == [0, 0, 0] and hasil[3] == 60
    # the refused attempt was taken back: still three in the window
    assert pembatas.tunggu(k) == 60


def test_a_successful_attempt_is_taken_back(pembatas):
    k = [("akun", uuid.uuid4().hex)]
    for _ in range(3):
        tunggu, percobaan = pembatas.coba(k)
        assert tunggu == 0
        percobaan.berhasil()
    assert pembatas.tunggu(k) == 0


def test_in_ci_a_missing_redis_fails_instead_of_skipping(monkeypatch):
    from tests import redis_bantu

    mati = "redis://127.0.0.1:9/9"  # nothing listens on the discard port
    monkeypatch.setenv("CI", "1")
    assert redis_bantu.varian(mati) == ["memori", "redis"]
    with pytest.raises(pytest.fail.Exception, match="CI"):
        redis_bantu.perlu_redis(mati)
    monkeypatch.delenv("CI")
    assert redis_bantu.varian(mati) == ["memori"]
    with pytest.raises(pytest.skip.Exception):
        redis_bantu.perlu_redis(mati)
