"""Sign-in, sign-out and account activation."""

from flask import Blueprint

bp = Blueprint("auth", __name__)


from app.auth import dua_langkah, routes  # noqa: E402,F401 - registers the views
