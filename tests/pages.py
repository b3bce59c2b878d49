"""The page checker every HTML page in the tests goes through."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import html5lib
from bs4 import BeautifulSoup

# Every full page any test checked during this run, once per distinct shape (the CSRF token
# and nonces differ between renders of one page): tests/test_nu_html.py sends them all to the
# Nu HTML Checker in one batch at the end of the run.
DIPERIKSA: dict[str, str] = {}
_ACAK = re.compile(r'(value|nonce|content)="[A-Za-z0-9_.\-]{20,}"')


def catat(html: str) -> None:
    """Remember a full page for the Nu HTML Checker."""
    sidik = hashlib.sha256(_ACAK.sub(r'\1=""', html).encode()).hexdigest()
    DIPERIKSA.setdefault(sidik, html)


class PageChecker:
    """Asserts the structural rules every SIGAP page keeps."""

    def check(self, html: str) -> BeautifulSoup:
        """Check a full page and return it parsed."""
        catat(html)
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(html)
        except html5lib.html5parser.ParseError as error:
            line = html.splitlines()[parser.errors[0][0][0] - 1] if parser.errors else ""
            message = f"not valid HTML5: {error}\n  near: {line.strip()[:200]}"
            raise AssertionError(message) from None
        soup = BeautifulSoup(html, "html5lib")
        assert soup.html.get("lang") == "id", "<html> must have lang=id"
        h1s = soup.find_all("h1")
        assert len(h1s) == 1, f"expected exactly one <h1>, found {len(h1s)}"
        heading = " ".join(h1s[0].get_text().split())
        title = " ".join(soup.title.get_text().split()) if soup.title else ""
        assert title.startswith(heading), f"<title> {title!r} must start with <h1> {heading!r}"
        ids = Counter(tag["id"] for tag in soup.find_all(id=True))
        duplicates = [i for i, n in ids.items() if n > 1]
        assert not duplicates, f"duplicate ids: {duplicates}"
        for label in soup.find_all("label"):
            target = label.get("for")
            if target:
                assert soup.find(id=target), f"<label for={target!r}> points at nothing"
        return soup

    def check_fragment(self, html: str) -> BeautifulSoup:
        """A fragment is not a page: no <html>, no <title>."""
        assert "<html" not in html and "<title" not in html, "fragment must not be a full page"
        return BeautifulSoup(html, "html5lib")


def hitung_render(monkeypatch, modul) -> list[str]:
    """Count the real renders of ``modul``'s views: each call records its template name."""
    panggilan: list[str] = []
    asli = modul.render_page

    def render(*args, **kwargs):
        panggilan.append(args[0])
        return asli(*args, **kwargs)

    monkeypatch.setattr(modul, "render_page", render)
    return panggilan
