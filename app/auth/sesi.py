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


def _lupakan_pengguna_lama() -> None:
    """Flask-Login caches the user on ``g``, which lives as long as the app context; when a
    context outlives one request (tests, CLI-driven requests) the next request must not
    inherit the previous one's user."""
    from flask import g

    g.pop("_login_user", None)
