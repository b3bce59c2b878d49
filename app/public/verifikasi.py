"""Public verification of issued documents: by code (typed or from the QR) or by the PDF itself.

Nothing a visitor sends is stored. Every lookup counts against the visitor's IP address
(Redis when REDIS_URL is set, like sign-in), so codes cannot be guessed in bulk even though
80 random bits already make guessing hopeless; over the limit the answer is 429 with the time
to come back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from flask import redirect, request, url_for
from flask_wtf.file import FileField, FileRequired

from app.akses import publik
from app.auth.pembatas import pembatas
from app.domain import surat as domain
from app.extensions import db
from app.formulir import Formulir, TeksField, Wajib
from app.public import bp
from app.services import surat as layanan
from app.services.waktu import WIB, hari_ini
from app.web import render_page

BAGIAN = 64 * 1024
_NIK_BERPEMISAH = re.compile(r"\d{16}")


class FormKodeVerifikasi(Formulir):
    """``GET /verifikasi?kode=``: the code as typed (cut to 100 characters)."""

    kode = TeksField("Kode verifikasi",
                     [Wajib("Ketik kode verifikasi yang tercetak pada dokumen.")],
                     filters=[lambda nilai: (nilai or "")[:100]])


class FormBerkasVerifikasi(Formulir):
    """``POST /verifikasi``: the PDF itself (read once for its SHA-256, never stored)."""

    berkas = FileField("Berkas PDF",
                       [FileRequired("Pilih berkas PDF dokumen yang ingin diperiksa.")])


def _untuk_ditampilkan(diketik: str) -> str:
    """What was typed, to show back in the field; nothing if it holds a NIK (with or without
    spaces and dashes), which must never be echoed."""
    return "" if _NIK_BERPEMISAH.search(re.sub(r"[\s.\-]", "", diketik)) else diketik


def _tunggu_atau_hitung() -> int:
    """Seconds to wait when this IP is over its limit; otherwise count this attempt (0)."""
    kunci = [("verifikasi_ip", request.remote_addr or "")]
    tunggu = pembatas().tunggu(kunci)
    if not tunggu:
        pembatas().gagal(kunci)
    return tunggu


def _pesan_tunggu(detik: int) -> str:
    buka = dt.datetime.fromtimestamp(pembatas().jam() + detik, tz=WIB)
    menit = max(1, -(-detik // 60))
    return ("Terlalu banyak pemeriksaan dari alamat internet Anda dalam waktu singkat. Coba lagi "
            f"setelah pukul {buka:%H.%M} WIB (sekitar {menit} menit lagi).")


def _halaman(status: int = 200, **konteks):
    konteks.setdefault("errors", {})
    konteks.setdefault("kode_diketik", "")
    # Every state of this page has the form as its canonical address: a result address holds
    # a code (or whatever was typed), which has no business in link previews or indexes.
    konteks["alamat_kanonik"] = lambda: url_for("public.verifikasi", _external=True)
    return render_page("public/verifikasi.html", status=status, **konteks)


def _terlalu_sering(tunggu: int):
    halaman, status = _halaman(429, terkunci=_pesan_tunggu(tunggu))
    return halaman, status, {"Retry-After": str(tunggu), "Cache-Control": "no-store"}


def _hasil(surat, **konteks):
    """The result page: 200 for a known document (whatever its state), 404 otherwise."""
    hari = hari_ini()
    status = layanan.status_verifikasi(surat, hari)
    halaman, kode = _halaman(200 if surat is not None else 404, hasil=status, surat=surat,
                             hari=hari, **konteks)
    return halaman, kode, {"Cache-Control": "no-store"}


@bp.get("/verifikasi")
@publik
def verifikasi():
    """The form: type the code, or upload the PDF; ``?kode=`` goes to that code's result."""
    if "kode" not in request.args:
        return _halaman()
    form = FormKodeVerifikasi(request.args)
    if not form.periksa():
        return _halaman(422, errors=form.galat)
    diketik = form.kode.data
    kode = domain.normalisasi(diketik)
    if kode is None:
        # A malformed code is answered like an unknown one, and counts the same.
        tunggu = _tunggu_atau_hitung()
        if tunggu:
            return _terlalu_sering(tunggu)
        return _hasil(None, kode_diketik=_untuk_ditampilkan(diketik))
    return redirect(url_for("public.verifikasi_kode", kode=kode), 303)


@bp.post("/verifikasi")
@publik
def verifikasi_berkas():
    """Upload a PDF: its SHA-256 is looked up (the file is read and forgotten)."""
    form = FormBerkasVerifikasi(request.files)
    if not form.periksa():
        return _halaman(422, errors=form.galat)
    berkas = form.berkas.data
    tunggu = _tunggu_atau_hitung()
    if tunggu:
        return _terlalu_sering(tunggu)
    sidik = hashlib.sha256()
    ukuran = 0
    while bagian := berkas.stream.read(BAGIAN):
        sidik.update(bagian)
        ukuran += len(bagian)
    if not ukuran:
        return _halaman(422, errors={"berkas": "Berkas kosong (0 byte). Pilih berkas PDF lain."})
    surat = layanan.cari_sha256(db.session, sidik.hexdigest())
    return _hasil(surat, dari_berkas=True)


@bp.get("/verifikasi/<kode>")
@publik
def verifikasi_kode(kode: str):
    """The result for one code: sah, tidak_aktif, diganti, dicabut, or tidak_ditemukan (404)."""
    tunggu = _tunggu_atau_hitung()
    if tunggu:
        return _terlalu_sering(tunggu)
    kode_normal = domain.normalisasi(kode[:100])
    surat = layanan.cari_kode(db.session, kode_normal) if kode_normal else None
    if kode_normal and kode_normal != kode and surat is not None:
        return redirect(url_for("public.verifikasi_kode", kode=kode_normal), 301)
    return _hasil(surat, kode_diketik=_untuk_ditampilkan(kode[:100]))
