"""The eligibility case table (tests/domain/cases/kelayakan.yaml) replayed over HTTP.

Every case goes through ``/cek/hasil``: a deciding case must render the outcome and one
``data-criterion`` line per evaluated question (worst status of its criteria); an undecided
case must answer 303 to the next question with the answers kept; an invalid case must show
that question again with status 422 and an error summary linked to the field.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from app.domain.kelayakan import aturan_berlaku, bersihkan, muat_aturan
from tests.cek.conftest import KASUS, TANGGAL_BAWAAN

RULES = Path(__file__).resolve().parents[2] / "content" / "rules"
BURUK = {"met": 0, "unknown": 1, "not_met": 2}


def _harapan_per_pertanyaan(aturan, statuses: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Question id → (worst status, criterion ids) as the result page must show them."""
    pertanyaan_dari = {k.id: k.question for k in aturan.criteria}
    hasil: dict[str, tuple[str, list[str]]] = {}
    for kriteria, status in statuses.items():
        q = pertanyaan_dari[kriteria]
        lama, ids = hasil.get(q, ("met", []))
        hasil[q] = (max(lama, status, key=BURUK.__getitem__), [*ids, kriteria])
    return {q: (s, " ".join(ids)) for q, (s, ids) in hasil.items()}


@pytest.mark.parametrize("kasus", KASUS, ids=[k["nama"] for k in KASUS])
def test_kasus_lewat_http(kasus, klien_wilayah, tanggal_cek, page_checker):
    wilayah = kasus.get("wilayah", "kota-bekasi")
    tanggal = kasus.get("tanggal", TANGGAL_BAWAAN)
    tanggal_cek(tanggal)
    aturan = aturan_berlaku(muat_aturan(RULES, wilayah), tanggal)
    query = urlencode(kasus["params"])

    response = klien_wilayah(wilayah).get(f"/cek/hasil?{query}")
    html = response.get_data(as_text=True)

    if kasus.get("errors"):
        (pertanyaan, teks), = kasus["errors"].items()
        assert response.status_code == 422
        soup = page_checker.check(html)
        ringkasan = soup.select_one("#ringkasan-kesalahan")
        assert ringkasan is not None and teks in ringkasan.get_text()
        assert [a["href"] for a in ringkasan.select("a")] == [f"#{pertanyaan}"]
        sasaran = soup.find(id=pertanyaan)
        assert sasaran.name == "input" and sasaran["name"] == pertanyaan
        assert sasaran.get("aria-invalid") == "true"
        assert soup.h1.get_text(strip=True) == aturan.pertanyaan(pertanyaan).label
    elif kasus["outcome"] is None:
        assert response.status_code == 303
        lokasi = urlsplit(response.headers["Location"])
        assert lokasi.path == f"/cek/{kasus['next_question']}"
        jawaban, _ = bersihkan(kasus["params"], aturan)
        assert parse_qsl(lokasi.query) == [(k, str(v)) for k, v in jawaban.items()]
    else:
        assert response.status_code == 200
        soup = page_checker.check(html)
        hasil = soup.select("[data-outcome]")
        assert [el["data-outcome"] for el in hasil] == [kasus["outcome"]]
        baris = {
            el["data-criterion"]: (el["data-status"], el["data-kriteria"])
            for el in soup.select("[data-criterion]")
        }
        assert len(soup.select("[data-criterion]")) == len(baris), "one line per question"
        assert baris == _harapan_per_pertanyaan(aturan, kasus["statuses"])
        # The order of the lines is the order of the questions.
        urutan = [q.id for q in aturan.daftar_pertanyaan if q.id in baris]
        assert [el["data-criterion"] for el in soup.select("[data-criterion]")] == urutan
        pertanyaan_dari = {k.id: k.question for k in aturan.criteria}
        for kriteria, teks in kasus.get("alasan_memuat", {}).items():
            el = soup.select_one(f'[data-criterion="{pertanyaan_dari[kriteria]}"]')
            assert teks in el.get_text()
        for teks in kasus.get("langkah_memuat", []):
            assert teks in soup.select_one(".cek-langkah").get_text()


# --- every outcome says how a person actually gets enrolled -----------------------------------

@pytest.mark.parametrize("wilayah", ["kota-bekasi", "kabupaten-bekasi"])
def test_every_outcome_explains_the_enrolment_path(wilayah):
    from app.domain.kelayakan import OUTCOMES, muat_aturan

    aturan = muat_aturan(Path(__file__).resolve().parents[2] / "content" / "rules", wilayah)[-1]
    for outcome in OUTCOMES:
        langkah = " ".join(aturan.hasil[outcome].langkah)
        assert "kelurahan" in langkah, (wilayah, outcome)
        assert "DTSEN" in langkah, (wilayah, outcome)
        assert "pendaftaran sendiri" in langkah, (wilayah, outcome)
    # perlu_dicek names what to check first: the first step of each unverified criterion.
    for k in aturan.criteria:
        if not k.verified:
            pertama = (k.langkah.get("not_met") or ("",))[0]
            assert "dulu" in pertama, (wilayah, k.id, pertama)
