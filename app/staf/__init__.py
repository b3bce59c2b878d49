"""Staff area: officers, comms staff and administrators."""

from flask import Blueprint

bp = Blueprint("staf", __name__)

from app.staf import routes  # noqa: E402,F401 - registers the views
