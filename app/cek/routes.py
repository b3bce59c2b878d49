"""Views of the cek blueprint: start, one question per page, result, the rules themselves.

Nothing about the visitor is stored: the answers travel in the query string only, these views
write no session, no cookie and no log line of their own. Because of that, the same URL on the
same day is the same page, so cookie-less visitors get it from the page store (``untuk_tamu``).
"""

from __future__ import annotations

from datetime import date

from flask import abort, make_response, redirect, request

from app.akses import publik
from app.cek import bp
from app.cek.alur import (
    jawaban_sebelum,
    konteks_hasil,
    konteks_pertanyaan,
    url_hasil,
    url_pertanyaan,
)
from app.cek.aturan import aturan_lewat, aturan_sekarang, hari_ini, semua_versi, versi_bernama
from app.cek.formulir import FormCek, form_cek
from app.domain.kelayakan import Aturan, AturanTidakBerlaku, Evaluasi, tanggal_untuk
from app.domain.kelayakan import evaluate as _evaluate
from app.konten_app import wilayah
from app.simpanan import untuk_tamu
from app.web import render_page, wants_fragment


def hari_ini_di_sini():
    """Today, looked up at call time (tests replace ``hari_ini`` here): part of the store key."""
    return hari_ini()


def evaluate(jawaban, aturan: Aturan, tanggal: date) -> Evaluasi:
    """Evaluate on ``tanggal``; a version kept past its end is evaluated on its last day."""
    return _evaluate(jawaban, aturan, tanggal_untuk(aturan, tanggal))


@bp.app_context_processor
def _catatan_aturan():
    """``aturan_lewat``: the end date of the rules in use when today is past it (a note on
    every question and result of the check, a warning on the staff start page)."""
    return {"aturan_lewat": lambda: aturan_lewat(hari_ini())}


@bp.get("", strict_slashes=False)
@publik
@untuk_tamu(tambahan=hari_ini_di_sini)
def mulai():
    """Start page: what the check is, how many questions, that nothing is stored."""
    aturan = aturan_sekarang(hari_ini())
    pertama = aturan.daftar_pertanyaan[0].id
    return render_page("cek/mulai.html", "cek/_mulai.html", aturan=aturan,
                       url_mulai=url_pertanyaan(pertama, {}))


@bp.get("/hasil")
@publik
@untuk_tamu(tambahan=hari_ini_di_sini)
def hasil():
    """The result, or the next unanswered question while the answers do not decide yet."""
    tanggal = hari_ini()
    aturan = aturan_sekarang(tanggal)
    form = form_cek(aturan)(request.args)
    if not form.periksa():
        return _pertanyaan_salah(aturan, form)
    jawaban = form.jawaban()
    evaluasi = evaluate(jawaban, aturan, tanggal)
    if not evaluasi.selesai:
        return _ke_pertanyaan(aturan, evaluasi.next_question, jawaban)
    halaman = _tampil_hasil(evaluasi, jawaban, tanggal)
    # Under htmx the address bar gets the clean URL (unknown parameters dropped).
    return _dengan_url(halaman, url_hasil(jawaban)) if wants_fragment() else halaman


@bp.get("/aturan")
@publik
@untuk_tamu(tambahan=hari_ini_di_sini)
def aturan():
    """The rule file in force (or ``?versi=``) in words, with every other version listed."""
    tanggal = hari_ini()
    # Direct read: a rule version's file name, looked up among the loaded ones (else 404).
    nama = request.args.get("versi")
    dipilih = aturan_sekarang(tanggal) if nama is None else versi_bernama(nama)
    if dipilih is None:
        abort(404)
    try:
        berlaku = aturan_sekarang(tanggal)
    except AturanTidakBerlaku:
        berlaku = None
    return render_page("cek/aturan.html", aturan=dipilih, berlaku=berlaku,
                       semua_versi=semua_versi(), tanggal=tanggal)


@bp.get("/<parameter>")
@publik
@untuk_tamu(tambahan=hari_ini_di_sini)
def pertanyaan(parameter: str):
    """One question; earlier answers ride along as hidden fields."""
    tanggal = hari_ini()
    aturan = aturan_sekarang(tanggal)
    try:
        q = aturan.pertanyaan(parameter)
    except KeyError:
        abort(404)
    form = form_cek(aturan)(request.args)
    if not form.periksa():
        return _pertanyaan_salah(aturan, form)
    jawaban = form.jawaban()
    # Asked after the outcome is already known (an old link, a typed URL): show the result.
    if evaluate(jawaban_sebelum(aturan, q.id, jawaban), aturan, tanggal).selesai:
        return _ke_hasil(aturan, jawaban, tanggal)
    return _render_pertanyaan(aturan, q.id, jawaban)


@bp.errorhandler(AturanTidakBerlaku)
def tidak_berlaku(error: AturanTidakBerlaku):
    """No rule version covers today: say so plainly (503), never a traceback."""
    return render_page("cek/tidak_berlaku.html", "cek/_tidak_berlaku.html", status=503,
                       semua_versi=semua_versi(), tanggal=hari_ini())


# --- helpers ------------------------------------------------------------------------------

def _render_pertanyaan(aturan: Aturan, id_: str, jawaban, status: int = 200, **lain):
    return render_page("cek/pertanyaan.html", "cek/_pertanyaan.html", status=status,
                       **konteks_pertanyaan(aturan, aturan.pertanyaan(id_), jawaban, **lain))


def _pertanyaan_salah(aturan: Aturan, form: FormCek):
    """422: the first question with an invalid value, its text shown again to correct."""
    galat = form.galat
    id_ = next(iter(galat))
    return _render_pertanyaan(aturan, id_, form.jawaban(), status=422, galat=galat,
                              mentah=form.mentah(id_))


def _tampil_hasil(evaluasi: Evaluasi, jawaban, tanggal: date):
    program = wilayah()["program"]
    nama_program = program.get("singkatan") or program["nama"]
    return render_page("cek/hasil.html", "cek/_hasil.html", tanggal=tanggal,
                       **konteks_hasil(evaluasi, jawaban, nama_program))


def _ke_pertanyaan(aturan: Aturan, id_: str, jawaban):
    """303 to the next question; under htmx, that question's panel and its URL at once."""
    url = url_pertanyaan(id_, jawaban)
    if not wants_fragment():
        return redirect(url, 303)
    return _dengan_url(_render_pertanyaan(aturan, id_, jawaban), url)


def _ke_hasil(aturan: Aturan, jawaban, tanggal: date):
    """303 to the result; under htmx, the result panel and its URL at once."""
    url = url_hasil(jawaban)
    if not wants_fragment():
        return redirect(url, 303)
    return _dengan_url(_tampil_hasil(evaluate(jawaban, aturan, tanggal), jawaban, tanggal), url)


def _dengan_url(hasil_render, url: str):
    # A redirect would make htmx push the URL it asked for; push the page really shown.
    response = make_response(hasil_render)
    response.headers["HX-Push-Url"] = url
    return response
