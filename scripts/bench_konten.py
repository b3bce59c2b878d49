"""`make bench`, content section: Lighthouse scores and what a repeat visit downloads.

Called by scripts/bench.py with the running site's base URL. Lighthouse (npm, run on Debian
chromium) is optional: point LIGHTHOUSE at its binary, or install it next to the project with
`npm i -E --no-save lighthouse@12.2.3` (`make bench` installs it into .bench-tools/); without
it the scores are reported as skipped.
Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HALAMAN = ("/", "/cek", "/hak-dan-manfaat/jkm")
KATEGORI = ("accessibility", "best-practices")


def _lighthouse() -> str | None:
    calon = [os.environ.get("LIGHTHOUSE"), str(ROOT / "node_modules" / ".bin" / "lighthouse")]
    return next((c for c in calon if c and Path(c).exists()), None)


def skor_lighthouse(base: str) -> list[tuple[str, dict[str, float]]]:
    """Accessibility and best-practices scores (0–1) per page; [] when Lighthouse is absent."""
    biner = _lighthouse()
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    if not biner or not chrome:
        return []
    hasil = []
    with tempfile.TemporaryDirectory(prefix="sigap-lh-") as tmp:
        for path in HALAMAN:
            keluaran = Path(tmp) / "lh.json"
            subprocess.run(  # noqa: S603 - fixed arguments, our own loopback server
                [biner, base + path, "--quiet", "--output=json", f"--output-path={keluaran}",
                 f"--only-categories={','.join(KATEGORI)}", "--form-factor=mobile",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                check=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=180,
            )
            laporan = json.loads(keluaran.read_text("utf-8"))
            hasil.append((path, {k: laporan["categories"][k]["score"] for k in KATEGORI}))
    return hasil


def kunjungan_ulang(base: str) -> tuple[int, int, list[str]]:
    """(HTML bytes, static bytes a first visit adds, Cache-Control of each static file)."""
    with urllib.request.urlopen(base + "/") as r:  # noqa: S310 - loopback
        html = r.read()
    aset = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    total, cache = 0, []
    for a in dict.fromkeys(aset):
        req = urllib.request.Request(  # noqa: S310 - loopback
            base + a.decode(), headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(req) as r:  # noqa: S310 - loopback
            total += len(r.read())
            cache.append(f"{a.decode()}: {r.headers.get('Cache-Control')}")
    return len(html), total, cache


def laporan(base: str) -> None:
    """Print this section of `make bench`."""
    print("\nKonten: Lighthouse (mobile) on Debian chromium")
    try:
        skor = skor_lighthouse(base)
    except (subprocess.SubprocessError, OSError, ValueError, KeyError) as exc:
        print(f"  skipped: Lighthouse failed ({exc})")
        skor = None
    if skor == []:
        print("  skipped: set LIGHTHOUSE or `npm i -E --no-save lighthouse@12.2.3`")
    for path, s in skor or ():
        print(f"  {path:<24} " + "  ".join(f"{k} {v:.2f}" for k, v in s.items()))
    html, statis, cache = kunjungan_ulang(base)
    print(f"\nKonten: home page {html} B of HTML; static files {statis} B (gzip) on the first "
          "visit, 0 B on a repeat visit while their year-long cache holds:")
    for baris in cache:
        print(f"  {baris}")
