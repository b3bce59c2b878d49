"""SIGAP application factory."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from app.config import ConfigError, config_class

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config_name: str | None = None, **overrides) -> Flask:
    """Build the application: a list of named set-up steps, in order."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_relative_config=True,
    )
    cls = config_class(config_name)
    app.config.from_object(cls)
    app.config.update(cls.from_environment())
    app.config.update(overrides)
    app.config["SIGAP_CONFIG_NAME"] = cls.__name__

    for step in (
        _init_paths,
        _init_batas,
        _init_logging,
        _init_extensions,
        _init_content,
        _init_templates,
        _init_security,
        _init_errors,
        _init_penyimpanan,
        _init_blueprints,
        _init_pembatas,
        _init_aturan,
        _init_situs,
        _init_batas_unggah,
        _init_cli,
        _init_static,
    ):
        step(app)
    return app


def _init_paths(app: Flask) -> None:
    """Instance folder, default SQLite database, content and upload folders."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + str(
            Path(app.instance_path) / "sigap.sqlite3"
        )
    app.config.setdefault("CONTENT_ROOT", None)
    if not app.config["CONTENT_ROOT"]:
        app.config["CONTENT_ROOT"] = str(PROJECT_ROOT / "content")
    if not app.config.get("UPLOAD_FOLDER"):
        app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "unggahan")


def _init_batas(app: Flask) -> None:
    """Request boundary: proxies, hosts, NUL bytes, ids, database time limits (app/batas.py)."""
    from app.batas import init_batas

    init_batas(app)


def _init_logging(app: Flask) -> None:
    """Log to stderr, with every NIK-shaped number masked before it is written."""
    from app.logs import install_nik_filter

    install_nik_filter()
    if not app.debug and not app.testing:
        logging.getLogger().setLevel(logging.INFO)


def _init_extensions(app: Flask) -> None:
    """Database, migrations, login, CSRF, htmx request helpers."""
    from app.extensions import csrf, db, htmx, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)

    from app import models  # noqa: F401 - registers the models with SQLAlchemy
    from app.auth.sesi import init_login

    init_login(app)

    from app.simpanan import init_simpanan

    init_simpanan(app)


def _init_content(app: Flask) -> None:
    """Load the region's content once, at start-up."""
    from app.konten_app import init_content

    init_content(app)


def _init_templates(app: Flask) -> None:
    """Jinja filters and globals shared by every template."""
    from app.web import init_templates

    init_templates(app)


def _init_security(app: Flask) -> None:
    """Security headers, cache rules and the Vary header on every response."""
    from app.security import init_security

    init_security(app)


def _init_errors(app: Flask) -> None:
    """Indonesian error pages, as full pages and as htmx fragments."""
    from app.errors import init_errors

    init_errors(app)


def _init_blueprints(app: Flask) -> None:
    """One blueprint per audience."""
    from app.akun import bp as akun_bp
    from app.auth import bp as auth_bp
    from app.cek import bp as cek_bp
    from app.public import bp as public_bp
    from app.staf import bp as staf_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(cek_bp, url_prefix="/cek")
    app.register_blueprint(auth_bp)
    app.register_blueprint(akun_bp, url_prefix="/akun")
    app.register_blueprint(staf_bp, url_prefix="/staf")


def _init_penyimpanan(app: Flask) -> None:
    """Stored files (app/penyimpanan.py): a storage outage is a 503, not a 500."""
    from app.penyimpanan import init_penyimpanan

    init_penyimpanan(app)
def _init_pembatas(app: Flask) -> None:
    """Failure counters for sign-in, activation, codes and verification (Redis or memory)."""
    from app.auth.pembatas import init_pembatas

    init_pembatas(app)


def _init_aturan(app: Flask) -> None:
    """Every /cek rule version, read once; a broken rule file stops the app here."""
    from app.cek.aturan import init_aturan

    init_aturan(app)


def _init_situs(app: Flask) -> None:
    """Once every view exists: page addresses, the search index, key figures, the newsroom."""
    from app.public.berita import init_berita
    from app.public.situs import init_situs

    init_situs(app)
    init_berita(app)


def _init_batas_unggah(app: Flask) -> None:
    """The import (50 MB) and newsroom (10 MB) forms take files above the site's request limit.
    The limit is raised before any other hook runs, CSRF included (it reads the form)."""
    from app.staf.berita import batas_unggah_berita
    from app.staf.impor import batas_unggah_impor

    hooks = app.before_request_funcs.setdefault(None, [])
    hooks[0:0] = [batas_unggah_impor, batas_unggah_berita]


def _init_cli(app: Flask) -> None:
    """``flask demo-data`` and friends."""
    from app.cli import init_cli

    init_cli(app)


__all__ = ["ConfigError", "create_app"]


def _init_static(app: Flask) -> None:
    """Fingerprinted, long-cached, pre-compressed static files (WhiteNoise)."""
    from app.statis import init_statis

    init_statis(app)
