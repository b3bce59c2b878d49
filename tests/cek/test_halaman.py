"""/cek over HTTP: the pages, the flow between them, both shapes, errors and privacy."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from app import create_app
from app.cek.aturan import hari_ini
from app.domain.kelayakan import Aturan, AturanTidakValid
from app.services import waktu
from app.services.waktu import tanggal_wib
from tests.cek.conftest import LENGKAP

ROOT = Path(__file__).resolve().parents[2]
HX = {"HX-Request": "true"}
PERTANYAAN = ["kepesertaan", "domisili", "pekerjaan", "usia", "desil"]
# One answer set per outcome, each decided as early as the rules allow.
HASIL = {
    "prioritas": LENGKAP,
    "memenuhi": LENGKAP.replace("desil=1_3", "desil=4_5"),
    "perlu_dicek": LENGKAP.replace("desil=1_3", "desil=tidak_tahu"),
    "tidak_memenuhi": "kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=karyawan",
    "sudah_terlindungi": "kepesertaan=aktif",
}


def _query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


# --- start page -------------------------------------------------------------------------------

def test_start_page_explains_the_check_and_links_to_the_first_question(get_page):
    soup = get_page("/cek")
    assert soup.h1.get_text(strip=True) == "Cek kelayakan"
    teks = soup.main.get_text(" ", strip=True)
    assert "Jawab 5 pertanyaan" in teks
    assert "tidak kami simpan" in teks
    assert len(soup.select(".cek-daftar-pertanyaan li")) == 5
    mulai = soup.select_one(".cek-mulai a")
    assert mulai["href"] == "/cek/kepesertaan"
    assert mulai["data-hx-get"] == "/cek/kepesertaan" and mulai["data-hx-push-url"] == "true"
    assert soup.find("a", href="/cek/aturan")


def test_navigation_shows_the_check(get_page):
    soup = get_page("/")
    nav = soup.select_one(".site-nav")
    assert nav.find("a", href="/cek", string="Cek Kelayakan")
    soup = get_page("/cek/usia?kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=ojol")
    assert soup.select_one('.site-nav a[aria-current="page"]')["href"] == "/cek"


# --- question pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("nomor,parameter", list(enumerate(PERTANYAAN, start=1)))
def test_each_question_page(get_page, nomor, parameter):
    sebelumnya = "&".join(LENGKAP.split("&")[: nomor - 1])
    soup = get_page(f"/cek/{parameter}?{sebelumnya}" if sebelumnya else f"/cek/{parameter}")
    assert f"Pertanyaan {nomor} dari 5" in soup.select_one(".cek-nomor").get_text()
    form = soup.select_one("form.cek-form")
    assert form["method"] == "get" and form["action"] == "/cek/hasil"
    assert form["data-hx-get"] == "/cek/hasil" and form["data-hx-target"] == "#cek-panel"
    assert form["data-hx-push-url"] == "true"
    # Earlier answers ride along as hidden fields, in question order.
    tersembunyi = [(i["name"], i["value"]) for i in form.select('input[type="hidden"]')]
    # The empty one after the radios turns "nothing chosen" into an error, not a reload.
    kosong = [(parameter, "")] if parameter != "usia" else []
    assert [t for t in tersembunyi if t[1]] == parse_qsl(sebelumnya)
    assert [t for t in tersembunyi if not t[1]] == kosong
    assert form.find("button", string="Lanjut")
    kembali = soup.select_one(".cek-kembali a")
    if nomor == 1:
        assert kembali["href"] == "/cek"
    else:
        assert kembali["href"] == f"/cek/{PERTANYAAN[nomor - 2]}?{sebelumnya}"
    ubah = soup.select(".cek-jawaban .cek-ubah a")
    assert len(ubah) == nomor - 1
    for a, q in zip(ubah, PERTANYAAN, strict=False):
        assert urlsplit(a["href"]).path == f"/cek/{q}"
        assert _query(a["href"]) == parse_qsl(sebelumnya), "Ubah keeps every other answer"
    assert soup.select_one(".cek-ulang a")["href"] == "/cek"
    assert soup.select_one("#cek-panel h1"), "the swapped panel holds the heading"


def test_choice_question_has_large_radios_with_the_first_radio_named_after_it(get_page):
    soup = get_page("/cek/domisili?kepesertaan=tidak")
    radios = soup.select('.cek-pilihan input[type="radio"]')
    assert [r["value"] for r in radios] == ["kota_bekasi", "kab_bekasi", "lainnya"]
    assert radios[0]["id"] == "domisili"
    assert all(r["name"] == "domisili" for r in radios)
    assert soup.select_one("fieldset legend h1").get_text(strip=True) == (
        "Alamat di KTP Anda ada di mana?"
    )
    assert soup.select_one("#domisili-petunjuk")
    assert "domisili-petunjuk" in soup.select_one("fieldset")["aria-describedby"]


def test_age_question_is_a_numeric_text_field(get_page):
    soup = get_page("/cek/usia?kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=ojol")
    field = soup.select_one("input#usia")
    assert field["inputmode"] == "numeric" and field["type"] == "text"
    assert soup.select_one("h1 label")["for"] == "usia"
    assert field["aria-describedby"] == "usia-petunjuk"


def test_changing_an_answer_preselects_it_and_keeps_the_later_ones(get_page):
    soup = get_page(f"/cek/pekerjaan?{LENGKAP}")
    assert soup.select_one('input[name="pekerjaan"][checked]')["value"] == "ojol"
    form = soup.select_one("form.cek-form")
    nama = [i["name"] for i in form.select("input")]
    # Earlier answers before the radios, later ones after: the submitted URL stays in order.
    assert [n for n in nama if n != "pekerjaan"] == ["kepesertaan", "domisili", "usia", "desil"]
    assert nama.index("domisili") < nama.index("pekerjaan") < nama.index("usia")
    soup = get_page(f"/cek/usia?{LENGKAP}")
    assert soup.select_one("input#usia")["value"] == "40"


def test_unknown_question_is_404(get_page):
    soup = get_page("/cek/nik", 404)
    assert "tidak ditemukan" in soup.h1.get_text()


def test_question_after_a_decided_outcome_redirects_to_the_result(client):
    response = client.get("/cek/usia?kepesertaan=aktif&domisili=lainnya")
    assert response.status_code == 303
    assert response.headers["Location"] == "/cek/hasil?kepesertaan=aktif&domisili=lainnya"
    # Changing the deciding answer itself is allowed.
    assert client.get("/cek/kepesertaan?kepesertaan=aktif").status_code == 200


def test_question_out_of_order_is_still_shown(get_page):
    # The form posts to /cek/hasil, which sends the person to the real gap next.
    soup = get_page("/cek/desil?kepesertaan=tidak")
    assert soup.select_one("#desil")


# --- the result page and the 303 --------------------------------------------------------------

@pytest.mark.parametrize(
    "query,lokasi",
    [
        ("", "/cek/kepesertaan"),
        ("kepesertaan=tidak", "/cek/domisili?kepesertaan=tidak"),
        ("kepesertaan=tidak_tahu&domisili=kota_bekasi",
         "/cek/pekerjaan?kepesertaan=tidak_tahu&domisili=kota_bekasi"),
        ("desil=1_3&kepesertaan=tidak&nama=Budi", "/cek/domisili?kepesertaan=tidak&desil=1_3"),
    ],
)
def test_undecided_answers_redirect_to_the_next_question_keeping_them(client, query, lokasi):
    response = client.get(f"/cek/hasil?{query}")
    assert response.status_code == 303
    assert response.headers["Location"] == lokasi


@pytest.mark.parametrize("outcome", sorted(HASIL))
def test_each_outcome_page(get_page, outcome):
    soup = get_page(f"/cek/hasil?{HASIL[outcome]}")
    assert [el["data-outcome"] for el in soup.select("[data-outcome]")] == [outcome]
    utama = soup.select_one("[data-outcome]")
    assert utama.h1 and utama.select_one(".lead").get_text(strip=True)
    assert soup.find("h2", string="Mengapa?")
    for baris in soup.select("[data-criterion]"):
        status = baris["data-status"]
        simbol, kata = {"met": ("✓", "Terpenuhi"), "not_met": ("✗", "Tidak terpenuhi"),
                        "unknown": ("?", "Belum pasti")}[status]
        tanda = baris.select_one(".cek-status")
        assert tanda.get_text(" ", strip=True) == f"{simbol} {kata}"
        assert tanda.select_one("[aria-hidden=true]").get_text() == simbol
    legenda = [dt.get_text(strip=True) for dt in soup.select(".cek-legenda dt")]
    assert legenda == ["Terpenuhi", "Tidak terpenuhi", "Belum pasti"]
    assert soup.select(".cek-langkah li")
    teks = soup.main.get_text(" ", strip=True)
    assert "Ini bukan pendaftaran." in teks and "tidak kami simpan" in teks
    assert "Aturan per 23 November 2026" in teks
    assert "Hasil dihitung pada 1 Juni 2026" in teks
    assert soup.select_one(".cek-aturan-per a")["href"] == "/cek/aturan"


def test_result_lines_show_the_answer_and_link_to_change_it(get_page):
    soup = get_page(f"/cek/hasil?{LENGKAP}")
    usia = soup.select_one('[data-criterion="usia"]')
    assert "Jawaban Anda: 40." in usia.get_text(" ", strip=True)
    ubah = usia.select_one(".cek-ubah a")
    assert ubah["href"] == f"/cek/usia?{LENGKAP}"
    assert "Berapa usia Anda sekarang?" in ubah.get_text()


def test_two_criteria_on_one_question_show_as_one_line_with_the_worst_status(get_page):
    soup = get_page("/cek/hasil?kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=karyawan")
    (baris,) = soup.select('[data-criterion="pekerjaan"]')
    assert baris["data-status"] == "not_met"
    assert baris["data-kriteria"] == "tanpa_skema_lain bukan_penerima_upah"
    # Only the failing reason is shown under a ✗ line.
    assert "pemberi kerja" in baris.get_text()
    assert "skema lain" not in baris.get_text()
    soup = get_page(f"/cek/hasil?{LENGKAP}")
    (baris,) = soup.select('[data-criterion="pekerjaan"]')
    assert baris["data-status"] == "met"
    alasan = [p.get_text(strip=True) for p in baris.select("p") if not p.get("class")]
    assert len(alasan) == 2 and "skema lain" in alasan[0] and "(BPU)" in alasan[1]


def test_unverified_criteria_say_so_and_link_to_their_note(get_page):
    soup = get_page(f"/cek/hasil?{LENGKAP}")
    catatan = soup.select(".cek-belum-pasti li a")
    assert [a["href"] for a in catatan] == [
        "/cek/aturan#kriteria-ktp_wilayah", "/cek/aturan#kriteria-usia_kerja",
        "/cek/aturan#kriteria-desil_sasaran",
    ]
    assert len(soup.select(".tag--belum")) == 1  # one marker for the section


def test_share_links_carry_only_the_clean_answers(get_page):
    soup = get_page(f"/cek/hasil?{LENGKAP}&nik=3275011506880001&nama=Budi&utm_source=wa")
    html = str(soup)
    assert "3275011506880001" not in html and "Budi" not in html and "utm_source" not in html
    tautan = soup.select_one(".cek-tautan a")
    assert tautan["href"] == f"http://localhost/cek/hasil?{LENGKAP}"
    wa = soup.find("a", string="Bagikan lewat WhatsApp")["href"]
    assert wa.startswith("https://wa.me/?text=")
    pesan = unquote(wa.removeprefix("https://wa.me/?text="))
    assert pesan.startswith("Hasil cek kelayakan SIGAP: Anda termasuk prioritas.")
    assert pesan.endswith(f"http://localhost/cek/hasil?{LENGKAP}")


def test_every_page_links_the_print_stylesheet(get_page):
    for url in ("/cek", "/cek/kepesertaan", f"/cek/hasil?{LENGKAP}", "/cek/aturan"):
        soup = get_page(url)
        css = soup.select_one('link[href^="/static/css/cetak-cek."][href$=".css"]')
        assert css is not None and css["media"] == "print", url
    assert (ROOT / "static" / "css" / "cetak-cek.css").is_file()


# --- invalid values: 422 on the question page -------------------------------------------------

@pytest.mark.parametrize(
    "url,pertanyaan,pesan",
    [
        ("/cek/hasil?kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=ojol&usia=abc",
         "usia", "angka"),
        (f"/cek/hasil?{LENGKAP.replace('usia=40', 'usia=200')}", "usia", "antara 0 dan 120"),
        ("/cek/hasil?kepesertaan=tidak&domisili=jakarta", "domisili", "tidak ada di daftar"),
        ("/cek/usia?kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=ojol&usia=abc",
         "usia", "angka"),
        ("/cek/usia?usia=200", "usia", "antara 0 dan 120"),
        ("/cek/domisili?kepesertaan=tidak&domisili=jakarta", "domisili", "tidak ada di daftar"),
        # The invalid question is shown, whichever question's URL it came in on.
        ("/cek/desil?kepesertaan=tidak&domisili=jakarta", "domisili", "tidak ada di daftar"),
    ],
)
def test_invalid_value_shows_that_question_with_an_error_summary(get_page, url, pertanyaan, pesan):
    soup = get_page(url, 422)
    ringkasan = soup.select_one("#ringkasan-kesalahan")
    assert ringkasan["role"] == "alert"
    (tautan,) = ringkasan.select("a")
    assert tautan["href"] == f"#{pertanyaan}" and pesan in tautan.get_text()
    field = soup.find(id=pertanyaan)
    assert field.name == "input" and field["aria-invalid"] == "true"
    # A number field names its error itself; radios through their fieldset.
    dijelaskan = field.find_parent("fieldset") if field["type"] == "radio" else field
    assert f"{pertanyaan}-galat" in dijelaskan["aria-describedby"].split()
    assert soup.select_one(f"#{pertanyaan}-galat")
    dibawa = soup.select(f'form input[type="hidden"][name="{pertanyaan}"]')
    assert all(not i["value"] for i in dibawa), "the invalid answer is not carried along"


def test_continuing_without_choosing_asks_to_choose(get_page, client):
    # The form sends the chosen radio first and the empty fallback after it.
    soup = get_page("/cek/hasil?kepesertaan=tidak&domisili=", 422)
    assert "Pilih salah satu jawaban" in soup.select_one("#ringkasan-kesalahan").get_text()
    response = client.get("/cek/hasil?kepesertaan=tidak&domisili=kota_bekasi&domisili=")
    assert response.status_code == 303
    assert response.headers["Location"] == (
        "/cek/pekerjaan?kepesertaan=tidak&domisili=kota_bekasi"
    )


def test_invalid_age_is_shown_again_for_correction(get_page):
    url = "/cek/hasil?kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=ojol&usia=abc"
    soup = get_page(url, 422)
    assert soup.select_one("input#usia")["value"] == "abc"


# --- unknown parameters -----------------------------------------------------------------------

def test_unknown_parameters_are_dropped_from_every_link_and_field(get_page):
    soup = get_page("/cek/usia?kepesertaan=tidak&nik=3275011506880001&domisili=kota_bekasi"
                    "&pekerjaan=ojol&Usia=9&nama=Budi")
    html = str(soup.main)
    assert "3275011506880001" not in html and "Budi" not in html and "Usia" not in html
    tersembunyi = [i["name"] for i in soup.select('form input[type="hidden"]') if i["value"]]
    assert tersembunyi == ["kepesertaan", "domisili", "pekerjaan"]


# --- one URL, two shapes ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "url,status",
    [
        ("/cek", 200),
        ("/cek/kepesertaan", 200),
        (f"/cek/hasil?{LENGKAP}", 200),
        ("/cek/hasil?kepesertaan=tidak&domisili=jakarta", 422),
    ],
)
def test_full_page_without_htmx_fragment_with_it(client, page_checker, url, status):
    penuh = client.get(url)
    assert penuh.status_code == status
    page_checker.check(penuh.get_data(as_text=True))
    assert "HX-Request" in penuh.headers["Vary"]

    fragmen = client.get(url, headers=HX)
    assert fragmen.status_code == status
    soup = page_checker.check_fragment(fragmen.get_data(as_text=True))
    assert len(soup.find_all("h1")) == 1, "focus goes to the panel's h1 after the swap"
    assert soup.select_one("[data-judul-dokumen]")
    assert not soup.select("#cek-panel"), "the fragment is the panel's content"
    assert "HX-Request" in fragmen.headers["Vary"]

    # A history restore needs the whole page back.
    pulih = client.get(url, headers=HX | {"HX-History-Restore-Request": "true"})
    assert "<html" in pulih.get_data(as_text=True)


def test_htmx_gets_the_next_question_instead_of_a_redirect(client, page_checker):
    response = client.get("/cek/hasil?kepesertaan=tidak&nama=Budi", headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "/cek/domisili?kepesertaan=tidak"
    soup = page_checker.check_fragment(response.get_data(as_text=True))
    assert soup.h1.get_text(strip=True) == "Alamat di KTP Anda ada di mana?"


def test_htmx_gets_the_result_instead_of_a_redirect(client, page_checker):
    response = client.get("/cek/usia?kepesertaan=aktif", headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "/cek/hasil?kepesertaan=aktif"
    soup = page_checker.check_fragment(response.get_data(as_text=True))
    assert soup.select_one("[data-outcome]")["data-outcome"] == "sudah_terlindungi"


def test_htmx_result_pushes_the_clean_url(client):
    response = client.get(f"/cek/hasil?{LENGKAP}&utm_source=wa", headers=HX)
    assert response.headers["HX-Push-Url"] == f"/cek/hasil?{LENGKAP}"


# --- privacy ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "url",
    ["/cek", "/cek/kepesertaan", "/cek/hasil", f"/cek/hasil?{LENGKAP}",
     "/cek/hasil?usia=abc", "/cek/tidak-ada", "/cek/aturan", "/cek/aturan?versi=2025"],
)
@pytest.mark.parametrize("headers", [{}, HX], ids=["penuh", "htmx"])
def test_no_cookie_is_set(client, url, headers):
    response = client.get(url, headers=headers)
    assert "Set-Cookie" not in response.headers, url


# --- the rules page ---------------------------------------------------------------------------

def test_rules_page_shows_the_version_in_force(get_page):
    soup = get_page("/cek/aturan")
    assert soup.h1.get_text(strip=True) == "Aturan cek kelayakan Kota Bekasi 2026"
    teks = soup.main.get_text(" ", strip=True)
    for bagian in ("1 Januari 2026 sampai 31 Desember 2026", "23 November 2026",
                   "PP 49/2023", "Taspen", "Desil 1, 2, atau 3", "1_3", "15 sampai 65"):
        assert bagian in teks, bagian
    kriteria = [s["id"] for s in soup.select(".cek-aturan__kriteria")]
    assert kriteria == ["kriteria-belum_terlindungi", "kriteria-ktp_wilayah",
                        "kriteria-tanpa_skema_lain", "kriteria-bukan_penerima_upah",
                        "kriteria-usia_kerja", "kriteria-desil_sasaran"]
    usia = soup.select_one("#kriteria-usia_kerja")
    assert "Belum dipastikan" in usia.get_text() and "56 tahun" in usia.get_text()
    assert "Sudah dipastikan" in soup.select_one("#kriteria-bukan_penerima_upah").get_text()
    assert "Belum dipastikan" in soup.select_one("#kriteria-ktp_wilayah").get_text()
    versi = soup.select("table")[-1].get_text(" ", strip=True)
    assert "Berlaku sekarang" in versi and "Sudah berakhir" in versi
    assert soup.find("a", href="/cek/aturan?versi=2025")


def test_rules_page_tables_scroll_in_regions_named_by_their_captions(get_page):
    soup = get_page("/cek/aturan")
    wilayah = soup.select(".table-scroll")
    assert len(wilayah) == 2
    for w in wilayah:
        assert w["role"] == "region" and w["tabindex"] == "0"
        assert w["aria-label"] == w.table.caption.get_text(strip=True)
        assert [th.get_text() for th in w.select("thead th[scope=col]")]


def test_rules_page_shows_an_older_version_on_request(get_page):
    soup = get_page("/cek/aturan?versi=2025")
    assert soup.h1.get_text(strip=True) == "Aturan cek kelayakan Kota Bekasi 2025"
    assert "bukan aturan yang berlaku sekarang" in soup.select_one(".notice").get_text()
    get_page("/cek/aturan?versi=1999", 404)


# --- dates and versions -----------------------------------------------------------------------

def test_the_version_follows_the_date(client, tanggal_cek):
    query = LENGKAP.replace("desil=1_3", "desil=4_5")
    tanggal_cek(date(2025, 12, 31))
    assert b'data-outcome="perlu_dicek"' in client.get(f"/cek/hasil?{query}").data
    tanggal_cek(date(2026, 1, 1))
    assert b'data-outcome="memenuhi"' in client.get(f"/cek/hasil?{query}").data


@pytest.mark.parametrize(
    "url", ["/cek", "/cek/kepesertaan", f"/cek/hasil?{LENGKAP}", "/cek/hasil", "/cek/aturan"]
)
def test_before_the_first_version_is_a_friendly_503(get_page, client, page_checker,
                                                    tanggal_cek, url):
    tanggal_cek(date(2025, 11, 4))
    soup = get_page(url, 503)
    assert soup.h1.get_text(strip=True) == "Cek kelayakan sedang diperbarui"
    assert "4 November 2025" in soup.main.get_text()
    assert soup.find("a", href="/cek/aturan?versi=2026")
    fragmen = client.get(url, headers=HX)
    assert fragmen.status_code == 503
    page_checker.check_fragment(fragmen.get_data(as_text=True))


CATATAN_LEWAT = "aturan terakhir yang kami ketahui berlaku sampai 31 desember 2026"


@pytest.mark.parametrize("tanggal", [date(2027, 1, 15), date(2028, 6, 1)])
@pytest.mark.parametrize("outcome", list(HASIL))
def test_after_the_last_version_ends_the_result_is_full_with_a_note(
    get_page, client, page_checker, tanggal_cek, tanggal, outcome
):
    tanggal_cek(tanggal)
    soup = get_page(f"/cek/hasil?{HASIL[outcome]}")
    assert soup.select_one("[data-outcome]")["data-outcome"] == outcome
    assert CATATAN_LEWAT in soup.select_one(".cek-lewat").get_text(" ", strip=True).lower()
    assert soup.select(".cek-langkah li")
    fragmen = client.get(f"/cek/hasil?{HASIL[outcome]}", headers=HX)
    assert fragmen.status_code == 200
    assert CATATAN_LEWAT in fragmen.get_data(as_text=True).lower()
    page_checker.check_fragment(fragmen.get_data(as_text=True))


@pytest.mark.parametrize("tanggal", [date(2027, 1, 15), date(2028, 6, 1)])
@pytest.mark.parametrize("url", ["/cek", *(f"/cek/{q}" for q in PERTANYAAN), "/cek/aturan"])
def test_after_the_last_version_ends_every_question_carries_the_note(
    get_page, tanggal_cek, tanggal, url
):
    tanggal_cek(tanggal)
    soup = get_page(url)
    assert CATATAN_LEWAT in soup.select_one(".cek-lewat").get_text(" ", strip=True).lower()


def test_no_note_while_the_rules_are_in_force(get_page, tanggal_cek):
    tanggal_cek(date(2026, 12, 31))
    assert get_page(f"/cek/hasil?{LENGKAP}").select_one(".cek-lewat") is None


def test_the_page_store_keys_by_date(client, tanggal_cek):
    url = f"/cek/hasil?{LENGKAP}"
    tanggal_cek(date(2026, 12, 31))
    assert b"cek-lewat" not in client.get(url).data
    tanggal_cek(date(2027, 1, 15))
    assert b"cek-lewat" in client.get(url).data
    tanggal_cek(date(2026, 12, 31))
    assert b"cek-lewat" not in client.get(url).data


def test_old_versions_stay_readable_after_the_last_one_ends(get_page, tanggal_cek):
    tanggal_cek(date(2027, 1, 1))
    soup = get_page("/cek/aturan?versi=2025")
    assert "bukan aturan yang berlaku" in soup.select_one(".notice").get_text()


def test_today_is_the_date_in_bekasi():
    # 17:30 UTC on 31 December is already 1 January in Bekasi (UTC+7).
    assert tanggal_wib(datetime(2026, 12, 31, 17, 30, tzinfo=UTC)) == date(2027, 1, 1)
    assert tanggal_wib(datetime(2026, 12, 31, 16, 59, tzinfo=UTC)) == date(2026, 12, 31)
    assert hari_ini is waktu.hari_ini  # the rules use the one clock


# --- start-up ---------------------------------------------------------------------------------

def test_rules_are_loaded_once_at_start_up(app, client, monkeypatch):
    versi = app.extensions["sigap_aturan"]
    assert [a.versi for a in versi] == ["2025", "2026"]
    assert all(isinstance(a, Aturan) for a in versi)

    def jangan(*args, **kwargs):
        raise AssertionError("rules must not be read per request")

    monkeypatch.setattr("app.cek.aturan.muat_aturan", jangan)
    monkeypatch.setattr("app.domain.kelayakan.muat_aturan", jangan)
    assert client.get(f"/cek/hasil?{LENGKAP}").status_code == 200


def test_a_broken_rule_file_stops_the_app_at_start_up(tmp_path):
    konten = tmp_path / "content"
    konten.mkdir()
    for bagian in (ROOT / "content").iterdir():
        if bagian.name != "rules":
            (konten / bagian.name).symlink_to(bagian)
    (konten / "rules" / "kota-bekasi").mkdir(parents=True)
    (konten / "rules" / "kota-bekasi" / "2026.yaml").write_text("wilayah: [", "utf-8")
    with pytest.raises(AturanTidakValid, match=r"2026\.yaml"):
        create_app("testing", SQLALCHEMY_DATABASE_URI="sqlite://", CONTENT_ROOT=str(konten))


# --- make bench -------------------------------------------------------------------------------

def test_bench_pages_for_the_check_answer_200(client, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench", bench)  # its dataclasses look themselves up
    spec.loader.exec_module(bench)
    halaman = [(label, path, h) for label, path, h in bench.PAGES if path.startswith("/cek")]
    assert len(halaman) == 2
    for label, path, headers in halaman:
        assert client.get(path, headers=headers).status_code == 200, label


def test_invalid_text_is_shown_back_without_control_characters(get_page):
    soup = get_page("/cek/usia?kepesertaan=tidak&usia=%1F4%1E2" + "x" * 50, 422)
    nilai = soup.select_one("input#usia")["value"]
    assert nilai.startswith("42x") and len(nilai) == 20
