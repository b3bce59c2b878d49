"""Accounts: workers and heirs sign in with NIK, staff with e-mail."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from app.akses import PERAN, PERAN_STAF
from app.domain import sandi
from app.extensions import db
from app.models.base import Timestamps, milik_pengguna, salah_satu


class User(UserMixin, Timestamps, db.Model):
    """A person who can sign in."""

    __tablename__ = "users"
    __table_args__ = (
        salah_satu("peran", PERAN),
        # Workers and heirs are identified by NIK, staff by e-mail: exactly one of the two.
        CheckConstraint(
            "(nik IS NULL AND email IS NOT NULL) OR (nik IS NOT NULL AND email IS NULL)",
            name="satu_identitas",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    peran: Mapped[str] = mapped_column(String(20), nullable=False)
    nama: Mapped[str] = mapped_column(String(120), nullable=False)
    nik: Mapped[str | None] = mapped_column(String(16), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    # Mobile number for SMS/WhatsApp notices (workers and heirs); optional.
    telepon: Mapped[str | None] = mapped_column(String(20))
    sandi_hash: Mapped[str | None] = mapped_column(String(255))
    aktif: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    terakhir_masuk: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Changing this logs the user out everywhere (Flask-Login reads get_id()).
    sesi_versi: Mapped[int] = mapped_column(default=1, nullable=False)
    # Staff second factor (TOTP, RFC 6238): the base32 secret, whether enrolment finished, and
    # the last time step accepted (a code is never accepted twice).
    totp_rahasia: Mapped[str | None] = mapped_column(String(64))
    totp_aktif: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0",
                                             nullable=False)
    totp_langkah: Mapped[int | None] = mapped_column(BigInteger)

    def __repr__(self) -> str:  # never show the NIK, even in a debugger
        return f"<User {self.id} {self.peran}>"

    @property
    def identitas(self) -> str:
        """What the person types to sign in."""
        return self.nik or self.email or ""

    @property
    def is_staf(self) -> bool:
        """Officers, comms staff and administrators."""
        return self.peran in PERAN_STAF

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.aktif

    def get_id(self) -> str:
        """Session id includes the version so a password change ends other sessions."""
        return f"{self.id}:{self.sesi_versi}"

    def set_sandi(self, sandi_baru: str) -> None:
        """Store an argon2id hash of a new password."""
        self.sandi_hash = sandi.hash_sandi(sandi_baru)

    def cek_sandi(self, kandidat: str) -> bool:
        """True when ``kandidat`` is the password; upgrades an outdated hash on the way."""
        if not self.sandi_hash or not sandi.cek_sandi(kandidat, self.sandi_hash):
            return False
        if sandi.perlu_rehash(self.sandi_hash):
            self.sandi_hash = sandi.hash_sandi(kandidat)
        return True


class KodePemulihan(db.Model):
    """One of a staff member's ten one-time recovery codes (argon2 hash; used once)."""

    __tablename__ = "kode_pemulihan"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = milik_pengguna()
    kode_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    dipakai_pada: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
