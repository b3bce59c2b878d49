"""Audit log: who did what to which record, when, from where; filters and paging."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import request, url_for
from sqlalchemy import select
from wtforms.validators import StopValidation

from app.akses import PERAN_STAF, perlu_masuk
from app.batas import angka_id
from app.domain.klaim import JENIS_KLAIM, STATUS, StatusKlaim
from app.extensions import db
from app.formulir import Formulir, IsianField, TeksField
from app.models import AuditLog, Dokumen, Klaim, Peserta, User
from app.staf import bp
from app.staf.cari import SaringAudit, cari_audit
from app.staf.halaman import ambil_halaman, nomor_halaman
from app.staf.isian import baca_tanggal
from app.staf.umum import PERAN_PETUGAS, sebagai_fragmen
from app.web import render_page

# Plain names for the actions the services record (unknown ones are shown as stored).
LABEL_AKSI = {
    "akun.totp_daftar": "Verifikasi dua langkah diaktifkan",
    "akun.totp_reset": "Verifikasi dua langkah diatur ulang",
    "peserta.buat": "Peserta didaftarkan",
    "peserta.ubah": "Data peserta diubah",
    "akun.buat": "Akun dibuat",
    "akun.ubah": "Akun diubah",
    "klaim.buat": "Klaim didaftarkan",
    "klaim.pindah": "Status klaim diubah",
    "klaim.catatan": "Catatan klaim",
    "dokumen.minta": "Dokumen diminta",
    "dokumen.minta_bpjs": "BPJS meminta dokumen tambahan",
    "dokumen.terima": "Dokumen diterima",
    "dokumen.tolak": "Dokumen ditolak",
    "dokumen.lewati": "Dokumen tidak diperlukan",
    "dokumen.unggah": "Dokumen diunggah",
    "dokumen.lihat": "Berkas dibuka",
    "aktivasi.terbitkan": "Kode aktivasi diterbitkan",
    "aktivasi.pakai": "Akun diaktifkan",
}


@dataclass(frozen=True, slots=True)
class ObjekAudit:
    """What an audit row is about, in words, with the page to open it."""

    teks: str
    tautan: str | None


def _objek_audit(baris: list[AuditLog]) -> dict[int, ObjekAudit]:
    """Resolve each row's object to "Klaim JKM-2026-000017" / "Peserta Ahmad Hidayat" with a
    link (one query per kind of object for the whole page)."""
    ids: dict[str, set[int]] = {}
    for a in baris:
        if a.objek_jenis and (a.objek_id or "").isdigit():
            ids.setdefault(a.objek_jenis, set()).add(int(a.objek_id))

    def muat(model, jenis):
        kunci = ids.get(jenis)
        if not kunci:
            return {}
        return {o.id: o for o in db.session.scalars(select(model).where(model.id.in_(kunci)))}

    klaim, dokumen, peserta, akun = (muat(Klaim, "klaim"), muat(Dokumen, "dokumen"),
                                     muat(Peserta, "peserta"), muat(User, "users"))

    def _klaim(k: Klaim) -> ObjekAudit:
        return ObjekAudit(f"Klaim {k.nomor}", url_for("staf.klaim_detail", public_id=k.public_id))

    def _peserta(p: Peserta) -> ObjekAudit:
        return ObjekAudit(f"Peserta {p.nama}", url_for("staf.peserta_detail", peserta_id=p.id))

    hasil: dict[int, ObjekAudit] = {}
    for a in baris:
        ident = int(a.objek_id) if (a.objek_id or "").isdigit() else None
        if a.objek_jenis == "klaim" and ident in klaim:
            hasil[a.id] = _klaim(klaim[ident])
        elif a.objek_jenis == "dokumen" and ident in dokumen:
            hasil[a.id] = _klaim(dokumen[ident].klaim)
        elif a.objek_jenis == "peserta" and ident in peserta:
            hasil[a.id] = _peserta(peserta[ident])
        elif a.objek_jenis == "users" and ident in akun:
            u = akun[ident]
            p = db.session.scalar(select(Peserta).where(Peserta.user_id == u.id))
            hasil[a.id] = _peserta(p) if p is not None else ObjekAudit(f"Akun {u.nama}", None)
        elif a.objek_jenis:
            hasil[a.id] = ObjekAudit(f"{a.objek_jenis.capitalize()} {a.objek_id or ''}".strip(),
                                     None)
    return hasil


_PINDAH_KODE = re.compile(r"\b([a-z_]+) → ([a-z_]+)\b")


def kalimat_audit(teks: str | None) -> str:
    """Older rows stored codes ("verifikasi_berkas → perlu_dokumen", "JKK_meninggal"):
    show them with their labels."""
    if not teks:
        return "–"

    def label(kode: str) -> str:
        try:
            return f"\u201c{STATUS[StatusKlaim(kode)].label}\u201d"
        except ValueError:
            return kode

    teks = _PINDAH_KODE.sub(lambda m: f"dari {label(m[1])} ke {label(m[2])}", teks)
    for kode, jenis in JENIS_KLAIM.items():
        teks = teks.replace(f"({kode})", f"({jenis.nama})")
    return teks


class FormSaringAudit(Formulir):
    """The audit log's filters (a GET form, read from the query string). An unknown actor,
    action or object type just matches nothing; a date that is not a date is reported (422),
    not guessed."""

    pelaku = TeksField("Pelaku")
    aksi = TeksField("Aksi")
    objek = TeksField("Jenis data")
    dari = IsianField("Tanggal awal",
                      baca=lambda m, n, g, f: baca_tanggal(m, n, "tanggal awal", g))
    sampai = IsianField("Tanggal akhir",
                        baca=lambda m, n, g, f: baca_tanggal(m, n, "tanggal akhir", g))

    def validate_sampai(self, field) -> None:
        if self.dari.data and field.data and field.data < self.dari.data:
            raise StopValidation("Tanggal akhir harus sama dengan atau sesudah tanggal awal.")

    def saring(self) -> SaringAudit:
        """The filters the query understands (after ``periksa``: a wrong date is left out)."""
        return SaringAudit(pelaku=angka_id(self.pelaku.data), aksi=self.aksi.data[:60],
                           objek=self.objek.data[:30], dari=self.dari.data,
                           sampai=self.sampai.data)


@bp.route("/audit")
@perlu_masuk(*PERAN_PETUGAS)
def audit_daftar():
    """The audit log with filters by actor, action, object type and date range."""
    form = FormSaringAudit(request.args)
    form.periksa()
    galat, saring = form.galat, form.saring()
    # Direct read of ``halaman``: nomor_halaman takes ASCII digits within bounds only.
    halaman = ambil_halaman(db.session, cari_audit(saring),
                            nomor_halaman(request.args.get("halaman")))
    # The filters' options, {value: label}. Actors: staff, plus anyone already in the log.
    pelaku = {u.id: f"{u.nama} ({u.email})" if u.email else u.nama for u in db.session.scalars(
        select(User).where(
            User.peran.in_(PERAN_STAF)
            | User.id.in_(select(AuditLog.actor_user_id).distinct())
        ).order_by(User.nama)
    )}
    aksi = {a: LABEL_AKSI.get(a, a) for a in sorted(
        set(LABEL_AKSI) | set(db.session.scalars(select(AuditLog.aksi).distinct())))}
    objek = {o: o for o in sorted(
        o for o in db.session.scalars(select(AuditLog.objek_jenis).distinct()) if o)}
    return render_page(
        "staf/audit.html", "staf/_audit_hasil.html", status=422 if galat else 200,
        saring=saring, halaman=halaman, args=saring.sebagai_args(), fragmen=sebagai_fragmen(),
        pilihan_pelaku=pelaku, pilihan_aksi=aksi, pilihan_objek=objek, label_aksi=LABEL_AKSI,
        galat=galat, objek_audit=_objek_audit(list(halaman.item)), kalimat_audit=kalimat_audit,
    )
