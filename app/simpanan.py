"""Rendered public pages kept for visitors without cookies (most readers, on slow phones).

A visitor with no cookie is anonymous and has no flashed messages, so the page for a given
URL (and shape: full page or htmx fragment) is always the same: it is rendered once and then
served from memory. Anyone with a cookie (signed in, or mid-way through a form) gets a fresh
render. Security headers are still added to every response by the after-request hook.

Content is loaded at start-up and never changes while running, but the home page will show
news once the newsroom exists; each worker keeps its own pages, so entries expire after
``SIGAP_SIMPANAN_UMUR`` seconds (at most UMUR, 60) instead of being cleared on publish: with
several servers, a change shows on every one of them within that time.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import Flask, Response, current_app, make_response, request, session

from app.web import wants_fragment

F = TypeVar("F", bound=Callable)
EKSTENSI = "sigap_simpanan_tamu"  # the store's app.extensions entry
UKURAN = 512  # pages kept per worker; search and calculator URLs vary, so the oldest go
UMUR = 60.0  # the longest a kept page may be served, in seconds


Isi = tuple[bytes, int, list[tuple[str, str]]]  # body, status, the view's own headers


class Simpanan:
    """A small thread-safe LRU of rendered responses that expire after ``umur`` seconds."""

    def __init__(
        self,
        ukuran: int = UKURAN,
        umur: float = UMUR,
        jam: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ukuran, self.umur, self._jam = ukuran, umur, jam
        self._isi: OrderedDict[tuple, tuple[float, Isi]] = OrderedDict()
        self._gembok = threading.Lock()

    def ambil(self, kunci: tuple) -> Isi | None:
        with self._gembok:
            entri = self._isi.get(kunci)
            if entri is None:
                return None
            if entri[0] <= self._jam():
                del self._isi[kunci]
                return None
            self._isi.move_to_end(kunci)
            return entri[1]

    def simpan(self, kunci: tuple, nilai: Isi) -> None:
        with self._gembok:
            self._isi[kunci] = (self._jam() + self.umur, nilai)
            self._isi.move_to_end(kunci)
            while len(self._isi) > self.ukuran:
                self._isi.popitem(last=False)

    def __len__(self) -> int:
        return len(self._isi)


def init_simpanan(app: Flask) -> None:
    """One store per app (so per worker process), its pages kept ``SIGAP_SIMPANAN_UMUR``
    seconds (capped at UMUR)."""
    umur = float(app.config.get("SIGAP_SIMPANAN_UMUR", UMUR))
    app.extensions[EKSTENSI] = Simpanan(umur=max(0.0, min(umur, UMUR)))


def _kunci_halaman(tambahan: Callable[[], object] | None) -> tuple:
    """What the page depends on: the full URL (canonical links use the host), its shape and
    whatever else the view names (the eligibility check: today's date, which picks the rules)."""
    environ = request.environ
    return (
        environ.get("wsgi.url_scheme"),
        request.host,
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        wants_fragment(),
        tambahan() if tambahan else None,
    )


def untuk_tamu(view: F | None = None, *, tambahan: Callable[[], object] | None = None):
    """Serve a cookie-less GET from memory after the first render of the same URL.

    The view's own headers (Location of a 303, HX-Push-Url, Content-Type) are kept with the
    body; the after-request hooks add the security headers to every response, kept or not.
    Use bare (``@untuk_tamu``) or with ``tambahan``, a callable whose value joins the key.
    """

    def hias(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if request.cookies or request.method not in ("GET", "HEAD"):
                return view(*args, **kwargs)
            simpanan: Simpanan = current_app.extensions[EKSTENSI]
            kunci = _kunci_halaman(tambahan)
            tersimpan = simpanan.ambil(kunci)
            if tersimpan is not None:
                body, status, headers = tersimpan
                return Response(body, status=status, headers=headers)
            response = make_response(view(*args, **kwargs))
            # A render that started a session (a CSRF token, a flash) belongs to this visitor.
            if not session.modified and "Set-Cookie" not in response.headers:
                simpanan.simpan(
                    kunci,
                    (response.get_data(), response.status_code, list(response.headers.items())),
                )
            return response

        return wrapped  # type: ignore[return-value]

    return hias(view) if view is not None else hias
