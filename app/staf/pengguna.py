"""Admin: staff accounts and their second factor (reset when a phone is lost)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from sqlalchemy import select

from app.akses import PERAN_STAF, perlu_masuk
from app.auth.dua_langkah import reset_dua_langkah
from app.extensions import db
from app.models import User
from app.staf import bp
from app.staf.umum import ip, transaksi
from app.web import render_page


@bp.route("/pengguna")
@perlu_masuk("admin")
def pengguna_daftar():
    """Staff accounts with the state of their second factor."""
    staf = db.session.scalars(
        select(User).where(User.peran.in_(PERAN_STAF)).order_by(User.nama)
    ).all()
    return render_page("staf/pengguna.html", staf=staf)


@bp.route("/pengguna/<id:user_id>/reset-dua-langkah", methods=["POST"])
@perlu_masuk("admin")
def pengguna_reset_dua_langkah(user_id: int):
    """Clear a colleague's second factor (audited); they enrol again at their next sign-in."""
    target = db.session.get(User, user_id)
    if target is None or not target.is_staf or target.id == current_user.id:
        abort(404)
    with transaksi():
        reset_dua_langkah(target, current_user, ip())
    flash(f"Verifikasi dua langkah {target.nama} sudah diatur ulang. Saat masuk berikutnya, "
          "ia memindai kode QR baru.", "success")
    return redirect(url_for("staf.pengguna_daftar"), 303)
