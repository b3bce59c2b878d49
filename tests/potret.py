"""A snapshot of every row in the test database: "a refused request wrote nothing" is
``potret(db) == sebelum``, whatever table a regression would have written to."""

from __future__ import annotations

from pathlib import Path


def potret(db) -> dict[str, list[str]]:
    """Every table's rows, as sorted text, after dropping the session's cached objects."""
    db.session.expire_all()
    return {
        table.name: sorted(repr(tuple(row)) for row in db.session.execute(table.select()))
        for table in db.metadata.sorted_tables
    }


def berkas_di(folder: str | Path) -> list[str]:
    """Files under an upload folder (none when it does not exist yet)."""
    folder = Path(folder)
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
