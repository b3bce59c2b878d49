"""Retention: ``flask bersihkan`` removes what content/data/retensi.yaml says has expired.

- uploaded files of claims finished longer ago than ``berkas_klaim.hari``: the file leaves the
  storage; the claim, its history, the audit log and the file's SHA-256, size and original
  name stay, and the history gets one line saying the file was removed and why;
- activation codes used, replaced or expired longer ago than ``kode_aktivasi.hari``;
- participant imports finished, failed or left unconfirmed longer ago than
  ``impor_peserta.hari``: the row, its report, any uploaded file left behind (full NIKs) and
  what RQ still keeps of its jobs (results, failures, the progress key); the audit row with
  the file's SHA-256 stays. Import files in the storage that no row names (an upload cut off
  before its row was saved) go too once their upload day is that old.

``coba=True`` (``--coba``) only lists what would go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.klaim import STATUS
from app.models import Dokumen, ImporPeserta, Klaim, KodeAktivasi
from app.penyimpanan import PenyimpananGangguan, penyimpanan
from app.services import impor as layanan_impor
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
    impor: list[ImporPeserta] = field(default_factory=list)
    berkas_impor: list[str] = field(default_factory=list)  # storage keys under impor/
    tugas_impor: list[str] = field(default_factory=list)  # RQ job ids
    id_impor: list[int] = field(default_factory=list)  # kept: the rows are gone after commit


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
    impor, berkas_impor = _impor_lewat(sesi, waktu - dt.timedelta(days=hari["impor_peserta"]))
    id_impor = [i.id for i in impor]
    return Rencana(berkas=list(berkas), kode=list(kode), impor=impor, berkas_impor=berkas_impor,
                   tugas_impor=_tugas_impor(set(id_impor)), id_impor=id_impor)


def _impor_lewat(sesi: Session, batas: dt.datetime) -> tuple[list[ImporPeserta], list[str]]:
    """Imports whose last step (written, checked, or the upload) is older than ``batas``, and
    the storage keys to remove: theirs, and unnamed import files uploaded before ``batas``."""
    terakhir = func.coalesce(ImporPeserta.diterapkan_pada, ImporPeserta.diperiksa_pada,
                             ImporPeserta.dibuat)
    impor = list(sesi.scalars(
        select(ImporPeserta).where(terakhir < batas).order_by(ImporPeserta.id)).all())
    ada = set(penyimpanan().daftar(layanan_impor.AWALAN))
    kunci = [k for i in impor for k in (layanan_impor.kunci_berkas(i),
                                         layanan_impor.kunci_laporan(i)) if k in ada]
    bernama = {k for (nama,) in sesi.execute(select(ImporPeserta.berkas))
               for k in (layanan_impor.AWALAN + nama,
                         layanan_impor.AWALAN + nama + layanan_impor.LAPORAN)}
    for k in sorted(ada - bernama):
        nama = k[len(layanan_impor.AWALAN):].removesuffix(layanan_impor.LAPORAN)
        hari = layanan_impor.tanggal_nama(nama)
        if hari is None or hari < batas.date():  # undated names predate dated ones
            kunci.append(k)
    return impor, kunci


TUGAS_IMPOR = ("periksa_impor", "terapkan_impor")


def _antrean_tugas():
    """The RQ queue and its registries that keep finished or failed jobs (None: no Redis)."""
    from flask import current_app

    if not current_app.config.get("REDIS_URL"):
        return None
    from rq.registry import FailedJobRegistry, FinishedJobRegistry

    from app.tugas import antrean

    q = antrean()
    return q, (FinishedJobRegistry(queue=q), FailedJobRegistry(queue=q))


def _tugas_impor(impor_id: set[int]) -> list[str]:
    """Ids of the RQ jobs still kept for these imports (job arguments: name, import id, ...)."""
    antre = _antrean_tugas() if impor_id else None
    if antre is None:
        return []
    from rq.job import Job

    q, daftar = antre
    semua = [j for r in daftar for j in r.get_job_ids()]
    return sorted(j.id for j in Job.fetch_many(semua, connection=q.connection)
                  if j is not None and len(j.args) >= 2 and j.args[0] in TUGAS_IMPOR
                  and j.args[1] in impor_id)


def hapus_tugas(r: Rencana) -> None:
    """Remove the RQ jobs (with their results) and progress keys of removed imports, after
    the commit."""
    antre = _antrean_tugas()
    if antre is None:
        return
    from rq.job import Job
    from rq.results import Result

    from app.services.impor_tugas import kunci_kemajuan

    q, daftar = antre
    for job in Job.fetch_many(r.tugas_impor, connection=q.connection):
        if job is not None:
            Result.delete_all(job)
            job.delete()
    for registri in daftar:  # the entry too, should the job itself have expired meanwhile
        for job_id in r.tugas_impor:
            registri.remove(job_id)
    for i in r.id_impor:
        q.connection.delete(kunci_kemajuan(i))


def uraian(r: Rencana) -> list[str]:
    """One line per item (no names or NIKs: claim numbers and document codes only)."""
    baris = [f"berkas klaim {d.klaim.nomor} ({d.kode}, {d.ukuran or 0} byte, SHA-256 "
             f"{(d.sha256 or '')[:12]}…), klaim selesai "
             f"{tanggal_wib(d.klaim.state_sejak).strftime('%Y-%m-%d')}" for d in r.berkas]
    baris += [f"kode aktivasi #{k.id} (dibuat {tanggal_wib(k.dibuat).strftime('%Y-%m-%d')})"
              for k in r.kode]
    baris += [f"impor peserta #{i.id} ({i.status}, diunggah "
              f"{tanggal_wib(i.dibuat).strftime('%Y-%m-%d')})" for i in r.impor]
    baris += [f"berkas impor {k}" for k in r.berkas_impor]
    baris += [f"pekerjaan latar impor {j}" for j in r.tugas_impor]
    return baris


def jumlah(r: Rencana) -> str:
    """The counts, for the command's last line."""
    return (f"{len(r.berkas)} berkas klaim, {len(r.kode)} kode aktivasi, {len(r.impor)} impor "
            f"peserta, {len(r.berkas_impor)} berkas impor, dan {len(r.tugas_impor)} "
            "pekerjaan latar impor")


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
    for i in r.impor:
        sesi.delete(i)
    if r.impor or r.berkas_impor:
        nomor = ", ".join(f"#{i.id}" for i in r.impor) or "-"
        audit(sesi, None, "retensi.hapus_impor", None,
              f"{len(r.impor)} impor peserta lama dihapus ({nomor}) beserta "
              f"{len(r.berkas_impor)} berkas impor (masa simpan berakhir).", None, waktu)
    sesi.flush()
    return hapus + r.berkas_impor


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

