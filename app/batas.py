"""The request boundary: client address behind proxies, trusted hosts, NUL bytes, ids, outages.

Everything here runs before a view does, so a view never sees a forged Host, a NUL byte (which
PostgreSQL refuses in text), or an id too large for a BIGINT.
"""

from __future__ import annotations

import contextlib
import logging
import time

from flask import Flask, request
from werkzeug.exceptions import BadRequest
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, ValidationError

log = logging.getLogger(__name__)

ID_MAKS = 2**63 - 1  # PostgreSQL BIGINT; SQLite's INTEGER has the same bound


def angka_id(teks: object) -> int | None:
    """A database id from text: ASCII digits only ('²' and '٣' are not), 1 ≤ n < 2^63."""
    if not isinstance(teks, str) or not (0 < len(teks) <= 19) or not teks.isascii():
        return None
    if not teks.isdigit():
        return None
    nilai = int(teks)
    return nilai if 0 < nilai <= ID_MAKS else None


def angka_ascii(teks: object, maks: int = ID_MAKS) -> int | None:
    """A non-negative whole number from ASCII digits, at most ``maks``; None otherwise."""
    if not isinstance(teks, str) or not teks or len(teks) > 19 or not teks.isascii():
        return None
    if not teks.isdigit():
        return None
    nilai = int(teks)
    return nilai if nilai <= maks else None


class IdConverter(IntegerConverter):
    """``<id:klaim_id>``: ASCII digits within BIGINT, anything else is a 404 (no route).

    Werkzeug's ``int`` accepts any Unicode decimal digit (``٣``) and any size (2^63 reached
    PostgreSQL as an out-of-range error, a 500)."""

    regex = r"[0-9]{1,19}"

    def __init__(self, url_map, *args, **kwargs) -> None:
        super().__init__(url_map, min=1, max=ID_MAKS)

    def to_python(self, value: str) -> int:
        nilai = angka_id(value)
        if nilai is None:
            raise ValidationError
        return nilai


def _ada_nul(nilai: str) -> bool:
    return "\x00" in nilai


def tolak_masukan_rusak() -> None:
    """NUL bytes anywhere in path, query or form → 400 (the database would refuse them)."""
    if _ada_nul(request.path) or "%00" in request.query_string.decode("latin-1"):
        raise BadRequest
    try:
        for kunci, nilai in request.args.items(multi=True):
            if _ada_nul(kunci) or _ada_nul(nilai):
                raise BadRequest
        if request.method in ("POST", "PUT", "PATCH"):
            for kunci, nilai in request.form.items(multi=True):
                if _ada_nul(kunci) or _ada_nul(nilai):
                    raise BadRequest
    except (UnicodeDecodeError, ValueError, OSError) as error:
        # OSError: the body could not be read (a malformed chunked body under gunicorn).
        raise BadRequest from error


def host_sah(host: str) -> bool:
    """A Host header that can become a URL: letters, digits, dots, dashes, port; no empty label."""
    nama, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    if port and not port.isascii():
        return False
    if port and not port.isdigit():
        return False
    if not nama or len(nama) > 253 or not nama.isascii():
        return False
    label = nama.rstrip(".").split(".")
    return all(
        0 < len(b) <= 63 and all(c.isalnum() or c == "-" for c in b) for b in label
    )


class SaringHost:
    """WSGI wrapper: a Host header that cannot be a URL host (``a..b`` used to crash every
    ``url_for(_external=True)``) is swapped for a harmless one and flagged, so Flask can still
    build the Indonesian 400 page, and the view never runs (``periksa_host``)."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST", "")
        if host and not host_sah(host):
            environ["HTTP_HOST"] = "localhost"
            environ["sigap.host_rusak"] = True
        return self.wsgi_app(environ, start_response)


def periksa_host() -> None:
    """Unparseable Host, or one not in SIGAP_HOSTS → 400."""
    if request.environ.get("sigap.host_rusak"):
        raise BadRequest
    from flask import current_app

    dipercaya = current_app.extensions.get("sigap_hosts")
    if dipercaya and request.host.lower() not in dipercaya:
        nama = request.host.lower().rsplit(":", 1)[0]
        if nama not in dipercaya:
            raise BadRequest


class _CatatSekaliSemenit:
    """Log one line per kind of outage per minute, however many requests hit it."""

    def __init__(self) -> None:
        self._terakhir: dict[str, float] = {}

    def __call__(self, jenis: str, pesan: str) -> None:
        sekarang = time.monotonic()
        if sekarang - self._terakhir.get(jenis, -1e9) >= 60:
            self._terakhir[jenis] = sekarang
            log.error("%s", pesan)


catat_gangguan = _CatatSekaliSemenit()


def _hosts_dari_config(app: Flask) -> list[str] | None:
    hosts = app.config.get("SIGAP_HOSTS")
    if isinstance(hosts, str):
        hosts = [h.strip() for h in hosts.split(",") if h.strip()]
    return list(hosts) if hosts else None


def tautan_mutlak(path: str) -> str:
    """An absolute link for text that leaves the site (SMS, e-mail, WhatsApp, a printed letter):
    always SIGAP_BASE_URL (required in production); the request's own address only in
    development and tests, where no base is set."""
    from flask import current_app, has_request_context

    basis = current_app.config.get("SIGAP_BASE_URL")
    if basis:
        return str(basis).rstrip("/") + path
    if has_request_context():
        return request.host_url.rstrip("/") + path
    return "http://localhost:5000" + path


def tenggat_database(app: Flask) -> None:
    """Connect and statement time limits, so a database that hangs cannot tie up workers."""
    uri = str(app.config.get("SQLALCHEMY_DATABASE_URI") or "")
    hubung = int(app.config.get("SIGAP_DB_CONNECT_TIMEOUT") or 5)
    perintah = int(app.config.get("SIGAP_DB_STATEMENT_TIMEOUT") or 10)
    opsi = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    args = dict(opsi.get("connect_args") or {})
    if uri.startswith("postgresql"):
        args.setdefault("connect_timeout", hubung)
        args.setdefault("options", f"-c statement_timeout={perintah * 1000}"
                                   f" -c lock_timeout={perintah * 1000}")
        # A server that stops acknowledging (cable pulled, VM frozen) is given up on too.
        args.setdefault("tcp_user_timeout", perintah * 1000)
        args.setdefault("keepalives", 1)
        args.setdefault("keepalives_idle", 30)
        opsi.setdefault("pool_timeout", hubung)
    elif uri.startswith("sqlite"):
        args.setdefault("timeout", perintah)  # how long to wait for another writer's lock
    opsi["connect_args"] = args
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = opsi


def init_batas(app: Flask) -> None:
    """Proxy headers, trusted hosts, NUL bytes, the ``id`` URL converter, database limits."""
    tenggat_database(app)
    jumlah = int(app.config.get("SIGAP_PROXY") or 0)
    if jumlah > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=jumlah, x_proto=jumlah)  # type: ignore[method-assign]
    app.wsgi_app = SaringHost(app.wsgi_app)  # type: ignore[method-assign]
    app.extensions["sigap_hosts"] = [h.lower() for h in _hosts_dari_config(app) or []]
    app.url_map.converters["id"] = IdConverter
    app.before_request(periksa_host)
    app.before_request(tolak_masukan_rusak)


def periksa_kesehatan() -> dict[str, bool]:
    """Each part the site needs: database, Redis (when configured), upload folder writable."""
    import tempfile
    from pathlib import Path

    from flask import current_app
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from app.auth.pembatas import LayananGangguan, pembatas
    from app.extensions import db

    bagian: dict[str, bool] = {}
    try:
        db.session.execute(text("SELECT 1"))
        bagian["database"] = True
    except SQLAlchemyError:
        bagian["database"] = False
        with contextlib.suppress(SQLAlchemyError):
            db.session.rollback()
    if current_app.config.get("REDIS_URL"):
        try:
            pembatas().periksa()
            bagian["redis"] = True
        except LayananGangguan:
            bagian["redis"] = False
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".sehat-"):
            pass
        bagian["unggahan"] = True
    except OSError:
        bagian["unggahan"] = False
    return bagian


__all__ = ["angka_ascii", "angka_id", "catat_gangguan", "init_batas"]
