"""Hypothesis throws arbitrary query strings at /cek/hasil and /cek/<param>: never a 500."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PERTANYAAN = ["kepesertaan", "domisili", "pekerjaan", "usia", "desil"]
NILAI = [
    "aktif", "tidak", "tidak_tahu", "kota_bekasi", "kab_bekasi", "lainnya", "ojol", "karyawan",
    "asn", "non_asn_rt_rw_kader", "pemulung", "1_3", "4_5", "6_10", "tidak_terdata",
    "0", "14", "15", "65", "66", "120", "121", "-1", "abc", "", " ", "40.5", "1e3", "٤٠",
    "9" * 40, "<script>", "\"'><h1>", "%", "\x00", "\u202e",
]
# Fixtures here are stateless for these requests (no session, no database writes).
PENGATURAN = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
STATUS_SAH = {200, 303, 400, 404, 422}  # 400: a NUL byte (refused before any view)

parameter = st.lists(
    st.tuples(
        st.one_of(st.sampled_from([*PERTANYAAN, "nik", "nama", "Usia"]), st.text(max_size=10)),
        st.one_of(st.sampled_from(NILAI), st.text(max_size=40)),
    ),
    max_size=8,
)
# Raw query strings too: broken percent escapes, stray separators, invalid UTF-8.
mentah = st.text(
    alphabet=st.sampled_from(list("&=%+;?#abcdeiklmnoprstuy_0123456789 CFZ\u00e9")),
    max_size=60,
).map(lambda s: quote(s, safe="&=%+;?"))
halaman = st.one_of(
    st.sampled_from(["hasil", *PERTANYAAN]),
    # One path segment: a "/" would make it another URL (werkzeug merges double slashes).
    st.text(st.characters(exclude_characters="/", exclude_categories=("Cs",)), max_size=15).map(
        lambda s: quote(s, safe="")
    ),
)


def _periksa(response, page_checker, htmx: bool) -> None:
    assert response.status_code in STATUS_SAH, response.status_code
    assert "Set-Cookie" not in response.headers
    html = response.get_data(as_text=True)
    # Our own pages must stay valid whatever came in (404s are the shared error page).
    if response.status_code in (200, 422) and not htmx:
        page_checker.check(html)


@PENGATURAN
@given(pasangan=parameter, htmx=st.booleans())
def test_any_answers_on_the_result_url(client, page_checker, pasangan, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get("/cek/hasil?" + urlencode(pasangan), headers=headers)
    _periksa(response, page_checker, htmx)


@PENGATURAN
@given(nama=halaman, pasangan=parameter, htmx=st.booleans())
def test_any_answers_on_any_question_url(client, page_checker, nama, pasangan, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(f"/cek/{nama}?" + urlencode(pasangan), headers=headers)
    _periksa(response, page_checker, htmx)


@PENGATURAN
@given(nama=halaman, query=mentah)
def test_any_raw_query_string(client, page_checker, nama, query):
    response = client.get(f"/cek/{nama}", query_string=query)
    _periksa(response, page_checker, htmx=False)
