"""Factory, configuration, health check, logging."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from app import ConfigError, create_app
from app.logs import mask_niks
from app.notifikasi import PengirimLog, PengirimSMTP, pilih_pengirim
from tests.conftest import PROJECT_ROOT
from tests.redis_bantu import url_redis


def test_development_is_the_default(monkeypatch):
    monkeypatch.delenv("SIGAP_CONFIG", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SIGAP_CONFIG_NAME"] == "DevelopmentConfig"
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")


def test_unknown_config_is_refused():
    with pytest.raises(ConfigError, match="Unknown SIGAP_CONFIG"):
        create_app("staging")


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY, DATABASE_URL"),
        ({"SECRET_KEY": "x" * 40}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql://db/sigap"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_secrets(monkeypatch, env, missing):
    for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SIGAP_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=missing):
        create_app("production")


def test_production_without_secret_exits_with_a_message_not_a_traceback():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update(SIGAP_CONFIG="production", FLASK_APP="wsgi:app")
    result = subprocess.run(
        [sys.executable, "-m", "flask", "routes"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_sets_secure_cookies_and_hsts(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1:5432/x")
    monkeypatch.setenv("REDIS_URL", url_redis(2))
    monkeypatch.setenv("SIGAP_BASE_URL", "https://localhost")
    app = create_app("production")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    response = app.test_client().get("/static/css/site.css")
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_smtp_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1:5432/x")
    monkeypatch.setenv("REDIS_URL", url_redis(2))
    monkeypatch.setenv("SIGAP_BASE_URL", "https://localhost")
    monkeypatch.setenv("SMTP_HOST", "smtp.bekasikota.example")
    monkeypatch.setenv("SMTP_PORT", "2525")
    monkeypatch.setenv("SMTP_TLS", "tidak")
    monkeypatch.setenv("SMTP_SMS_GATEWAY", "{telepon}@sms.example")
    app = create_app("production")
    pengirim = pilih_pengirim(app)
    assert isinstance(pengirim, PengirimSMTP)
    assert (pengirim.host, pengirim.port, pengirim.tls) == ("smtp.bekasikota.example", 2525, False)
    assert pengirim.gateway_sms == "{telepon}@sms.example"
    assert pengirim.pengirim == "sigap@localhost"


def test_a_bad_smtp_port_is_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("SMTP_PORT", "dua")
    with pytest.raises(ConfigError, match="SMTP_PORT"):
        create_app("development")


def test_without_smtp_host_messages_go_to_the_log(monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    assert isinstance(pilih_pengirim(create_app("development")), PengirimLog)


def test_redis_url_drives_the_sign_in_throttle(monkeypatch):
    from app.auth.pembatas import _Memori, _Redis

    assert isinstance(create_app("testing").extensions["sigap_pembatas"].simpan, _Memori)
    app = create_app("testing", REDIS_URL=url_redis(7))
    assert isinstance(app.extensions["sigap_pembatas"].simpan, _Redis)


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_healthz_503_when_the_database_does_not_answer(tmp_path):
    app = create_app(
        "testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/tidak/ada/db.sqlite3"
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"
    assert response.get_json()["gagal"] == ["database"]


def test_log_lines_never_carry_a_nik(app, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("app.test").info("masuk gagal untuk %s", "3275011506880001")
    assert "3275011506880001" not in caplog.text
    assert "3275********0001" in caplog.text


def test_mask_niks_leaves_other_numbers():
    masked = mask_niks("KPJ 26011234567 NIK 3275011506880001")
    assert masked == "KPJ 26011234567 NIK 3275********0001"
