"""Staff second step: a TOTP code (or a one-time recovery code) after the password.

The password step only remembers *who* passed it (in the signed session, for five minutes);
the person is signed in here. Staff without a second factor enrol on the same page: a QR code
and the secret typed out, confirmed by a first code, then ten recovery codes shown once.
"""

from __future__ import annotations

import time

import segno
from flask import flash, redirect, request, session, url_for
from sqlalchemy import select

from app.akses import publik
from app.auth import bp
from app.auth.forms import FormKode
from app.auth.pembatas import pembatas
from app.batas import angka_id
from app.domain import sandi as sandi_domain
from app.domain import totp
from app.extensions import db
from app.models import KodePemulihan, User
from app.services.audit import audit
from app.services.waktu import sekarang
from app.web import render_page

MASA_LANGKAH_DETIK = 5 * 60
PESAN_KODE_SALAH = ("Kode tidak cocok. Masukkan enam angka yang sedang tampil di aplikasi "
                    "autentikator, atau salah satu kode cadangan Anda.")
PESAN_KODE_DAFTAR_SALAH = ("Kode tidak cocok. Pastikan jam di ponsel Anda tepat, lalu masukkan "
                           "enam angka yang sedang tampil di aplikasi.")


def mulai_dua_langkah(user: User, lanjut: str | None):
    """Remember that ``user`` passed the password step, and go to the code page."""
    session.clear()
    session["dua_langkah"] = {"uid": user.id, "versi": user.sesi_versi,
                              "mulai": time.time(), "lanjut": lanjut or ""}
    return redirect(url_for("auth.kode"))


def _tertunda() -> User | None:
    """The staff member half-way through signing in, if the step is still fresh."""
    data = session.get("dua_langkah")
    if not isinstance(data, dict):
        return None
    mulai = data.get("mulai")
    if not isinstance(mulai, int | float) or time.time() - mulai > MASA_LANGKAH_DETIK:
        session.pop("dua_langkah", None)
        return None
    nomor = angka_id(str(data.get("uid")))
    user = db.session.get(User, nomor) if nomor else None
    if user is None or not user.aktif or not user.is_staf or user.sesi_versi != data.get("versi"):
        return None
    return user


def _qr(user: User) -> str:
    """The enrolment QR code as an SVG data URI (CSP allows data: images)."""
    uri = totp.uri_aplikasi(user.totp_rahasia or "", user.email or str(user.id))
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


TANPA_SIMPAN = {"Cache-Control": "no-store"}  # secrets and recovery codes: never cached


def _halaman(user: User, status: int = 200, galat: dict | None = None, terkunci: str = ""):
    if user.totp_aktif:
        html, status = render_page("auth/kode.html", status=status, galat=galat or {},
                                   terkunci=terkunci)
    else:
        html, status = render_page("auth/kode_daftar.html", status=status, galat=galat or {},
                                   terkunci=terkunci, qr=_qr(user),
                                   rahasia=totp.kelompokkan(user.totp_rahasia or ""))
    return html, status, dict(TANPA_SIMPAN)


def _berakhir():
    flash("Langkah masuk sudah berakhir. Masuk lagi dengan e-mail dan kata sandi.", "info")
    return redirect(url_for("auth.masuk"))


@bp.route("/masuk/kode", methods=["GET", "POST"])
@publik
def kode():
    """Second step for staff: enrol (QR + first code) or type the current code."""
    user = _tertunda()
    if user is None:
        return _berakhir()
    if not user.totp_aktif and not user.totp_rahasia:
        user.totp_rahasia = totp.rahasia_baru()
        db.session.commit()
    if request.method == "GET":
        return _halaman(user)
    from app.auth.routes import _mulai_sesi, _pesan_tunggu, _tujuan_setelah_masuk

    kunci = [("kode_akun", str(user.id)), ("kode_ip", request.remote_addr or "")]
    tunggu, percobaan = pembatas().coba(kunci)
    if tunggu:
        pesan = _pesan_tunggu(tunggu, "Terlalu banyak kode yang salah.")
        halaman, status, kepala = _halaman(user, status=429, terkunci=pesan)
        return halaman, status, {**kepala, "Retry-After": str(tunggu)}
    form = FormKode(request.form)
    if not form.periksa():
        percobaan.berhasil()  # an empty form checked nothing
        return _halaman(user, status=422, galat=form.galat)
    masukan = form.kode.data
    lanjut = (session.get("dua_langkah") or {}).get("lanjut") or None

    if not user.totp_aktif:
        langkah = totp.cocokkan(user.totp_rahasia or "", masukan, user.totp_langkah)
        if langkah is None:
            return _halaman(user, status=422, galat={"kode": PESAN_KODE_DAFTAR_SALAH})
        percobaan.berhasil()
        kode_cadangan = totp.kode_pemulihan_baru()
        _ganti_kode_pemulihan(user, kode_cadangan)
        user.totp_aktif = True
        user.totp_langkah = langkah
        user.sesi_versi += 1  # a new second factor ends every other session
        user.terakhir_masuk = sekarang()
        audit(db.session, user, "akun.totp_daftar", user,
              "Verifikasi dua langkah diaktifkan.", request.remote_addr)
        db.session.commit()
        _mulai_sesi(user)
        html, status = render_page("auth/kode_cadangan.html", kode_cadangan=kode_cadangan,
                                   lanjut=_tujuan_setelah_masuk(user, lanjut))
        return html, status, dict(TANPA_SIMPAN)

    langkah = totp.cocokkan(user.totp_rahasia or "", masukan, user.totp_langkah)
    if langkah is not None:
        user.totp_langkah = langkah
    elif not _pakai_kode_pemulihan(user, masukan):
        return _halaman(user, status=422, galat={"kode": PESAN_KODE_SALAH})
    percobaan.berhasil()
    pembatas().bersihkan("kode_akun", str(user.id))
    user.terakhir_masuk = sekarang()
    db.session.commit()
    _mulai_sesi(user)
    return redirect(_tujuan_setelah_masuk(user, lanjut))


def _ganti_kode_pemulihan(user: User, kode_cadangan: list[str]) -> None:
    """Replace the user's recovery codes with new ones (stored as argon2 hashes)."""
    for lama in db.session.scalars(select(KodePemulihan).where(KodePemulihan.user_id == user.id)):
        db.session.delete(lama)
    for teks in kode_cadangan:
        db.session.add(KodePemulihan(
            user_id=user.id, kode_hash=sandi_domain.hash_sandi(totp.normalisasi_pemulihan(teks))))


def _pakai_kode_pemulihan(user: User, masukan: str) -> bool:
    """True (and the code is spent) when ``masukan`` is one of the user's unused codes."""
    if not totp.mirip_kode_pemulihan(masukan):
        return False
    bersih = totp.normalisasi_pemulihan(masukan)
    for baris in db.session.scalars(select(KodePemulihan).where(
            KodePemulihan.user_id == user.id, KodePemulihan.dipakai_pada.is_(None))):
        if sandi_domain.cek_sandi(bersih, baris.kode_hash):
            baris.dipakai_pada = sekarang()
            return True
    return False


def reset_dua_langkah(target: User, admin: User, ip: str | None) -> None:
    """An admin clears a colleague's second factor: they enrol again at their next sign-in,
    and every session they have ends now."""
    target.totp_rahasia = None
    target.totp_aktif = False
    target.totp_langkah = None
    target.sesi_versi += 1
    for lama in db.session.scalars(select(KodePemulihan).where(
            KodePemulihan.user_id == target.id)):
        db.session.delete(lama)
    audit(db.session, admin, "akun.totp_reset", target,
          f"Verifikasi dua langkah {target.nama} diatur ulang.", ip)


__all__ = ["mulai_dua_langkah", "reset_dua_langkah"]
