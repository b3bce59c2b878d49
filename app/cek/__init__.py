"""Eligibility check: one question per page, answers in the query string."""

from flask import Blueprint

bp = Blueprint("cek", __name__)


from app.cek import routes  # noqa: E402,F401 - registers the views
