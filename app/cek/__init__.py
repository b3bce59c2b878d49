"""Eligibility check: one question per page, answers in the query string."""

from flask import Blueprint

bp = Blueprint("cek", __name__)


@bp.record_once
def _muat_aturan(state) -> None:
    """Load every rule version once, when the blueprint joins the app (start-up)."""
    from app.cek.aturan import init_aturan

    init_aturan(state.app)


from app.cek import routes  # noqa: E402,F401 - registers the views
