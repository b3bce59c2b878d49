"""FormCek: the check's answers read by a form class built from the rule file in force."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from app import create_app
from app.cek.formulir import form_cek
from app.domain.kelayakan import aturan_berlaku, bersihkan, muat_aturan
from tests.cek.conftest import KASUS, TANGGAL_BAWAAN

RULES = Path(__file__).resolve().parents[2] / "content" / "rules"


@pytest.fixture(scope="module")
def konteks(_schema):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema)
    with app.test_request_context():
        yield


def _aturan(wilayah="kota-bekasi", tanggal=TANGGAL_BAWAAN):
    return aturan_berlaku(muat_aturan(RULES, wilayah), tanggal)


@pytest.mark.parametrize("kasus", KASUS, ids=[k["nama"] for k in KASUS])
def test_the_form_reads_every_case_as_the_domain_does(konteks, kasus):
    """The case table (tests/domain/cases/kelayakan.yaml): same answers, same first message."""
    aturan = _aturan(kasus.get("wilayah", "kota-bekasi"), kasus.get("tanggal", TANGGAL_BAWAAN))
    form = form_cek(aturan)(MultiDict({k: str(v) for k, v in kasus["params"].items()}))
    form.periksa()
    assert (form.jawaban(), form.galat) == bersihkan(
        {k: str(v) for k, v in kasus["params"].items()}, aturan)


def test_only_the_first_wrong_answer_is_reported_and_the_typed_text_kept(konteks):
    aturan = _aturan()
    form = form_cek(aturan)(MultiDict(
        [("usia", "٣٣"), ("kepesertaan", "tidak"), ("domisili", "mars"), ("desil", "")]))
    assert not form.periksa()
    assert list(form.galat) == ["domisili"]  # question order, not the query's
    assert form.jawaban() == {"kepesertaan": "tidak"}
    assert (form.mentah("domisili"), form.mentah("usia")) == ("mars", "٣٣")


def test_a_radio_answer_is_its_first_value(konteks):
    """The question page sends an empty second value after the radios (see _pertanyaan.html)."""
    form = form_cek(_aturan())(MultiDict([("kepesertaan", "tidak"), ("kepesertaan", "")]))
    assert form.periksa() and form.jawaban() == {"kepesertaan": "tidak"}


def test_one_class_per_rule_version(konteks):
    lama, baru = _aturan(tanggal=date(2025, 12, 1)), _aturan()
    assert lama.versi != baru.versi
    assert form_cek(baru) is form_cek(baru)
    assert form_cek(lama) is not form_cek(baru)


def test_a_question_id_may_be_any_name_a_form_already_uses(konteks):
    """Question ids come from a rule file: "data" or "meta" must not break the form."""
    aturan = _aturan()
    pertama = dataclasses.replace(aturan.daftar_pertanyaan[0], id="data")
    kedua = dataclasses.replace(aturan.daftar_pertanyaan[1], id="meta")
    aturan = dataclasses.replace(
        aturan, daftar_pertanyaan=(pertama, kedua, *aturan.daftar_pertanyaan[2:]))
    form = form_cek(aturan)(MultiDict({"data": "tidak", "meta": "kota_bekasi"}))
    assert form.periksa()
    assert form.jawaban() == {"data": "tidak", "meta": "kota_bekasi"}
