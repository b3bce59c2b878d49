"""The two background steps of a participant import, and their progress.

``periksa_impor`` checks the stored file (read back through app/penyimpanan.py, so the worker
may run on another machine than the web server that took the upload) and stores the report;
``terapkan_impor`` writes the valid rows in one transaction (checked again: the database may
have changed since the report). Progress (rows checked / total) is kept in Redis when there
is one, else in this process; the page polls it. Counts and status are in the ``impor_peserta`` row.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import current_app

from app.domain.impor import BerkasTidakSah
from app.extensions import db
from app.models import ImporPeserta
from app.models.base import sekarang
from app.penyimpanan import PenyimpananGangguan, penyimpanan
from app.services import impor as layanan
from app.services.audit import audit
from app.services.waktu import hari_ini
from app.tugas import tugas

_KEMAJUAN: dict[int, tuple[int, int]] = {}
_KUNCI = threading.Lock()
PESAN_GAGAL = ("Impor gagal karena kesalahan sistem; tidak ada data yang disimpan. "
               "Unggah ulang berkasnya untuk mencoba lagi, atau hubungi admin bila terulang.")


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    from redis import Redis

    return Redis.from_url(url)


def kunci_kemajuan(impor_id: int) -> str:
    """The Redis key holding an import step's progress (also removed by ``flask bersihkan``)."""
    return f"sigap:impor:{impor_id}:kemajuan"


def set_kemajuan(impor_id: int, diperiksa: int, total: int) -> None:
    r = _redis()
    if r is None:
        with _KUNCI:
            _KEMAJUAN[impor_id] = (diperiksa, total)
        return
    kunci = kunci_kemajuan(impor_id)
    r.hset(kunci, mapping={"diperiksa": diperiksa, "total": total})
    r.expire(kunci, 24 * 3600)


def kemajuan(impor_id: int) -> tuple[int, int] | None:
    """``(rows done, rows in total)`` while a step runs, else None."""
    r = _redis()
    if r is None:
        with _KUNCI:
            return _KEMAJUAN.get(impor_id)
    nilai = r.hgetall(kunci_kemajuan(impor_id))
    if not nilai:
        return None
    return int(nilai[b"diperiksa"]), int(nilai[b"total"])


def _ambil(impor_id: int, status: str) -> ImporPeserta | None:
    impor = db.session.get(ImporPeserta, impor_id)
    if impor is None or impor.status != status:
        return None  # already handled (a job delivered twice)
    return impor


def _gagal(impor_id: int, pesan: str) -> None:
    db.session.rollback()
    impor = db.session.get(ImporPeserta, impor_id)
    if impor is not None:
        impor.status = "gagal"
        impor.pesan = pesan
        db.session.commit()
        _hapus_berkas(impor)


def _hapus_berkas(impor: ImporPeserta) -> None:
    """The uploaded file holds full NIKs: gone once the import is over (the report keeps
    only masked NIKs). A storage outage leaves it for ``flask bersihkan`` (app/retensi.py)."""
    try:
        penyimpanan().hapus(layanan.kunci_berkas(impor))
    except PenyimpananGangguan:
        current_app.logger.warning("impor %s: berkas belum terhapus (penyimpanan gangguan); "
                                   "flask bersihkan menghapusnya nanti", impor.id)


def _proses(impor: ImporPeserta, *, tulis: bool, **lainnya):
    """Read the stored file once, row by row, into the report, with progress for the page.
    Before writing, the file must still be the one that was checked (its SHA-256)."""
    impor_id = impor.id
    with penyimpanan().buka(layanan.kunci_berkas(impor)) as berkas:
        total = impor.total if tulis else layanan.kira_baris(berkas)
        set_kemajuan(impor_id, 0, total)
        if tulis and layanan.sha256_berkas(berkas) != impor.sha256:
            raise BerkasTidakSah("Berkas tersimpan berubah sejak diperiksa; unggah ulang.")
        with layanan.tulis_laporan(impor) as laporan:
            return layanan.proses(
                db.session, berkas, layanan.aturan_impor(hari_ini()), tulis=tulis,
                laporan=laporan, kemajuan=lambda n: set_kemajuan(impor_id, n, max(total, n)),
                **lainnya,
            )


def _langkah(impor_id: int, dari: str, menjadi: str, nama: str,
             kerja: Callable[[ImporPeserta], layanan.Ringkasan]) -> layanan.Ringkasan | None:
    """One step of an import: claim it (status ``dari`` → ``menjadi``; a job delivered twice
    finds another status and does nothing) and return ``kerja(impor)``. A failure ends the
    import as ``gagal`` and returns None: a bad file with its own message, anything else
    logged under the step's ``nama`` and shown as PESAN_GAGAL. Nothing is written either way."""
    impor = _ambil(impor_id, dari)
    if impor is None:
        return None
    impor.status = menjadi
    db.session.commit()
    try:
        return kerja(impor)
    except BerkasTidakSah as galat:
        _gagal(impor_id, str(galat))
    except Exception:  # any failure: nothing written, the officer sees why
        current_app.logger.exception("impor %s: %s gagal", impor_id, nama)
        _gagal(impor_id, PESAN_GAGAL)
    return None


def _periksa(impor: ImporPeserta) -> layanan.Ringkasan:
    r = _proses(impor, tulis=False)
    db.session.rollback()  # only reads happened; end the read transaction
    return r


@tugas
def periksa_impor(impor_id: int) -> None:
    """Check the file: counts and the rejected/warned rows report; nothing is written."""
    r = _langkah(impor_id, "antre", "memeriksa", "pemeriksaan", _periksa)
    if r is None:
        return
    impor = db.session.get(ImporPeserta, impor_id)
    layanan.isi_hitungan(impor, r)
    impor.status = "siap"
    impor.diperiksa_pada = sekarang()
    db.session.commit()
    set_kemajuan(impor_id, r.total, r.total)


@tugas
def terapkan_impor(impor_id: int, oleh_id: int | None = None, ip: str | None = None) -> None:
    """Write every valid row in ONE transaction, audited with the file's SHA-256."""

    def tulis(impor: ImporPeserta) -> layanan.Ringkasan:
        from app.konten_app import wilayah
        from app.models import User
        from app.staf.forms import dibiayai_bawaan

        r = _proses(impor, tulis=True, dibiayai_oleh=dibiayai_bawaan(wilayah()))
        impor = db.session.get(ImporPeserta, impor_id)
        layanan.isi_hitungan(impor, r)
        impor.status = "selesai"
        impor.diterapkan_pada = sekarang()
        oleh = db.session.get(User, oleh_id) if oleh_id else None
        audit(db.session, oleh, "peserta.impor", impor, layanan.ringkasan_audit(impor, r), ip)
        db.session.commit()
        _hapus_berkas(impor)
        return r

    r = _langkah(impor_id, "antre_tulis", "menulis", "penulisan", tulis)
    if r is not None:
        set_kemajuan(impor_id, r.total, r.total)
