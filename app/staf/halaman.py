"""Server-side paging for the officers' tables (25 rows a page, links that work without JS)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.batas import angka_ascii

PER_HALAMAN = 25


@dataclass(frozen=True, slots=True)
class Halaman:
    """One page of results plus what the page links need."""

    item: list[Any]
    nomor: int
    total: int
    per_halaman: int = PER_HALAMAN

    @property
    def jumlah_halaman(self) -> int:
        """At least one page, even when there are no results."""
        return max(1, -(-self.total // self.per_halaman))

    @property
    def sebelumnya(self) -> int | None:
        """Number of the previous page, if any."""
        return self.nomor - 1 if self.nomor > 1 else None

    @property
    def berikutnya(self) -> int | None:
        """Number of the next page, if any."""
        return self.nomor + 1 if self.nomor < self.jumlah_halaman else None

    @property
    def dari(self) -> int:
        """1-based position of the first row shown (0 when empty)."""
        return 0 if not self.total else (self.nomor - 1) * self.per_halaman + 1

    @property
    def sampai(self) -> int:
        """1-based position of the last row shown."""
        return min(self.nomor * self.per_halaman, self.total)

    def nomor_tampil(self, sekitar: int = 2) -> list[int | None]:
        """Page numbers to link, with None where a run of pages is left out (…)."""
        akhir = self.jumlah_halaman
        tampil = {1, akhir} | set(range(self.nomor - sekitar, self.nomor + sekitar + 1))
        hasil: list[int | None] = []
        for n in sorted(n for n in tampil if 1 <= n <= akhir):
            if hasil and hasil[-1] is not None and n - hasil[-1] > 1:
                hasil.append(None)
            hasil.append(n)
        return hasil


def nomor_halaman(teks: str | None) -> int:
    """The ``halaman`` query value as a page number; anything odd means page 1."""
    nomor = angka_ascii(teks, 999_999)
    return nomor if nomor else 1


def ambil_halaman(
    sesi: Session, stmt: Select, nomor: int, per_halaman: int = PER_HALAMAN
) -> Halaman:
    """Run ``stmt`` for one page; a number past the end shows the last page instead."""
    total = sesi.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    terakhir = max(1, -(-total // per_halaman))
    nomor = min(max(nomor, 1), terakhir)
    item = list(sesi.scalars(stmt.limit(per_halaman).offset((nomor - 1) * per_halaman)))
    return Halaman(item=item, nomor=nomor, total=total, per_halaman=per_halaman)
