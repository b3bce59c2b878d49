"""CSV exports: filters as the lists, streamed, NIK masked, cells neutralised, audited."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from app.models import AuditLog


def _baca(r) -> list[dict[str, str]]:
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.is_streamed
    return list(csv.DictReader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))


def test_participant_export_follows_the_search_and_is_audited(db, client, petugas, factory):
    factory.peserta(nama="=Budi Formula", nik="3275011506880001")
    factory.peserta(nama="Siti Aminah", nik="3275015203850002")
    semua = _baca(client.get("/staf/peserta/ekspor.csv"))
    assert len(semua) == 2
    baris = _baca(client.get("/staf/peserta/ekspor.csv?q=Budi"))
    assert [b["nama"] for b in baris] == ["'=Budi Formula"]
    assert baris[0]["nik"] == "3275********0001"
    teks = client.get("/staf/peserta/ekspor.csv").get_data(as_text=True)
    assert "3275011506880001" not in teks
    catatan = db.session.scalars(select(AuditLog).where(AuditLog.aksi == "peserta.ekspor")).all()
    assert len(catatan) == 3 and "pencarian: Budi" in catatan[1].ringkasan
    assert catatan[0].actor_user_id == petugas.id


def test_claim_export_follows_the_filters(db, client, petugas, factory):
    a = factory.klaim(jenis="JKM", state="verifikasi_berkas")
    factory.klaim(jenis="JKK", state="verifikasi_berkas")
    baris = _baca(client.get("/staf/klaim/ekspor.csv?jenis=JKM"))
    assert [b["nomor"] for b in baris] == [a.nomor]
    assert len(_baca(client.get("/staf/klaim/ekspor.csv"))) == 2
    assert db.session.scalars(select(AuditLog).where(AuditLog.aksi == "klaim.ekspor")).first()


def test_list_pages_link_the_export_with_their_filters(client, petugas, get_page):
    halaman = get_page("/staf/klaim?jenis=JKM")
    assert halaman.select_one("a[data-ekspor]")["href"] == "/staf/klaim/ekspor.csv?jenis=JKM"
    halaman = get_page("/staf/peserta?q=Budi")
    assert halaman.select_one("a[data-ekspor]")["href"] == "/staf/peserta/ekspor.csv?q=Budi"


def test_export_needs_an_officer(client, factory, masuk):
    masuk(factory.user(peran="peserta"))
    assert client.get("/staf/peserta/ekspor.csv").status_code == 403
    assert client.get("/staf/klaim/ekspor.csv").status_code == 403
