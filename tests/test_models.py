"""Models and migrations agree, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from app.extensions import db as _db
from app.models import User


def test_migrations_match_the_models(db):
    # The test database was built by `flask db upgrade`; autogenerate must find nothing to do.
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, _db.metadata)
    assert diff == []


def test_user_has_exactly_one_login_identity(db):
    user = User(peran="peserta", nama="Tanpa Identitas")
    user.set_sandi("sandi-panjang-sekali")
    db.session.add(user)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_unknown_role_is_refused_by_the_database(db):
    user = User(peran="raja", nama="X", email="x@sigap.test")
    db.session.add(user)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_password_is_stored_as_argon2id(factory):
    user = factory.user(sandi="kuda-lari-di-sawah")
    assert user.sandi_hash.startswith("$argon2id$")
    assert "kuda-lari-di-sawah" not in user.sandi_hash
    assert user.cek_sandi("kuda-lari-di-sawah")
    assert not user.cek_sandi("kuda-lari-di-kota")


def test_repr_hides_the_nik(factory):
    user = factory.user(peran="peserta")
    assert user.nik not in repr(user)
