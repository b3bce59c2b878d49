"""Views of the auth blueprint: sign in, sign out, activate an account."""

from __future__ import annotations

import datetime as dt
import time

from flask import after_this_request, flash, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from app.akses import perlu_masuk, publik
from app.auth import bp
from app.auth.forms import PESAN_KODE_GAGAL, PESAN_MASUK_GAGAL, FormAktivasi, FormMasuk
from app.auth.pembatas import pembatas
from app.domain import sandi as sandi_domain
from app.domain.alih import tujuan_aman
from app.extensions import db
from app.models import User
from app.services.aktivasi import aktifkan, cari_kode_berlaku
from app.services.waktu import WIB, sekarang
from app.web import render_page

_HASH_PALSU: list[str] = []


def _tujuan_setelah_masuk(user: User, lanjut: str | None = None) -> str:
    """``next`` when it is a local path, else the user's home page."""
    # Direct read: ``next`` is a return address, not a field; tujuan_aman is its one parser.
    lanjut = (tujuan_aman(lanjut) or tujuan_aman(request.args.get("next"))
              or tujuan_aman(request.form.get("next")))
    if lanjut:
        return lanjut
    if user.peran == "humas":
        return url_for("staf.berita_daftar")  # the newsroom is the comms staff's home
    if user.is_staf:
        return url_for("staf.beranda")
    if user.peran in ("peserta", "ahli_waris"):
        return url_for("akun.beranda")
    return url_for("public.beranda")


def _pesan_tunggu(detik: int, awal: str) -> str:
    """"Try again after 14.05 WIB (about 12 minutes)"; the time comes from the counter's clock."""
    buka = dt.datetime.fromtimestamp(pembatas().jam() + detik, tz=WIB)
    menit = max(1, -(-detik // 60))
    return f"{awal} Coba lagi setelah pukul {buka:%H.%M} WIB (sekitar {menit} menit lagi)."


def _cek_sandi(user: User | None, sandi: str) -> bool:
    """Verify the password; for an unknown account spend the same time on a throwaway hash."""
    if user is None or not user.aktif or not user.sandi_hash:
        if not _HASH_PALSU:
            _HASH_PALSU.append(sandi_domain.hash_sandi("sigap-bukan-sandi-siapa-pun"))
        sandi_domain.cek_sandi(sandi, _HASH_PALSU[0])
        return False
    return user.cek_sandi(sandi)


def _mulai_sesi(user: User) -> None:
    """A fresh session for a fresh sign-in: nothing from before survives (no fixation)."""
    session.clear()
    login_user(user)
    session.permanent = True  # PERMANENT_SESSION_LIFETIME is the idle timeout
    session["masuk_pada"] = time.time()  # absolute lifetime (app/auth/sesi.py)


def _cari_pengguna(form: FormMasuk) -> User | None:
    kolom = User.email if "@" in form.kunci_akun else User.nik
    return db.session.scalar(select(User).where(kolom == form.kunci_akun))


@bp.route("/masuk", methods=["GET", "POST"])
@publik
def masuk():
    """Sign in with NIK or e-mail and password; throttled per account and per IP."""
    dengan_email = (request.values.get("dengan") == "email")
    if request.method == "GET":
        # Direct read: ``next`` is a return address (tujuan_aman), not a form field.
        return render_page("auth/masuk.html", form=FormMasuk(),
                           lanjut=tujuan_aman(request.args.get("next")),
                           dengan_email=dengan_email)
    form = FormMasuk(request.form)
    dengan_email = dengan_email or "@" in (form.identitas.data or "")

    @after_this_request
    def _tanpa_simpan(response):
        # The answer may carry the typed NIK back in its field: never cached.
        response.headers["Cache-Control"] = "no-store"
        return response

    # Direct read: ``next`` is a return address (tujuan_aman), not a form field.
    lanjut = tujuan_aman(request.form.get("next")) or tujuan_aman(request.args.get("next"))
    if not form.periksa():
        return render_page("auth/masuk.html", form=form, lanjut=lanjut, status=422,
                           dengan_email=dengan_email)
    kunci = [("masuk_akun", form.kunci_akun), ("masuk_ip", request.remote_addr or "")]
    # Counted before the password is checked: concurrent guesses cannot slip past the limit.
    tunggu, percobaan = pembatas().coba(kunci)
    if tunggu:
        pesan = _pesan_tunggu(tunggu, "Terlalu banyak percobaan masuk yang gagal.")
        halaman, status = render_page("auth/masuk.html", form=form, lanjut=lanjut,
                                      terkunci=pesan, status=429, dengan_email=dengan_email)
        return halaman, status, {"Retry-After": str(tunggu)}
    user = _cari_pengguna(form)
    if not _cek_sandi(user, form.sandi.data):
        form.tolak("identitas", PESAN_MASUK_GAGAL)
        return render_page("auth/masuk.html", form=form, lanjut=lanjut, status=422,
                           dengan_email=dengan_email)
    assert user is not None
    percobaan.berhasil()
    pembatas().bersihkan("masuk_akun", form.kunci_akun)
    if user.is_staf:
        # Staff are not signed in yet: the second step (/masuk/kode) comes first.
        from app.auth.dua_langkah import mulai_dua_langkah

        db.session.commit()  # keeps a re-hashed password
        return mulai_dua_langkah(user, lanjut)
    user.terakhir_masuk = sekarang()
    db.session.commit()  # also keeps a re-hashed password (cek_sandi may upgrade it)
    _mulai_sesi(user)
    return redirect(_tujuan_setelah_masuk(user))


@bp.post("/keluar")
@perlu_masuk()
def keluar():
    """Sign out: this cookie and any copy of it stop working."""
    user = db.session.get(User, current_user.id)
    if user is not None:
        user.sesi_versi += 1  # a copied cookie carries the old version and is refused
        db.session.commit()
    logout_user()
    session.clear()
    flash("Anda sudah keluar.", "success")
    return redirect(url_for("auth.masuk"))


@bp.route("/aktivasi", methods=["GET", "POST"])
@publik
def aktivasi():
    """First sign-in (or password reset): NIK + the officer's code, then a new password."""
    if request.method == "GET":
        return render_page("auth/aktivasi.html", form=FormAktivasi())
    ip = request.remote_addr or ""
    form = FormAktivasi(request.form)
    sah = form.periksa()
    kunci = [("aktivasi_ip", ip), ("aktivasi_nik", form.nik.data)]
    tunggu, percobaan = pembatas().coba(kunci)
    if tunggu:
        pesan = _pesan_tunggu(tunggu, "Terlalu banyak percobaan aktivasi yang gagal.")
        halaman, status = render_page("auth/aktivasi.html", form=FormAktivasi(),
                                      terkunci=pesan, status=429)
        return halaman, status, {"Retry-After": str(tunggu)}
    if not sah:
        percobaan.berhasil()  # a form error checked no secret: it does not count
        return render_page("auth/aktivasi.html", form=form, status=422)
    baris = cari_kode_berlaku(db.session, form.nik.data, form.kode.data)
    if baris is None:
        form.tolak("kode", PESAN_KODE_GAGAL)
        return render_page("auth/aktivasi.html", form=form, status=422)
    user = db.session.get(User, baris.user_id)
    masalah = sandi_domain.periksa_sandi(form.sandi.data, nik=form.nik.data, nama=user.nama)
    percobaan.berhasil()  # the code was right; a weak new password is not a failed guess
    if masalah:
        form.tolak("sandi", " ".join(masalah))
        return render_page("auth/aktivasi.html", form=form, status=422)
    aktifkan(db.session, baris, form.sandi.data, ip=ip)
    user.terakhir_masuk = sekarang()
    db.session.commit()
    _mulai_sesi(user)
    flash("Akun Anda sudah aktif dan Anda sudah masuk. Berikutnya, masuk dengan NIK dan "
          "kata sandi baru Anda.", "success")
    return redirect(_tujuan_setelah_masuk(user))

