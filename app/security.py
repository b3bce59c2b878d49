"""Security headers, cache rules and ``Vary: HX-Request`` for every response."""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


def is_private_endpoint(endpoint: str | None) -> bool:
    """True when the view behind ``endpoint`` needs a login (declared by decorator)."""
    if not endpoint:
        return False
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "sigap_akses", "publik") != "publik"


def pasang_header_situs(headers, hsts: bool) -> None:
    """The site-wide headers, for pages (``add_headers``) and static files (app/statis.py)."""
    headers["Content-Security-Policy"] = CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if hsts:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"


def add_headers(response: Response) -> Response:
    """Apply the site-wide headers."""
    pasang_header_situs(response.headers, bool(current_app.config.get("HSTS")))
    # One URL serves the full page or the htmx fragment, so caches must key on the header.
    response.vary.add("HX-Request")
    if is_private_endpoint(request.endpoint):
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("Cookie")
    return response


def init_security(app: Flask) -> None:
    """Register the header hook."""
    app.after_request(add_headers)
