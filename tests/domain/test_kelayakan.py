"""Eligibility rule engine: the case table on the real rule files, dated versions, loading."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.kelayakan import (
    OUTCOMES,
    Aturan,
    AturanTidakBerlaku,
    AturanTidakValid,
    aturan_berlaku,
    aturan_terakhir,
    bersihkan,
    evaluate,
    muat_aturan,
    query_jawaban,
    tanggal_untuk,
)
from app.domain.kelayakan_berkas import muat_berkas

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "content" / "rules"
DATA = ROOT / "content" / "data"
KASUS = yaml.safe_load((Path(__file__).parent / "cases" / "kelayakan.yaml").read_text("utf-8"))[
    "kasus"
]
TANGGAL_BAWAAN = date(2026, 6, 1)
VERSI = {w: muat_aturan(RULES, w) for w in ("kota-bekasi", "kabupaten-bekasi")}
LENGKAP = {"kepesertaan": "tidak", "domisili": "kota_bekasi", "pekerjaan": "ojol", "usia": 40,
           "desil": "1_3"}


# --- the case table ---------------------------------------------------------------------------

@pytest.mark.parametrize("kasus", KASUS, ids=[k["nama"] for k in KASUS])
def test_kasus(kasus: dict) -> None:
    assert all(isinstance(v, str) for v in kasus["params"].values()), "quote params in YAML"
    versi = VERSI[kasus.get("wilayah", "kota-bekasi")]
    tanggal = kasus.get("tanggal", TANGGAL_BAWAAN)

    answers, errors = bersihkan(kasus["params"], aturan_berlaku(versi, tanggal))
    hasil = evaluate(answers, versi, tanggal)

    assert hasil.outcome == kasus["outcome"]
    assert hasil.next_question == kasus["next_question"]
    assert [(s.kriteria, s.status) for s in hasil.statuses] == list(kasus["statuses"].items())
    harapan_galat = kasus.get("errors", {})
    assert errors.keys() == harapan_galat.keys()
    for q, teks in harapan_galat.items():
        assert teks in errors[q]
    if "answers" in kasus:
        assert answers == kasus["answers"]
    if "penentu" in kasus:
        assert hasil.penentu == kasus["penentu"]
    alasan = {s.kriteria: s.alasan for s in hasil.statuses}
    for kriteria, teks in kasus.get("alasan_memuat", {}).items():
        assert teks in alasan[kriteria]
    for teks in kasus.get("langkah_memuat", []):
        assert any(teks in langkah for langkah in hasil.langkah), teks
    _periksa_bentuk(hasil)


def _periksa_bentuk(hasil) -> None:
    """Invariants of every result: decided xor a next question, texts fully filled in."""
    assert (hasil.outcome is None) != (hasil.next_question is None)
    assert hasil.selesai == (hasil.outcome is not None)
    for s in hasil.statuses:
        assert s.alasan and "{" not in s.alasan and "None" not in s.alasan
    if hasil.selesai:
        assert hasil.judul and hasil.ringkasan and hasil.langkah
        assert len(set(hasil.langkah)) == len(hasil.langkah)
        assert all("{" not in teks for teks in hasil.langkah)
    else:
        assert hasil.judul is None and hasil.langkah == ()


def test_table_covers_every_value_and_outcome() -> None:
    """The table is only worth something if it exercises every option and outcome."""
    aturan = aturan_berlaku(VERSI["kota-bekasi"], TANGGAL_BAWAAN)
    dipakai: dict[str, set[str]] = {}
    for kasus in KASUS:
        for k, v in kasus["params"].items():
            dipakai.setdefault(k, set()).add(v.strip())
    for q in aturan.daftar_pertanyaan:
        if q.type == "pilihan":
            assert q.nilai_sah() <= dipakai[q.id], q.id
    assert {"0", "14", "15", "65", "66", "120", "abc", "200", "-1", ""} <= dipakai["usia"]
    assert {k["outcome"] for k in KASUS} == {*OUTCOMES, None}
    tidak_tahu_di = {q for k in KASUS for q, v in k["params"].items() if v == "tidak_tahu"}
    assert tidak_tahu_di == {"kepesertaan", "desil"}


# --- dated versions -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("tanggal", "versi"),
    [
        (date(2025, 11, 5), "2025"),
        (date(2025, 12, 31), "2025"),
        (date(2026, 1, 1), "2026"),
        (date(2026, 12, 31), "2026"),
    ],
)
def test_real_files_pick_the_version_in_force(tanggal: date, versi: str) -> None:
    assert aturan_berlaku(VERSI["kota-bekasi"], tanggal).versi == versi


@pytest.mark.parametrize("tanggal", [date(2025, 11, 4), date(2027, 1, 1)])
def test_no_version_in_force_is_a_clear_error(tanggal: date) -> None:
    with pytest.raises(AturanTidakBerlaku, match=tanggal.isoformat()):
        aturan_berlaku(VERSI["kota-bekasi"], tanggal)
    with pytest.raises(AturanTidakBerlaku):
        evaluate({}, VERSI["kota-bekasi"], tanggal)


@pytest.mark.parametrize(
    ("tanggal", "versi", "lewat"),
    [(date(2026, 6, 1), "2026", False), (date(2027, 1, 15), "2026", True),
     (date(2028, 6, 1), "2026", True), (date(2025, 11, 20), "2025", False)],
)
def test_the_newest_version_stays_in_use_after_its_end(tanggal, versi, lewat) -> None:
    aturan, sudah_lewat = aturan_terakhir(VERSI["kota-bekasi"], tanggal)
    assert (aturan.versi, sudah_lewat) == (versi, lewat)
    hasil = evaluate(dict(LENGKAP), aturan, tanggal_untuk(aturan, tanggal))
    assert hasil.outcome == "prioritas"


def test_before_the_first_version_there_is_still_no_rule() -> None:
    with pytest.raises(AturanTidakBerlaku):
        aturan_terakhir(VERSI["kota-bekasi"], date(2025, 11, 4))


def test_evaluate_refuses_a_single_version_outside_its_dates() -> None:
    lama = VERSI["kota-bekasi"][0]
    with pytest.raises(AturanTidakBerlaku, match="2026-03-01"):
        evaluate({}, lama, date(2026, 3, 1))
    assert evaluate({}, lama, date(2025, 11, 20)).next_question == "kepesertaan"


def test_real_files_are_consistent() -> None:
    """Every version asks the contract's questions, in order, with the contract's values."""
    kontrak = {
        "kepesertaan": {"aktif", "tidak", "tidak_tahu"},
        "domisili": {"kota_bekasi", "kab_bekasi", "lainnya"},
        "pekerjaan": {"ojol", "ojek_pangkalan", "sopir", "kuli_bangunan", "pedagang_kecil",
                      "pemulung", "buruh_tani", "nelayan", "pekerja_rumah_tangga",
                      "informal_lainnya", "karyawan", "asn", "non_asn_rt_rw_kader"},
        "usia": None,
        "desil": {"1_3", "4_5", "6_10", "tidak_terdata", "tidak_tahu"},
    }
    for versi in VERSI.values():
        for aturan in versi:
            assert [q.id for q in aturan.daftar_pertanyaan] == list(kontrak)
            for q in aturan.daftar_pertanyaan:
                if q.type == "pilihan":
                    assert q.nilai_sah() == kontrak[q.id]
                else:
                    assert (q.min, q.max) == (0, 120)
            usia = next(k for k in aturan.criteria if k.question == "usia")
            assert (usia.min, usia.max, usia.verified) == (15, 65, False)
            assert all(a.sumber for a in aturan.angka.values())


def _aturan_mini(**ubah: object) -> dict:
    """A small valid rule file as a dict: one choice question, one number question."""
    d: dict = {
        "wilayah": "uji",
        "nama_wilayah": "Kota Uji",
        "berlaku_mulai": date(2026, 1, 1),
        "berlaku_sampai": date(2026, 12, 31),
        "diperbarui": date(2026, 1, 1),
        "sumber": ["Peraturan Uji 1/2026"],
        "angka": {"iuran": {"nilai": 16800, "satuan": "rupiah", "sumber": "PP uji",
                            "verified": True}},
        "pesan_galat": {"kosong": "Isi dulu.", "pilihan_tidak_dikenal": "Pilih yang ada.",
                        "bukan_angka": "Angka saja.", "di_luar_batas": "{min} sampai {max}."},
        "questions": [
            {"id": "status", "label": "Apakah Anda terdaftar?", "type": "pilihan",
             "options": [{"value": "ya", "label": "Ya"}, {"value": "tidak", "label": "Tidak"},
                         {"value": "tidak_tahu", "label": "Tidak tahu"}]},
            {"id": "usia", "label": "Berapa usia Anda?", "type": "angka", "min": 0, "max": 120},
        ],
        "criteria": [
            {"id": "belum", "question": "status", "operator": "equals", "value": "tidak",
             "unknown_values": ["tidak_tahu"], "on_fail": "sudah_terlindungi",
             "alasan": {"met": "Belum.", "not_met": "Sudah.", "unknown": "Belum tahu."},
             "sumber": ["Uji"], "verified": True},
            {"id": "umur", "question": "usia", "operator": "between", "min": 15, "max": 65,
             "on_fail": "tidak_memenuhi",
             "alasan": {"met": "Usia {jawaban} di {min}–{max}.", "not_met": "Usia {jawaban}."},
             "langkah": {"not_met": ["Daftar mandiri {iuran} di {wilayah}."]},
             "sumber": ["Uji"], "verified": False, "catatan": "Batas belum dipastikan."},
        ],
        "kesimpulan": {"jika_ada_unknown": "perlu_dicek", "jika_semua_met": "memenuhi"},
        "hasil": {o: {"judul": f"Judul {o}", "ringkasan": f"Ringkasan {o} di {{wilayah}}.",
                      "langkah": [f"Langkah {o}."]} for o in OUTCOMES},
    }
    d.update(ubah)
    return d


def _tulis(folder: Path, nama: str, isi: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{nama}.yaml"
    path.write_text(yaml.safe_dump(isi, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_synthetic_versions_pick_by_date(tmp_path: Path) -> None:
    lama = _aturan_mini(berlaku_mulai=date(2025, 1, 1), berlaku_sampai=date(2025, 12, 31))
    lama["criteria"][1]["max"] = 56
    lama["criteria"][1]["verified"] = True  # only a verified rule may say no on its own
    _tulis(tmp_path / "uji", "2026", _aturan_mini())
    _tulis(tmp_path / "uji", "2025", lama)

    versi = muat_aturan(tmp_path, "uji", data_root=tmp_path)

    assert [a.versi for a in versi] == ["2025", "2026"]
    jawaban = {"status": "tidak", "usia": 60}
    h2025 = evaluate(jawaban, versi, date(2025, 12, 31))
    h2026 = evaluate(jawaban, versi, date(2026, 1, 1))
    assert (h2025.outcome, h2026.outcome) == ("tidak_memenuhi", "memenuhi")
    assert h2025.statuses[1].alasan == "Usia 60."
    assert h2026.statuses[1].alasan == "Usia 60 di 15–65."
    assert h2025.langkah[0] == "Daftar mandiri Rp16.800 di Kota Uji."
    assert h2026.ringkasan == "Ringkasan memenuhi di Kota Uji."
    assert h2026.judul == "Judul memenuhi"


def test_synthetic_open_ended_version(tmp_path: Path) -> None:
    _tulis(tmp_path / "uji", "2026", _aturan_mini(berlaku_sampai=None))
    versi = muat_aturan(tmp_path, "uji", data_root=tmp_path)
    assert aturan_berlaku(versi, date(2040, 1, 1)).versi == "2026"


def test_literal_braces_survive_in_texts(tmp_path: Path) -> None:
    isi = _aturan_mini()
    isi["hasil"]["memenuhi"]["langkah"] = ["Tulis {{NIK}} di {wilayah}."]
    aturan = muat_berkas(_tulis(tmp_path / "uji", "2026", isi), data_root=tmp_path)
    hasil = evaluate({"status": "tidak", "usia": 30}, aturan, date(2026, 5, 1))
    assert hasil.langkah == ("Tulis {NIK} di Kota Uji.",)


def test_overlapping_versions_are_rejected(tmp_path: Path) -> None:
    _tulis(tmp_path / "uji", "a", _aturan_mini())
    _tulis(tmp_path / "uji", "b", _aturan_mini(berlaku_mulai=date(2026, 12, 31),
                                                berlaku_sampai=date(2027, 12, 31)))
    with pytest.raises(AturanTidakValid, match="overlap"):
        muat_aturan(tmp_path, "uji", data_root=tmp_path)


def test_unknown_operator_is_rejected_at_load(tmp_path: Path) -> None:
    isi = _aturan_mini()
    isi["criteria"][1]["operator"] = "lebih_dari"
    path = _tulis(tmp_path / "uji", "2026", isi)
    with pytest.raises(AturanTidakValid) as e:
        muat_aturan(tmp_path, "uji", data_root=tmp_path)
    pesan = str(e.value)
    assert str(path) in pesan
    assert "criteria[1] (umur)" in pesan
    assert "unknown operator 'lebih_dari'" in pesan
    assert "between, equals, in, not_equals, not_in" in pesan


def _rusak(isi: dict, jalan: str, nilai: object) -> dict:
    """Set (or with nilai=... delete) the key at a dotted path like 'criteria.0.on_fail'."""
    isi = copy.deepcopy(isi)
    *induk, akhir = jalan.split(".")
    node = isi
    for k in induk:
        node = node[int(k)] if isinstance(node, list) else node[k]
    if nilai is Ellipsis:
        del node[akhir]
    else:
        node[int(akhir) if isinstance(node, list) else akhir] = nilai
    return isi


@pytest.mark.parametrize(
    ("jalan", "nilai", "pesan"),
    [
        ("criteria.0.on_fial", "tidak_memenuhi", "unknown key(s) ['on_fial']"),
        ("criteria.0.value", "mungkin", "'mungkin' is not an option of 'status'"),
        ("criteria.0.on_fail", "prioritas", "is not one of"),
        ("criteria.0.alasan.unknown", ..., "no alasan.unknown"),
        ("criteria.0.alasan.met", "Halo {nama}.", "unknown placeholder(s) ['nama']"),
        ("criteria.0.alasan.met", "Usia {min}.", "unknown placeholder(s) ['min']"),
        ("criteria.0.on_pass", {"mungkin": "memenuhi"}, "'mungkin' is not an option"),
        ("criteria.0.on_pass", {"tidak": "tidak_memenuhi"}, "is not one of"),
        ("criteria.0.values", ["ya"], "takes exactly ['value']"),
        ("criteria.1.operator", "in", "takes exactly ['values']"),
        ("criteria.1.max", 121, "not a whole number in 0–120"),
        ("criteria.1.catatan", ..., "verified: false needs a catatan"),
        ("criteria.1.question", "desil", "not among the questions"),
        ("questions.0.options.0.value", 13, "must be a quoted string"),
        ("questions.1.type", "teks", "is not one of"),
        ("hasil.perlu_dicek", ..., "missing ['perlu_dicek']"),
        ("hasil.memenuhi.ringkasan", "Di {kota}.", "unknown placeholder(s) ['kota']"),
        ("angka.iuran", {"data": "iuran.tidak_ada"}, "not found"),
        ("berlaku_sampai", date(2025, 1, 1), "before berlaku_mulai"),
        ("pesan_galat.di_luar_batas", "Antara {a}.", "unknown placeholder(s) ['a']"),
    ],
)
def test_broken_rule_files_are_rejected_clearly(
    tmp_path: Path, jalan: str, nilai: object, pesan: str
) -> None:
    path = _tulis(tmp_path / "uji", "2026", _rusak(_aturan_mini(), jalan, nilai))
    with pytest.raises(AturanTidakValid) as e:
        muat_berkas(path, data_root=tmp_path)
    assert pesan in str(e.value)


def test_criteria_must_follow_question_order(tmp_path: Path) -> None:
    isi = _aturan_mini()
    isi["criteria"].reverse()
    path = _tulis(tmp_path / "uji", "2026", isi)
    with pytest.raises(AturanTidakValid, match="order of the questions"):
        muat_berkas(path, data_root=tmp_path)


def test_every_question_needs_a_criterion(tmp_path: Path) -> None:
    isi = _aturan_mini()
    del isi["criteria"][1]
    path = _tulis(tmp_path / "uji", "2026", isi)
    with pytest.raises(AturanTidakValid, match=r"no criterion for question\(s\) \['usia'\]"):
        muat_berkas(path, data_root=tmp_path)


def test_wilayah_must_match_its_folder(tmp_path: Path) -> None:
    _tulis(tmp_path / "lain", "2026", _aturan_mini())
    with pytest.raises(AturanTidakValid, match="folder is 'lain'"):
        muat_aturan(tmp_path, "lain", data_root=tmp_path)


def test_unquoted_decile_in_a_real_file_would_be_caught(tmp_path: Path) -> None:
    """YAML reads 1_3 as 13; the loader must refuse it rather than never match."""
    teks = (RULES / "kota-bekasi" / "2026.yaml").read_text("utf-8")
    rusak = teks.replace('- value: "1_3"', "- value: 1_3", 1)
    assert rusak != teks
    path = tmp_path / "kota-bekasi" / "2026.yaml"
    path.parent.mkdir()
    path.write_text(rusak, "utf-8")
    with pytest.raises(AturanTidakValid, match="quoted string"):
        muat_berkas(path, data_root=DATA)


def test_non_stopping_failure_keeps_the_first_failure_and_shows_the_rest(tmp_path: Path) -> None:
    isi = _aturan_mini()
    isi["criteria"][0]["stop"] = False
    aturan = muat_berkas(_tulis(tmp_path / "uji", "2026", isi), data_root=tmp_path)
    hasil = evaluate({"status": "ya", "usia": 70}, aturan, date(2026, 5, 1))
    assert hasil.outcome == "sudah_terlindungi"
    assert hasil.penentu == "belum"
    assert [(s.kriteria, s.status) for s in hasil.statuses] == [("belum", "not_met"),
                                                               ("umur", "not_met")]
    # With the later answer missing the outcome stands and nothing more is asked.
    hasil = evaluate({"status": "ya"}, aturan, date(2026, 5, 1))
    assert (hasil.outcome, hasil.next_question) == ("sudah_terlindungi", None)


# --- API details ------------------------------------------------------------------------------

def test_query_jawaban_keeps_question_order_and_drops_kecuali() -> None:
    aturan = aturan_berlaku(VERSI["kota-bekasi"], TANGGAL_BAWAAN)
    answers, _ = bersihkan(
        {"desil": "1_3", "usia": "40", "kepesertaan": "tidak", "domisili": "kota_bekasi"}, aturan
    )
    assert query_jawaban(answers) == "kepesertaan=tidak&domisili=kota_bekasi&usia=40&desil=1_3"
    assert query_jawaban(answers, kecuali="usia") == (
        "kepesertaan=tidak&domisili=kota_bekasi&desil=1_3"
    )
    assert query_jawaban(answers, kecuali=["kepesertaan", "desil"]) == (
        "domisili=kota_bekasi&usia=40"
    )
    assert query_jawaban({}) == ""


def test_evaluate_refuses_uncleaned_answers() -> None:
    with pytest.raises(ValueError, match="bersihkan"):
        evaluate({"usia": "40"}, VERSI["kota-bekasi"], TANGGAL_BAWAAN)
    with pytest.raises(ValueError, match="bersihkan"):
        evaluate({"domisili": "jakarta"}, VERSI["kota-bekasi"], TANGGAL_BAWAAN)


def test_question_helpers() -> None:
    aturan = aturan_berlaku(VERSI["kota-bekasi"], TANGGAL_BAWAAN)
    assert aturan.nomor("kepesertaan") == 1
    assert aturan.nomor("desil") == len(aturan.daftar_pertanyaan)
    assert aturan.pertanyaan("desil").label_jawaban("1_3") == "Desil 1, 2, atau 3"
    assert aturan.pertanyaan("usia").label_jawaban(40) == "40"
    assert aturan.pertanyaan("domisili").label.startswith("Alamat di KTP Anda")
    assert aturan.penafian and "Pemerintah Kota Bekasi" in aturan.penafian


def test_unverified_criteria_are_flagged_in_statuses() -> None:
    aturan = aturan_berlaku(VERSI["kota-bekasi"], TANGGAL_BAWAAN)
    answers, _ = bersihkan({"kepesertaan": "tidak", "domisili": "kota_bekasi",
                            "pekerjaan": "ojol", "usia": "40", "desil": "1_3"}, aturan)
    flags = {s.kriteria: s.verified for s in evaluate(answers, aturan, TANGGAL_BAWAAN).statuses}
    assert flags["usia_kerja"] is False
    assert flags["bukan_penerima_upah"] is True


# --- property: any query string is handled without raising ------------------------------------

_ID = ["kepesertaan", "domisili", "pekerjaan", "usia", "desil"]
_NILAI = sorted(
    {p.value for a in VERSI["kota-bekasi"] for q in a.daftar_pertanyaan for p in q.options}
    | {"0", "15", "65", "66", "120", "abc", "-1", "200", " 40 ", "", "1_3 ", "١٥", "1_5", "+7"}
)


@settings(max_examples=300, deadline=None)
@given(
    params=st.dictionaries(
        keys=st.one_of(st.sampled_from(_ID), st.text(max_size=12)),
        values=st.one_of(st.sampled_from(_NILAI), st.text(max_size=30)),
        max_size=8,
    ),
    wilayah=st.sampled_from(sorted(VERSI)),
    hari=st.integers(min_value=0, max_value=365),
)
def test_any_params_give_an_outcome_or_a_question_or_an_error(
    params: dict[str, str], wilayah: str, hari: int
) -> None:
    tanggal = date(2026, 1, 1) + timedelta(days=hari % 365)
    versi = VERSI[wilayah]
    aturan: Aturan = aturan_berlaku(versi, tanggal)

    answers, errors = bersihkan(params, aturan)
    hasil = evaluate(answers, versi, tanggal)

    assert set(answers) <= set(_ID) and set(errors) <= set(_ID) and len(errors) <= 1
    assert not set(answers) & set(errors)
    assert hasil.outcome is not None or hasil.next_question is not None or errors
    _periksa_bentuk(hasil)
    if hasil.next_question is not None:
        assert hasil.next_question not in answers
    ids = [k.id for k in aturan.criteria]
    assert [s.kriteria for s in hasil.statuses] == ids[: len(hasil.statuses)]
    # The query string carries exactly the same answers into the next page.
    assert bersihkan(dict(parse_qsl(query_jawaban(answers))), aturan) == (answers, {})
