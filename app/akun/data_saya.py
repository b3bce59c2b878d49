"""The UU PDP access right: everything SIGAP stores about one person, as JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from flask import Response
from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session

from app.models import AuditLog, KodeAktivasi, Pesan, Peserta, SuratTerbit, User
from app.services.akses import klaim_milik

# Secrets and internal plumbing are not "data about the person".
_TANPA = {"sandi_hash", "hash", "sesi_versi", "berkas"}


def _baris(obj: Any) -> dict[str, Any]:
    """A model row as a plain dict of its columns."""
    hasil = {}
    for kolom in inspect(obj).mapper.column_attrs:
        if kolom.key in _TANPA:
            continue
        nilai = getattr(obj, kolom.key)
        if isinstance(nilai, dt.datetime | dt.date):
            nilai = nilai.isoformat()
        hasil[kolom.key] = nilai
    return hasil


def data_pengguna(sesi: Session, user: User) -> dict[str, Any]:
    """Account, participant record, claims (documents, visible history), messages, codes."""
    peserta = sesi.scalars(select(Peserta).where(Peserta.user_id == user.id)).all()
    klaim = []
    daftar_klaim = klaim_milik(sesi, user)
    for k in daftar_klaim:
        isi = _baris(k)
        isi["dokumen"] = [_baris(d) for d in k.dokumen]
        # Officers' internal notes are their working papers; every visible event is included.
        isi["riwayat"] = [_baris(e) for e in k.events if e.terlihat_pemohon]
        klaim.append(isi)
    pesan = sesi.scalars(select(Pesan).where(Pesan.user_id == user.id).order_by(Pesan.id))
    kode = sesi.scalars(select(KodeAktivasi).where(KodeAktivasi.user_id == user.id))
    audit = sesi.scalars(
        select(AuditLog)
        .where(or_(AuditLog.actor_user_id == user.id,
                   (AuditLog.objek_jenis == "users") & (AuditLog.objek_id == str(user.id))))
        .order_by(AuditLog.id)
    )
    return {
        "dibuat_pada": dt.datetime.now(dt.UTC).isoformat(),
        "keterangan": (
            "Semua data tentang Anda yang tersimpan di SIGAP, sesuai hak akses data pribadi "
            "(UU 27/2022). Berkas yang Anda unggah bisa diunduh dari halaman klaim."
        ),
        "akun": _baris(user),
        "peserta": [_baris(p) for p in peserta],
        "klaim": klaim,
        "pesan": [_baris(p) for p in pesan],
        "kode_aktivasi": [_baris(k) for k in kode],
        "surat_terbit": [_baris(s) for s in sesi.scalars(
            select(SuratTerbit).where(or_(
                SuratTerbit.peserta_id.in_([p.id for p in peserta]),
                SuratTerbit.klaim_id.in_([k.id for k in daftar_klaim]),
            )).order_by(SuratTerbit.id))],
        "catatan_akses": [_baris(a) for a in audit],
    }


def unduhan_json(data: dict[str, Any]) -> Response:
    """A JSON file download named ``data-saya.json``."""
    badan = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(
        badan,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="data-saya.json"'},
    )
