"""Binds the region's content to the app: loaded once at start-up, read by every page."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup, escape

from app.domain.konten import (
    BELUM_PASTI,
    PENANDA,
    Konten,
    awal_kecil,
    daftar,
    format_nilai,
    muat_konten,
)

KUNCI = "sigap_konten"
_HREF_HALAMAN = re.compile(r'href="/([a-z0-9-]+)(#[^"]*)?"')


def init_content(app: Flask) -> None:
    """Load the region chosen by ``SIGAP_REGION`` once and expose it to templates."""
    root = Path(app.config["CONTENT_ROOT"]).resolve()
    pasang(app, _muat(root, app.config["SIGAP_REGION"], _sidik(root)))
    app.jinja_env.filters.setdefault("daftar", daftar)
    app.jinja_env.filters.setdefault("awal_kecil", awal_kecil)
    app.jinja_env.filters.setdefault("judul_situs", judul_situs)
    app.jinja_env.globals.update(nilai=format_nilai, BELUM_PASTI=BELUM_PASTI, PENANDA=PENANDA)


def _sidik(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every content file the loader reads."""
    return tuple(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns)
        for folder in ("halaman", "data", "wilayah")
        for p in sorted((root / folder).glob("*"))
    )


@functools.lru_cache(maxsize=4)
def _muat(root: Path, kode: str, sidik: tuple[tuple[str, int, int], ...]) -> Konten:
    """Load once per process and content version: apps built again (tests) share it."""
    return muat_konten(root, kode)


def pasang(app: Flask, konten: Konten) -> None:
    """Make ``konten`` the content in force: for Python code and as template globals."""
    app.extensions[KUNCI] = konten
    # Globals rather than a context processor: the content never changes per request.
    app.jinja_env.globals.update(konten=konten, wilayah=konten.wilayah)


def judul_situs(judul: str) -> str:
    """A page title with the site name after it, unless the title already carries it."""
    program = current_app.extensions[KUNCI].wilayah["program"]
    situs = escape(program.get("singkatan") or program["nama"])
    teks = Markup(" ").join(escape(judul).split())  # already-escaped text stays as it is
    return teks if situs in teks else teks + Markup(" – ") + situs


def konten() -> Konten:
    """All content of the region in force (pages, FAQ, data figures)."""
    return current_app.extensions[KUNCI]


def wilayah() -> Mapping[str, Any]:
    """The region configuration in force."""
    return current_app.extensions[KUNCI].wilayah


def arahkan_tautan(k: Konten, alamat: Mapping[str, str]) -> Konten:
    """Point page links written as ``/<slug>`` at each page's real address.

    The loader links every page as ``/<slug>``; pages under a parent (``/hak-dan-manfaat/jkm``)
    live elsewhere, and rewriting once at start-up spares readers a redirect on every click.
    """

    def ganti(m: re.Match[str]) -> str:
        tujuan = alamat.get(m.group(1))
        if tujuan is None:
            return m.group(0)
        return f'href="{tujuan}{m.group(2) or ""}"'

    def html(nilai: Markup) -> Markup:
        # only attribute values already in the loader's escaped output are swapped
        return Markup(_HREF_HALAMAN.sub(ganti, str(nilai)))  # noqa: S704

    halaman = {
        slug: replace(
            h,
            html=html(h.html),
            pengantar=html(h.pengantar),
            bagian=tuple(replace(b, html=html(b.html)) for b in h.bagian),
        )
        for slug, h in k.halaman.items()
    }
    faq = tuple(replace(f, jawaban=html(f.jawaban)) for f in k.faq)
    return replace(k, halaman=MappingProxyType(halaman), faq=faq)
