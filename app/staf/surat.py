"""Issued documents in the officers' area: list them on a participant or claim, revoke one."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user

from app.akses import perlu_masuk
from app.extensions import db
from app.formulir import Formulir, PalingPanjang, TeksField, Wajib
from app.models import SuratTerbit
from app.services.surat import cabut
from app.staf import bp
from app.staf.umum import PERAN_PETUGAS, ip, transaksi
from app.web import render_page

ALASAN_MAKS = 500



def _kembali(surat: SuratTerbit) -> str:
    """The claim page for a payment letter, the participant page for a certificate."""
    if surat.klaim is not None:
        return url_for("staf.klaim_detail", public_id=surat.klaim.public_id, _anchor="surat")
    return url_for("staf.peserta_detail", peserta_id=surat.peserta_id, _anchor="surat")


class FormCabut(Formulir):
    """Revoking a document: the reason, one line of plain text."""

    alasan = TeksField("Alasan pencabutan", [
        Wajib("Tulis alasan pencabutan, misalnya data pada dokumen salah."),
        PalingPanjang(ALASAN_MAKS, f"Alasan paling panjang {ALASAN_MAKS} karakter."),
    ])


@bp.route("/surat/<int:surat_id>/cabut", methods=["GET", "POST"])
@perlu_masuk(*PERAN_PETUGAS)
def surat_cabut(surat_id: int):
    """Revoke an issued document with a reason; it then verifies as ``dicabut`` (audited)."""
    surat = db.get_or_404(SuratTerbit, surat_id)
    kembali = _kembali(surat)
    if request.method == "GET":
        return render_page("staf/surat_cabut.html", surat=surat, kembali=kembali, galat={},
                           alasan="")
    form = FormCabut(request.form)
    if surat.dicabut_pada is not None:
        form.tolak("alasan", "Dokumen ini sudah dicabut sebelumnya.")
    if not form.periksa():
        return render_page("staf/surat_cabut.html", status=422, surat=surat, kembali=kembali,
                           galat=form.galat, alasan=form.alasan.data)
    alasan = form.alasan.data
    with transaksi():
        cabut(db.session, surat, alasan, current_user._get_current_object(), ip())
    flash(f"{surat.nama_jenis} {surat.nomor} sudah dicabut. Pemeriksaan kodenya kini "
          "menampilkan “dicabut”.", "success")
    return redirect(kembali, 303)
