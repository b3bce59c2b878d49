"""Small helpers shared by the officers' views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.domain.format import tanggal as format_tanggal
from app.domain.format import tanggal_jam as format_jam
from app.domain.klaim import status as status_klaim
from app.extensions import db
from app.models import KodeAktivasi, User
from app.services import data
from app.services.aktivasi import terbitkan_kode_aktivasi
from app.services.waktu import WIB, aware, tanggal_wib
from app.web import wants_fragment

PERAN_PETUGAS = ("petugas", "admin")


def ip() -> str | None:
    """The client address for the audit log."""
    return request.remote_addr


def target_layanan() -> dict[str, int]:
    """Working-day targets per claim type, from content/data/layanan.yaml."""
    return data.target_layanan()


def sebagai_fragmen() -> bool:
    """True when htmx asked for the results table only."""
    return wants_fragment()


def tautan_aktivasi() -> str:
    """Where the person activates their account (absolute, for the printed letter)."""
    from app.batas import tautan_mutlak

    return tautan_mutlak(url_for("auth.aktivasi"))


@contextmanager
def transaksi() -> Iterator[None]:
    """One staff write = one transaction: the change, its events, outbox and audit rows.

    Committed at the end of the block; rolled back on any error, so that nothing is half
    written and the error page renders on a clean session.
    """
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


@dataclass(frozen=True, slots=True)
class KodeBaru:
    """A freshly issued activation code, kept only for the response that shows it."""

    user: User
    kode: str
    berlaku_sampai: dt.date
    dibuat: dt.date


def terbitkan(user: User) -> KodeBaru:
    """Issue a code for ``user`` inside the caller's transaction (revokes older codes)."""
    kode = terbitkan_kode_aktivasi(db.session, user, current_user, ip=ip())
    baris = db.session.scalar(
        select(KodeAktivasi).where(KodeAktivasi.user_id == user.id)
        .order_by(KodeAktivasi.id.desc()).limit(1)
    )
    assert baris is not None
    return KodeBaru(user, kode, tanggal_wib(baris.kedaluwarsa), tanggal_wib(baris.dibuat))


def tampilkan_surat(baru: KodeBaru, *, kembali: str, kembali_label: str,
                    pesan: str | None = None) -> tuple[str, int]:
    """Show the code once, as a printable letter.

    The plain code exists only in this response: it is never stored, put in the session
    or in a URL, which is why these POSTs answer with the page instead of redirecting.
    """
    return render_template(
        "staf/aktivasi_surat.html",
        user=baru.user,
        kode=baru.kode,
        berlaku_sampai=baru.berlaku_sampai,
        dibuat=baru.dibuat,
        tautan=tautan_aktivasi(),
        kembali=kembali,
        kembali_label=kembali_label,
        pesan=pesan,
    ), 200


def tanggal_staf(nilai: dt.datetime | dt.date | None) -> str:
    """A stored moment (UTC) or a date as a Bekasi calendar date: ``5 November 2025``."""
    if isinstance(nilai, dt.datetime):
        nilai = tanggal_wib(nilai)
    return format_tanggal(nilai)


def jam_staf(nilai: dt.datetime | None) -> str:
    """A stored moment (UTC) in Bekasi time: ``5 November 2025 14.30 WIB``."""
    if nilai is None:
        return "–"
    return format_jam(aware(nilai).astimezone(WIB)) + " WIB"


# Officers read the applicant's label "dari Anda" from the other side of the desk.
LABEL_STAF = {"perlu_dokumen": "Perlu dokumen dari pemohon"}


def label_staf(kode: str) -> str:
    """A claim state's label as officers see it."""
    return LABEL_STAF.get(str(kode)) or status_klaim(str(kode)).label
