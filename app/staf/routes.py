"""Views of the staf blueprint: the overview here, one module per resource beside it."""

from __future__ import annotations

from sqlalchemy import func, select

from app.akses import perlu_masuk
from app.domain.klaim import STATUS
from app.extensions import db
from app.models import Peserta
from app.services.klaim import target_klaim
from app.services.surat import status_verifikasi
from app.services.waktu import hari_ini
from app.staf import (  # noqa: F401 - the views
    aktivasi,
    audit,
    bp,
    klaim,
    klaim_detail,
    pengguna,
    peserta,
    surat,
)
from app.staf import berita as _berita  # noqa: F401 - the newsroom views
from app.staf import ekspor as _ekspor  # noqa: F401 - CSV exports
from app.staf import impor as _impor  # noqa: F401 - participant import views
from app.staf.cari import SaringKlaim, cari_klaim, hitung_per_status
from app.staf.halaman import ambil_halaman
from app.staf.umum import PERAN_PETUGAS, jam_staf, label_staf, tanggal_staf, target_layanan
from app.web import render_page

TERLAMBAT_DI_RINGKASAN = 10

# Officers' pages show stored UTC moments as Bekasi dates and times.
bp.add_app_template_filter(tanggal_staf, "staf_tanggal")
bp.add_app_template_filter(jam_staf, "staf_jam")
bp.add_app_template_filter(label_staf, "staf_label")
# An issued document's state as /verifikasi tells it today (a certificate of someone no longer
# covered is not "Berlaku" for officers either).
bp.add_app_template_filter(lambda dokumen: status_verifikasi(dokumen, hari_ini()),
                           "staf_status_surat")


@bp.route("")
@perlu_masuk(*PERAN_PETUGAS)
def beranda():
    """Overview: claims per state, claims past their service target, participant count."""
    sekarang = hari_ini()
    target = target_layanan()
    jumlah = hitung_per_status(db.session)
    terlambat = ambil_halaman(
        db.session, cari_klaim(SaringKlaim(terlambat=True), target, sekarang), 1,
        per_halaman=TERLAMBAT_DI_RINGKASAN,
    )
    return render_page(
        "staf/beranda.html",
        per_status=[(info, jumlah.get(kode.value, 0)) for kode, info in STATUS.items()],
        total_klaim=sum(jumlah.values()),
        terlambat=terlambat,
        target={k.id: target_klaim(k, sekarang) for k in terlambat.item},
        jumlah_peserta=db.session.scalar(select(func.count()).select_from(Peserta)) or 0,
        peserta_aktif=db.session.scalar(
            select(func.count()).select_from(Peserta).where(Peserta.status == "aktif")) or 0,
    )
