"""Redis in tests: the Redis variants run when a server answers on 127.0.0.1:6379.

Without one they are skipped on a developer's machine, but with ``CI`` set (``.ci/run``) they
fail: a CI job that silently stopped testing the production store must not stay green.
"""

from __future__ import annotations

import os

import pytest


def url_redis(db: int) -> str:
    """The local Redis database ``db`` of this run. ``make test`` runs the SQLite and the
    PostgreSQL suites side by side and moves the second one's databases up by
    ``SIGAP_TEST_REDIS_GESER`` (8), so the two never empty each other's counters."""
    return f"redis://127.0.0.1:6379/{db + int(os.environ.get('SIGAP_TEST_REDIS_GESER', '0'))}"


def redis_ada(url: str) -> bool:
    """True when a Redis server answers at ``url``."""
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:
        return False


def redis_wajib() -> bool:
    """In CI the Redis variants must run."""
    return bool(os.environ.get("CI"))


def varian(url: str) -> list[str]:
    """Fixture params: always "memori"; "redis" when a server answers or CI demands it."""
    return ["memori"] + (["redis"] if redis_wajib() or redis_ada(url) else [])


def perlu_redis(url: str) -> None:
    """Call at the start of a Redis test: skip without Redis, or fail in CI."""
    if redis_ada(url):
        return
    pesan = f"no Redis server at {url}"
    if redis_wajib():
        pytest.fail(pesan + " and CI is set: the Redis variant must run in CI")
    pytest.skip(pesan)
