"""Activation codes: issue or reissue one (also the password reset), shown once as a letter."""

from __future__ import annotations

from flask import request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.akses import perlu_masuk
from app.extensions import db
from app.formulir import BilanganField, Formulir, NikField
from app.models import KodeAktivasi, Peserta, User
from app.services.peserta import buat_akun
from app.services.waktu import sekarang
from app.staf import bp
from app.staf.umum import PERAN_PETUGAS, ip, tampilkan_surat, terbitkan, transaksi
from app.web import render_page

PERAN_BERKODE = ("peserta", "ahli_waris")  # staff accounts are managed by the admin


def _halaman(status: int = 200, galat: dict | None = None, nilai: dict | None = None):
    terakhir = db.session.scalars(
        select(KodeAktivasi).options(joinedload(KodeAktivasi.user))
        .order_by(KodeAktivasi.id.desc()).limit(10)
    ).all()
    return render_page("staf/aktivasi.html", status=status, galat=galat or {},
                       nilai=nilai or {}, terakhir=terakhir, sekarang=sekarang())


class FormKodeAktivasi(Formulir):
    """Whose code: a ``user_id`` or ``peserta_id`` (hidden, from a participant or claim page),
    else the NIK the officer typed."""

    user_id = BilanganField("Akun")
    peserta_id = BilanganField("Peserta")
    nik = NikField("NIK")


def _cari_akun(form: FormKodeAktivasi) -> tuple[User | None, Peserta | None, dict[str, str]]:
    """The account to issue for: by id (from a participant or claim page) or by NIK typed."""
    form.validate()  # an unusable hidden id is simply not used: the NIK decides then
    for nomor, model in ((form.user_id.data, User), (form.peserta_id.data, Peserta)):
        baris = db.session.get(model, nomor) if nomor else None
        if isinstance(baris, User) and baris.peran in PERAN_BERKODE:
            return baris, None, {}
        if isinstance(baris, Peserta):
            return baris.user, baris, {}
    if form.nik.errors:
        return None, None, {"nik": form.nik.errors[0]}
    nik = form.nik.data
    user = db.session.scalar(select(User).where(User.nik == nik))
    peserta = db.session.scalar(select(Peserta).where(Peserta.nik == nik))
    if user is None and peserta is None:
        return None, None, {"nik": "Tidak ada akun atau peserta dengan NIK ini. Daftarkan "
                            "pesertanya dulu, atau daftarkan klaim untuk ahli waris baru."}
    return user, peserta, {}


@bp.route("/aktivasi", methods=["GET", "POST"])
@perlu_masuk(*PERAN_PETUGAS)
def aktivasi():
    """Issue a fresh code for a worker or heir; earlier unused codes stop working."""
    if request.method == "GET":
        return _halaman()
    user, peserta, galat = _cari_akun(FormKodeAktivasi(request.form))
    if galat:
        return _halaman(422, galat, {"nik": ""})
    if peserta is not None and peserta.status == "meninggal" and (
            user is None or user.peran == "peserta"):
        # Nobody can sign in for a deceased worker; the heir gets a code on the claim page.
        galat = {"nik": f"{peserta.nama} sudah meninggal dunia, jadi kode aktivasi tidak "
                        "diterbitkan untuk akun peserta. Terbitkan kode untuk ahli waris dari "
                        "halaman klaimnya."}
        return _halaman(409, galat, {"nik": ""})
    with transaksi():
        if user is None:
            # A registered worker without an account yet: open one, then issue the code.
            assert peserta is not None
            user = buat_akun(db.session, peran="peserta", nama=peserta.nama, nik=peserta.nik,
                             telepon=peserta.telepon, peserta=peserta, oleh=current_user, ip=ip())
        baru = terbitkan(user)
    if peserta is None:
        peserta = db.session.scalar(select(Peserta).where(Peserta.user_id == user.id))
    if peserta is not None:
        return tampilkan_surat(baru, kembali=url_for("staf.peserta_detail", peserta_id=peserta.id),
                               kembali_label="Lihat data peserta")
    return tampilkan_surat(baru, kembali=url_for("staf.aktivasi"),
                           kembali_label="Kembali ke kode aktivasi")
