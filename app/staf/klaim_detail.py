"""One claim for officers: summary, documents, legal moves, amounts, notes, full history."""

from __future__ import annotations

import io
from collections.abc import Callable

from flask import abort, flash, redirect, request, send_file, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.akses import perlu_masuk
from app.batas import angka_ascii
from app.domain.klaim import (
    LANGKAH_PUBLIK,
    MENUNGGU_LABEL,
    STATUS,
    STATUS_WAJIB_ALASAN,
    PerpindahanTidakSah,
    StatusKlaim,
    langkah_berikut,
    syarat_belum_terpenuhi,
)
from app.domain.unggah import mime_untuk
from app.extensions import db
from app.models import Klaim
from app.services.akses import get_dokumen_for, get_klaim_for
from app.services.audit import audit
from app.services.dokumen import (
    DokumenTidakSah,
    baca_berkas,
    lewati_dokumen,
    minta_dokumen,
    terima_dokumen,
    tolak_dokumen,
)
from app.services.klaim import (
    HUBUNGAN,
    catat_pembayaran,
    catat_persetujuan,
    fakta_klaim,
    pindahkan,
    tambah_catatan,
    target_klaim,
)
from app.services.surat import daftar_surat
from app.services.waktu import hari_ini
from app.staf import bp
from app.staf.isian import Galat, baca_bilangan, baca_tanggal, centang, teks
from app.staf.umum import PERAN_PETUGAS, ip, label_staf, transaksi
from app.web import render_page

S = StatusKlaim
# These two moves carry amounts, so they have their own forms instead of the move form.
DENGAN_JUMLAH = (S.DISETUJUI, S.DIBAYAR)
LABEL_AKSI = {
    "dibuat": "Klaim didaftarkan",
    "status": "Status diubah",
    "dokumen_diminta": "Dokumen diminta",
    "bpjs_minta_dokumen": "BPJS meminta dokumen tambahan",
    "dokumen_diunggah": "Dokumen diunggah",
    "dokumen_diterima": "Dokumen diterima",
    "dokumen_ditolak": "Dokumen ditolak",
    "dokumen_dilewati": "Dokumen tidak diperlukan",
    "berkas_dihapus": "Berkas dihapus (masa simpan berakhir)",
    "catatan": "Catatan",
}
EKSTENSI = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}


def langkah_ditahan(klaim: Klaim) -> dict[StatusKlaim, str]:
    """Legal moves whose preconditions do not hold yet, with the reason (what is missing).
    The amount forms supply their own figures, so only the other conditions count for them."""
    fakta = fakta_klaim(klaim)
    hasil = {}
    for ke in langkah_berikut(klaim.state):
        kurang = syarat_belum_terpenuhi(klaim.state, ke, fakta,
                                        kecuali_formulir=ke in DENGAN_JUMLAH)
        if kurang:
            hasil[ke] = (f"Belum bisa \u201c{STATUS[ke].label}\u201d: " + " ".join(kurang))
    return hasil


def pilihan_pindah(klaim: Klaim) -> list[StatusKlaim]:
    """Moves offered on the plain move form: legal, preconditions met (approval and payment
    have their own forms)."""
    ditahan = langkah_ditahan(klaim)
    return [s for s in langkah_berikut(klaim.state) if s not in DENGAN_JUMLAH
            and s not in ditahan]


def halaman_klaim(klaim: Klaim, *, status: int = 200, galat: dict | None = None,
                  pesan_galat: str | None = None, nilai: dict | None = None):
    """Render the claim page (also with a 409 message or 422 form errors)."""
    berikut = langkah_berikut(klaim.state)
    ditahan = langkah_ditahan(klaim)
    return render_page(
        "staf/klaim.html", status=status,
        klaim=klaim, info=klaim.info, pilihan=pilihan_pindah(klaim), ditahan=ditahan,
        boleh_setuju=S.DISETUJUI in berikut and S.DISETUJUI not in ditahan,
        boleh_bayar=S.DIBAYAR in berikut and S.DIBAYAR not in ditahan,
        wajib_alasan=[s.value for s in STATUS_WAJIB_ALASAN],
        status_info=STATUS, langkah_publik=LANGKAH_PUBLIK, menunggu_label=MENUNGGU_LABEL,
        target=target_klaim(klaim, hari_ini()), hubungan=HUBUNGAN, label_aksi=LABEL_AKSI,
        galat=galat or {}, pesan_galat=pesan_galat, nilai=nilai or {},
        daftar_surat=daftar_surat(db.session, klaim=klaim),
    )


PESAN_BENTROK = ("Klaim ini baru saja diubah oleh petugas lain. Tidak ada yang disimpan dari "
                 "isian Anda. Periksa keadaan terbaru di bawah ini lalu ulangi bila masih perlu.")


def _ambil(public_id: str) -> Klaim:
    """The claim; for a write, its row is locked until the transaction ends (PostgreSQL
    ``SELECT … FOR UPDATE``; SQLite has no row locks, the version check covers it)."""
    klaim = get_klaim_for(db.session, current_user, public_id)
    if request.method == "POST":
        db.session.refresh(klaim, with_for_update=True)
    return klaim


def _bentrok(klaim: Klaim):
    """409: another officer changed the claim first; show the fresh state, nothing written."""
    db.session.expire_all()
    return halaman_klaim(klaim, status=409, pesan_galat=PESAN_BENTROK)


def _kembali(klaim: Klaim, bagian: str = ""):
    tujuan = url_for("staf.klaim_detail", public_id=klaim.public_id)
    return redirect(tujuan + (f"#{bagian}" if bagian else ""), 303)


def _ditolak(klaim: Klaim, galat: Exception):
    """Answer 409 with the rule that was broken, in Indonesian (nothing was written)."""
    return halaman_klaim(klaim, status=409, pesan_galat=str(galat))


def _simpan(klaim: Klaim, galat: dict, tulis: Callable[[], object],
            pesan: Callable[[], str], bagian: str):
    """The shape of every write on this page: form errors → 422 with what was typed; else
    ``tulis`` in one transaction (a broken rule → 409, nothing written); else flash the
    ``pesan`` (built after the write, so it can name the new state) and go back to the page."""
    if galat:
        return halaman_klaim(klaim, status=422, galat=galat, nilai=request.form.to_dict())
    versi = request.form.get("versi")
    if versi is not None and angka_ascii(versi) != klaim.versi:
        db.session.rollback()
        return _bentrok(klaim)
    try:
        with transaksi():
            tulis()
    except StaleDataError:
        return _bentrok(klaim)
    except (PerpindahanTidakSah, DokumenTidakSah) as e:
        return _ditolak(klaim, e)
    flash(pesan(), "success")
    return _kembali(klaim, bagian)


@bp.route("/klaim/<public_id>")
@perlu_masuk(*PERAN_PETUGAS)
def klaim_detail(public_id: str):
    """The officers' claim page."""
    return halaman_klaim(_ambil(public_id))


@bp.route("/klaim/<public_id>/status", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_pindah(public_id: str):
    """Move the claim to a legal next state; an illegal move is refused with 409."""
    klaim = _ambil(public_id)
    ke = request.form.get("ke", "")
    catatan = teks(request.form, "catatan_status", 1000)
    galat = Galat()
    if not ke:
        galat.tambah("ke", "Pilih status berikutnya.")
    elif ke in (s.value for s in STATUS_WAJIB_ALASAN) and not catatan:
        galat.tambah("catatan_status", f"Tulis alasan mengapa klaim {STATUS[S(ke)].label.lower()}"
                     ". Pemohon akan membaca alasan ini.")
    wajib_alasan = ke in (s.value for s in STATUS_WAJIB_ALASAN)
    # A refusal or cancellation is always explained to the applicant.
    terlihat = True if wajib_alasan else centang(request.form, "status_tampilkan")
    if not galat and ke in (s.value for s in DENGAN_JUMLAH if s in langkah_berikut(klaim.state)):
        return _ditolak(klaim, PerpindahanTidakSah(
            f"Status \u201c{STATUS[S(ke)].label}\u201d dicatat bersama jumlahnya. "
            "Gunakan formulir jumlah di halaman ini."))
    return _simpan(
        klaim, galat,
        lambda: pindahkan(db.session, klaim, ke, current_user,
                          alasan=catatan if wajib_alasan else None,
                          catatan=None if wajib_alasan else catatan or None,
                          terlihat_pemohon=terlihat, ip=ip()),
        lambda: f"Status klaim {klaim.nomor} sekarang: {label_staf(klaim.state)}.",
        "status-klaim",
    )


@bp.route("/klaim/<public_id>/persetujuan", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_setuju(public_id: str):
    """Record the amount BPJS approved (moves the claim to disetujui)."""
    klaim = _ambil(public_id)
    galat = Galat()
    jumlah = baca_bilangan(request.form, "jumlah_disetujui", "jumlah yang disetujui", galat,
                           minimum=1, wajib=True)
    return _simpan(
        klaim, galat,
        lambda: catat_persetujuan(db.session, klaim, jumlah, current_user, ip=ip()),
        lambda: f"Persetujuan klaim {klaim.nomor} dicatat.", "jumlah",
    )


@bp.route("/klaim/<public_id>/pembayaran", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_bayar(public_id: str):
    """Record the payment: amount, date and bank reference (moves the claim to dibayar)."""
    klaim = _ambil(public_id)
    galat = Galat()
    form = request.form
    jumlah = baca_bilangan(form, "jumlah_dibayar", "jumlah yang dibayar", galat, minimum=1,
                           wajib=True)
    tanggal_bayar = baca_tanggal(form, "tanggal_bayar", "tanggal pembayaran", galat, wajib=True,
                                 paling_lambat=hari_ini())
    referensi = teks(form, "referensi_bank", 60)
    if not referensi:
        galat.tambah("referensi_bank", "Isi nomor referensi transfer dari bank.")
    return _simpan(
        klaim, galat,
        lambda: catat_pembayaran(db.session, klaim, jumlah, tanggal_bayar, referensi,
                                 current_user, ip=ip()),
        lambda: f"Pembayaran klaim {klaim.nomor} dicatat.", "jumlah",
    )


@bp.route("/klaim/<public_id>/catatan", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_catatan(public_id: str):
    """Add a note without a state change (internal unless ticked)."""
    klaim = _ambil(public_id)
    catatan = teks(request.form, "catatan", 1000)
    galat = Galat() if catatan else Galat(catatan="Tulis catatannya terlebih dahulu.")
    return _simpan(
        klaim, galat,
        lambda: tambah_catatan(db.session, klaim, catatan, current_user,
                               terlihat_pemohon=centang(request.form, "catatan_tampilkan"),
                               ip=ip()),
        lambda: "Catatan disimpan.", "riwayat",
    )


@bp.route("/klaim/<public_id>/dokumen", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_dokumen_tambah(public_id: str):
    """Ask for a document that is not on the checklist."""
    klaim = _ambil(public_id)
    nama = teks(request.form, "dokumen_nama", 200)
    galat = Galat() if nama else Galat(dokumen_nama="Tulis nama dokumen yang diminta.")
    kode = f"tambahan_{len(klaim.dokumen) + 1}"
    return _simpan(
        klaim, galat,
        lambda: minta_dokumen(db.session, klaim, kode, current_user, nama=nama,
                              catatan=teks(request.form, "dokumen_keterangan", 500) or None,
                              ip=ip()),
        lambda: f"Dokumen \u201c{nama}\u201d diminta dari pemohon.", "dokumen",
    )


@bp.route("/klaim/<public_id>/dokumen/<id:dokumen_id>/<any(minta,terima,tolak,lewati):aksi>",
          methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_dokumen(public_id: str, dokumen_id: int, aksi: str):
    """Request, accept, reject (reason required) or waive one checklist document."""
    dok = get_dokumen_for(db.session, current_user, public_id, dokumen_id)
    klaim = dok.klaim
    alasan = teks(request.form, "alasan", 500)
    if aksi == "tolak" and not alasan:
        galat = Galat({f"alasan-{dok.id}": f"Tulis alasan penolakan \u201c{dok.nama}\u201d. "
                       "Pemohon akan membacanya."})
        return halaman_klaim(klaim, status=422, galat=galat)
    try:
        with transaksi():
            if aksi == "minta":
                minta_dokumen(db.session, klaim, dok.kode, current_user, catatan=alasan or None,
                              ip=ip())
            elif aksi == "terima":
                terima_dokumen(db.session, dok, current_user, ip=ip())
            elif aksi == "tolak":
                tolak_dokumen(db.session, dok, alasan, current_user, ip=ip())
            else:
                lewati_dokumen(db.session, dok, current_user, alasan=alasan or None, ip=ip())
    except StaleDataError:
        return _bentrok(klaim)
    except (PerpindahanTidakSah, DokumenTidakSah) as e:
        return _ditolak(klaim, e)
    flash(f"\u201c{dok.nama}\u201d: {dok.label_status.lower()}.", "success")
    return _kembali(klaim, "dokumen")


@bp.route("/klaim/<public_id>/dokumen/<id:dokumen_id>/berkas")
@perlu_masuk(*PERAN_PETUGAS)
def klaim_berkas(public_id: str, dokumen_id: int):
    """Open an uploaded file (staff only; each opening is audited)."""
    dok = get_dokumen_for(db.session, current_user, public_id, dokumen_id)
    isi = baca_berkas(dok)
    if isi is None:
        abort(404)
    klaim = dok.klaim
    with transaksi():
        audit(db.session, current_user, "dokumen.lihat", klaim,
              f"Klaim {klaim.nomor}: berkas \u201c{dok.nama}\u201d dibuka.", ip())
    return send_file(
        io.BytesIO(isi), mimetype=mime_untuk(dok.jenis),
        download_name=f"{klaim.nomor}-{dok.kode}.{EKSTENSI.get(dok.jenis or '', 'bin')}",
        as_attachment=request.args.get("unduh") == "1", max_age=0,
    )
