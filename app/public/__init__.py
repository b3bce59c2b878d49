"""Public pages: home, rights and benefits, programme, search, calculator, health check."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from app.public import berita as _berita  # noqa: E402,F401 - the news views
from app.public import istilah, routes, statistik, verifikasi  # noqa: E402,F401 - the views


@bp.record_once
def _siapkan_situs(state) -> None:
    """At start-up, once the views above exist: page addresses, search index, figures."""
    from app.public.situs import init_situs

    init_situs(state.app)

    from app.public.berita import init_berita

    init_berita(state.app)
