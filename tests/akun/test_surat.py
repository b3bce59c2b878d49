"""The certificate and the payment letter: content, QR, one A4 page, same bytes, access."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.models import Pesan, Peserta, SuratTerbit
from tests.akun_bantu import masuk_sebagai
from tests.surat_bantu import (
    A4_PT,
    baca_qr,
    gambar_halaman,
    info_pdf,
    kode_dari_teks,
    objek_pdf,
    teks_pdf,
)


def _unduh(client, url: str) -> bytes:
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    assert r.mimetype == "application/pdf"
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["Content-Disposition"].startswith("attachment;")
    return r.data


def _surat_bayar_url(demo) -> str:
    return f"/akun/klaim/{demo.klaim['siti_jkm'].public_id}/surat.pdf"


def test_certificate_shows_the_worker_premium_and_a_code_the_qr_points_at(client, demo, db):
    masuk_sebagai(client, demo, "budi")
    isi = _unduh(client, "/akun/sertifikat.pdf")
    teks = teks_pdf(isi)
    for tampil in ("Sertifikat Kepesertaan".upper(), "Pemerintah Kota Bekasi".upper(),
                   "Budi Santoso", "3275********0001", "26011234567", "JKK, JKM",
                   "1 Januari 2026 sampai 31 Desember 2026", "APBD Kota Bekasi",
                   "Rp16.800", "Rp201.600", "Rp42.000.000", "175", "Halaman 1 dari 1"):
        assert tampil in teks, tampil
    assert "3275011506880001" not in teks
    kode = kode_dari_teks(teks)
    surat = db.session.scalar(select(SuratTerbit).where(SuratTerbit.kode == kode))
    assert surat.jenis == "sertifikat" and surat.status == "sah"
    assert surat.nomor in teks
    assert baca_qr(isi) == [f"http://localhost/verifikasi/{kode}"]


def test_qr_uses_sigap_base_url(client, demo, app):
    app.config["SIGAP_BASE_URL"] = "https://sigap.bekasikota.go.id/"
    masuk_sebagai(client, demo, "budi")
    isi = _unduh(client, "/akun/sertifikat.pdf")
    kode = kode_dari_teks(teks_pdf(isi))
    assert baca_qr(isi) == [f"https://sigap.bekasikota.go.id/verifikasi/{kode}"]


def test_certificate_is_one_tagged_a4_page_with_title_author_and_language(client, demo):
    masuk_sebagai(client, demo, "budi")
    isi = _unduh(client, "/akun/sertifikat.pdf")
    info = info_pdf(isi)
    assert info["Pages"] == "1"
    lebar, tinggi = (float(x) for x in info["Page size"].split()[0:3:2])
    assert (round(lebar), round(tinggi)) == tuple(round(x) for x in A4_PT)
    assert info["Title"].startswith("Sertifikat Kepesertaan")
    assert info["Author"] == "Pemerintah Kota Bekasi"
    assert info["Tagged"] == "yes"
    assert b"/Lang (id)" in objek_pdf(isi)
    gambar = gambar_halaman(isi, dpi=72)
    assert abs(gambar.width - 595) <= 1 and abs(gambar.height - 842) <= 1


def test_repeat_download_returns_the_same_bytes_and_changed_data_supersedes(
        client, demo, db):
    masuk_sebagai(client, demo, "budi")
    pertama = _unduh(client, "/akun/sertifikat.pdf")
    assert _unduh(client, "/akun/sertifikat.pdf") == pertama
    assert db.session.scalar(select(SuratTerbit.id).where(SuratTerbit.jenis == "sertifikat")
                             .order_by(SuratTerbit.id.desc()).offset(1)) is None
    budi = db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso"))
    budi.akhir = dt.date(2027, 6, 30)
    db.session.commit()
    kedua = _unduh(client, "/akun/sertifikat.pdf")
    assert kedua != pertama
    assert "30 Juni 2027" in teks_pdf(kedua)
    lama, baru = db.session.scalars(select(SuratTerbit).order_by(SuratTerbit.id)).all()
    assert (lama.status, baru.status) == ("diganti", "sah")
    assert lama.diganti_oleh_id == baru.id
    assert baru.sha256 != lama.sha256


def test_payment_letter_itemises_the_paid_amounts(client, demo, db):
    masuk_sebagai(client, demo, "siti")
    isi = _unduh(client, _surat_bayar_url(demo))
    teks = teks_pdf(isi)
    klaim = demo.klaim["siti_jkm"]
    for tampil in ("Surat Keterangan Pembayaran Santunan".upper(), klaim.nomor, "Ahmad Hidayat",
                   "Siti Aminah", "Istri", "Rp20.000.000", "Rp12.000.000", "Rp10.000.000",
                   "Jumlah dibayarkan Rp42.000.000", "Halaman 1 dari 1"):
        assert tampil in teks, tampil
    assert klaim.referensi_bank not in teks
    assert "BNI-****" + klaim.referensi_bank[-4:] in teks
    kode = kode_dari_teks(teks)
    assert baca_qr(isi) == [f"http://localhost/verifikasi/{kode}"]
    assert info_pdf(isi)["Pages"] == "1"
    assert _unduh(client, _surat_bayar_url(demo)) == isi


@pytest.mark.parametrize("siapa", ["dewi", "budi"])
def test_another_persons_letter_is_404(client, demo, siapa):
    masuk_sebagai(client, demo, siapa)
    assert client.get(_surat_bayar_url(demo)).status_code == 404


def test_unpaid_claims_letter_is_404_even_for_its_claimant(client, demo):
    masuk_sebagai(client, demo, "siti")
    url = f"/akun/klaim/{demo.klaim['siti_beasiswa'].public_id}/surat.pdf"
    assert client.get(url).status_code == 404
    assert client.get("/akun/klaim/tidak-ada/surat.pdf").status_code == 404


def test_staff_get_no_applicant_pdf(client, demo):
    masuk_sebagai(client, demo, "petugas")
    assert client.get(_surat_bayar_url(demo)).status_code == 404
    assert client.get("/akun/sertifikat.pdf").status_code == 403


def test_signed_out_visitor_is_sent_to_sign_in(client, demo):
    assert client.get("/akun/sertifikat.pdf").status_code == 302
    assert client.get(_surat_bayar_url(demo)).status_code == 302


@pytest.mark.parametrize(("ubah", "alasan"), [
    ({"status": "meninggal"}, "sudah meninggal"),
    ({"akhir": dt.date(2026, 1, 31)}, "sudah berakhir"),
])
def test_no_certificate_when_cover_ended_or_worker_died(client, demo, db, get_page, ubah, alasan,
                                                        monkeypatch):
    from app.akun import routes, surat

    monkeypatch.setattr(routes, "hari_ini", lambda: dt.date(2026, 3, 1))
    monkeypatch.setattr(surat, "hari_ini", lambda: dt.date(2026, 3, 1))
    budi = db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso"))
    for kolom, nilai in ubah.items():
        setattr(budi, kolom, nilai)
    if ubah.get("status") == "meninggal":
        budi.tanggal_meninggal = dt.date(2026, 2, 1)
    db.session.commit()
    masuk_sebagai(client, demo, "budi")
    assert client.get("/akun/sertifikat.pdf").status_code == 404
    soup = get_page("/akun/")
    assert alasan in soup.select_one("[data-tanpa-sertifikat]").get_text()
    assert soup.select_one("[data-unduh-sertifikat]") is None


def test_dashboard_and_claim_page_link_to_the_letter_only_when_paid(client, demo, get_page):
    masuk_sebagai(client, demo, "siti")
    soup = get_page("/akun/")
    tautan = [a["href"] for a in soup.select("[data-unduh-surat]")]
    assert tautan == [_surat_bayar_url(demo)]
    soup = get_page(f"/akun/klaim/{demo.klaim['siti_jkm'].public_id}")
    assert soup.select_one("[data-unduh-surat]")["href"] == _surat_bayar_url(demo)
    soup = get_page(f"/akun/klaim/{demo.klaim['siti_beasiswa'].public_id}")
    assert soup.select_one("[data-unduh-surat]") is None


def test_paid_message_links_to_the_letter_and_carries_the_payment_date(demo, db):
    klaim = demo.klaim["siti_jkm"]
    pesan = db.session.scalars(select(Pesan).where(Pesan.klaim_id == klaim.id)
                               .order_by(Pesan.id)).all()
    dibayar = [p for p in pesan if "sudah dibayarkan" in p.teks]
    assert len(dibayar) == 1
    assert dibayar[0].tautan.endswith(f"/akun/klaim/{klaim.public_id}/surat.pdf")
    assert dibayar[0].tautan in dibayar[0].teks
    from app.services.waktu import tanggal_wib

    assert tanggal_wib(dibayar[0].dibuat) <= klaim.tanggal_bayar + dt.timedelta(days=1)
    # Every demo message is dated by its event, so they come out in the order things happened.
    waktu = [p.dibuat for p in pesan]
    assert waktu == sorted(waktu) and waktu[0] < waktu[-1]


def test_message_link_asks_to_sign_in_then_delivers_the_letter(client, demo):
    url = _surat_bayar_url(demo)
    r = client.get(url)
    assert r.status_code == 302 and "/masuk" in r.headers["Location"]
    r = client.post(f"/masuk?next={url}", data={"identitas": demo.users["siti"].identitas,
                                                 "sandi": demo.sandi["siti"]})
    assert r.status_code == 302 and r.headers["Location"] == url
    assert client.get(url).mimetype == "application/pdf"


def test_data_download_lists_my_issued_documents_only(client, demo, db):
    import json

    masuk_sebagai(client, demo, "budi")
    _unduh(client, "/akun/sertifikat.pdf")
    client.post("/keluar")
    masuk_sebagai(client, demo, "siti")
    _unduh(client, _surat_bayar_url(demo))
    isi = json.loads(client.get("/akun/data-saya").data)
    assert [s["jenis"] for s in isi["surat_terbit"]] == ["surat_bayar"]
    client.post("/keluar")
    masuk_sebagai(client, demo, "budi")
    isi = json.loads(client.get("/akun/data-saya").data)
    assert [s["jenis"] for s in isi["surat_terbit"]] == ["sertifikat"]
