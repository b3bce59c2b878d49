"""Demo participants and claims: PRODUCT.md people, every state, deterministic, idempotent."""

from __future__ import annotations

from sqlalchemy import func, select

from app.demo_klaim import muat_besar
from app.domain.klaim import StatusKlaim
from app.extensions import db as _db
from app.models import Klaim, Peserta
from tests.akun_bantu import muat_demo


def _kosongkan(db) -> None:
    for table in reversed(_db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


def test_demo_has_product_md_people_and_claims_in_every_state(db):
    demo = muat_demo(db)
    budi = db.session.scalar(select(Peserta).where(Peserta.nik == "3275011506880001"))
    assert (budi.kpj, budi.segmen, budi.program) == ("26011234567", "ojol", ["JKK", "JKM"])
    assert (budi.mulai.isoformat(), budi.akhir.isoformat()) == ("2026-01-01", "2026-12-31")
    assert budi.user_id == demo.users["budi"].id
    ahmad = demo.klaim["siti_jkm"].peserta
    assert (ahmad.nama, ahmad.status) == ("Ahmad Hidayat", "meninggal")
    assert demo.klaim["dewi_jkm"].peserta.status == "meninggal"
    jumlah = dict(db.session.execute(select(Klaim.state, func.count()).group_by(Klaim.state)).all())
    assert set(jumlah) == {s.value for s in StatusKlaim}
    assert sum(jumlah.values()) >= 40
    assert db.session.scalar(select(func.count()).select_from(Peserta)) >= 200
    kecamatan = set(db.session.scalars(select(Peserta.kecamatan)))
    assert len(kecamatan) >= 10


def test_demo_is_deterministic_and_idempotent(db):
    muat_demo(db)
    nama = list(db.session.scalars(select(Peserta.nama).order_by(Peserta.nik)))
    jumlah = db.session.scalar(select(func.count()).select_from(Klaim))
    muat_demo(db)
    assert db.session.scalar(select(func.count()).select_from(Klaim)) == jumlah
    _kosongkan(db)
    muat_demo(db)
    assert list(db.session.scalars(select(Peserta.nama).order_by(Peserta.nik))) == nama


def test_bulk_loader_inserts_and_is_idempotent(db):
    muat_demo(db)
    sebelum = db.session.scalar(select(func.count()).select_from(Klaim))
    assert "dilewati" in muat_besar(besar=False)
    muat_besar(besar=True, peserta=400, klaim=80)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Klaim)) == sebelum + 80
    assert "sudah ada" in muat_besar(besar=True, peserta=400, klaim=80)
    contoh = db.session.scalar(select(Klaim).where(Klaim.tahun == 2025).limit(1))
    assert len(contoh.dokumen) == 8 and len(contoh.events) == 1



def test_dewi_claim_waits_in_verification_with_a_required_document_missing(db):
    """The demo keeps one claim whose submission to BPJS is blocked (issue 12)."""
    from app.domain.klaim import alasan_tolak
    from app.services.klaim import fakta_klaim

    klaim = muat_demo(db).klaim["dewi_jkm"]
    assert klaim.state == "verifikasi_berkas"
    assert any(d.wajib and d.status not in ("diterima", "tidak_diperlukan")
               for d in klaim.dokumen)
    assert alasan_tolak(klaim.state, "diajukan_bpjs", fakta_klaim(klaim))
