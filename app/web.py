"""Rendering helpers: one URL, two shapes (full page or htmx fragment), and template globals."""

from __future__ import annotations

import datetime as dt
import json

from flask import Flask, render_template, request, url_for
from werkzeug.routing import BuildError

from app.domain.format import rupiah, tanggal, tanggal_jam
from app.domain.konten import tandai_belum_pasti
from app.logs import mask_niks


def wants_fragment() -> bool:
    """True for an htmx request that is not a history restore (which needs the full page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def render_page(template: str, fragment: str | None = None, status: int = 200, **context):
    """Render ``template``, or only ``fragment`` when htmx asked for it."""
    name = fragment if fragment and wants_fragment() else template
    # Unverified figures carry a marker: shown as one "belum pasti" tag per section.
    return tandai_belum_pasti(render_template(name, **context)), status


# Navigation in the order PRODUCT.md gives; an entry shows once its page exists.
NAVIGASI = (
    ("public.beranda", "Beranda"),
    ("public.hak_dan_manfaat", "Hak & Manfaat"),
    ("cek.mulai", "Cek Kelayakan"),
    ("public.berita", "Berita"),
    ("public.cari", "Cari"),
)


def navigasi() -> list[dict]:
    """Navigation entries, marking the current one."""
    items = []
    for endpoint, label in NAVIGASI:
        href = url_for(endpoint)
        current = request.endpoint == endpoint or (
            endpoint != "public.beranda"
            and request.path.startswith(href.rstrip("/") + "/")
        )
        items.append({"href": href, "label": label, "current": current})
    return items


def htmx_config(private: bool) -> str:
    """The ``<meta name="htmx-config">`` value: self requests only, no eval, no inline styles."""
    config = {
        "selfRequestsOnly": True,
        "allowEval": False,
        "allowScriptTags": False,
        "includeIndicatorStyles": False,
        "historyCacheSize": 0 if private else 10,
        "refreshOnHistoryMiss": True,
        "defaultFocusScroll": True,
        # Swap 4xx fragments too (422 form errors, 404, 429 messages); 5xx as errors.
        "responseHandling": [
            {"code": "204", "swap": False},
            {"code": "[23]..", "swap": True},
            {"code": "4..", "swap": True},
            {"code": "5..", "swap": True, "error": True},
        ],
    }
    return json.dumps(config, separators=(",", ":"))


def masked_nik(nik: str | None) -> str:
    """``3275011506880001`` → ``3275********0001``."""
    return mask_niks(nik or "")


def nilai_tanggal(nilai: object) -> str:
    """A date input's value: the ISO date when ``nilai`` is one, else empty (a date input
    cannot hold anything else; the error message beside it says what was wrong)."""
    teks = "" if nilai is None else str(nilai)
    try:
        return dt.date.fromisoformat(teks).isoformat() if len(teks) == 10 else ""
    except ValueError:
        return ""


def init_templates(app: Flask) -> None:
    """Register filters and globals."""
    app.jinja_env.filters.update(
        rupiah=rupiah, tanggal=tanggal, tanggal_jam=tanggal_jam, nik_samar=masked_nik,
        nilai_tanggal=nilai_tanggal,
    )
    app.jinja_env.globals.update(
        navigasi=navigasi,
        htmx_config=htmx_config,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def _shell_context() -> dict:
        from app.security import is_private_endpoint

        return {"halaman_privat": is_private_endpoint(request.endpoint),
                "alamat_kanonik": alamat_kanonik}


def alamat_kanonik() -> str | None:
    """This page's own address, rebuilt from its route (so always well-formed); None for an
    address no route matched (a 404), which has no canonical page to point at."""
    if request.url_rule is None or request.endpoint is None:
        return None
    try:
        return url_for(request.endpoint, _external=True, **(request.view_args or {}))
    except (BuildError, ValueError):
        return None


__all__ = ["render_page", "wants_fragment"]
