"""Configuration classes, chosen by the ``SIGAP_CONFIG`` environment variable."""

from __future__ import annotations

import datetime as dt
import os
from typing import ClassVar


class ConfigError(RuntimeError):
    """Raised when the environment cannot run the chosen configuration."""


class Config:
    """Settings shared by every environment."""

    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    REDIS_URL: str | None = None
    SIGAP_REGION = "kota-bekasi"
    # Root of the content/ folder (pages, data, region files, rules).
    CONTENT_ROOT: str | None = None
    # Where uploaded claim documents live: never under static/.
    UPLOAD_FOLDER: str | None = None
    # Where stored files live: empty = UPLOAD_FOLDER; s3://bucket/prefix = S3-compatible storage
    # (app/penyimpanan.py; endpoint and keys from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...).
    SIGAP_STORAGE: str | None = None
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024  # one 5 MB document plus the form around it

    SESSION_COOKIE_NAME = "sigap_sesi"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    # Idle timeout: the session is refreshed on each request and dies after this much silence.
    PERMANENT_SESSION_LIFETIME = dt.timedelta(minutes=30)
    SESSION_REFRESH_EACH_REQUEST = True

    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead, which already expires
    # Notifications: without SMTP_HOST, `flask kirim-notifikasi` writes messages to the log.
    SMTP_HOST: str | None = None
    SMTP_PORT = 587
    SMTP_USER: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_FROM = "sigap@localhost"
    SMTP_SMS_GATEWAY: str | None = None  # e.g. "{telepon}@sms.example": e-mail-to-SMS
    SMTP_TLS = True
    HSTS = False
    # Newsroom: an article needs a second person's review before it is published.
    BERITA_WAJIB_TINJAUAN = True
    # Boundary (app/batas.py): how many proxies in front set X-Forwarded-For/-Proto (0: none
    # trusted), which Host headers are served (comma list; empty: any well-formed one), the
    # site's public address for links in messages, and database time limits in seconds.
    SIGAP_PROXY = 0
    SIGAP_HOSTS: str | None = None
    SIGAP_BASE_URL: str | None = None
    SIGAP_DB_CONNECT_TIMEOUT = 5
    SIGAP_DB_STATEMENT_TIMEOUT = 10
    SIGAP_SESI_MAKS_JAM = 12  # absolute session lifetime, whatever the activity
    # Seconds a public page for cookie-less visitors may be served from the page store
    # (app/simpanan.py); at most 60, so a change shows on every server within a minute.
    SIGAP_SIMPANAN_UMUR = 60
    TESTING = False
    DEBUG = False

    @classmethod
    def from_environment(cls) -> dict:
        """Read secrets and service addresses from the environment."""
        values: dict = {}
        for name in ("SECRET_KEY", "REDIS_URL", "SIGAP_REGION", "UPLOAD_FOLDER", "CONTENT_ROOT",
                     "SIGAP_HOSTS", "SIGAP_BASE_URL", "SIGAP_STORAGE"):
            if os.environ.get(name):
                values[name] = os.environ[name]
        for name in ("SIGAP_PROXY", "SIGAP_DB_CONNECT_TIMEOUT", "SIGAP_DB_STATEMENT_TIMEOUT",
                     "SIGAP_SIMPANAN_UMUR"):
            if os.environ.get(name):
                teks = os.environ[name].strip()
                if not (teks.isascii() and teks.isdigit()):
                    raise ConfigError(f"{name} must be a whole number, e.g. 1.")
                values[name] = int(teks)
        if os.environ.get("DATABASE_URL"):
            values["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(os.environ["DATABASE_URL"])
        values.update(smtp_from_environment())
        if os.environ.get("BERITA_WAJIB_TINJAUAN"):
            values["BERITA_WAJIB_TINJAUAN"] = os.environ["BERITA_WAJIB_TINJAUAN"].lower() not in (
                "0", "false", "tidak")
        return values


class DevelopmentConfig(Config):
    """Local development: SQLite in the instance folder, a fixed throwaway secret."""

    SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - development only, production refuses it
    SIGAP_BASE_URL = "http://127.0.0.1:5000"


class TestingConfig(Config):
    """Tests: CSRF off unless a test turns it on, in-memory rate limits."""

    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105
    WTF_CSRF_ENABLED = False
    # Any outside host the code might call points at a name that fails loudly.
    SMTP_HOST = "smtp.invalid"

    @classmethod
    def from_environment(cls) -> dict:
        """Tests choose their database themselves; only the region may come from outside."""
        values = {}
        if os.environ.get("SIGAP_REGION"):
            values["SIGAP_REGION"] = os.environ["SIGAP_REGION"]
        return values


class ProductionConfig(Config):
    """Production: secrets and database must come from the environment."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def from_environment(cls) -> dict:
        """Refuse to start without the secrets production needs."""
        values = super().from_environment()
        missing = [
            name
            for name, key in (
                ("SECRET_KEY", "SECRET_KEY"),
                ("DATABASE_URL", "SQLALCHEMY_DATABASE_URI"),
                ("REDIS_URL", "REDIS_URL"),
                ("SIGAP_BASE_URL", "SIGAP_BASE_URL"),
            )
            if not values.get(key)
        ]
        if missing:
            raise ConfigError(
                "SIGAP_CONFIG=production needs these environment variables: "
                + ", ".join(missing)
                + ". Set them and start again."
            )
        if len(values["SECRET_KEY"]) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters long in production.")
        from urllib.parse import urlsplit

        basis = urlsplit(values["SIGAP_BASE_URL"])
        if basis.scheme not in ("http", "https") or not basis.hostname:
            raise ConfigError("SIGAP_BASE_URL must be the site's address, e.g. "
                              "https://sigap.bekasikota.go.id")
        values.setdefault("SIGAP_HOSTS", basis.netloc)
        return values


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def smtp_from_environment() -> dict:
    """SMTP_* variables, typed: the port a number, TLS a yes/no (0/false/tidak turn it off)."""
    values: dict = {}
    for name in ("SMTP_HOST", "SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM", "SMTP_SMS_GATEWAY"):
        if os.environ.get(name):
            values[name] = os.environ[name]
    if os.environ.get("SMTP_PORT"):
        try:
            values["SMTP_PORT"] = int(os.environ["SMTP_PORT"])
        except ValueError as error:
            raise ConfigError("SMTP_PORT must be a port number, e.g. 587.") from error
    if os.environ.get("SMTP_TLS"):
        values["SMTP_TLS"] = os.environ["SMTP_TLS"].strip().lower() not in ("0", "false", "tidak")
    return values


def normalise_database_url(url: str) -> str:
    """Let ``postgresql://`` URLs use psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def config_class(name: str | None) -> type[Config]:
    """Return the config class for ``name`` (default from ``SIGAP_CONFIG``)."""
    name = name or os.environ.get("SIGAP_CONFIG") or "development"
    try:
        return CONFIGS[name]
    except KeyError:
        raise ConfigError(
            f"Unknown SIGAP_CONFIG {name!r}; choose one of: {', '.join(CONFIGS)}."
        ) from None
