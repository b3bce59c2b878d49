"""Claims: the filtered list and registering a new claim."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user

from app.akses import perlu_masuk
from app.batas import angka_id
from app.domain.klaim import JENIS_KLAIM, STATUS
from app.extensions import db
from app.formulir import Formulir, TeksField
from app.models import Peserta
from app.services import data
from app.services.klaim import HUBUNGAN, buat_klaim, target_klaim
from app.services.peserta import DataTidakSah, buat_akun
from app.services.waktu import hari_ini
from app.staf import bp
from app.staf.cari import SaringKlaim, cari_klaim, rapikan_kueri
from app.staf.forms import (
    FormKlaimBaru,
    jenjang_beasiswa,
    nilai_dari_form,
    nilai_klaim_baru,
)
from app.staf.halaman import ambil_halaman, nomor_halaman
from app.staf.umum import (
    PERAN_PETUGAS,
    ip,
    label_staf,
    sebagai_fragmen,
    tampilkan_surat,
    target_layanan,
    terbitkan,
    transaksi,
)
from app.web import render_page

LABEL_JENIS = {kode: j.nama for kode, j in JENIS_KLAIM.items()}
LABEL_STATUS = {kode.value: label_staf(kode.value) for kode in STATUS}


class FormSaringKlaim(Formulir):
    """The claim list's filters (a GET form, read from the query string). Unknown values are
    ignored rather than refused: an old bookmark still opens the list."""

    status = TeksField("Status")
    jenis = TeksField("Jenis klaim")
    terlambat = TeksField("Hanya yang terlambat")
    q = TeksField("Cari")

    def saring(self) -> SaringKlaim:
        """The filters the query understands."""
        return SaringKlaim(
            status=self.status.data if self.status.data in LABEL_STATUS else "",
            jenis=self.jenis.data if self.jenis.data in LABEL_JENIS else "",
            terlambat=self.terlambat.data == "1",
            q=rapikan_kueri(self.q.data),
        )


@bp.route("/klaim")
@perlu_masuk(*PERAN_PETUGAS)
def klaim_daftar():
    """Claim list filtered by state, type and overdue; works without JavaScript."""
    saring = FormSaringKlaim(request.args).saring()
    sekarang = hari_ini()
    target = target_layanan()
    # Direct read of ``halaman``: nomor_halaman takes ASCII digits within bounds only.
    halaman = ambil_halaman(db.session, cari_klaim(saring, target, sekarang),
                            nomor_halaman(request.args.get("halaman")))
    return render_page(
        "staf/klaim_daftar.html", "staf/_klaim_hasil.html",
        saring=saring, halaman=halaman, args=saring.sebagai_args(), fragmen=sebagai_fragmen(),
        label_status=LABEL_STATUS, label_jenis=LABEL_JENIS,
        target={k.id: target_klaim(k, sekarang) for k in halaman.item},
    )


def _konteks_baru(nilai: dict, galat: dict, peserta: Peserta | None) -> dict:
    if nilai.get("pemohon_nik"):
        # Only the participant edit form may show a full NIK, so it is typed again.
        nilai["pemohon_nik"] = ""
        galat.setdefault("pemohon_nik", "Ketik ulang NIK ahli waris: demi keamanan NIK tidak "
                         "ditampilkan lagi.")
    return {
        "nilai": nilai, "galat": galat, "peserta": peserta, "label_jenis": LABEL_JENIS,
        "hubungan": HUBUNGAN, "jenjang": jenjang_beasiswa(data.baca_data("manfaat")),
    }


def _peserta_dari_args() -> Peserta | None:
    """The worker whose page opened the form (GET link, or its hidden field when posted back)."""
    ident = request.values.get("peserta", "")
    nomor = angka_id(ident)
    return db.session.get(Peserta, nomor) if nomor is not None else None


def _isian_klaim_salah(form: FormKlaimBaru):
    """422: the new-claim form again with its errors and what was typed (nothing written)."""
    return render_page("staf/klaim_baru.html", status=422, **_konteks_baru(
        nilai_dari_form(request.form), form.galat, _peserta_dari_args()))


@bp.route("/klaim/baru", methods=["GET", "POST"])
@perlu_masuk(*PERAN_PETUGAS)
def klaim_baru():
    """Register a claim for a participant; a new heir gets an account and activation code."""
    if request.method == "GET":
        return render_page("staf/klaim_baru.html", **_konteks_baru(
            nilai_klaim_baru(), {}, _peserta_dari_args()))
    form = FormKlaimBaru(request.form, db.session, jenjang_beasiswa(data.baca_data("manfaat")),
                         hari_ini=hari_ini())
    if not form.periksa():
        return _isian_klaim_salah(form)
    try:
        with transaksi():
            klaim, akun_baru = _daftarkan(form)
            baru = terbitkan(akun_baru) if akun_baru is not None else None
    except (DataTidakSah, ValueError) as galat:
        form.tolak("jenis", str(galat))
        return _isian_klaim_salah(form)
    tujuan = url_for("staf.klaim_detail", public_id=klaim.public_id)
    if baru is not None:
        return tampilkan_surat(
            baru, kembali=tujuan, kembali_label=f"Buka klaim {klaim.nomor}",
            pesan=f"Klaim {klaim.nomor} terdaftar dan akun ahli waris sudah dibuat.",
        )
    flash(f"Klaim {klaim.nomor} sudah terdaftar.", "success")
    return redirect(tujuan, 303)


def _daftarkan(form: FormKlaimBaru):
    """Create the heir's account when needed, then the claim (one transaction)."""
    peserta = form.peserta_klaim
    assert peserta is not None
    akun_baru = None
    pemohon = form.pemohon
    if form.oleh_ahli_waris and pemohon is None:
        pemohon = akun_baru = buat_akun(
            db.session, peran="ahli_waris", nama=form.pemohon_nama.data,
            nik=form.pemohon_nik.data, telepon=form.pemohon_telepon.data, oleh=current_user,
            ip=ip(),
        )
    klaim = buat_klaim(
        db.session, peserta, form.jenis.data, oleh=current_user, pemohon=pemohon,
        pemohon_nama=None if pemohon is not None else peserta.nama,
        hubungan=form.hubungan.data, tanggal_kejadian=form.tanggal_kejadian.data,
        jenjang=form.jenjang.data, ip=ip(),
    )
    return klaim, akun_baru
