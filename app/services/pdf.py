"""HTML → PDF with WeasyPrint: one font configuration and stylesheet per process, QR as SVG."""

from __future__ import annotations

import threading
from pathlib import Path

import segno
from flask import Flask, current_app, render_template

# PDF/UA-1: tagged structure, language, title shown in the viewer's title bar.
VARIAN_PDF = "pdf/ua-1"
_kunci = threading.Lock()
# The shared font configuration and image cache are not documented as thread-safe; rendering
# is CPU-bound Python anyway, so one render at a time per process costs nothing.
_kunci_render = threading.Lock()


def qr_svg(teks: str) -> str:
    """A QR code for ``teks`` as an SVG data URI (error level M survives a crease or a stain)."""
    return segno.make(teks, error="m", micro=False).svg_data_uri(
        scale=4, border=0, dark="#000", light="#fff", omitsize=True
    )


def _perlengkapan(app: Flask) -> tuple:
    """Parsed print stylesheet and font configuration, made once (both are costly)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    with _kunci:
        ada = app.extensions.get("sigap_pdf")
        if ada is None:
            fonts = FontConfiguration()
            folder = Path(app.root_path).parent / "templates" / "pdf"
            css = CSS(filename=str(folder / "cetak.css"), font_config=fonts)
            ada = app.extensions["sigap_pdf"] = (css, fonts, {})
    return ada


def render_pdf(template: str, **konteks) -> bytes:
    """Render ``templates/pdf/<template>`` to PDF bytes (A4, tagged, text selectable)."""
    from weasyprint import HTML

    app = current_app._get_current_object()
    css, fonts, cache = _perlengkapan(app)
    html = render_template(template, **konteks)
    dokumen = HTML(string=html, base_url=str(Path(app.root_path).parent / "templates" / "pdf"))
    with _kunci_render:
        return dokumen.write_pdf(
            stylesheets=[css], font_config=fonts, cache=cache, pdf_variant=VARIAN_PDF,
            custom_metadata=True,
        )
