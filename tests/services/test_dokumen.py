"""Document services: request, accept, reject, upload (moves perlu_dokumen back), cleanup."""

from __future__ import annotations

import io
import os

import pytest
from sqlalchemy import func, select

from app.domain.unggah import BerkasDitolak
from app.models import AuditLog, Dokumen, Pesan
from app.services.dokumen import (
    DokumenTidakSah,
    baca_berkas,
    minta_dokumen,
    terima_dokumen,
    tolak_dokumen,
    unggah_dokumen,
)

PDF = b"%PDF-1.4\n" + b"isi dokumen " * 100


def _dok(klaim, kode):
    return next(d for d in klaim.dokumen if d.kode == kode)


def _berkas_di(folder):
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_upload_stores_file_moves_claim_back_to_officers_and_gives_receipt(db, factory, app):
    klaim = factory.klaim(state="perlu_dokumen")
    dok = unggah_dokumen(db.session, klaim, "akta_kematian", io.BytesIO(PDF), klaim.pemohon,
                         nama_berkas="akta.pdf")
    db.session.commit()
    assert klaim.state == "verifikasi_berkas"
    assert dok.status == "diunggah" and dok.jenis == "pdf" and dok.ukuran == len(PDF)
    assert dok.tanda_terima and len(dok.tanda_terima) == 10
    assert dok.berkas != "akta.pdf" and dok.berkas.endswith(".pdf")
    assert baca_berkas(dok) == PDF
    assert [e.aksi for e in klaim.events][-2:] == ["dokumen_diunggah", "status"]
    assert klaim.events[-1].actor_user_id == klaim.pemohon_user_id
    # Applicants' own actions go to the claim history, not the staff audit log.
    assert db.session.scalar(select(func.count()).select_from(AuditLog)) == 0


@pytest.mark.parametrize(
    ("isi", "nama", "kode"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "surat.pdf", "jenis_tidak_diterima"),
        (b"", "kosong.pdf", "kosong"),
        (b"%PDF-" + b"0" * (5 * 1024 * 1024), "besar.pdf", "terlalu_besar"),
    ],
)
def test_refused_uploads_leave_nothing_behind(db, factory, app, isi, nama, kode):
    klaim = factory.klaim(state="perlu_dokumen")
    folder = app.config["UPLOAD_FOLDER"]
    with pytest.raises(BerkasDitolak) as info:
        unggah_dokumen(db.session, klaim, "akta_kematian", io.BytesIO(isi), klaim.pemohon,
                       nama_berkas=nama)
    assert info.value.kode == kode
    db.session.rollback()
    assert _berkas_di(folder) == []
    dok = db.session.scalar(select(Dokumen).where(Dokumen.klaim_id == klaim.id,
                                                  Dokumen.kode == "akta_kematian"))
    assert dok.status == "diminta" and dok.berkas is None
    assert klaim.state == "perlu_dokumen"


def test_a_rolled_back_upload_removes_its_file(db, factory, app):
    klaim = factory.klaim(state="perlu_dokumen")
    unggah_dokumen(db.session, klaim, "akta_kematian", PDF, klaim.pemohon, nama_berkas="a.pdf")
    assert len(_berkas_di(app.config["UPLOAD_FOLDER"])) == 1
    db.session.rollback()
    assert _berkas_di(app.config["UPLOAD_FOLDER"]) == []


def test_reupload_replaces_the_old_file_after_commit(db, factory, app):
    klaim = factory.klaim(state="perlu_dokumen")
    dok = unggah_dokumen(db.session, klaim, "akta_kematian", PDF, klaim.pemohon,
                         nama_berkas="a.pdf")
    db.session.commit()
    lama = dok.berkas
    tolak_dokumen(db.session, dok, "Tulisan tidak terbaca", factory.user(peran="petugas"))
    db.session.commit()
    unggah_dokumen(db.session, klaim, "akta_kematian", PDF + b"baru", klaim.pemohon,
                   nama_berkas="b.pdf")
    db.session.commit()
    assert _berkas_di(app.config["UPLOAD_FOLDER"]) == [dok.berkas]
    assert dok.berkas != lama


def test_upload_refused_for_documents_not_requested_or_finished_claims(db, factory):
    klaim = factory.klaim(state="perlu_dokumen", dokumen_diterima=["kartu_peserta"])
    with pytest.raises(DokumenTidakSah):
        unggah_dokumen(db.session, klaim, "kartu_peserta", PDF, klaim.pemohon,
                       nama_berkas="k.pdf")
    with pytest.raises(DokumenTidakSah):
        unggah_dokumen(db.session, klaim, "tidak_ada", PDF, klaim.pemohon, nama_berkas="k.pdf")
    selesai = factory.klaim(state="dibayar")
    with pytest.raises(DokumenTidakSah):
        unggah_dokumen(db.session, selesai, "akta_kematian", PDF, selesai.pemohon,
                       nama_berkas="k.pdf")


def test_request_moves_claim_to_applicant_and_writes_one_message(db, factory):
    klaim = factory.klaim(state="verifikasi_berkas", dokumen_diterima=["buku_tabungan"])
    petugas = factory.user(peran="petugas")
    pesan = db.session.scalar(select(func.count()).select_from(Pesan))
    dok = minta_dokumen(db.session, klaim, "buku_tabungan", petugas,
                        catatan="Halaman depan tidak terlihat")
    db.session.commit()
    assert dok.status == "diminta" and dok.alasan == "Halaman depan tidak terlihat"
    assert klaim.state == "perlu_dokumen"
    baru = db.session.scalars(select(Pesan).order_by(Pesan.id)).all()[pesan:]
    assert len(baru) == 1 and "Buku tabungan" in baru[0].teks
    assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.aksi == "dokumen.minta")) == 1


def test_request_for_an_extra_document_needs_a_name(db, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    with pytest.raises(DokumenTidakSah):
        minta_dokumen(db.session, klaim, "surat_lain", None)
    dok = minta_dokumen(db.session, klaim, "surat_lain", None, nama="Surat keterangan RT")
    assert dok.nama == "Surat keterangan RT" and dok.status == "diminta"


def test_accepting_the_last_document_starts_the_service_clock(db, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    petugas = factory.user(peran="petugas")
    for dok in klaim.dokumen:
        if dok.status == "diminta":
            assert klaim.dokumen_lengkap_sejak is None
            terima_dokumen(db.session, dok, petugas)
    assert klaim.dokumen_lengkap_sejak is not None
    tolak_dokumen(db.session, _dok(klaim, "akta_kematian"), "Nama tidak sama dengan KTP",
                  petugas)
    assert klaim.dokumen_lengkap_sejak is None
    assert klaim.state == "perlu_dokumen"


def test_rejection_needs_a_reason(db, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    with pytest.raises(DokumenTidakSah):
        tolak_dokumen(db.session, _dok(klaim, "akta_kematian"), "  ", None)
