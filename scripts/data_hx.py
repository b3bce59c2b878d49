#!/usr/bin/env python3
"""Write htmx attributes as ``data-hx-*`` (valid HTML; htmx reads both spellings).

    python scripts/data_hx.py          # rewrite in place, print what changed
    python scripts/data_hx.py --cek    # change nothing; exit 1 if a bare hx-* is left

Idempotent: ``data-hx-get`` is never touched again, so it is safe to rerun after every merge.

- ``templates/**/*.html``: every ``hx-name`` that is not already part of a longer word
  (``data-hx-get``, ``aria-hx``) becomes ``data-hx-name``.
- ``app/`` Python: an attribute inside an HTML string (`` hx-get="``) and lookups/selectors.
- ``tests/`` Python: only lookups and CSS attribute selectors (``tag["hx-get"]``,
  ``[hx-swap-oob]``); markup in test strings is left alone (XSS payloads keep their bare
  ``hx-*``), so an expected-output string may need a hand edit.
HTTP header names (``HX-Request``) are upper-case and never touched; nor is ``hx-on`` (the CSP
test forbids it under any spelling).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent

# In a template: any hx- attribute not glued to a preceding word or dash.
POLA_TEMPLATE = re.compile(r"(?<![\w-])hx-(?=[a-z])")
# In Python tests: a lookup or CSS attribute selector, `["hx-get"]` or `[hx-swap-oob]`.
POLA_PILIH = re.compile(r"""(?<=\[)(["']?)hx-(?!on\b)(?=[a-z][a-z-]*["'\]=])""")
# In app/ Python that emits markup: ` hx-get="` inside an HTML string.
POLA_ATRIBUT = re.compile(r"""(?<=\s)hx-(?!on\b)(?=[a-z][a-z-]*=["'])""")


def _ganti_python(teks: str) -> str:
    return POLA_PILIH.sub(lambda m: m.group(1) + "data-hx-", teks)


def _ganti_app(teks: str) -> str:
    return POLA_ATRIBUT.sub("data-hx-", _ganti_python(teks))


def _ganti_template(teks: str) -> str:
    return POLA_TEMPLATE.sub("data-hx-", teks)


def berkas() -> list[tuple[Path, callable]]:
    daftar = [(p, _ganti_template) for p in sorted((AKAR / "templates").rglob("*.html"))]
    daftar += [(p, _ganti_app) for p in sorted((AKAR / "app").rglob("*.py"))]
    # Tests: only lookups and selectors; hostile markup in XSS payloads (tests/berita/bahaya.py)
    # must keep its bare hx-* to prove the sanitiser removes it.
    daftar += [(p, _ganti_python) for p in sorted((AKAR / "tests").rglob("*.py"))]
    return daftar


def main(argv: list[str]) -> int:
    cek = "--cek" in argv
    sisa = 0
    for path, ganti in berkas():
        lama = path.read_text(encoding="utf-8")
        baru = ganti(lama)
        if baru == lama:
            continue
        sisa += 1
        nama = path.relative_to(AKAR)
        if cek:
            print(f"{nama}: masih ada atribut hx- (jalankan python scripts/data_hx.py)")
        else:
            path.write_text(baru, encoding="utf-8")
            print(f"{nama}: hx-* → data-hx-*")
    return 1 if cek and sisa else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
