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


def test_migration_0003_fills_the_nik_suffix_of_existing_participants(tmp_path):
    """Rows written before 0003 get their nik_akhir; the check constraint then holds."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from app import create_app
    from app.extensions import db as _db

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/m.sqlite3")
    with app.app_context():
        upgrade(revision="0002")
        _db.session.execute(text(
            "INSERT INTO peserta (nik, nama, tanggal_lahir, jenis_kelamin, program_jkk, "
            "program_jkm, program_jht, status, dibuat, diubah) VALUES ('3275011506880001', "
            "'Budi', '1988-06-15', 'L', 1, 1, 0, 'aktif', '2026-01-01', '2026-01-01')"))
        _db.session.commit()
        upgrade()
        assert _db.session.execute(text("SELECT nik_akhir FROM peserta")).scalar() == "0001"
        downgrade(revision="0002")
        upgrade()


def test_value_lists_are_checked_by_the_database_under_their_column_names():
    from sqlalchemy import CheckConstraint

    from app.extensions import db

    cek = {c.name: str(c.sqltext) for t in db.metadata.tables.values()
           for c in t.constraints if isinstance(c, CheckConstraint)}
    assert cek["ck_klaim_state"].startswith("state IN ('diterima', 'verifikasi_berkas', ")
    assert cek["ck_surat_terbit_jenis"] == "jenis IN ('sertifikat', 'surat_bayar')"
    assert cek["ck_pesan_status"] == "status IN ('menunggu', 'terkirim', 'gagal')"
    assert cek["ck_users_peran"].startswith("peran IN ('peserta', ")
