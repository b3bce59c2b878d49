"""Public views."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.akses import publik
from app.extensions import db
from app.public import bp
from app.web import render_page


@bp.get("/")
@publik
def beranda():
    """Home page."""
    return render_page("public/beranda.html")


@bp.get("/healthz")
@publik
def healthz():
    """200 when the database answers, 503 otherwise (for the load balancer)."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error"), 503
    return jsonify(status="ok"), 200
