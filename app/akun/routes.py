"""Views of the akun blueprint: the worker's and the heir's own pages."""

from __future__ import annotations

import io

from flask import abort, redirect, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from app.akses import perlu_masuk
from app.akun import bp, tampilan
from app.akun.data_saya import data_pengguna, unduhan_json
from app.akun.formulir import FormUnggahDokumen
from app.batas import angka_ascii
from app.domain import unggah
from app.domain.klaim import PerpindahanTidakSah
from app.extensions import db
from app.models import Pesan, Peserta
from app.services.akses import get_dokumen_for, get_klaim_for, klaim_milik
from app.services.audit import audit
from app.services.dokumen import STATE_BOLEH_UNGGAH, DokumenTidakSah, baca_berkas, unggah_dokumen
from app.services.klaim import HUBUNGAN, target_klaim
from app.services.surat import alasan_tanpa_sertifikat
from app.services.waktu import hari_ini
from app.web import render_page, wants_fragment

MAKS_MB = unggah.MAKS_BYTES // unggah.MB
TERIMA_BERKAS = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
# A 15 MB photo plus the form around it; the site-wide limit is 6 MB.
BATAS_PERMINTAAN_UNGGAH = unggah.MAKS_FOTO + 1024 * 1024


def _batas_unggah() -> None:
    """Document uploads take phone photos up to 15 MB. Runs before every other hook, CSRF
    included, since that one reads the form and so applies the limit."""
    if request.endpoint == "akun.unggah_berkas":
        request.max_content_length = BATAS_PERMINTAAN_UNGGAH


@bp.record_once
def _pasang_batas(state) -> None:
    state.app.before_request_funcs.setdefault(None, []).insert(0, _batas_unggah)


def _terima_berkas() -> str:
    return TERIMA_BERKAS + (",.heic,.heif,image/heic,image/heif" if unggah.heic_terbaca() else "")


def _saya():
    """The signed-in User object (services want the model, not the proxy)."""
    return current_user._get_current_object()


@bp.get("/")
@perlu_masuk("peserta", "ahli_waris")
def beranda():
    """Dashboard: membership card (workers) and the claims that concern the user."""
    peserta = db.session.scalar(select(Peserta).where(Peserta.user_id == current_user.id))
    return render_page(
        "akun/beranda.html",
        peserta=peserta,
        daftar_klaim=klaim_milik(db.session, _saya()),
        hari_ini=hari_ini(),
        tampilan=tampilan,
        alasan_tanpa_sertifikat=alasan_tanpa_sertifikat(peserta, hari_ini()) if peserta else None,
    )


def konteks_klaim(klaim, errors: dict | None = None, baru_diunggah: int | None = None) -> dict:
    """Everything the claim page and its fragments need."""
    saya = _saya()
    pemilik = not saya.is_staf
    return {
        "klaim": klaim,
        "langkah": tampilan.langkah_klaim(klaim),
        "menunggu": tampilan.menunggu(klaim),
        "target": target_klaim(klaim, hari_ini()),
        "riwayat": tampilan.riwayat_pemohon(klaim),
        "boleh_unggah": pemilik and klaim.state in STATE_BOLEH_UNGGAH,
        "errors": errors or {},
        "baru_diunggah": baru_diunggah,
        "hubungan": HUBUNGAN,
        "tampilan": tampilan,
        "maks_mb": MAKS_MB,
        "batas_unggah": unggah.teks_batas_unggah(),
        "terima_berkas": _terima_berkas(),
    }


@bp.get("/klaim/<public_id>")
@perlu_masuk()
def klaim(public_id: str):
    """One claim: progress, who acts next, documents, history, amounts."""
    k = get_klaim_for(db.session, current_user, public_id)
    return render_page("akun/klaim.html", **konteks_klaim(k))


@bp.get("/klaim/<public_id>/dokumen/<id:dokumen_id>")
@perlu_masuk()
def dokumen(public_id: str, dokumen_id: int):
    """Download an uploaded file (the applicant, the insured worker and officers only)."""
    dok = get_dokumen_for(db.session, current_user, public_id, dokumen_id)
    isi = baca_berkas(dok)
    if isi is None:
        abort(404)
    if current_user.is_staf:
        # Officers opening someone's documents is itself worth recording.
        audit(db.session, _saya(), "dokumen.lihat", dok,
              f"Klaim {dok.klaim.nomor}: berkas \u201c{dok.nama}\u201d dibuka.",
              request.remote_addr)
        db.session.commit()
    ekstensi = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}.get(dok.jenis or "", "bin")
    return send_file(io.BytesIO(isi), mimetype=unggah.mime_untuk(dok.jenis), as_attachment=True,
                     download_name=f"{dok.klaim.nomor}-{dok.kode}.{ekstensi}", max_age=0)


def _tampilkan_galat(klaim, dok, pesan: str, status: int):
    """The claim page (or the checklist fragment) with one upload error."""
    konteks = konteks_klaim(klaim, errors={f"berkas-{dok.id}": pesan})
    # htmx focuses [autofocus] in swapped content: the field with the error, in the fragment.
    konteks["fragmen"] = wants_fragment()
    return render_page("akun/klaim.html", "akun/_dokumen.html", status=status, **konteks)


@bp.post("/klaim/<public_id>/dokumen/<id:dokumen_id>")
@perlu_masuk("peserta", "ahli_waris")
def unggah_berkas(public_id: str, dokumen_id: int):
    """Upload a requested document; the claim goes back to the officers if it waited on us."""
    dok = get_dokumen_for(db.session, current_user, public_id, dokumen_id)
    k = dok.klaim
    form = FormUnggahDokumen()
    if not form.validate():
        return _tampilkan_galat(k, dok, form.berkas.errors[0], 422)
    berkas = form.berkas.data
    try:
        unggah_dokumen(db.session, k, dok.kode, berkas.stream, _saya(),
                       nama_berkas=berkas.filename, ip=request.remote_addr)
        db.session.commit()
    except unggah.BerkasDitolak as galat:
        db.session.rollback()
        return _tampilkan_galat(k, dok, str(galat), 413 if galat.kode == "terlalu_besar" else 422)
    except (DokumenTidakSah, PerpindahanTidakSah) as galat:
        db.session.rollback()
        return _tampilkan_galat(k, dok, str(galat), 409)
    if wants_fragment():
        return render_page("akun/_unggah_hasil.html", **konteks_klaim(k, baru_diunggah=dok.id))
    # Without JavaScript: the receipt page, with the confirmation for this file on top.
    return redirect(url_for("akun.tanda_terima", public_id=k.public_id, baru=dok.id), 303)


@bp.get("/klaim/<public_id>/tanda-terima")
@perlu_masuk()
def tanda_terima(public_id: str):
    """Printable receipt: every file we received for the claim, when, and its number.
    ``?baru=<dokumen id>`` adds the confirmation for a file just sent."""
    k = get_klaim_for(db.session, current_user, public_id)
    daftar = tampilan.diterima_untuk_tanda_terima(k)
    # Direct read: an optional document id that only adds a confirmation; angka_ascii takes
    # ASCII digits within bounds, anything else shows the receipt without it.
    baru_id = angka_ascii(request.args.get("baru", ""))
    baru = next((d for d in daftar if d.id == baru_id), None)
    return render_page("akun/tanda_terima.html", klaim=k, daftar=daftar, baru=baru,
                       tampilan=tampilan, hubungan=HUBUNGAN)


@bp.errorhandler(413)
def terlalu_besar(error):
    """A request over MAX_CONTENT_LENGTH: say so on the claim page, next to the field."""
    from app.errors import handle_http

    args = request.view_args or {}
    if request.endpoint != "akun.unggah_berkas" or not current_user.is_authenticated:
        return handle_http(error)
    try:
        dok = get_dokumen_for(db.session, current_user, args["public_id"], args["dokumen_id"])
    except NotFound as tidak_ada:
        return handle_http(tidak_ada)
    pesan = str(unggah.tolak_besar_foto())
    return _tampilkan_galat(dok.klaim, dok, pesan, 413)


@bp.get("/pesan")
@perlu_masuk("peserta", "ahli_waris")
def pesan():
    """Messages we sent (or will send) to the user about their claims."""
    daftar = db.session.scalars(
        select(Pesan).where(Pesan.user_id == current_user.id).order_by(Pesan.id.desc())
    ).all()
    return render_page("akun/pesan.html", daftar=daftar)


@bp.get("/data-saya")
@perlu_masuk("peserta", "ahli_waris")
def data_saya():
    """Everything stored about the user, as a JSON download (UU PDP right of access)."""
    return unduhan_json(data_pengguna(db.session, _saya()))


@bp.get("/data-saya/ringkasan")
@perlu_masuk("peserta", "ahli_waris")
def data_saya_ringkasan():
    """The same data as the JSON download, as a page a person can read, with what it is."""
    from app.models import AuditLog, KodeAktivasi

    saya = _saya()
    peserta = db.session.scalars(select(Peserta).where(Peserta.user_id == saya.id)).all()
    jumlah_pesan = len(db.session.scalars(select(Pesan.id).where(Pesan.user_id == saya.id)).all())
    jumlah_kode = len(db.session.scalars(
        select(KodeAktivasi.id).where(KodeAktivasi.user_id == saya.id)).all())
    akses = db.session.scalars(
        select(AuditLog).where((AuditLog.objek_jenis == "users")
                               & (AuditLog.objek_id == str(saya.id)))
        .order_by(AuditLog.id.desc()).limit(20)).all()
    from app.staf.audit import LABEL_AKSI

    return render_page("akun/data_saya.html", saya=saya, daftar_peserta=peserta,
                       daftar_klaim=klaim_milik(db.session, saya), jumlah_pesan=jumlah_pesan,
                       jumlah_kode=jumlah_kode, akses=akses, label_aksi=LABEL_AKSI,
                       hubungan=HUBUNGAN)
