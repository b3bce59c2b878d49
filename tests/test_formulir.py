"""The form base (app/formulir.py): typed fields refuse what int() would wrongly accept."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from app.formulir import BilanganField, Formulir, TeksField, Wajib


class _Contoh(Formulir):
    jumlah = BilanganField("Jumlah", [Wajib("Isi jumlah.")], maks=2**63 - 1,
                           pesan="Jumlah harus berupa angka.")
    nama = TeksField("Nama", [Wajib("Isi nama.")])


@pytest.mark.parametrize("mentah", ["²", "٣", "1e3", "-1", "1.5", str(2**63), "9" * 30])
def test_bilangan_menolak_yang_bukan_angka_ascii(app, mentah):
    with app.test_request_context():
        form = _Contoh(MultiDict({"jumlah": mentah, "nama": "Ani"}))
        assert not form.periksa()
        assert form.galat == {"jumlah": "Jumlah harus berupa angka."}
        assert form.jumlah.data is None


def test_bilangan_dan_teks_yang_sah(app):
    with app.test_request_context():
        form = _Contoh(MultiDict({"jumlah": " 42 ", "nama": "  Ani \t Lestari "}))
        assert form.periksa()
        assert form.jumlah.data == 42
        assert form.nama.data == "Ani Lestari"


def test_kosong_memberi_pesan_wajib_dalam_urutan_isian(app):
    with app.test_request_context():
        form = _Contoh(MultiDict())
        assert not form.periksa()
        assert list(form.galat.items()) == [("jumlah", "Isi jumlah."), ("nama", "Isi nama.")]
        assert form.errors == form.galat  # templates read form.errors the same way


def test_tolak_menambah_pesan_setelah_pemeriksaan(app):
    with app.test_request_context():
        form = _Contoh(MultiDict({"jumlah": "1", "nama": "Ani"}))
        assert form.periksa()
        form.tolak("nama", "Nama sudah dipakai.")
        assert not form.periksa()
        assert form.galat == {"nama": "Nama sudah dipakai."}


def test_tanpa_data_formulir_kosong_meski_ada_post(app):
    with app.test_request_context(method="POST", data={"nama": "Ani"}):
        assert _Contoh().nama.data is None  # formdata=None never reads request.form
