"""/staf/impor: upload a participant file → report → confirm → written in one transaction."""

from __future__ import annotations

import io

from flask import Response, abort, redirect, request, send_file, url_for
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from app.akses import perlu_masuk
from app.domain.format import angka
from app.domain.impor import (
    KOLOM,
    PENJELASAN,
    WAJIB,
    BerkasTidakSah,
    templat_csv,
)
from app.extensions import db
from app.formulir import Formulir
from app.konten_app import wilayah
from app.models import ImporPeserta
from app.penyimpanan import penyimpanan
from app.services import impor as layanan
from app.services.impor_tugas import kemajuan
from app.staf import bp
from app.staf.forms import pilihan_wilayah
from app.staf.umum import PERAN_PETUGAS, ip
from app.tugas import kirim
from app.web import render_page, wants_fragment

bp.add_app_template_filter(angka, "angka")

LABEL_STATUS = {
    "antre": "Menunggu giliran diperiksa",
    "memeriksa": "Sedang diperiksa",
    "siap": "Laporan siap, menunggu konfirmasi",
    "antre_tulis": "Menunggu giliran disimpan",
    "menulis": "Sedang disimpan",
    "selesai": "Selesai disimpan",
    "gagal": "Gagal",
}


def batas_unggah_impor() -> None:
    """The import form takes files up to 50 MB (the site-wide limit is 6 MB). create_app puts
    this hook before every other, CSRF included, since that one reads the form
    (``_init_batas_unggah``)."""
    if request.endpoint == "staf.impor":
        request.max_content_length = layanan.MAKS_UKURAN + 1024 * 1024


def _konteks(**extra):
    w = wilayah()
    riwayat = db.session.scalars(
        select(ImporPeserta).order_by(ImporPeserta.id.desc()).limit(10)
        if current_user.peran == "admin"
        else select(ImporPeserta).where(ImporPeserta.oleh_user_id == current_user.id)
        .order_by(ImporPeserta.id.desc()).limit(10)
    ).all()
    return {
        "kolom": KOLOM, "penjelasan": PENJELASAN, "wajib": WAJIB, "riwayat": riwayat,
        "label_status": LABEL_STATUS, "segmen": pilihan_wilayah(w, "segmen"),
        "kecamatan": pilihan_wilayah(w, "kecamatan"), "maks_mb": layanan.MAKS_UKURAN // 2**20,
        "galat": {}, **extra,
    }


class FormImpor(Formulir):
    """The participant file (CSV or XLSX); its contents are checked by app.domain.impor."""

    berkas = FileField("Berkas peserta",
                       [FileRequired("Pilih berkas CSV atau XLSX yang akan diimpor.")])


@bp.route("/impor", methods=["GET", "POST"])
@perlu_masuk(*PERAN_PETUGAS)
def impor():
    """The upload form; a POST stores the file and starts the check in the background."""
    if request.method == "GET":
        return render_page("staf/impor.html", **_konteks())
    try:
        form = FormImpor(request.files)
    except RequestEntityTooLarge:
        return _galat("Berkas lebih dari 50 MB. Bagi menjadi beberapa berkas.", 413)
    if not form.periksa():
        return _galat(form.galat["berkas"], 422)
    berkas = form.berkas.data
    try:
        nama, sha, ukuran = layanan.simpan_berkas(berkas.stream)
    except BerkasTidakSah as galat:
        return _galat(str(galat), 413 if "50 MB" in str(galat) else 422)
    baru = ImporPeserta(oleh_user_id=current_user.id, nama_berkas=berkas.filename[:200],
                        berkas=nama, sha256=sha, ukuran=ukuran, status="antre")
    db.session.add(baru)
    db.session.commit()
    kirim("periksa_impor", baru.id)
    return redirect(url_for("staf.impor_detail", impor_id=baru.id), 303)


def _galat(pesan: str, status: int):
    return render_page("staf/impor.html", status=status, **_konteks(galat={"berkas": pesan}))


def _ambil(impor_id: int) -> ImporPeserta:
    """An import of this officer (any, for an admin); another's is 404."""
    impor = db.session.get(ImporPeserta, impor_id)
    if impor is None or (current_user.peran != "admin" and impor.oleh_user_id != current_user.id):
        abort(404)
    return impor


@bp.route("/impor/<int:impor_id>")
@perlu_masuk(*PERAN_PETUGAS)
def impor_detail(impor_id: int):
    """Progress while a step runs (htmx polls this URL), then the report or the result."""
    impor = _ambil(impor_id)
    maju = kemajuan(impor.id) if impor.berjalan else None
    isi, status = render_page(
        "staf/impor_detail.html", "staf/_impor_status.html", impor=impor, kemajuan=maju,
        label_status=LABEL_STATUS, laporan=layanan.baca_laporan(impor)
        if impor.status in ("siap", "selesai") else [], fragmen=wants_fragment(),
    )
    headers = {}
    if wants_fragment() and not impor.berjalan:
        headers["HX-Refresh"] = "true"  # done: load the full report page
    return isi, status, headers


@bp.route("/impor/<int:impor_id>/terapkan", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def impor_terapkan(impor_id: int):
    """The officer confirms: the valid rows are written in the background, all or nothing."""
    impor = _ambil(impor_id)
    if impor.status != "siap":
        return redirect(url_for("staf.impor_detail", impor_id=impor.id), 303)
    impor.status = "antre_tulis"
    db.session.commit()
    kirim("terapkan_impor", impor.id, current_user.id, ip())
    return redirect(url_for("staf.impor_detail", impor_id=impor.id), 303)


@bp.route("/impor/<int:impor_id>/laporan.csv")
@perlu_masuk(*PERAN_PETUGAS)
def impor_laporan(impor_id: int):
    """The rejected and warned rows as CSV (NIK masked, cells neutralised)."""
    impor = _ambil(impor_id)
    if impor.status not in ("siap", "selesai"):
        abort(404)
    try:
        isi = penyimpanan().baca(layanan.kunci_laporan(impor))
    except FileNotFoundError:
        abort(404)
    return send_file(io.BytesIO(isi), mimetype="text/csv", as_attachment=True,
                     download_name=f"laporan-impor-{impor.id}.csv", max_age=0)


@bp.route("/impor/templat.csv")
@perlu_masuk(*PERAN_PETUGAS)
def impor_templat():
    """The column template with one example row."""
    return Response("\ufeff" + templat_csv(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=templat-impor-peserta.csv"})
