"""Retention: ``flask bersihkan`` removes what content/data/retensi.yaml says has expired.

- uploaded files of claims finished longer ago than ``berkas_klaim.hari``: the file leaves the
  storage; the claim, its history, the audit log and the file's SHA-256, size and original
  name stay, and the history gets one line saying the file was removed and why;
- activation codes used, replaced or expired longer ago than ``kode_aktivasi.hari``.

``coba=True`` (``--coba``) only lists what would go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.klaim import STATUS
from app.models import Dokumen, Klaim, KodeAktivasi
from app.penyimpanan import PenyimpananGangguan, penyimpanan
from app.services.audit import audit
from app.services.data import baca_data
from app.services.klaim import catat_event
from app.services.waktu import sekarang, tanggal_wib

EVENT = "berkas_dihapus"
STATUS_SELESAI = tuple(s.value for s, info in STATUS.items() if not info.terbuka)


def masa_simpan() -> dict[str, int]:
    """Days per kind of data, from content/data/retensi.yaml."""
    data = baca_data("retensi")
    return {jenis: int(v["hari"]) for jenis, v in data.items()
            if not jenis.startswith("_") and isinstance(v, Mapping) and "hari" in v}


@dataclass
class Rencana:
    """What a clean-up removes (or would remove)."""

    berkas: list[Dokumen] = field(default_factory=list)
    kode: list[KodeAktivasi] = field(default_factory=list)


def rencana(sesi: Session, waktu: dt.datetime | None = None) -> Rencana:
    """Everything past its retention period at ``waktu`` (default now)."""
    waktu = waktu or sekarang()
    hari = masa_simpan()
    batas_berkas = waktu - dt.timedelta(days=hari["berkas_klaim"])
    berkas = sesi.scalars(
        select(Dokumen).join(Klaim).where(
            Dokumen.berkas.is_not(None), Klaim.state.in_(STATUS_SELESAI),
            Klaim.state_sejak < batas_berkas,
        ).order_by(Klaim.id, Dokumen.id)
    ).all()
    batas_kode = waktu - dt.timedelta(days=hari["kode_aktivasi"])
    kode = sesi.scalars(
        select(KodeAktivasi).where(or_(
            KodeAktivasi.dipakai_pada < batas_kode,
            KodeAktivasi.dicabut_pada < batas_kode,
            KodeAktivasi.kedaluwarsa < batas_kode,
        )).order_by(KodeAktivasi.id)
    ).all()
    return Rencana(berkas=list(berkas), kode=list(kode))


def uraian(r: Rencana) -> list[str]:
    """One line per item (no names or NIKs: claim numbers and document codes only)."""
    baris = [f"berkas klaim {d.klaim.nomor} ({d.kode}, {d.ukuran or 0} byte, SHA-256 "
             f"{(d.sha256 or '')[:12]}…), klaim selesai "
             f"{tanggal_wib(d.klaim.state_sejak).strftime('%Y-%m-%d')}" for d in r.berkas]
    baris += [f"kode aktivasi #{k.id} (dibuat {tanggal_wib(k.dibuat).strftime('%Y-%m-%d')})"
              for k in r.kode]
    return baris


def bersihkan(sesi: Session, r: Rencana, waktu: dt.datetime | None = None) -> list[str]:
    """Remove the rows ``r`` lists and return the storage keys of its files: the caller
    commits, then calls :func:`hapus_berkas` (a failed commit leaves every file in place)."""
    waktu = waktu or sekarang()
    hari = masa_simpan()["berkas_klaim"]
    hapus = []
    for d in r.berkas:
        hapus.append(d.berkas)
        d.berkas = None
        catat_event(sesi, d.klaim, EVENT, None, dari=d.klaim.state, terlihat_pemohon=True,
                    dokumen=d, waktu=waktu,
                    catatan=f"Masa simpan {hari} hari setelah klaim selesai berakhir "
                            f"(SHA-256 berkas: {d.sha256}).")
        audit(sesi, None, "retensi.hapus_berkas", d.klaim,
              f"Klaim {d.klaim.nomor}: berkas {d.kode} dihapus (masa simpan berakhir).",
              None, waktu)
    for k in r.kode:
        sesi.delete(k)
    if r.kode:
        audit(sesi, None, "retensi.hapus_kode", None,
              f"{len(r.kode)} kode aktivasi lama dihapus (masa simpan berakhir).", None, waktu)
    sesi.flush()
    return hapus


def hapus_berkas(kunci: list[str]) -> list[str]:
    """Remove stored files (after the rows that named them are committed); return the keys
    the storage could not remove."""
    simpanan = penyimpanan()
    tersisa = []
    for k in kunci:
        try:
            simpanan.hapus(k)
        except PenyimpananGangguan:
            tersisa.append(k)
    return tersisa

