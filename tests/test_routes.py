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


if __name__ == "__main__":
    from app import create_app

    SNAPSHOT.write_text("\n".join(route_lines(create_app("testing"))) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
