"""Flask-Login wiring: how a session cookie becomes a user."""

from __future__ import annotations

from flask import Flask

from app.extensions import db, login_manager


def load_user(session_id: str):
    """Find the user for ``id:version``; a stale version means the session has ended."""
    from app.models import User

    user_id, _, versi = session_id.partition(":")
    if not user_id.isdigit() or not versi.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.sesi_versi != int(versi) or not user.aktif:
        return None
    return user


def init_login(app: Flask) -> None:
    """Configure the login manager."""
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.masuk"
    login_manager.login_message = "Silakan masuk untuk membuka halaman ini."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
