"""Security headers, CSRF, no inline scripts, nothing loaded from another host."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT_ROOT

TEMPLATES = sorted((PROJECT_ROOT / "templates").rglob("*.html"))


@pytest.mark.parametrize("url", ["/", "/tidak-ada", "/healthz", "/static/css/site.css"])
def test_security_headers_on_every_response(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "HX-Request" in headers["Vary"]


def test_templates_have_no_inline_scripts_or_handlers():
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag, f"inline <script> in {path.name}: {tag}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"inline event handler in {path.name}"
        assert "hx-on" not in text, f"hx-on needs eval, which the CSP forbids ({path.name})"
        assert "style=" not in text, f"inline style in {path.name} (CSP has no unsafe-inline)"


def test_templates_load_nothing_from_another_host():
    pattern = re.compile(
        r"<(script|link|img|iframe|source|video|audio)\b[^>]*(src|href)=\"(https?:)?//"
    )
    for path in TEMPLATES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if 'rel="canonical"' in line:
                continue
            assert not pattern.search(line), f"{path.name} loads from another host: {line.strip()}"


def test_htmx_is_served_from_static_vendor(client, get_page):
    soup = get_page("/")
    sources = [s["src"] for s in soup.find_all("script")]
    htmx = [s for s in sources if s.startswith("/static/vendor/htmx.min.")]
    assert len(htmx) == 1  # a fingerprinted name (app/statis.py)
    assert all(src.startswith("/static/") for src in sources)
    response = client.get(htmx[0])
    assert response.status_code == 200
    assert b"htmx" in response.data[:2000]


def test_htmx_config_meta(get_page):
    import json

    soup = get_page("/")
    config = json.loads(soup.find("meta", attrs={"name": "htmx-config"})["content"])
    assert config["selfRequestsOnly"] is True
    assert config["allowEval"] is False
    assert config["includeIndicatorStyles"] is False


def test_csrf_protects_posts(app):
    app.config["WTF_CSRF_ENABLED"] = True

    def tulis():
        return "ok"

    tulis.sigap_akses = "publik"
    app.add_url_rule("/_uji/tulis", "uji_tulis", tulis, methods=["POST"])
    response = app.test_client().post("/_uji/tulis", data={"a": "b"})
    assert response.status_code == 400
    assert "kedaluwarsa" in response.get_data(as_text=True)
