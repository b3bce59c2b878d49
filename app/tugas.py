"""Background jobs: RQ on ``REDIS_URL`` when it is set, else a thread in this process.

Production already runs Redis, so a job survives the officer closing the tab and a web
server restart; the worker is ``flask pekerja`` (see the README's deploy section). Without
Redis (``make run``'s embedded default) the job runs in a thread of the web process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, has_app_context

ANTREAN = "sigap"
_TUGAS: dict[str, Callable[..., Any]] = {}
_UTAS: list[threading.Thread] = []


def tugas(fungsi: Callable[..., Any]) -> Callable[..., Any]:
    """Register a job function by its name (the queue stores names, never code)."""
    _TUGAS[fungsi.__name__] = fungsi
    return fungsi


def jalankan(nama: str, *args: Any) -> Any:
    """RQ's entry point: run a registered job inside an app context."""
    if has_app_context():
        return _TUGAS[nama](*args)
    from app import create_app

    app = create_app()
    with app.app_context():
        return _TUGAS[nama](*args)


def _redis(app: Flask):
    from redis import Redis

    return Redis.from_url(app.config["REDIS_URL"])


def antrean(app: Flask | None = None):
    """The RQ queue (only when REDIS_URL is set)."""
    from rq import Queue

    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    return Queue(app.config.get("SIGAP_ANTREAN", ANTREAN), connection=_redis(app))


def kirim(nama: str, *args: Any) -> None:
    """Start job ``nama`` in the background."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("REDIS_URL"):
        antrean(app).enqueue(jalankan, nama, *args, job_timeout=3600, result_ttl=3600,
                             failure_ttl=7 * 24 * 3600)
        return

    def di_proses() -> None:
        with app.app_context():
            _TUGAS[nama](*args)

    utas = threading.Thread(target=di_proses, name=f"sigap-{nama}", daemon=True)
    _UTAS[:] = [u for u in _UTAS if u.is_alive()]
    _UTAS.append(utas)
    utas.start()


def tunggu(batas: float = 60) -> None:
    """Wait for in-process jobs (tests, and the CLI before it exits)."""
    for utas in list(_UTAS):
        utas.join(batas)


def pekerja(app: Flask, burst: bool = False) -> None:
    """Run an RQ worker in this process, with one app context for every job."""
    from rq import SimpleWorker

    with app.app_context():
        SimpleWorker([antrean(app)], connection=_redis(app)).work(burst=burst)
