"""Indonesian error pages, full or as an htmx fragment, never a traceback."""

from __future__ import annotations

import errno
import logging
import traceback

from flask import Flask
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db
from app.web import render_page

log = logging.getLogger(__name__)

_PENYIMPANAN_GAGAL = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT)

PESAN = {
    400: (
        "Permintaan tidak dapat diproses",
        "Ada yang tidak lengkap atau tidak sesuai pada permintaan Anda. "
        "Muat ulang halaman lalu coba lagi.",
    ),
    403: (
        "Anda tidak memiliki akses ke halaman ini",
        "Halaman ini hanya untuk pengguna dengan peran tertentu. "
        "Jika Anda merasa seharusnya bisa membukanya, hubungi petugas.",
    ),
    404: (
        "Halaman tidak ditemukan",
        "Alamat yang Anda buka tidak ada, sudah dipindah, atau bukan milik akun Anda. "
        "Periksa kembali alamatnya.",
    ),
    405: (
        "Cara membuka halaman ini tidak didukung",
        "Halaman ini tidak bisa dibuka dengan cara tersebut. Kembali ke halaman sebelumnya.",
    ),
    413: (
        "Berkas terlalu besar",
        "Berkas yang Anda kirim melebihi batas ukuran. Perkecil berkas lalu coba lagi.",
    ),
    422: (
        "Isian belum dapat diproses",
        "Ada isian yang belum benar. Periksa kembali lalu kirim ulang.",
    ),
    429: (
        "Terlalu banyak percobaan",
        "Anda mencoba terlalu sering dalam waktu singkat. Tunggu beberapa menit lalu coba lagi.",
    ),
    503: (
        "Layanan sedang gangguan",
        "Sistem kami sedang tidak dapat menjangkau basis data. Data yang sudah tersimpan "
        "tidak hilang. Coba lagi beberapa menit lagi.",
    ),
    500: (
        "Maaf, terjadi gangguan pada sistem",
        "Permintaan Anda tidak dapat diselesaikan karena gangguan di pihak kami. "
        "Data yang sudah tersimpan tidak hilang. Coba lagi beberapa saat lagi.",
    ),
}


def render_error(code: int, detail: str | None = None):
    """Render the error page for ``code`` (fragment for htmx requests)."""
    judul, pesan = PESAN.get(code, PESAN[500])
    return render_page(
        "errors/error.html",
        "errors/_error.html",
        status=code,
        kode=code,
        judul=judul,
        pesan=pesan,
        detail=detail,
    )


def handle_http(error: HTTPException):
    """Known HTTP errors get their Indonesian page; the English description is never shown."""
    code = error.code or 500
    if code not in PESAN:
        code = 400 if code < 500 else 500
    detail = getattr(error, "sigap_detail", None)
    return render_error(code, detail)


def handle_csrf(error: CSRFError):
    """A missing or stale CSRF token is a 400 with a plain explanation."""
    return render_error(
        400,
        "Formulir ini sudah kedaluwarsa atau tidak lengkap. Muat ulang halaman lalu isi kembali.",
    )


def _database_error(error: Exception):
    """Connection-level database errors are an outage (503); others are a bug (500)."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    ) or _sqlite_tidak_tersedia(error):
        return handle_database_down(error)
    return handle_unexpected(error)


def _sqlite_tidak_tersedia(error: Exception) -> bool:
    teks = str(getattr(error, "orig", "") or "").lower()
    return any(t in teks for t in ("readonly database", "unable to open", "disk i/o"))


def handle_unexpected(error: Exception):
    """Anything unexpected: log it (without request data) and show the 500 page."""
    if isinstance(error, HTTPException):
        return handle_http(error)
    if isinstance(error, OSError) and error.errno in _PENYIMPANAN_GAGAL:
        # Upload folder read-only or full: an outage to wait out, not a bug.
        from app.batas import catat_gangguan

        catat_gangguan("penyimpanan", f"Storage unavailable: {type(error).__name__}")
        try:
            db.session.rollback()
        except Exception:
            log.debug("rollback failed", exc_info=True)
        halaman, status = render_error(503)
        return halaman, status, {"Retry-After": "60"}
    # The traceback goes through the message (not exc_info) so the NIK mask applies to it too:
    # exception texts can quote user input.
    log.error("Unhandled error: %s\n%s", type(error).__name__, traceback.format_exc())
    # A failed flush leaves the session unusable; the error page (navigation, current user)
    # must not trip over it, and nothing half-done may be committed later in this request.
    try:
        db.session.rollback()
    except Exception:
        _tanpa_pengguna()
    return render_error(500)


def _tanpa_pengguna() -> None:
    """Render the next page as for an anonymous visitor: Flask-Login must not ask the database
    who is signed in (the database is what failed)."""
    from flask import g

    from app.extensions import login_manager

    g._login_user = login_manager.anonymous_user()


def handle_database_down(error: Exception):
    """The database refused, timed out or went away: an Indonesian 503 that touches nothing."""
    from app.batas import catat_gangguan

    catat_gangguan("database", f"Database unavailable: {type(error).__name__}")
    try:
        db.session.rollback()
    except Exception:
        log.debug("rollback after database error failed", exc_info=True)
    _tanpa_pengguna()
    halaman, status = render_error(503)
    return halaman, status, {"Retry-After": "60"}


def handle_sign_in_down(error: Exception):
    """The sign-in counter store (Redis) is unreachable: sign-in stops rather than go
    unthrottled; the rest of the site keeps working."""
    from app.batas import catat_gangguan

    catat_gangguan("redis", f"Sign-in throttle store unavailable: {error}")
    halaman, status = render_page(
        "errors/error.html", "errors/_error.html", status=503, kode=503,
        judul="Layanan masuk sedang gangguan",
        pesan="Layanan masuk sedang gangguan. Halaman informasi tetap bisa dibuka. "
              "Coba masuk lagi beberapa menit lagi.",
        detail=None,
    )
    return halaman, status, {"Retry-After": "60"}


def init_errors(app: Flask) -> None:
    """Register the handlers."""
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from app.auth.pembatas import LayananGangguan

    app.register_error_handler(LayananGangguan, handle_sign_in_down)
    app.register_error_handler(PoolTimeout, handle_database_down)
    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
