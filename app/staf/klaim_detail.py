"""One claim for officers: summary, documents, legal moves, amounts, notes, full history."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from flask import abort, flash, redirect, request, send_file, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from wtforms import Field
from wtforms.validators import StopValidation

from app.akses import perlu_masuk
from app.batas import angka_ascii
from app.domain.klaim import (
    LANGKAH_PUBLIK,
    MENUNGGU_LABEL,
    STATUS,
    STATUS_WAJIB_ALASAN,
    PerpindahanTidakSah,
    StatusKlaim,
    alasan_wajib,
    langkah_berikut,
    pindah,
    syarat_belum_terpenuhi,
)
from app.domain.unggah import mime_untuk
from app.extensions import db
from app.formulir import CentangField, Formulir, IsianField, PalingPanjang, TeksField, Wajib
from app.models import Dokumen, Klaim
from app.services.akses import get_dokumen_for, get_klaim_for
from app.services.audit import audit
from app.services.dokumen import (
    DokumenTidakSah,
    aksi_petugas,
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
from app.staf.isian import baca_bilangan, baca_tanggal
from app.staf.umum import PERAN_PETUGAS, ip, label_staf, transaksi
from app.web import render_page

S = StatusKlaim
F = TypeVar("F", bound=Formulir)
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
        daftar_surat=daftar_surat(db.session, klaim=klaim), aksi_petugas=aksi_petugas,
    )


PESAN_BENTROK = ("Klaim ini baru saja diubah oleh petugas lain. Tidak ada yang disimpan dari "
                 "isian Anda. Periksa keadaan terbaru di bawah ini lalu ulangi bila masih perlu.")
CATATAN_MAKS = 1000
DOKUMEN_NAMA_MAKS = 200
KETERANGAN_MAKS = 500
REFERENSI_MAKS = 60


# --- the forms of this page --------------------------------------------------------------------


class VersiField(Field):
    """The claim version the page was drawn from (a hidden field): None when not sent. A value
    that is not a number can never match, so it reads as a stale page (409), not a form error:
    the officer cannot see or fix a hidden field."""

    def process_formdata(self, valuelist) -> None:
        self.data = (angka_ascii(valuelist[0]) if valuelist else None)
        if valuelist and self.data is None:
            self.data = -1


def _panjang(maks: int, apa: str) -> PalingPanjang:
    return PalingPanjang(maks, f"{apa} paling panjang {maks} karakter.")


def _jumlah(label: str) -> IsianField:
    """Rupiah typed as ``Rp42.000.000`` or ``42 000 000``, read by app.staf.isian's parser."""
    return IsianField(label.capitalize(), baca=lambda m, n, g, f: baca_bilangan(
        m, n, label, g, minimum=1, wajib=True))


class FormPindah(Formulir):
    """The move form: the next state, a note (the reason, for a refusal) and whether the
    applicant sees it."""

    versi = VersiField()
    ke = TeksField("Pindahkan klaim ke", [Wajib("Pilih status berikutnya.")])
    catatan_status = TeksField("Catatan atau alasan", [_panjang(CATATAN_MAKS, "Catatan")])
    status_tampilkan = CentangField("Tampilkan kepada pemohon")

    def validate_catatan_status(self, field) -> None:
        ke = self.ke.data or ""
        if alasan_wajib(ke) and not field.data:
            raise StopValidation(f"Tulis alasan mengapa klaim {STATUS[S(ke)].label.lower()}. "
                                 "Pemohon akan membaca alasan ini.")


class FormSetuju(Formulir):
    """The amount BPJS approved."""

    versi = VersiField()
    jumlah_disetujui = _jumlah("jumlah yang disetujui")


class FormBayar(Formulir):
    """The payment: amount, date (not in the future) and the bank's reference."""

    versi = VersiField()
    jumlah_dibayar = _jumlah("jumlah yang dibayar")
    tanggal_bayar = IsianField("Tanggal pembayaran", baca=lambda m, n, g, f: baca_tanggal(
        m, n, "tanggal pembayaran", g, wajib=True, paling_lambat=hari_ini()))
    referensi_bank = TeksField("Nomor referensi bank", [
        Wajib("Isi nomor referensi transfer dari bank."),
        _panjang(REFERENSI_MAKS, "Nomor referensi bank")])


class FormCatatan(Formulir):
    """A note without a state change (``versi``: a client may send it; the page does not)."""

    versi = VersiField()
    catatan = TeksField("Catatan", [Wajib("Tulis catatannya terlebih dahulu."),
                                    _panjang(CATATAN_MAKS, "Catatan")])
    catatan_tampilkan = CentangField("Tampilkan kepada pemohon")


class FormMintaDokumen(Formulir):
    """A document that is not on the checklist (``versi`` as for a note)."""

    versi = VersiField()
    dokumen_nama = TeksField("Nama dokumen", [Wajib("Tulis nama dokumen yang diminta."),
                                              _panjang(DOKUMEN_NAMA_MAKS, "Nama dokumen")])
    dokumen_keterangan = TeksField("Keterangan", [_panjang(KETERANGAN_MAKS, "Keterangan")])


class FormAksiDokumen(Formulir):
    """Request, accept, reject or waive one checklist document: an optional note, which is
    required for a rejection. Its field id is the document's (``alasan-<id>``), as on the page."""

    alasan = TeksField("Alasan", [_panjang(KETERANGAN_MAKS, "Alasan")])

    def __init__(self, formdata, dokumen: Dokumen, aksi: str) -> None:
        super().__init__(formdata)
        self.dokumen, self.aksi = dokumen, aksi
        self.alasan.id = f"alasan-{dokumen.id}"

    def validate_alasan(self, field) -> None:
        if self.aksi == "tolak" and not field.data:
            raise StopValidation(f"Tulis alasan penolakan \u201c{self.dokumen.nama}\u201d. "
                                 "Pemohon akan membacanya.")


# --- answers shared by the writes --------------------------------------------------------------


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


def _ditolak(klaim: Klaim, galat: Exception | str):
    """Answer 409 with the rule that was broken, in Indonesian (nothing was written)."""
    return halaman_klaim(klaim, status=409, pesan_galat=str(galat))


def _salah_isi(klaim: Klaim, form: Formulir):
    """422: the page again with the error summary and what was typed (nothing written)."""
    return halaman_klaim(klaim, status=422, galat=form.galat, nilai=request.form.to_dict())


def _basi(klaim: Klaim, form: Formulir) -> bool:
    """The page was drawn from an older version of the claim (another officer was first)."""
    versi = form.versi.data
    if versi is not None and versi != klaim.versi:
        db.session.rollback()
        return True
    return False


class _Jawaban(Exception):
    """The claim page again with a 409 or 422, found by a check before or during a write.
    Raised, so each view reads straight down: form, checks, write, message, redirect."""

    def __init__(self, jawaban) -> None:
        super().__init__()
        self.jawaban = jawaban


@bp.errorhandler(_Jawaban)
def _jawab(e: _Jawaban):
    return e.jawaban


@contextmanager
def _menulis(klaim: Klaim) -> Iterator[None]:
    """One write in its own transaction; a rule or a concurrent change that refuses it ends
    the request with a 409 (nothing written)."""
    try:
        with transaksi():
            yield
    except StaleDataError:
        raise _Jawaban(_bentrok(klaim)) from None
    except (PerpindahanTidakSah, DokumenTidakSah) as e:
        raise _Jawaban(_ditolak(klaim, e)) from None


def _formulir_jumlah_tidak_ada(klaim: Klaim, ke: StatusKlaim) -> str | None:
    """Why the page shows no amount form for ``ke`` now (None when it does): such a POST is
    refused as a whole (409) rather than with errors on a field the page does not show."""
    if ke not in langkah_berikut(klaim.state):
        try:
            pindah(klaim.state, ke)
        except PerpindahanTidakSah as e:
            return str(e)
    return langkah_ditahan(klaim).get(ke)


def _baca_isian(public_id: str, kelas: type[F]) -> tuple[Klaim, F]:
    """The claim (locked for the write) and its posted form, checked: errors in its fields
    (422) or a stale page (409) end the request here."""
    klaim = _ambil(public_id)
    form = kelas(request.form)
    if not form.periksa():
        raise _Jawaban(_salah_isi(klaim, form))
    if _basi(klaim, form):
        raise _Jawaban(_bentrok(klaim))
    return klaim, form


def _periksa_jumlah(klaim: Klaim, form: Formulir, ke: StatusKlaim) -> None:
    """An amount form before it is written: a stale page or a form the page does not show now
    (409, one page-level message), or errors in its fields (422)."""
    if _basi(klaim, form):
        raise _Jawaban(_bentrok(klaim))
    if tidak_ada := _formulir_jumlah_tidak_ada(klaim, ke):
        raise _Jawaban(_ditolak(klaim, tidak_ada))
    if not form.periksa():
        raise _Jawaban(_salah_isi(klaim, form))


# --- the views ---------------------------------------------------------------------------------


@bp.route("/klaim/<public_id>")
@perlu_masuk(*PERAN_PETUGAS)
def klaim_detail(public_id: str):
    """The officers' claim page."""
    return halaman_klaim(_ambil(public_id))


@bp.route("/klaim/<public_id>/status", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_pindah(public_id: str):
    """Move the claim to a legal next state; an illegal move is refused with 409."""
    klaim, form = _baca_isian(public_id, FormPindah)
    ke = form.ke.data
    if ke in (s.value for s in DENGAN_JUMLAH if s in langkah_berikut(klaim.state)):
        return _ditolak(klaim, f"Status \u201c{STATUS[S(ke)].label}\u201d dicatat bersama "
                        "jumlahnya. Gunakan formulir jumlah di halaman ini.")
    with _menulis(klaim):
        pindahkan(db.session, klaim, ke, current_user, catatan=form.catatan_status.data or None,
                  terlihat_pemohon=form.status_tampilkan.data, ip=ip())
    flash(f"Status klaim {klaim.nomor} sekarang: {label_staf(klaim.state)}.", "success")
    return _kembali(klaim, "status-klaim")


def _catat_jumlah(klaim: Klaim, form: FormSetuju | FormBayar) -> None:
    if isinstance(form, FormSetuju):
        catat_persetujuan(db.session, klaim, form.jumlah_disetujui.data, current_user, ip=ip())
    else:
        catat_pembayaran(db.session, klaim, form.jumlah_dibayar.data, form.tanggal_bayar.data,
                         form.referensi_bank.data, current_user, ip=ip())


# The two moves that carry amounts: form, the state it moves to, the confirmation.
FORMULIR_JUMLAH = {
    "persetujuan": (FormSetuju, S.DISETUJUI, "Persetujuan klaim {} dicatat."),
    "pembayaran": (FormBayar, S.DIBAYAR, "Pembayaran klaim {} dicatat."),
}


@bp.route("/klaim/<public_id>/<any(persetujuan,pembayaran):jenis>", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_jumlah(public_id: str, jenis: str):
    """Record the amount BPJS approved (to disetujui) or the payment: amount, date and bank
    reference (to dibayar)."""
    kelas, ke, pesan = FORMULIR_JUMLAH[jenis]
    klaim = _ambil(public_id)
    form = kelas(request.form)
    _periksa_jumlah(klaim, form, ke)
    with _menulis(klaim):
        _catat_jumlah(klaim, form)
    flash(pesan.format(klaim.nomor), "success")
    return _kembali(klaim, "jumlah")


@bp.route("/klaim/<public_id>/catatan", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_catatan(public_id: str):
    """Add a note without a state change (internal unless ticked)."""
    klaim, form = _baca_isian(public_id, FormCatatan)
    with _menulis(klaim):
        tambah_catatan(db.session, klaim, form.catatan.data, current_user,
                       terlihat_pemohon=form.catatan_tampilkan.data, ip=ip())
    flash("Catatan disimpan.", "success")
    return _kembali(klaim, "riwayat")


@bp.route("/klaim/<public_id>/dokumen", methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_dokumen_tambah(public_id: str):
    """Ask for a document that is not on the checklist."""
    klaim, form = _baca_isian(public_id, FormMintaDokumen)
    nama = form.dokumen_nama.data
    with _menulis(klaim):
        minta_dokumen(db.session, klaim, f"tambahan_{len(klaim.dokumen) + 1}", current_user,
                      nama=nama, catatan=form.dokumen_keterangan.data or None, ip=ip())
    flash(f"Dokumen \u201c{nama}\u201d diminta dari pemohon.", "success")
    return _kembali(klaim, "dokumen")


def _aksi_dokumen(klaim: Klaim, dok: Dokumen, aksi: str, alasan: str | None) -> None:
    if aksi == "minta":
        minta_dokumen(db.session, klaim, dok.kode, current_user, catatan=alasan, ip=ip())
    elif aksi == "terima":
        terima_dokumen(db.session, dok, current_user, ip=ip())
    elif aksi == "tolak":
        tolak_dokumen(db.session, dok, alasan, current_user, ip=ip())
    else:
        lewati_dokumen(db.session, dok, current_user, alasan=alasan, ip=ip())


@bp.route("/klaim/<public_id>/dokumen/<id:dokumen_id>/<any(minta,terima,tolak,lewati):aksi>",
          methods=["POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_dokumen(public_id: str, dokumen_id: int, aksi: str):
    """Request, accept, reject (reason required) or waive one checklist document."""
    dok = get_dokumen_for(db.session, current_user, public_id, dokumen_id)
    klaim = dok.klaim
    if aksi not in aksi_petugas(dok):  # the page did not offer it: one page-level message
        return _ditolak(klaim, f"\u201c{dok.nama}\u201d berstatus \u201c{dok.label_status}\u201d; "
                        "tindakan itu tidak tersedia untuk status ini. Halaman ini menunjukkan "
                        "keadaan terbaru.")
    form = FormAksiDokumen(request.form, dok, aksi)
    if not form.periksa():
        return halaman_klaim(klaim, status=422, galat=form.galat)
    with _menulis(klaim):
        _aksi_dokumen(klaim, dok, aksi, form.alasan.data or None)
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
    # Direct read of ``unduh``: a link's switch (save instead of open), not a form.
    return send_file(
        io.BytesIO(isi), mimetype=mime_untuk(dok.jenis),
        download_name=f"{klaim.nomor}-{dok.kode}.{EKSTENSI.get(dok.jenis or '', 'bin')}",
        as_attachment=request.args.get("unduh") == "1", max_age=0,
    )
