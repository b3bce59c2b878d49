"""Binds the region's content to the app: loaded once at start-up, read by every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from flask import Flask, current_app


def init_content(app: Flask) -> None:
    """Load the region file chosen by ``SIGAP_REGION`` and expose it to templates."""
    root = Path(app.config["CONTENT_ROOT"])
    kode = app.config["SIGAP_REGION"]
    path = root / "wilayah" / f"{kode}.yaml"
    if not path.is_file():
        available = sorted(p.stem for p in (root / "wilayah").glob("*.yaml"))
        raise ValueError(
            f"SIGAP_REGION={kode!r} has no file {path}; available: {', '.join(available)}"
        )
    app.extensions["sigap_wilayah"] = yaml.safe_load(path.read_text(encoding="utf-8"))

    @app.context_processor
    def _wilayah() -> dict:
        return {"wilayah": wilayah()}


def wilayah() -> dict[str, Any]:
    """The region configuration in force."""
    return current_app.extensions["sigap_wilayah"]
