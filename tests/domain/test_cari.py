"""Search index: Indonesian word folding, BM25F ranking, snippets, limits (no Flask)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.cari import (
    JENIS_BAGIAN,
    JENIS_FAQ,
    JENIS_HALAMAN,
    MAKS_PANJANG_Q,
    Dokumen,
    Indeks,
    akar,
    bersihkan_q,
    dokumen_dari_konten,
    istilah,
    lipat,
    rapikan,
)
from app.domain.konten import muat_konten

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def konten():
    return muat_konten(CONTENT, "kota-bekasi")


@pytest.fixture(scope="module")
def indeks(konten):
    return Indeks(dokumen_dari_konten(konten, lambda slug: f"/{slug}", "/faq"))


# ---------------------------------------------------------------- words


def test_folding_drops_case_and_accents():
    assert lipat("KÉMATIAN Ahli-Wáris") == "kematian ahli-waris"


@pytest.mark.parametrize(
    ("kata", "harapan"),
    [
        ("kematian", "mati"),  # ke-…-an
        ("meninggalnya", "inggal"),  # -nya, then men-
        ("pendaftaran", "daftar"),
        ("mendaftar", "daftar"),
        ("terdaftar", "daftar"),
        ("didaftarkan", "daftar"),
        ("diperbarui", "baru"),  # two prefixes
        ("pekerjaan", "kerja"),
        ("bekerjalah", "bekerja"),  # "be-" is not stripped: too ambiguous
        ("anak", "anak"),  # four letters: never cut
        ("kali", "kali"),
        ("sekolah", "seko"),  # -lah looks like a particle; harmless, both sides agree
        ("2025", "2025"),
    ],
)
def test_stemmer_is_light_and_keeps_four_letters(kata, harapan):
    assert akar(kata) == harapan


def test_stemmer_never_leaves_fewer_than_four_letters():
    for kata in ("dian", "mata", "peta", "sekali", "berani", "kelas", "diri", "kapan"):
        assert len(akar(kata)) >= 4


@pytest.mark.parametrize(
    "kelompok",
    [
        ("kematian", "meninggal", "Meninggalnya", "wafat", "JKM"),
        ("beasiswa", "sekolah", "pendidikan", "bersekolah"),
        ("kecelakaan", "celaka", "JKK"),
        ("iuran", "premi", "iurannya"),
    ],
)
def test_synonyms_and_abbreviations_share_a_term(kelompok):
    bersama = set.intersection(*(set(istilah(k)) for k in kelompok))
    assert bersama, kelompok


def test_function_words_have_no_terms():
    assert istilah("yang") == istilah("dan") == istilah("Di") == ()


def test_tidy_removes_the_space_tag_stripping_leaves():
    assert rapikan("ahli waris .  Lalu ( ini ) ,") == "ahli waris. Lalu ( ini),"


def test_query_is_cut_to_the_limit():
    q, dipotong = bersihkan_q("a" * 500)
    assert len(q) == MAKS_PANJANG_Q and dipotong
    assert bersihkan_q("  klaim   kematian ") == ("klaim kematian", False)
    assert bersihkan_q(None) == ("", False)


# ---------------------------------------------------------------- ranking


def _kecil() -> Indeks:
    return Indeks(
        [
            Dokumen(JENIS_HALAMAN, "/a", "Iuran peserta", "Siapa yang membayar."),
            Dokumen(JENIS_HALAMAN, "/b", "Hal lain", "Iuran disebut sekali di sini, iuran."),
            Dokumen(JENIS_FAQ, "/faq#c", "Pertanyaan", "Tidak ada hubungannya sama sekali."),
            Dokumen(JENIS_BAGIAN, "/d#x", "Kode <b>tebal</b>", "Teks <script>x</script> iuran."),
        ]
    )


def test_title_counts_more_than_body():
    assert [h.dokumen.url for h in _kecil().cari("iuran").hasil][:2] == ["/a", "/b"]


def test_only_matching_documents_are_returned():
    p = _kecil().cari("iuran")
    assert p.jumlah == 3 and "/faq#c" not in [h.dokumen.url for h in p.hasil]


def test_last_word_still_being_typed_matches_by_prefix():
    p = _kecil().cari("iur")
    assert p.hasil and p.hasil[0].dokumen.url == "/a"


def test_snippets_escape_text_and_mark_matches():
    hasil = {h.dokumen.url: h for h in _kecil().cari("iuran tebal").hasil}

    d = hasil["/d#x"]
    assert str(d.judul_html) == "Kode &lt;b&gt;<mark>tebal</mark>&lt;/b&gt;"
    assert str(d.cuplikan) == "Teks &lt;script&gt;x&lt;/script&gt; <mark>iuran</mark>."


def test_long_text_snippet_is_a_window_around_the_matches():
    isi = " ".join(["kata"] * 100 + ["santunan", "kematian"] + ["lain"] * 100)
    p = Indeks([Dokumen(JENIS_HALAMAN, "/x", "Judul", isi)]).cari("santunan")

    cuplikan = str(p.hasil[0].cuplikan)
    assert cuplikan.startswith("… ") and cuplikan.endswith(" …")
    assert "<mark>santunan</mark>" in cuplikan
    assert len(cuplikan.split()) < 40


def test_empty_and_function_word_queries_search_nothing():
    indeks = _kecil()
    assert indeks.cari("").jumlah == 0 and not indeks.cari("").ada_kata
    assert not indeks.cari("yang dan").ada_kata


def test_repeated_query_is_answered_from_memory():
    indeks = _kecil()
    assert indeks.cari("iuran") is indeks.cari(" iuran ")


def test_at_most_the_limit_is_returned_but_all_are_counted(indeks):
    p = indeks.cari("peserta", batas=3)
    assert len(p.hasil) == 3 and p.jumlah > 3


# ---------------------------------------------------------------- real content


def test_every_page_section_and_faq_is_indexed(konten, indeks):
    jumlah = len(konten.halaman) + sum(len(h.bagian) for h in konten.halaman.values())
    assert len(indeks) == jumlah + len(konten.faq)


def test_sections_are_entries_with_the_page_as_context(konten):
    dokumen = dokumen_dari_konten(konten, lambda slug: f"/x/{slug}", "/faq")
    jkm = next(d for d in dokumen if d.url == "/x/cara-klaim#klaim-jkm")

    assert jkm.jenis == JENIS_BAGIAN and jkm.judul == "Klaim JKM"
    assert jkm.konteks == konten.halaman["cara-klaim"].judul
    assert "Akta kematian" in jkm.isi and " ." not in jkm.isi
    faq = [d for d in dokumen if d.jenis == JENIS_FAQ]
    assert [d.url for d in faq] == [f"/faq#{f.id}" for f in konten.faq]


@pytest.mark.parametrize(
    ("q", "pertama"),
    [
        ("klaim kematian", "/cara-klaim#klaim-jkm"),
        ("klaim kemat", "/cara-klaim#klaim-jkm"),  # while typing
        ("beasiswa anak", "/beasiswa"),
        ("syarat klaim beasiswa", "/cara-klaim#klaim-beasiswa"),
        ("siapa ahli waris", "/ahli-waris"),
        ("ojek celaka di jalan", "/faq#kecelakaan-di-jalan"),
        ("jaminan kematian", "/jkm"),
        ("pensiun", "/jp-dan-jkp#jaminan-pensiun-jp"),
        ("hapus data", "/faq#hapus-data"),
    ],
)
def test_real_questions_find_the_right_place_first(indeks, q, pertama):
    assert indeks.cari(q).hasil[0].dokumen.url == pertama
