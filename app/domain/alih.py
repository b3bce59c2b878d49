"""Where a sign-in may send the browser next: a path on this site, nothing else.

Browsers forgive a lot in a URL (tabs and newlines are dropped, ``\\`` means ``/``, ``https:x``
without slashes is another site), so a value is accepted only when it is, after all of that, a
plain absolute path: one leading ``/``, no second ``/`` or ``\\`` right after it, no scheme, no
host, no control or space characters — checked on the value and on its percent-decoded form.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

PANJANG_MAKS = 2000


def _bersih(teks: str) -> bool:
    if "\\" in teks:
        return False
    for c in teks:
        if c.isspace() or unicodedata.category(c)[0] in ("C", "Z"):
            return False
    if not teks.startswith("/") or teks.startswith("//"):
        return False
    bagian = urlsplit(teks)
    return not bagian.scheme and not bagian.netloc


def tujuan_aman(nilai: object) -> str | None:
    """``nilai`` when it is a same-site path (to redirect to), else None."""
    if not isinstance(nilai, str) or not nilai or len(nilai) > PANJANG_MAKS:
        return None
    if not nilai.isascii():
        return None
    # Twice decoded as well: a proxy or a browser may decode once more on the way.
    sekali = unquote(nilai)
    if not (_bersih(nilai) and _bersih(sekali) and _bersih(unquote(sekali))):
        return None
    return nilai
