"""Every test in this folder runs twice: on the local folder and on S3 (moto)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import create_app
from tests.akun_bantu import demo  # noqa: F401 - fixture
from tests.conftest import kosongkan


@pytest.fixture(params=["lokal", "s3"])
def app(request, _schema, tmp_path) -> Iterator:
    """The test app with the storage backend of this run (the same cases for both)."""
    lain = {}
    if request.param == "s3":
        lain["SIGAP_STORAGE"] = request.getfixturevalue("s3_alamat")
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema,
                     UPLOAD_FOLDER=str(tmp_path / "unggahan"), **lain)
    yield app
    kosongkan(app)
