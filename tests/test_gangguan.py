"""Issue 10, finding 5: outages answer an Indonesian 503 (no database touched), /healthz names
the failed part, and the site recovers without a restart."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app import create_app


def _db_mati(database_url: str, tmp_path: Path) -> str:
    """A URL of the same kind as the test database that nothing answers."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path}/tidak/ada/sigap.sqlite3"
    url = make_url(database_url)
    return url.set(host="127.0.0.1", port=9).render_as_string(hide_password=False)


def _cookie_masuk(app, factory) -> str:
    """Sign a worker in on the working app and return the session cookie."""
    user = factory.user(peran="peserta")
    klien = app.test_client()
    jawab = klien.post("/masuk", data={"identitas": user.nik, "sandi": "sandi-uji-coba-123"})
    assert jawab.status_code == 302
    return klien.get_cookie("sigap_sesi").value


@pytest.fixture
def app_mati(_schema, tmp_path):
    return create_app("testing", SQLALCHEMY_DATABASE_URI=_db_mati(_schema, tmp_path),
                      UPLOAD_FOLDER=str(tmp_path / "u"), SIGAP_DB_CONNECT_TIMEOUT=2)


@pytest.mark.parametrize("htmx", [False, True], ids=["halaman", "fragmen"])
def test_database_gone_signed_in_pages_answer_indonesian_503(app, factory, app_mati, htmx):
    cookie = _cookie_masuk(app, factory)
    klien = app_mati.test_client()
    klien.set_cookie("sigap_sesi", cookie)
    headers = {"HX-Request": "true"} if htmx else {}
    jawab = klien.get("/akun/", headers=headers)
    teks = jawab.get_data(as_text=True)
    assert jawab.status_code == 503
    assert jawab.headers["Retry-After"]
    assert "Layanan sedang gangguan" in teks
    assert ("<html" in teks) is not htmx


@pytest.mark.parametrize("htmx", [False, True], ids=["halaman", "fragmen"])
def test_database_gone_anonymous_sign_in_answers_503(app_mati, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    jawab = app_mati.test_client().post(
        "/masuk", data={"identitas": "3275011506880001", "sandi": "apa-saja-123"},
        headers=headers)
    assert jawab.status_code == 503
    assert "Layanan sedang gangguan" in jawab.get_data(as_text=True)


def test_public_pages_need_no_database(app_mati):
    assert app_mati.test_client().get("/").status_code == 200


def test_healthz_names_the_part_that_failed(_schema, tmp_path):
    berkas = tmp_path / "berkas-biasa"
    berkas.write_text("bukan folder")
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema,
                     UPLOAD_FOLDER=str(berkas / "unggahan"), REDIS_URL="redis://127.0.0.1:9/2")
    jawab = app.test_client().get("/healthz")
    assert jawab.status_code == 503
    data = jawab.get_json()
    assert data["gagal"] == ["redis", "unggahan"]
    assert data["bagian"]["database"] == "ok"
    assert "127.0.0.1" not in jawab.get_data(as_text=True)


def test_sqlite_database_comes_back_without_a_restart(_schema, tmp_path, factory, app):
    if not _schema.startswith("sqlite"):
        pytest.skip("moves the database file")
    folder = tmp_path / "data"
    folder.mkdir()
    salinan = folder / "sigap.sqlite3"
    asal = sqlite3.connect(make_url(_schema).database)
    tujuan = sqlite3.connect(salinan)
    with tujuan:
        asal.backup(tujuan)  # WAL-safe copy
    asal.close()
    tujuan.close()
    app2 = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{salinan}",
                      UPLOAD_FOLDER=str(tmp_path / "u"))
    klien = app2.test_client()
    assert klien.get("/healthz").status_code == 200
    from app.extensions import db

    os.rename(folder, tmp_path / "pergi")
    with app2.app_context():
        db.engine.dispose()
    assert klien.get("/healthz").status_code == 503
    assert klien.post("/masuk", data={"identitas": "3275011506880001",
                                      "sandi": "apa-saja-123"}).status_code == 503
    os.rename(tmp_path / "pergi", folder)
    assert klien.get("/healthz").status_code == 200
    assert klien.post("/masuk", data={"identitas": "3275011506880001",
                                      "sandi": "apa-saja-123"}).status_code == 422
    with app2.app_context():
        db.engine.dispose()


def test_production_refuses_to_start_without_redis_or_base_url(monkeypatch):
    from app.config import ConfigError

    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1:5432/x")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("SIGAP_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="REDIS_URL, SIGAP_BASE_URL"):
        create_app("production")


def test_postgres_gets_connect_and_statement_timeouts():
    app = create_app("testing", SQLALCHEMY_DATABASE_URI="postgresql+psycopg://u@127.0.0.1/x",
                     SIGAP_DB_STATEMENT_TIMEOUT=3)
    args = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]
    assert args["connect_timeout"] == 5
    assert "statement_timeout=3000" in args["options"]


def test_a_hanging_query_is_cut_off_and_answers_503(_schema, tmp_path):
    if not _schema.startswith("postgresql"):
        pytest.skip("statement_timeout is a PostgreSQL setting")
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, UPLOAD_FOLDER=str(tmp_path),
                     SIGAP_DB_STATEMENT_TIMEOUT=1)

    @app.get("/_uji/lambat")
    def _lambat():
        from sqlalchemy import text

        from app.extensions import db

        db.session.execute(text("SELECT pg_sleep(5)"))
        return "tidak sampai"

    _lambat.sigap_akses = "publik"
    import time

    mulai = time.monotonic()
    jawab = app.test_client().get("/_uji/lambat")
    assert jawab.status_code == 503
    assert time.monotonic() - mulai < 4
    from app.extensions import db

    with app.app_context():
        db.engine.dispose()
