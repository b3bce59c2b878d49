"""Who may enter a view, declared by decorator on the route (never an ``if`` in the body)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort
from flask_login import current_user, login_required

F = TypeVar("F", bound=Callable)

PERAN = ("peserta", "ahli_waris", "petugas", "humas", "admin")
PERAN_STAF = ("petugas", "humas", "admin")


def publik(view: F) -> F:
    """Anyone may see this page; it may be cached by browsers."""
    view.sigap_akses = "publik"  # type: ignore[attr-defined]
    return view


def perlu_masuk(*peran: str) -> Callable[[F], F]:
    """Only signed-in users with one of ``peran`` (any role when empty).

    Anonymous visitors are sent to the login page. A signed-in user with another role gets
    403 on a page without an object in its address (a list, a form) and 404 on one with an
    object (a claim, a participant, a file): the same answer as for an object that does not
    exist, so nobody learns what exists. Responses are marked ``no-store`` by the security
    hook.
    """
    unknown = set(peran) - set(PERAN)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if peran and current_user.peran not in peran:
                abort(404 if kwargs else 403)
            return view(*args, **kwargs)

        guarded = login_required(wrapped)
        guarded.sigap_akses = peran or ("*",)  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorator
