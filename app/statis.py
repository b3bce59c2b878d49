"""Static files: fingerprinted URLs, a year's cache lifetime, pre-compressed copies.

At start-up every file under ``static/`` is copied once into ``STATIC_BUILD_FOLDER`` (default
``instance/statis``) under its own name and under a name carrying a hash of its content
(``css/site.3f2a9c1b7d0e.css``), each with a gzip copy next to it. WhiteNoise serves that
folder in front of Flask: hashed names with ``max-age`` one year and ``immutable`` (a new
content is a new name), plain names for a minute, gzip when the browser accepts it.

Templates keep writing ``url_for('static', filename='css/site.css')``: a URL-defaults hook
swaps in the hashed name, so a repeat visit costs only the HTML. Files that appear after
start-up (none in normal use) fall back to Flask's own static route.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from flask import Flask
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

SETAHUN = 60 * 60 * 24 * 365
SEMENIT = 60
KUNCI = "sigap_statis"
# name.<12 hex>.ext: the only URLs marked immutable.
_BERSIDIK = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


def nama_bersidik(relatif: str, isi: bytes) -> str:
    """``css/site.css`` → ``css/site.<first 12 hex of sha256>.css``."""
    path = Path(relatif)
    sidik = hashlib.sha256(isi).hexdigest()[:12]
    return str(path.with_name(f"{path.stem}.{sidik}{path.suffix}")).replace(os.sep, "/")


def _tulis_sekali(tujuan: Path, isi: bytes) -> bool:
    """Write ``tujuan`` atomically unless it already holds ``isi``; True when written."""
    if tujuan.exists() and tujuan.stat().st_size == len(isi) and tujuan.read_bytes() == isi:
        return False
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    fd, sementara = tempfile.mkstemp(dir=tujuan.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(isi)
    os.replace(sementara, tujuan)
    return True


def bangun(sumber: Path, tujuan: Path) -> dict[str, str]:
    """Copy every static file (plain and hashed name, plus gzip) into ``tujuan``; return
    the manifest plain name → hashed name. Safe to run from several workers at once."""
    kompresor = Compressor(use_brotli=False, quiet=True, log=lambda *a, **k: None)
    manifes: dict[str, str] = {}
    for path in sorted(p for p in sumber.rglob("*") if p.is_file()):
        relatif = path.relative_to(sumber).as_posix()
        if any(bagian.startswith(".") for bagian in Path(relatif).parts):
            continue
        isi = path.read_bytes()
        bersidik = nama_bersidik(relatif, isi)
        manifes[relatif] = bersidik
        for nama in (relatif, bersidik):
            target = tujuan / nama
            baru = _tulis_sekali(target, isi)
            tanpa_gz = not target.with_name(target.name + ".gz").exists()
            if (baru or tanpa_gz) and kompresor.should_compress(str(target)):
                kompresor.compress(str(target))
    return manifes


def _header_keamanan(app: Flask):
    """The site-wide headers of ``app.security`` for files WhiteNoise answers itself."""
    from app.security import pasang_header_situs

    def tambah(headers, path: str, url: str) -> None:
        pasang_header_situs(headers, bool(app.config.get("HSTS")))
        if _BERSIDIK.search(url):  # a new content is a new name: keep it for a year
            headers["Cache-Control"] = f"max-age={SETAHUN}, public, immutable"

    return tambah


def _vary_hx(wsgi):
    """WhiteNoise writes ``Vary: Accept-Encoding`` last; keep the site-wide HX-Request too."""

    def aplikasi(environ, start_response):
        def mulai(status, headers, exc_info=None):
            vary = [v for k, v in headers if k.lower() == "vary"]
            if not any("HX-Request" in v for v in vary):
                headers = [(k, v) for k, v in headers if k.lower() != "vary"]
                headers.append(("Vary", ", ".join([*vary, "HX-Request"])))
            return start_response(status, headers, exc_info)

        return wsgi(environ, mulai)

    return aplikasi


def init_statis(app: Flask) -> None:
    """Build the fingerprinted copies, serve them with WhiteNoise, rewrite static URLs."""
    if not app.static_folder or not Path(app.static_folder).is_dir():
        return
    tujuan = Path(app.config.get("STATIC_BUILD_FOLDER") or Path(app.instance_path) / "statis")
    manifes = bangun(Path(app.static_folder), tujuan)
    app.extensions[KUNCI] = manifes
    awalan = (app.static_url_path or "/static").strip("/") + "/"
    app.wsgi_app = _vary_hx(WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(tujuan),
        prefix=awalan,
        max_age=SEMENIT,
        allow_all_origins=False,
        immutable_file_test=lambda path, url: bool(_BERSIDIK.search(url)),
        add_headers_function=_header_keamanan(app),
    ))

    @app.url_defaults
    def _url_bersidik(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = manifes.get(values["filename"], values["filename"])


def manifes_statis(app: Flask) -> Mapping[str, str]:
    """Plain name → fingerprinted name of every static file known at start-up."""
    return app.extensions.get(KUNCI, {})


__all__ = ["SETAHUN", "bangun", "init_statis", "manifes_statis", "nama_bersidik"]
