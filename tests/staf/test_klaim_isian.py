"""The claim page's forms (issue 11): typed fields, Indonesian messages, and a refused form
writes nothing — odd digits, over-long text, a refusal without a reason, a stale hidden field."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from app.domain.klaim import alasan_wajib
from tests.potret import potret


def _url(klaim, akhir: str = "") -> str:
    return f"/staf/klaim/{klaim.public_id}{akhir}"


def _tautan(response) -> list[str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [a["href"] for a in soup.select("#ringkasan-kesalahan a[href]")]


PANJANG = "a" * 1001


@pytest.mark.parametrize(("state", "akhir", "data", "field", "kata"), [
    ("diajukan_bpjs", "/persetujuan", {"jumlah_disetujui": "²"}, "jumlah_disetujui",
     "harus berupa angka"),
    ("diajukan_bpjs", "/persetujuan", {"jumlah_disetujui": "٤٢٠٠٠"}, "jumlah_disetujui",
     "harus berupa angka"),
    ("disetujui", "/pembayaran", {"jumlah_dibayar": "1000", "tanggal_bayar": "2026-03-02",
                                  "referensi_bank": "X" * 61}, "referensi_bank", "paling panjang"),
    ("verifikasi_berkas", "/status", {"ke": "perlu_dokumen", "catatan_status": PANJANG},
     "catatan_status", "paling panjang 1000"),
    ("verifikasi_berkas", "/status", {"ke": "ditolak", "catatan_status": " \t "},
     "catatan_status", "Pemohon akan membaca"),
    ("verifikasi_berkas", "/catatan", {"catatan": PANJANG}, "catatan", "paling panjang 1000"),
    ("verifikasi_berkas", "/dokumen", {"dokumen_nama": "x" * 201}, "dokumen_nama",
     "paling panjang 200"),
    ("verifikasi_berkas", "/dokumen", {"dokumen_nama": "Surat RT",
                                       "dokumen_keterangan": "x" * 501},
     "dokumen_keterangan", "paling panjang 500"),
])
def test_wrong_input_is_422_with_its_message_and_nothing_written(
        client, db, petugas, factory, state, akhir, data, field, kata):
    klaim = factory.klaim(state=state)
    sebelum = potret(db)
    response = client.post(_url(klaim, akhir), data=data)
    assert response.status_code == 422
    assert _tautan(response) == [f"#{field}"]
    assert kata in response.get_data(as_text=True)
    assert potret(db) == sebelum


def test_over_long_document_reason_links_to_that_document(client, db, petugas, klaim_jkm):
    dok = klaim_jkm.dokumen[0]
    sebelum = potret(db)
    response = client.post(_url(klaim_jkm, f"/dokumen/{dok.id}/lewati"), data={"alasan": "x" * 501})
    assert response.status_code == 422
    assert _tautan(response) == [f"#alasan-{dok.id}"]
    assert potret(db) == sebelum


def test_refusal_without_reason_writes_nothing(client, db, petugas, factory):
    klaim = factory.klaim(state="diajukan_bpjs")
    sebelum = potret(db)
    response = client.post(_url(klaim, "/status"), data={"ke": "ditolak", "status_tampilkan": "1"})
    assert response.status_code == 422
    assert _tautan(response) == ["#catatan_status"]
    assert potret(db) == sebelum


def test_text_is_trimmed_and_folded_before_it_is_stored(client, db, petugas, factory):
    klaim = factory.klaim(state="verifikasi_berkas")
    r = client.post(_url(klaim, "/catatan"), data={"catatan": "  Ahli   waris\n menelepon. "})
    assert r.status_code == 303
    db.session.refresh(klaim)
    assert klaim.events[-1].catatan == "Ahli waris menelepon."
    assert klaim.events[-1].terlihat_pemohon is False


@pytest.mark.parametrize("versi", ["²", "-1", "999999"])
def test_a_stale_or_odd_version_is_409_not_a_form_error(client, db, petugas, factory, versi):
    klaim = factory.klaim(state="diajukan_bpjs")
    sebelum = potret(db)
    response = client.post(_url(klaim, "/persetujuan"),
                           data={"versi": versi, "jumlah_disetujui": "42000000"})
    assert response.status_code == 409
    assert "baru saja diubah" in response.get_data(as_text=True)
    assert potret(db) == sebelum


def test_the_current_version_passes(client, db, petugas, factory):
    klaim = factory.klaim(state="diajukan_bpjs")
    response = client.post(_url(klaim, "/persetujuan"),
                           data={"versi": str(klaim.versi), "jumlah_disetujui": "42.000.000"})
    assert response.status_code == 303
    db.session.refresh(klaim)
    assert klaim.state == "disetujui" and klaim.jumlah_disetujui == 42_000_000


# --- the refusal rule lives in the domain and the service, not in the view --------------------


def test_which_moves_need_a_reason():
    assert alasan_wajib("ditolak") and alasan_wajib("dibatalkan")
    assert not alasan_wajib("diajukan_bpjs") and not alasan_wajib("planet")
    assert not alasan_wajib("")


def test_the_service_takes_the_note_as_the_reason_and_always_shows_it(db, factory):
    from app.services.klaim import pindahkan

    klaim = factory.klaim(state="verifikasi_berkas")
    ev = pindahkan(db.session, klaim, "ditolak", None, catatan="Bukan peserta aktif.",
                   terlihat_pemohon=False)
    db.session.commit()
    assert klaim.state == "ditolak" and klaim.alasan == "Bukan peserta aktif."
    assert ev.catatan == "Bukan peserta aktif." and ev.terlihat_pemohon is True


def test_a_plain_move_keeps_the_officers_choice(db, factory):
    from app.services.klaim import pindahkan

    klaim = factory.klaim(state="verifikasi_berkas")
    ev = pindahkan(db.session, klaim, "perlu_dokumen", None, catatan="Tunggu KK.",
                   terlihat_pemohon=False)
    assert ev.terlihat_pemohon is False and ev.catatan == "Tunggu KK." and klaim.alasan is None


# --- the new-claim form ---------------------------------------------------------------------


def _klaim_baru(pekerja, **lain) -> dict:
    data = {"peserta": str(pekerja.id), "jenis": "JKM", "tanggal_kejadian": "2026-02-10",
            "hubungan": "istri", "pemohon_nik": "3275015203850002", "pemohon_nama": "Siti Aminah"}
    data.update(lain)
    return data


@pytest.mark.parametrize(("ubah", "field", "kata"), [
    ({"pemohon_nama": "S" * 121}, "pemohon_nama", "paling panjang 120"),
    ({"pemohon_nik": "²" * 16}, "pemohon_nik", "NIK harus 16 angka"),
    ({"pemohon_nik": "3275010101900001"}, "pemohon_nik", "sama dengan NIK peserta"),
    ({"peserta": "²", "kpj": "²" * 11}, "kpj", "Tidak ada peserta"),
    ({"jenis": "JKK", "hubungan": "peserta_sendiri", "tanggal_kejadian": "02/30/2026"},
     "tanggal_kejadian", "tanggal yang benar"),
])
def test_new_claim_refusals_write_nothing(client, db, petugas, factory, ubah, field, kata):
    peserta = factory.peserta(status="meninggal", nik="3275010101900001")
    sebelum = potret(db)
    response = client.post("/staf/klaim/baru", data=_klaim_baru(peserta, **ubah))
    assert response.status_code == 422
    # (a typed heir's NIK is never shown again, so the page also asks to type it once more)
    assert set(_tautan(response)) <= {f"#{field}", "#pemohon_nik"}
    assert _tautan(response)[0] == f"#{field}"
    assert kata in response.get_data(as_text=True)
    assert potret(db) == sebelum


def test_heir_fields_are_ignored_when_the_worker_claims(client, db, petugas, factory):
    from app.models import Klaim

    peserta = factory.peserta()
    response = client.post("/staf/klaim/baru", data=_klaim_baru(
        peserta, jenis="JKK", hubungan="peserta_sendiri", pemohon_nik="²", pemohon_nama="x"))
    assert response.status_code == 303
    klaim = db.session.query(Klaim).one()
    assert klaim.pemohon_nama == peserta.nama and klaim.hubungan == "peserta_sendiri"


@pytest.mark.parametrize(("akhir", "data"), [
    ("/catatan", {"catatan": "Ahli waris menelepon."}),
    ("/dokumen", {"dokumen_nama": "Surat keterangan RT"}),
])
def test_a_note_or_request_with_a_stale_version_is_409(client, db, petugas, factory, akhir, data):
    klaim = factory.klaim(state="verifikasi_berkas")
    sebelum = potret(db)
    response = client.post(_url(klaim, akhir), data={**data, "versi": str(klaim.versi + 1)})
    assert response.status_code == 409
    assert potret(db) == sebelum
    assert client.post(_url(klaim, akhir), data={**data, "versi": str(klaim.versi)}
                       ).status_code == 303
