"""Test data factories (instead of fixture files)."""

from __future__ import annotations

import itertools

_counter = itertools.count(1)


class Factory:
    """Creates valid records with sensible defaults; keyword arguments override."""

    def __init__(self, db):
        self.db = db

    def user(self, peran: str = "peserta", sandi: str = "sandi-uji-coba-123", **kwargs):
        """A user; workers and heirs get a NIK, staff an e-mail."""
        from app.models import User

        n = next(_counter)
        if peran in ("peserta", "ahli_waris"):
            kwargs.setdefault("nik", f"3275{n:012d}")
        else:
            kwargs.setdefault("email", f"staf{n}@sigap.test")
        kwargs.setdefault("nama", f"Pengguna Uji {n}")
        user = User(peran=peran, **kwargs)
        user.set_sandi(sandi)
        self.db.session.add(user)
        self.db.session.commit()
        return user
