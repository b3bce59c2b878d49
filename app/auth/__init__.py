"""Sign-in, sign-out and account activation."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import routes  # noqa: E402,F401 - registers the views
