"""Fixtures for the auth tests."""

from tests.akun_bantu import argon2_cepat, demo  # noqa: F401 - fixtures
