"""Workers' and heirs' own pages: membership, claims, messages."""

from flask import Blueprint

bp = Blueprint("akun", __name__)

from app.akun import routes  # noqa: E402,F401 - registers the views
