"""``flask periksa``: check a deployment's configuration and say plainly what is wrong.

Each check gives one line: ``OK``, ``PERINGATAN`` (works, but not as it should in production)
or ``MASALAH`` (the site will misbehave); any MASALAH makes the command exit with 1. It only
reads, except for one small probe file written to and removed from the storage.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import text

OK, PERINGATAN, MASALAH = "OK", "PERINGATAN", "MASALAH"
KUNCI_CONTOH = ("dev-only-not-secret", "test-only-not-secret")


@dataclass(frozen=True)
class Hasil:
    tingkat: str
    hal: str
    pesan: str


def _produksi() -> bool:
    return current_app.config.get("SIGAP_CONFIG_NAME") == "ProductionConfig"


def cek_rahasia() -> Hasil:
    kunci = current_app.config.get("SECRET_KEY") or ""
    if not kunci:
        return Hasil(MASALAH, "SECRET_KEY", "belum diisi")
    if kunci in KUNCI_CONTOH:
        return Hasil(MASALAH if _produksi() else PERINGATAN, "SECRET_KEY",
                     "masih kunci contoh untuk pengembangan")
    if len(kunci) < 32:
        return Hasil(MASALAH, "SECRET_KEY", f"hanya {len(kunci)} karakter; minimal 32")
    return Hasil(OK, "SECRET_KEY", f"{len(kunci)} karakter")


def cek_database() -> Hasil:
    from alembic.script import ScriptDirectory

    from app.extensions import db

    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            try:
                revisi = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except Exception:
                revisi = None
    except Exception as e:
        return Hasil(MASALAH, "database", f"tidak bisa dihubungi ({type(e).__name__})")
    migrasi = current_app.extensions["migrate"]
    skrip = ScriptDirectory(migrasi.directory)
    kepala = skrip.get_current_head()
    nama = db.engine.url.get_backend_name()
    if revisi != kepala:
        return Hasil(MASALAH, "database", f"{nama}: skema di revisi {revisi}, kode perlu "
                     f"{kepala}; jalankan `flask db upgrade`")
    if nama == "sqlite" and _produksi():
        return Hasil(PERINGATAN, "database", "SQLite: hanya untuk satu server; pakai PostgreSQL")
    return Hasil(OK, "database", f"{nama}, skema terbaru ({kepala})")


def cek_redis() -> Hasil:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return Hasil(PERINGATAN if not _produksi() else MASALAH, "REDIS_URL",
                     "belum diisi: batas gagal masuk dihitung per proses, tidak bersama")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as e:
        return Hasil(MASALAH, "REDIS_URL", f"tidak bisa dihubungi ({type(e).__name__})")
    return Hasil(OK, "REDIS_URL", "terhubung")


def cek_penyimpanan() -> Hasil:
    from app.penyimpanan import penyimpanan

    try:
        simpanan = penyimpanan()
    except ValueError as e:
        return Hasil(MASALAH, "penyimpanan", str(e))
    kunci = f"periksa/{secrets.token_hex(8)}.txt"
    isi = b"flask periksa"
    try:
        simpanan.simpan(kunci, isi)
        terbaca = simpanan.baca(kunci)
        simpanan.hapus(kunci)
    except Exception as e:
        return Hasil(MASALAH, "penyimpanan", f"{simpanan!r}: tidak bisa menulis/membaca "
                     f"({type(e).__name__})")
    if terbaca != isi:
        return Hasil(MASALAH, "penyimpanan", f"{simpanan!r}: isi terbaca berbeda")
    if simpanan.nama == "lokal" and _produksi():
        return Hasil(OK, "penyimpanan", f"{simpanan!r} (satu server; untuk beberapa server "
                     "pakai SIGAP_STORAGE=s3://...)")
    return Hasil(OK, "penyimpanan", f"{simpanan!r}: tulis, baca, hapus berhasil")


def cek_alamat() -> Hasil:
    alamat = current_app.config.get("SIGAP_BASE_URL") or ""
    if not alamat:
        return Hasil(MASALAH if _produksi() else PERINGATAN, "SIGAP_BASE_URL",
                     "belum diisi: tautan di pesan dan kode QR memakai alamat permintaan")
    bagian = urlsplit(alamat)
    if bagian.scheme not in ("http", "https") or not bagian.netloc:
        return Hasil(MASALAH, "SIGAP_BASE_URL", f"{alamat!r} bukan alamat http(s) lengkap")
    if bagian.path not in ("", "/") or bagian.query or bagian.fragment:
        return Hasil(MASALAH, "SIGAP_BASE_URL", f"{alamat!r}: tulis tanpa jalur, mis. "
                     "https://sigap.example.go.id")
    if bagian.scheme != "https" and _produksi():
        return Hasil(MASALAH, "SIGAP_BASE_URL", f"{alamat!r}: production harus https")
    return Hasil(OK, "SIGAP_BASE_URL", alamat)


def cek_aturan() -> Hasil:
    from app.cek.aturan import PERINGATAN_HABIS, akhir_aturan, hari_ini, semua_versi

    versi = semua_versi()
    hari = hari_ini()
    if not any(a.berlaku_pada(hari) for a in versi):
        if all(a.berlaku_mulai > hari for a in versi):
            return Hasil(MASALAH, "aturan kelayakan",
                         f"belum ada versi yang berlaku hari ini ({hari.isoformat()}): /cek "
                         "menjawab 503")
        return Hasil(PERINGATAN, "aturan kelayakan",
                     f"versi terakhir sudah berakhir sebelum {hari.isoformat()}: /cek memakai "
                     "versi terakhir dengan catatan; tambahkan berkas tahun berikutnya")
    habis = akhir_aturan(versi, hari)
    if habis is not None and habis - hari <= PERINGATAN_HABIS:
        return Hasil(PERINGATAN, "aturan kelayakan",
                     f"berakhir {habis.isoformat()}: siapkan versi berikutnya di content/rules/")
    return Hasil(OK, "aturan kelayakan",
                 f"berlaku sampai {habis.isoformat() if habis else 'tanpa batas'}")


def cek_smtp() -> Hasil:
    if not current_app.config.get("SMTP_HOST"):
        return Hasil(PERINGATAN, "SMTP_HOST", "belum diisi: pesan hanya ditulis ke log")
    return Hasil(OK, "SMTP_HOST", current_app.config["SMTP_HOST"])


PEMERIKSAAN = (cek_rahasia, cek_database, cek_redis, cek_penyimpanan, cek_alamat, cek_aturan,
               cek_smtp)


def periksa_semua() -> list[Hasil]:
    return [cek() for cek in PEMERIKSAAN]
