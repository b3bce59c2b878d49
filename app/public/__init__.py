"""Public pages: home, rights and benefits, programme, search, calculator, health check."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from app.public import routes  # noqa: E402,F401 - registers the views
