"""Public pages: home, rights and benefits, programme, search, calculator, health check."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from app.public import berita as _berita  # noqa: E402,F401 - the news views
from app.public import istilah, routes, statistik, verifikasi  # noqa: E402,F401 - the views
