"""``flask demo-data``: idempotent, the PRODUCT.md accounts, refused in production."""

from __future__ import annotations

from sqlalchemy import func, select

from app import create_app
from app.demo import AKUN_DEMO
from app.models import User
from tests.redis_bantu import url_redis


def test_demo_data_creates_every_demo_account_with_working_passwords(app, runner, db):
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    for akun in AKUN_DEMO:
        kolom = User.nik if "nik" in akun else User.email
        user = db.session.scalar(select(User).where(kolom == (akun.get("nik") or akun["email"])))
        assert user is not None, akun["nama"]
        assert user.peran == akun["peran"]
        assert user.cek_sandi(akun["sandi"]), f"demo password for {akun['nama']} does not verify"


def test_demo_data_is_idempotent(app, runner, db):
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    jumlah = db.session.scalar(select(func.count()).select_from(User))
    second = runner.invoke(args=["demo-data"])
    assert second.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(User)) == jumlah
    assert "0 dibuat" in second.output


def test_demo_data_is_refused_in_production(monkeypatch, database_url):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("REDIS_URL", url_redis(2))
    monkeypatch.setenv("SIGAP_BASE_URL", "https://sigap.example")
    app = create_app("production")
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "production" in result.output
