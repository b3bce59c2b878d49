"""Queries behind the officers' lists: participant search, claim filters, overdue, audit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import joinedload

from app.domain.klaim import STATUS_TERBUKA, tambah_hari_kerja
from app.models import AuditLog, Klaim, Peserta, User
from app.services.waktu import WIB

# A NIK typed into the search box: it must not end up in a URL, so only its tail is kept.
_NIK_DALAM_TEKS = re.compile(r"(?<!\d)\d{16}(?!\d)")
_SPASI = re.compile(r"\s+")


def rapikan_kueri(teks: str | None) -> str:
    """Trim and collapse spaces; a full 16-digit NIK is cut to its last four digits."""
    teks = _SPASI.sub(" ", teks or "").strip()[:80]
    return _NIK_DALAM_TEKS.sub(lambda m: m.group(0)[-4:], teks)


def _like(teks: str) -> str:
    """``%teks%`` with LIKE wildcards in the user's text escaped."""
    aman = teks.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{aman}%"


def cari_peserta(kueri: str) -> Select:
    """Participants matching a name, a KPJ (or its start) or the last four digits of a NIK."""
    stmt = select(Peserta)
    kueri = rapikan_kueri(kueri)
    if kueri:
        angka = kueri.replace(" ", "")
        if angka.isascii() and angka.isdigit():
            # Both conditions can use an index: KPJs are 11 digits, so those starting with
            # ``angka`` lie between angka+"000…" and angka+"999…".
            sisa = max(0, 11 - len(angka))
            syarat = [Peserta.kpj.between(angka + "0" * sisa, angka + "9" * sisa)]
            if len(angka) == 4:
                syarat.append(Peserta.nik_akhir == angka)
            stmt = stmt.where(or_(*syarat))
        else:
            stmt = stmt.where(Peserta.nama.ilike(_like(kueri), escape="\\"))
    return stmt.order_by(Peserta.nama, Peserta.id)


# --- overdue: the service target has passed --------------------------------------------


def sejak_paling_akhir_terlambat(
    hari_kerja: int, hari_ini: dt.date, libur: frozenset[dt.date] = frozenset()
) -> dt.date:
    """Latest "documents complete" date whose target (N working days later) is before today.

    A claim is overdue exactly when its documents were complete on or before this date, so
    the list can filter in SQL instead of computing every claim's target in Python.
    """
    tanggal = hari_ini
    while tambah_hari_kerja(tanggal, hari_kerja, libur) >= hari_ini:
        tanggal -= dt.timedelta(days=1)
    return tanggal


def awal_hari_wib(tanggal: dt.date) -> dt.datetime:
    """Midnight in Bekasi at the start of ``tanggal``, as a UTC moment."""
    return dt.datetime.combine(tanggal, dt.time(), tzinfo=WIB).astimezone(dt.UTC)


def syarat_terlambat(target: Mapping[str, int], hari_ini: dt.date):
    """SQL condition: open claims whose service target has passed (see target_klaim)."""
    per_jenis = [
        and_(
            Klaim.jenis == jenis,
            Klaim.dokumen_lengkap_sejak
            < awal_hari_wib(sejak_paling_akhir_terlambat(hari, hari_ini) + dt.timedelta(days=1)),
        )
        for jenis, hari in target.items()
    ]
    if not per_jenis:
        return false()
    return and_(
        Klaim.state.in_([s.value for s in STATUS_TERBUKA]),
        Klaim.dokumen_lengkap_sejak.is_not(None),
        or_(*per_jenis),
    )


@dataclass(frozen=True, slots=True)
class SaringKlaim:
    """The claim list's filters, as read from the query string."""

    status: str = ""
    jenis: str = ""
    terlambat: bool = False
    q: str = ""

    def sebagai_args(self) -> dict[str, str]:
        """Query-string form, leaving out empty filters (for page links)."""
        args = {"status": self.status, "jenis": self.jenis, "q": self.q}
        if self.terlambat:
            args["terlambat"] = "1"
        return {k: v for k, v in args.items() if v}


def _sama(stmt: Select, *saringan: tuple) -> Select:
    """``kolom == nilai`` for each (kolom, nilai) whose value is set: an empty filter is all."""
    for kolom, nilai in saringan:
        if nilai:
            stmt = stmt.where(kolom == nilai)
    return stmt


def cari_klaim(saring: SaringKlaim, target: Mapping[str, int], hari_ini: dt.date) -> Select:
    """Claims matching the filters, longest waiting first."""
    stmt = _sama(select(Klaim).options(joinedload(Klaim.peserta)),
                 (Klaim.state, saring.status), (Klaim.jenis, saring.jenis))
    if saring.terlambat:
        stmt = stmt.where(syarat_terlambat(target, hari_ini))
    if saring.q:
        pola = _like(saring.q)
        syarat = [
            Klaim.nomor.ilike(pola, escape="\\"),
            Klaim.pemohon_nama.ilike(pola, escape="\\"),
            Klaim.peserta_id.in_(
                select(Peserta.id).where(Peserta.nama.ilike(pola, escape="\\"))
            ),
        ]
        angka = saring.q.replace(" ", "").replace(".", "")
        if angka.isascii() and angka.isdigit():
            # A KPJ (or its start) of the worker.
            sisa = max(0, 11 - len(angka))
            syarat.append(Klaim.peserta_id.in_(select(Peserta.id).where(
                Peserta.kpj.between(angka + "0" * sisa, angka + "9" * sisa))))
            if len(angka) == 4:
                # The last four NIK digits of the worker or of the claimant.
                syarat.append(Klaim.peserta_id.in_(
                    select(Peserta.id).where(Peserta.nik_akhir == angka)))
                syarat.append(Klaim.pemohon_user_id.in_(
                    select(User.id).where(User.nik.like(f"%{angka}"))))
        stmt = stmt.where(or_(*syarat))
    return stmt.order_by(Klaim.state_sejak, Klaim.id)


def hitung_per_status(sesi) -> dict[str, int]:
    """Number of claims in each state."""
    return dict(sesi.execute(select(Klaim.state, func.count()).group_by(Klaim.state)).all())


# --- audit log --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SaringAudit:
    """The audit log's filters; dates are calendar days in Bekasi, both ends included."""

    pelaku: int | None = None
    aksi: str = ""
    objek: str = ""
    dari: dt.date | None = None
    sampai: dt.date | None = None

    def sebagai_args(self) -> dict[str, str]:
        """Query-string form, leaving out empty filters (for page links)."""
        args = {
            "pelaku": str(self.pelaku) if self.pelaku else "",
            "aksi": self.aksi,
            "objek": self.objek,
            "dari": self.dari.isoformat() if self.dari else "",
            "sampai": self.sampai.isoformat() if self.sampai else "",
        }
        return {k: v for k, v in args.items() if v}


def cari_audit(saring: SaringAudit) -> Select:
    """Audit rows matching the filters, newest first."""
    stmt = _sama(select(AuditLog).options(joinedload(AuditLog.actor)),
                 (AuditLog.actor_user_id, saring.pelaku), (AuditLog.aksi, saring.aksi),
                 (AuditLog.objek_jenis, saring.objek))
    if saring.dari:
        stmt = stmt.where(AuditLog.waktu >= awal_hari_wib(saring.dari))
    if saring.sampai:
        stmt = stmt.where(AuditLog.waktu < awal_hari_wib(saring.sampai + dt.timedelta(days=1)))
    return stmt.order_by(AuditLog.waktu.desc(), AuditLog.id.desc())
