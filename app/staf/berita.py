"""The newsroom: comms staff and admins write, review, schedule and publish news."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from app.akses import perlu_masuk
from app.domain.berita import LABEL_STATUS, diff_teks, render_markdown, waktu_baca
from app.extensions import db
from app.formulir import BilanganField, Formulir
from app.models import Berita, BeritaRevisi
from app.penyimpanan import penyimpanan
from app.services import berita as layanan
from app.services.berita import BeritaDitolak, VersiKedaluwarsa
from app.staf import bp
from app.staf.berita_isian import (
    MAKS_ISI,
    MAKS_JUDUL,
    MAKS_RINGKASAN,
    FormBerita,
    FormVersi,
    nilai_dari_berita,
)
from app.staf.umum import ip, jam_staf
from app.web import render_page, wants_fragment

PERAN_HUMAS = ("humas", "admin")
MAKS_UNGGAH = 11 * 1024 * 1024  # a 10 MB image plus the form around it
PESAN_KEDALUWARSA = ("{nama} menyimpan artikel ini pada {jam} sesudah Anda membukanya. "
                     "Perubahan Anda belum disimpan dan masih ada di formulir di bawah. "
                     "Bandingkan dengan versi terbaru (buka di tab baru), lalu simpan lagi.")


def _wajib_tinjauan() -> bool:
    return bool(current_app.config.get("BERITA_WAJIB_TINJAUAN", True))


def _ambil(berita_id: int) -> Berita:
    berita = db.session.get(Berita, berita_id)
    if berita is None:
        abort(404)
    return berita


def _pratinjau(nilai: dict) -> dict:
    """The article as it would look; text cut to the editor's limits (the preview endpoint is
    called while typing, so it never renders more than a save could store)."""
    isi = (nilai.get("isi") or "")[:MAKS_ISI]
    return {"judul": (nilai.get("judul") or "")[:MAKS_JUDUL],
            "ringkasan": (nilai.get("ringkasan") or "")[:MAKS_RINGKASAN],
            "isi_html": render_markdown(isi), "menit": waktu_baca(isi)}


@bp.get("/berita")
@perlu_masuk(*PERAN_HUMAS)
def berita_daftar():
    """Every article with its state, filterable by state."""
    # Direct read: a status filter, used only when it is one of LABEL_STATUS's keys.
    status = request.args.get("status", "")
    q = select(Berita).order_by(Berita.diubah.desc(), Berita.id.desc())
    if status in LABEL_STATUS:
        q = q.where(Berita.status == status)
    else:
        status = ""
    jumlah = dict(db.session.execute(
        select(Berita.status, func.count()).group_by(Berita.status)).all())
    return render_page(
        "staf/berita_daftar.html",
        daftar=db.session.scalars(q.limit(200)).all(),
        saring=status,
        label_status=LABEL_STATUS,
        jumlah=jumlah,
        terlihat=layanan.terlihat,
    )


def _editor(berita: Berita | None, nilai: dict, galat: dict | None = None, status: int = 200,
            pesan: str | None = None, pratinjau: bool = False):
    return render_page(
        "staf/berita_form.html",
        berita=berita,
        nilai=nilai,
        galat=galat or {},
        pesan=pesan,
        pratinjau=_pratinjau(nilai) if pratinjau else None,
        wajib_tinjauan=_wajib_tinjauan(),
        label_status=LABEL_STATUS,
        status=status,
    )


def batas_unggah_berita() -> None:
    """The editor takes images up to 10 MB, above the site's request limit; create_app puts
    this hook first, before the CSRF check reads the form (``_init_batas_unggah``)."""
    if request.endpoint in ("staf.berita_baru", "staf.berita_ubah"):
        request.max_content_length = MAKS_UNGGAH


def _kirim(berita: Berita | None):
    """Handle one editor POST for a new (``berita`` None) or stored article."""
    form = FormBerita(request.form, request.files, simpanan=penyimpanan())
    aksi = form.tombol
    if aksi is None:
        abort(400)
    sah = form.periksa()
    nilai = {**form.nilai(), "gambar_tersimpan": form.nama_gambar}
    if aksi == "pratinjau":
        return _editor(berita, nilai, form.galat, 200 if sah else 422, pratinjau=True)
    if not sah:
        return _editor(berita, nilai, form.galat, 422)
    try:
        berita = layanan.simpan(db.session, berita, form.isian(), aksi, current_user,
                                form.versi.data, wajib_tinjauan=_wajib_tinjauan(), ip=ip())
        db.session.commit()
    except VersiKedaluwarsa as e:
        db.session.rollback()
        return _kedaluwarsa(e.berita, nilai)
    except StaleDataError:
        db.session.rollback()
        return _kedaluwarsa(berita, nilai)
    except BeritaDitolak as e:
        db.session.rollback()
        return _editor(berita, nilai, {"aksi": str(e)}, 422)
    if berita.perubahan:
        flash("Perubahan disimpan. Versi di situs belum berubah sampai perubahan diterbitkan.")
    elif aksi == "terbitkan" and not layanan.terlihat(berita):
        flash(f"Artikel dijadwalkan terbit {jam_staf(berita.waktu_terbit)}. Sampai saat itu "
              "pengunjung belum bisa melihatnya.")
    else:
        flash({"simpan_draf": "Draf disimpan.", "ajukan_tinjauan": "Artikel diajukan untuk "
               "ditinjau.", "terbitkan": "Artikel diterbitkan.", "arsipkan": "Artikel diarsipkan."
               }[aksi])
    return redirect(url_for("staf.berita_ubah", berita_id=berita.id), 303)


def _kedaluwarsa(berita: Berita | None, nilai: dict):
    """409: someone saved in between; keep what this person typed in the form."""
    if berita is None:
        abort(409)
    db.session.refresh(berita)
    nama = berita.diubah_oleh.nama if berita.diubah_oleh else "Orang lain"
    pesan = PESAN_KEDALUWARSA.format(nama=nama, jam=jam_staf(berita.diubah))
    nilai = {**nilai, "versi": berita.versi}
    return _editor(berita, nilai, {}, 409, pesan=pesan)


@bp.route("/berita/baru", methods=["GET", "POST"])
@perlu_masuk(*PERAN_HUMAS)
def berita_baru():
    """Write a new article."""
    if request.method == "POST":
        return _kirim(None)
    return _editor(None, {"dekoratif": False})


@bp.route("/berita/<int:berita_id>", methods=["GET", "POST"])
@perlu_masuk(*PERAN_HUMAS)
def berita_ubah(berita_id: int):
    """Edit an article: save, submit for review, publish or archive."""
    berita = _ambil(berita_id)
    if request.method == "POST":
        return _kirim(berita)
    return _editor(berita, nilai_dari_berita(berita), pratinjau=True)


@bp.post("/berita/pratinjau")
@perlu_masuk(*PERAN_HUMAS)
def berita_pratinjau():
    """Live preview (htmx, as the person types): the article rendered by the server."""
    nilai = FormBerita(request.form).nilai()
    return render_page("staf/_berita_pratinjau.html", pratinjau=_pratinjau(nilai))


@bp.post("/berita/<int:berita_id>/otomatis")
@perlu_masuk(*PERAN_HUMAS)
def berita_otomatis(berita_id: int):
    """Autosave a draft while typing (htmx); the answer updates the form's version number."""
    berita = _ambil(berita_id)
    form = FormBerita(request.form, aksi="simpan_draf", simpanan=penyimpanan())
    pesan, kode = None, 200
    if not form.periksa():
        pesan, kode = "Belum disimpan otomatis: " + next(iter(form.galat.values())), 200
    else:
        try:
            layanan.simpan_otomatis(db.session, berita, form.isian(), current_user,
                                    form.versi.data, ip())
            db.session.commit()
        except (VersiKedaluwarsa, StaleDataError):
            db.session.rollback()
            db.session.refresh(berita)
            pesan, kode = ("Tidak disimpan otomatis: orang lain menyimpan artikel ini sesudah "
                           "Anda membukanya. Simpan dengan tombol untuk melihat perbedaannya."), 409
        except BeritaDitolak as e:
            db.session.rollback()
            pesan = str(e)
    if not wants_fragment():
        return redirect(url_for("staf.berita_ubah", berita_id=berita.id), 303)
    return render_page("staf/_berita_otomatis.html", berita=berita, pesan_otomatis=pesan,
                       versi_baru=berita.versi if kode == 200 and not pesan else None,
                       status=kode)


class FormBanding(Formulir):
    """``?dari=&ke=``: the two revision numbers to compare (a GET form)."""

    dari = BilanganField("Revisi awal")
    ke = BilanganField("Revisi akhir")


@bp.get("/berita/<int:berita_id>/riwayat")
@perlu_masuk(*PERAN_HUMAS)
def berita_riwayat(berita_id: int):
    """Every revision; two chosen ones compared line by line."""
    berita = _ambil(berita_id)
    revisi = {r.nomor: r for r in berita.revisi}
    form = FormBanding(request.args)
    banding = None
    if "dari" in request.args or "ke" in request.args:
        form.validate()  # a number that is not one ('²', 2^63) finds no revision: 404
        a, b = revisi.get(form.dari.data), revisi.get(form.ke.data)
        if a is None or b is None:
            abort(404)
        banding = {"dari": a, "ke": b, "judul": diff_teks(a.judul, b.judul),
                   "ringkasan": diff_teks(a.ringkasan, b.ringkasan), "isi": diff_teks(a.isi, b.isi)}
    return render_page("staf/berita_riwayat.html", berita=berita,
                       revisi=list(reversed(berita.revisi)), banding=banding,
                       label_status=LABEL_STATUS)


@bp.post("/berita/<int:berita_id>/riwayat/<int:nomor>/pulihkan")
@perlu_masuk(*PERAN_HUMAS)
def berita_pulihkan(berita_id: int, nomor: int):
    """Restore an old revision as a new one."""
    berita = _ambil(berita_id)
    revisi = db.session.scalar(select(BeritaRevisi).where(
        BeritaRevisi.berita_id == berita.id, BeritaRevisi.nomor == nomor))
    if revisi is None:
        abort(404)
    try:
        layanan.pulihkan(db.session, berita, revisi, current_user,
                         FormVersi(request.form).versi.data, ip())
        db.session.commit()
    except (VersiKedaluwarsa, StaleDataError):
        db.session.rollback()
        flash("Artikel ini baru saja disimpan orang lain. Periksa riwayat lalu coba lagi.")
        return redirect(url_for("staf.berita_riwayat", berita_id=berita.id), 303)
    flash(f"Revisi {nomor} dipulihkan sebagai revisi baru.")
    return redirect(url_for("staf.berita_ubah", berita_id=berita.id), 303)


@bp.post("/berita/<int:berita_id>/tinjau")
@perlu_masuk(*PERAN_HUMAS)
def berita_tinjau(berita_id: int):
    """Review, afterwards, an article an admin published urgently."""
    berita = _ambil(berita_id)
    try:
        layanan.tandai_ditinjau(db.session, berita, current_user, ip())
        db.session.commit()
    except BeritaDitolak as e:
        db.session.rollback()
        return _editor(berita, nilai_dari_berita(berita), {"aksi": str(e)}, 422)
    flash("Artikel ditandai sudah ditinjau.")
    return redirect(url_for("staf.berita_ubah", berita_id=berita.id), 303)
