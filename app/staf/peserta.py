"""Participants: search, register, view and edit (the edit form is the only full-NIK page)."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.akses import perlu_masuk
from app.extensions import db
from app.konten_app import wilayah
from app.models import Peserta
from app.services.klaim import HUBUNGAN
from app.services.peserta import DataTidakSah, buat_akun, buat_peserta, ubah_peserta
from app.services.surat import daftar_surat
from app.services.waktu import hari_ini
from app.staf import bp
from app.staf.cari import cari_peserta, rapikan_kueri
from app.staf.forms import (
    LABEL_JENIS_KELAMIN,
    LABEL_STATUS_PESERTA,
    PROGRAM,
    HasilPeserta,
    baca_peserta,
    nilai_dari_form,
    nilai_dari_peserta,
    nilai_peserta_baru,
    pilihan_wilayah,
)
from app.staf.halaman import ambil_halaman, nomor_halaman
from app.staf.isian import Galat
from app.staf.umum import (
    PERAN_PETUGAS,
    ip,
    sebagai_fragmen,
    tampilkan_surat,
    terbitkan,
    transaksi,
)
from app.web import render_page


@bp.route("/peserta")
@perlu_masuk(*PERAN_PETUGAS)
def peserta_daftar():
    """Participant list with search by name, KPJ or the last four digits of the NIK."""
    # Direct read: free search text, tidied by rapikan_kueri.
    mentah = request.args.get("q", "")
    q = rapikan_kueri(mentah)
    url_bersih = url_for("staf.peserta_daftar", **({"q": q} if q else {}))
    if q != " ".join(mentah.split()) and not sebagai_fragmen():
        # A full NIK was typed: keep only its tail, so the number never stays in a URL.
        return redirect(url_bersih, 303)
    # Direct read of ``halaman``: nomor_halaman takes ASCII digits within bounds only.
    halaman = ambil_halaman(db.session, cari_peserta(q), nomor_halaman(request.args.get("halaman")))
    isi, status = render_page(
        "staf/peserta_daftar.html", "staf/_peserta_hasil.html",
        q=q, halaman=halaman, fragmen=sebagai_fragmen(), args={"q": q} if q else {},
        nama_kecamatan=pilihan_wilayah(wilayah(), "kecamatan"), label_status=LABEL_STATUS_PESERTA,
    )
    headers = {"HX-Push-Url": url_bersih} if q != mentah.strip() else {}
    return isi, status, headers


def _konteks_form(**extra) -> dict:
    w = wilayah()
    return {
        "kecamatan": pilihan_wilayah(w, "kecamatan"),
        "segmen": pilihan_wilayah(w, "segmen"),
        "label_status": LABEL_STATUS_PESERTA,
        "label_jk": LABEL_JENIS_KELAMIN,
        "program": PROGRAM,
        **extra,
    }


def _form_gagal(h: HasilPeserta, peserta: Peserta | None):
    """Show the form again with the error summary, status 422."""
    nilai = nilai_dari_form(request.form)
    if peserta is None and nilai.get("nik"):
        # Only the edit form may show a full NIK, so a new one is typed again.
        nilai["nik"] = ""
        pesan = h.galat.get("nik", "Ketik ulang NIK: demi keamanan NIK tidak ditampilkan lagi.")
        h.galat = Galat({"nik": pesan, **h.galat})
    return render_page(
        "staf/peserta_form.html", status=422,
        **_konteks_form(peserta=peserta, nilai=nilai, galat=h.galat),
    )


@bp.route("/peserta/baru", methods=["GET", "POST"])
@perlu_masuk(*PERAN_PETUGAS)
def peserta_baru():
    """Register a participant, optionally with a login account and an activation code."""
    if request.method == "GET":
        return render_page("staf/peserta_form.html", **_konteks_form(
            peserta=None, nilai=nilai_peserta_baru(wilayah()), galat={}))
    h = baca_peserta(request.form, db.session, wilayah(), hari_ini=hari_ini())
    if h.galat:
        return _form_gagal(h, None)
    kolom = dict(h.kolom)

    def daftarkan() -> tuple[Peserta, str]:
        peserta = buat_peserta(db.session, nik=kolom.pop("nik"), nama=kolom.pop("nama"),
                               oleh=current_user, ip=ip(), **kolom)
        return peserta, f"Peserta {peserta.nama} sudah terdaftar."

    return _simpan(h, None, daftarkan, "Peserta {nama} terdaftar dan akunnya sudah dibuat.")


def _simpan(h, lama: Peserta | None, tulis: Callable[[], tuple[Peserta, str]],
            pesan_akun: str):
    """Write the participant (and the account when asked) in one transaction. A refused NIK or
    KPJ → the form again (422); a new account → its code letter, shown once; else back to the
    participant with ``tulis``'s message."""
    baru = None
    try:
        with transaksi():
            peserta, pesan = tulis()
            if h.buat_akun:
                baru = terbitkan(_akun_untuk(peserta))
    except (DataTidakSah, IntegrityError) as galat:
        h.galat.tambah("nik", _pesan_simpan(galat))
        return _form_gagal(h, lama)
    tujuan = url_for("staf.peserta_detail", peserta_id=peserta.id)
    if baru is not None:
        return tampilkan_surat(baru, kembali=tujuan, kembali_label="Lihat data peserta",
                               pesan=pesan_akun.format(nama=peserta.nama))
    flash(pesan, "success")
    return redirect(tujuan, 303)


def _akun_untuk(peserta: Peserta):
    """Open the worker's own login account (password set later with the code)."""
    return buat_akun(db.session, peran="peserta", nama=peserta.nama, nik=peserta.nik,
                     telepon=peserta.telepon, peserta=peserta, oleh=current_user, ip=ip())


def _pesan_simpan(galat: Exception) -> str:
    if isinstance(galat, DataTidakSah):
        return str(galat)
    return "Data tidak bisa disimpan: NIK atau nomor KPJ baru saja dipakai data lain."



@bp.route("/peserta/<id:peserta_id>")
@perlu_masuk(*PERAN_PETUGAS)
def peserta_detail(peserta_id: int):
    """One participant: membership, account, claims (NIK masked)."""
    peserta = db.get_or_404(Peserta, peserta_id)
    return render_page(
        "staf/peserta_detail.html", peserta=peserta, hari_ini=hari_ini(), hubungan=HUBUNGAN,
        daftar_surat=daftar_surat(db.session, peserta=peserta), **_konteks_form(),
    )


@bp.route("/peserta/<id:peserta_id>/ubah", methods=["GET", "POST"])
@perlu_masuk(*PERAN_PETUGAS)
def peserta_ubah(peserta_id: int):
    """Edit a participant; the only page that shows the full NIK (to correct it)."""
    peserta = db.get_or_404(Peserta, peserta_id)
    if request.method == "GET":
        return render_page("staf/peserta_form.html", **_konteks_form(
            peserta=peserta, nilai=nilai_dari_peserta(peserta), galat={}))
    h = baca_peserta(request.form, db.session, wilayah(), peserta=peserta, hari_ini=hari_ini())
    if h.galat:
        return _form_gagal(h, peserta)

    def ubah() -> tuple[Peserta, str]:
        # A corrected NIK, name or phone follows into the account (audited there too).
        berubah = ubah_peserta(db.session, peserta, oleh=current_user, ip=ip(), **h.kolom)
        return peserta, ("Perubahan data peserta disimpan." if berubah
                         else "Tidak ada data yang berubah.")

    return _simpan(h, peserta, ubah, "Akun untuk {nama} sudah dibuat.")
