"""Route list snapshot (no URL disappears unnoticed) and access declared on every view."""

from __future__ import annotations

from tests.conftest import PROJECT_ROOT

SNAPSHOT = PROJECT_ROOT / "tests" / "routes.txt"


def route_lines(app) -> list[str]:
    lines = []
    for rule in app.url_map.iter_rules():
        methods = ",".join(sorted(m for m in rule.methods if m not in ("HEAD", "OPTIONS")))
        lines.append(f"{methods:<10} {rule.rule:<45} {rule.endpoint}")
    return sorted(lines)


def test_route_list_matches_the_snapshot(app):
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    actual = route_lines(app)
    assert actual == expected, (
        "Routes changed. If intended, update tests/routes.txt with:\n"
        "  .venv/bin/python -m tests.test_routes\n"
    )


def test_every_view_declares_who_may_enter(app):
    undeclared = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and not hasattr(view, "sigap_akses")
    ]
    assert undeclared == []


def test_a_role_that_does_not_exist_is_refused_when_a_view_is_declared():
    """A typo in ``@perlu_masuk("petgas")`` must fail at import, not lock everyone out."""
    import pytest

    from app.akses import perlu_masuk

    with pytest.raises(ValueError, match="petgas"):
        perlu_masuk("petugas", "petgas")
    perlu_masuk("petugas", "admin")  # known roles are fine


if __name__ == "__main__":
    from app import create_app

    SNAPSHOT.write_text("\n".join(route_lines(create_app("testing"))) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
