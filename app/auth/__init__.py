"""Sign-in, sign-out and account activation."""

from flask import Blueprint

bp = Blueprint("auth", __name__)


@bp.record_once
def _pasang_pembatas(state) -> None:
    """Failure counters for sign-in and activation, one set per app."""
    from app.auth.pembatas import init_pembatas

    init_pembatas(state.app)


from app.auth import dua_langkah, routes  # noqa: E402,F401 - registers the views
