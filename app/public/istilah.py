"""The glossary (/istilah) and the site icon (/favicon.ico).

Terms live in ``content/data/istilah.yaml``; content pages link the first use of each term
here (``app.domain.konten``), so a worker can look up DTSEN, BPU or "santunan berkala".
"""

from __future__ import annotations

from flask import current_app, send_from_directory
from markupsafe import Markup

from app.akses import publik
from app.konten_app import konten
from app.public import bp
from app.simpanan import untuk_tamu
from app.web import render_page


@bp.get("/istilah")
@publik
@untuk_tamu
def istilah():
    """Every term in plain words, one anchor per term."""
    k = konten()
    env = current_app.jinja_env
    # The texts are our own content files, rendered with autoescape on: safe to mark as such.
    daftar = [
        {**t, "arti": Markup(  # noqa: S704
            env.from_string(t["arti"]).render(data=k.data, wilayah=k.wilayah))}
        for t in k.data["istilah"]["istilah"]
    ]
    return render_page("public/istilah.html", daftar=daftar)


@bp.get("/favicon.ico")
@publik
def favicon():
    """Browsers ask for this on every page: answer with the small site icon, not a 404."""
    response = send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon",
        max_age=60 * 60 * 24 * 365,
    )
    return response
