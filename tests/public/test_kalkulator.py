"""Benefit calculator over HTTP: GET form, itemised result, 422 on bad input, htmx fragment."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.public.conftest import KALKULATOR_JKM

HX = {"HX-Request": "true"}


def _url(**isian) -> str:
    dasar = {"kasus": "meninggal_biasa", "peserta": "mandiri", "penghasilan": "1000000",
             "lama_kepesertaan_tahun": "5"}
    return "/kalkulator?" + urlencode({**dasar, **isian})


def test_first_visit_shows_the_form_only(get_page):
    soup = get_page("/kalkulator")

    form = soup.select_one("form.kalkulator")
    assert form["method"] == "get" and form["action"] == "/kalkulator#hasil"
    assert form["data-hx-get"] == "/kalkulator"
    assert form["data-hx-trigger"] == "change, input delay:400ms"
    assert form["data-hx-target"] == "#hasil"
    assert {i["value"] for i in form.select("input[name=kasus]")} == {
        "meninggal_biasa",
        "meninggal_kecelakaan_kerja",
        "cacat_total_tetap",
    }
    assert [s["name"] for s in form.select("select")] == ["anak_1", "anak_2"]
    hasil = soup.select_one("#hasil")
    assert hasil["aria-live"] == "polite"
    assert hasil.get_text(strip=True) == ""
    assert soup.select_one("#ringkasan-kesalahan") is None


def test_jkm_case_shows_42_million_in_three_parts(get_page):
    soup = get_page(KALKULATOR_JKM)

    total = soup.select_one("[data-total]")
    assert total["data-total"] == "42000000"
    assert "Rp42.000.000" in total.get_text()
    baris = soup.select("table.tabel-rincian tbody tr")
    assert [(tr.th.contents[0].strip(), tr.td.get_text(strip=True)) for tr in baris] == [
        ("Santunan sekaligus JKM", "Rp20.000.000"),
        ("Santunan berkala JKM", "Rp12.000.000"),
        ("Biaya pemakaman", "Rp10.000.000"),
    ]
    assert all("PP 44/2015 jo. PP 82/2019" in tr.th.get_text() for tr in baris)
    assert "Rp42.000.000" in soup.select_one("table.tabel-rincian tfoot").get_text()


def test_form_keeps_the_answers_so_the_url_can_be_shared(get_page):
    soup = get_page(_url(kasus="meninggal_kecelakaan_kerja", anak_1="smp"))

    assert soup.select_one("input[value=meninggal_kecelakaan_kerja]").has_attr("checked")
    assert soup.select_one("#penghasilan")["value"] == "1000000"
    assert soup.select_one("#anak option[selected]")["value"] == "smp"


def test_work_accident_with_children_lists_scholarships_and_their_maximum(get_page):
    soup = get_page(
        _url(
            kasus="meninggal_kecelakaan_kerja",
            penghasilan="2000000",
            lama_kepesertaan_tahun="0",
            anak_1="sd",
            anak_2="pt",
        )
    )

    assert soup.select_one("[data-total]")["data-total"] == str(
        96_000_000 + 12_000_000 + 10_000_000 + 1_500_000 + 12_000_000
    )
    tabel = soup.select("table.tabel-rincian")
    assert len(tabel) == 2
    assert "tidak termasuk total" in tabel[1].caption.get_text()
    assert [td.get_text(strip=True) for td in tabel[1].select("tbody td")] == [
        "Rp84.000.000",
        "Rp60.000.000",
    ]


def test_unverified_line_is_marked(get_page):
    soup = get_page(_url(kasus="meninggal_kecelakaan_kerja", penghasilan="100000"))

    baris = soup.select_one("tr[data-terverifikasi=tidak]")
    assert baris is not None
    assert "belum pasti" in baris.td.get_text()
    assert soup.select_one("#catatan-belum-pasti") is not None
    assert "batas bawah" in baris.th.get_text()


@pytest.mark.parametrize(
    ("isian", "kolom"),
    [
        ({"penghasilan": "-500000"}, "penghasilan"),
        ({"anak_1": "sd", "anak_2": "smp", "anak_3": "sma"}, "anak"),
        ({"anak_1": "s3"}, "anak"),
        ({"kasus": "dipecat"}, "kasus"),
        ({"lama_kepesertaan_tahun": "tiga"}, "lama_kepesertaan_tahun"),
    ],
)
def test_invalid_input_is_422_with_a_linked_error_summary_and_nothing_computed(
    get_page, isian, kolom
):
    soup = get_page(_url(**isian), status=422)

    ringkasan = soup.select_one("#ringkasan-kesalahan")
    tautan = [a["href"] for a in ringkasan.select("a")]
    assert tautan == [f"#{kolom}"]
    assert soup.find(id=kolom) is not None  # the link lands on a real field
    assert soup.select_one(f"#{kolom}-galat")  # and the field shows the message too
    assert soup.select_one("[data-total]") is None
    assert soup.select_one("table.tabel-rincian") is None


def test_negative_income_message(get_page):
    soup = get_page(_url(penghasilan="-1"), status=422)
    assert (
        "Penghasilan yang dilaporkan tidak boleh kurang dari nol."
        in soup.select_one("#ringkasan-kesalahan").get_text()
    )
    assert soup.select_one("#penghasilan")["aria-invalid"] == "true"


def test_htmx_request_gets_the_result_fragment(client, page_checker):
    r = client.get(KALKULATOR_JKM, headers=HX)

    assert r.status_code == 200
    assert "HX-Request" in r.headers["Vary"]
    soup = page_checker.check_fragment(r.get_data(as_text=True))
    assert soup.select_one("[data-total]")["data-total"] == "42000000"
    assert soup.select_one("form") is None


def test_htmx_request_with_bad_input_gets_the_422_fragment(client, page_checker):
    r = client.get(_url(penghasilan="-1"), headers=HX)

    assert r.status_code == 422
    soup = page_checker.check_fragment(r.get_data(as_text=True))
    assert soup.select_one("#ringkasan-kesalahan a")["href"] == "#penghasilan"
    assert soup.select_one("[data-total]") is None


def test_htmx_while_filling_in_is_not_an_error_yet(client, page_checker):
    """The first radio click sends empty fields; that is an unfinished form, not a mistake."""
    url = "/kalkulator?" + urlencode(
        {"kasus": "meninggal_biasa", "peserta": "mandiri", "penghasilan": "",
         "lama_kepesertaan_tahun": "", "anak_1": ""}
    )
    r = client.get(url, headers=HX)

    assert r.status_code == 200
    soup = page_checker.check_fragment(r.get_data(as_text=True))
    pesan = soup.select_one("[data-status=belum-lengkap]").get_text(" ", strip=True)
    assert "penghasilan yang dilaporkan ke BPJS" in pesan and "lama menjadi peserta" in pesan
    assert soup.select_one("#ringkasan-kesalahan") is None
    # The same empty form submitted without JavaScript is answered with the errors.
    assert client.get(url).status_code == 422


def test_history_restore_gets_the_full_page(client):
    r = client.get(KALKULATOR_JKM, headers={**HX, "HX-History-Restore-Request": "true"})
    assert "<html" in r.get_data(as_text=True)


def test_programme_participant_is_the_default_and_ignores_real_income(get_page):
    """A driver types his real income; a SIGAP participant is paid on the lowest bracket."""
    soup = get_page("/kalkulator?" + urlencode(
        {"kasus": "cacat_total_tetap", "penghasilan": "3500000", "lama_kepesertaan_tahun": "1"}))
    assert soup.select_one("#peserta").has_attr("checked")
    assert soup.select_one("[data-total]")["data-total"] == "68000000"
    rincian = soup.select_one("table.tabel-rincian").get_text(" ", strip=True)
    assert "penghasilan terdaftar peserta SIGAP Rp1.000.000" in rincian
    assert "24 × Rp500.000, dibayar sekaligus" in rincian
    label = soup.select_one("label[for=penghasilan]").get_text(" ", strip=True)
    assert label == "Penghasilan per bulan yang dilaporkan ke BPJS"


def test_self_paying_bpu_uses_the_declared_income(get_page):
    soup = get_page(_url(kasus="cacat_total_tetap", penghasilan="3500000"))
    assert soup.select_one("[data-total]")["data-total"] == str(196_000_000 + 12_000_000)
    assert "penghasilan yang dilaporkan ke BPJS Rp3.500.000" in soup.select_one(
        "table.tabel-rincian").get_text(" ", strip=True)


def test_unknown_payer_is_422(get_page):
    soup = get_page(_url(peserta="perusahaan"), status=422)
    assert soup.select_one("#ringkasan-kesalahan a")["href"] == "#peserta"
