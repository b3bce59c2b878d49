"""Flask-Login wiring: how a session cookie becomes a user."""

from __future__ import annotations

from flask import Flask

from app.extensions import db, login_manager


def load_user(session_id: str):
    """Find the user for ``id:version``; a stale version means the session has ended."""
    from app.batas import angka_ascii, angka_id
    from app.models import User

    user_id, _, versi = session_id.partition(":")
    nomor, versi_angka = angka_id(user_id), angka_ascii(versi)
    if nomor is None or versi_angka is None:
        return None
    user = db.session.get(User, nomor)
    if user is None or user.sesi_versi != versi_angka or not user.aktif:
        return None
    return user


def init_login(app: Flask) -> None:
    """Configure the login manager."""
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.masuk"
    login_manager.login_message = "Silakan masuk untuk membuka halaman ini."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.before_request(_lupakan_pengguna_lama)
    app.before_request(_batasi_umur_sesi)
    login_manager.unauthorized_handler(_belum_masuk)


def _batasi_umur_sesi() -> None:
    """Absolute lifetime: however active, a session ends SIGAP_SESI_MAKS_JAM hours after
    sign-in (the idle timeout, PERMANENT_SESSION_LIFETIME, ends it sooner when left alone)."""
    import time

    from flask import current_app, session

    if "_user_id" not in session:
        return
    mulai = session.get("masuk_pada")
    if not isinstance(mulai, int | float):
        session["masuk_pada"] = time.time()
        return
    batas = float(current_app.config.get("SIGAP_SESI_MAKS_JAM", 12)) * 3600
    if time.time() - mulai > batas:
        session.clear()


def _belum_masuk():
    """Not signed in (or the session ended): the sign-in page; for an htmx request a 401 with
    ``HX-Redirect``, so htmx loads the whole page instead of swapping it into a fragment."""
    from flask import flash, redirect, request
    from flask_login.utils import login_url

    tujuan = login_url("auth.masuk", request.url)
    if request.headers.get("HX-Request") == "true":
        return "", 401, {"HX-Redirect": tujuan, "Cache-Control": "no-store"}
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(tujuan)

def _lupakan_pengguna_lama() -> None:
    """Flask-Login caches the user on ``g``, which lives as long as the app context; when a
    context outlives one request (tests, CLI-driven requests) the next request must not
    inherit the previous one's user."""
    from flask import g

    g.pop("_login_user", None)
