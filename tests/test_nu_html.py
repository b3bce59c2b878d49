"""Valid HTML by the W3C's Nu HTML Checker (npm ``vnu-jar``, run with the machine's Java).

Every full page that any test sent through the page checker during this run is written to a
folder and checked in one JVM start at the end of the run (conftest moves this test last).
Run alone, it checks every public page that needs no parameter. htmx attributes are written
``data-hx-*`` (``scripts/data_hx.py``): a bare ``hx-*`` is not valid HTML.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests import pages
from tests.conftest import PROJECT_ROOT

VNU = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TEMPLATES = PROJECT_ROOT / "templates"
HX_TELANJANG = re.compile(r"(?<![\w-])hx-[a-z]")


def test_no_bare_hx_attribute_in_templates():
    """htmx reads ``data-hx-*`` too; the bare form fails the HTML checker."""
    sisa = [f"{p.relative_to(PROJECT_ROOT)}:{n}: {baris.strip()[:120]}"
            for p in sorted(TEMPLATES.rglob("*.html"))
            for n, baris in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if HX_TELANJANG.search(baris)]
    assert not sisa, "bare hx-* attributes (run python scripts/data_hx.py):\n" + "\n".join(sisa)


def _halaman_publik(app, page_checker) -> None:
    """Render every public GET page without URL parameters through the page checker."""
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        if ("GET" not in rule.methods or rule.arguments or rule.endpoint == "static"
                or rule.rule.startswith(("/staf", "/akun"))):
            continue
        jawab = client.get(rule.rule)
        if jawab.status_code == 200 and jawab.mimetype == "text/html":
            page_checker.check(jawab.get_data(as_text=True))


def test_every_checked_page_is_valid_html(app, page_checker, tmp_path):
    if not VNU.exists():
        pytest.fail("vnu-jar is not installed: run `make test` (npm ci installs it)")
    java = shutil.which("java")
    if not java:
        pytest.fail("java is not installed: the Nu HTML Checker needs Java 11 or later")
    if not pages.DIPERIKSA:
        _halaman_publik(app, page_checker)
    nama = {}
    for n, (sidik, html) in enumerate(sorted(pages.DIPERIKSA.items())):
        berkas = tmp_path / f"halaman-{n:05d}.html"
        berkas.write_text(html, encoding="utf-8")
        nama[berkas.name] = sidik
    # One JVM for every page; errors only (warnings are advice, not invalid HTML).
    hasil = subprocess.run(
        [java, "-Xss1m", "-jar", str(VNU), "--errors-only", "--format", "json",
         "--exit-zero-always", str(tmp_path)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    pesan = json.loads(hasil.stderr or hasil.stdout)["messages"]
    galat = []
    for m in pesan:
        berkas = m.get("url", "").rsplit("/", 1)[-1]
        html = pages.DIPERIKSA.get(nama.get(berkas, ""), "")
        judul = re.search(r"<title>(.*?)</title>", html, re.S)
        galat.append(f"{judul.group(1).strip() if judul else berkas} "
                     f"(baris {m.get('lastLine')}): {m.get('message')}\n"
                     f"    {m.get('extract', '').strip()[:160]}")
    assert not galat, (f"{len(galat)} HTML errors over {len(nama)} pages:\n"
                       + "\n".join(sorted(set(galat))[:60]))
