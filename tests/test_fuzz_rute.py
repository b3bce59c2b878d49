"""Issue 10, acceptance: a Hypothesis fuzz over every route — methods, query strings, form
bodies and headers (Host included) — with 5 000 examples: never a 5xx, never an unescaped
reflection of what was sent."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from flask_login import login_user
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PENANDA = "<sigap-x\"'>"  # must never come back unescaped
CONTOH_PER_TES = 2500  # two tests (anonymous, officer): 5 000 examples in all

teks = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
nilai = st.one_of(
    teks,
    st.sampled_from(["1", "2", "minta", "abc", "jkm", "usia"]),
    st.sampled_from(["", "0", "1", "-1", "²", "٣", "9223372036854775808", "9" * 40, "\x00",
                     "a..b", "%00", "%", "../../etc/passwd", "javascript:alert(1)", PENANDA,
                     "3275011506880001", "//evil.example", "\r\nX-Sisip: 1"]),
)
host = st.sampled_from(["localhost", "localhost:5000", "a..b", ".", "evil.example",
                        "bücher.example", "[::1]", "x" * 300, "localhost:99999", ""])
metode = st.sampled_from(["GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS"])


def _rute(app) -> list:
    return [r for r in app.url_map.iter_rules() if not r.rule.startswith("/_uji")]


@st.composite
def permintaan(draw, rute):
    aturan = draw(st.sampled_from(rute))
    isi = {}
    for nama in aturan.arguments:
        isi[nama] = draw(nilai)
    alamat = aturan.rule
    for nama, v in isi.items():
        # Replace <conv(args):name> by the fuzzed value, percent-encoded as a browser would.
        alamat = re.sub(r"<[^<>]*?\b" + nama + ">", lambda _m, v=v: quote(v, safe=""), alamat)
    query = draw(st.lists(st.tuples(st.one_of(st.sampled_from(
        ["halaman", "q", "next", "status", "peserta", "pelaku", "kpj"]), teks), nilai),
        max_size=4))
    form = draw(st.dictionaries(st.one_of(st.sampled_from(
        ["identitas", "sandi", "kode", "nik", "ke", "versi", "jumlah_disetujui", "catatan",
         "peserta", "user_id", "kpj", "nama", "next"]), teks), nilai, max_size=5))
    kepala = {"Host": draw(host)}
    if draw(st.booleans()):
        kepala["HX-Request"] = "true"
    if draw(st.booleans()):
        kepala["X-Forwarded-For"] = draw(nilai).replace("\n", "").replace("\r", "")
    return draw(metode), alamat, query, form, kepala


def _kirim(klien, req):
    m, alamat, query, form, kepala = req
    kepala = {k: v for k, v in kepala.items() if v and "\x00" not in v
              and v.isprintable() and v.isascii()} or {}
    try:
        return klien.open(alamat, method=m, query_string=query,
                          data=form if m not in ("GET", "HEAD") else None, headers=kepala)
    except ValueError:
        pytest.skip("the test client itself refused this request")  # never reached in practice


STATUS: dict[int, int] = {}


def _periksa(jawab, req):
    STATUS[jawab.status_code] = STATUS.get(jawab.status_code, 0) + 1
    assert jawab.status_code < 500, (req, jawab.status_code)
    if not (jawab.mimetype or "").startswith(("text/", "application/json", "application/atom")):
        return  # images, PDFs, icons: nothing is reflected into them
    badan = jawab.get_data(as_text=True)
    assert PENANDA not in badan and "<sigap-x" not in badan, req


PENGATURAN = settings(max_examples=CONTOH_PER_TES, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))


def test_every_route_anonymous(app, db):
    rute = _rute(app)
    klien = app.test_client()

    @PENGATURAN
    @given(req=permintaan(rute))
    def jalan(req):
        _periksa(_kirim(klien, req), req)

    STATUS.clear()
    jalan()
    _cakupan()


def _cakupan() -> None:
    """The fuzz reached pages (200) and refusals (4xx), not only one kind of answer."""
    assert sum(STATUS.values()) >= CONTOH_PER_TES
    assert STATUS.get(200, 0) > CONTOH_PER_TES // 50, STATUS
    assert {400, 404} <= set(STATUS), STATUS


def test_every_route_signed_in_as_an_officer(app, db, factory):
    petugas = factory.user(peran="petugas")

    def _masuk_uji():
        login_user(db.session.get(type(petugas), petugas.id))
        return "ok"

    _masuk_uji.sigap_akses = "publik"
    app.add_url_rule("/_uji/masuk-fuzz", "uji_masuk_fuzz", _masuk_uji)
    rute = _rute(app)
    klien = app.test_client()

    @PENGATURAN
    @given(req=permintaan(rute))
    def jalan(req):
        if klien.get_cookie("sigap_sesi") is None or req[1] == "/keluar":
            klien.get("/_uji/masuk-fuzz")
        _periksa(_kirim(klien, req), req)

    klien.get("/_uji/masuk-fuzz")
    STATUS.clear()
    jalan()
    _cakupan()
