"""News rules without Flask: slugs, the sanitiser (even for raw HTML), reading time, diffs,
who may publish."""

from __future__ import annotations

import pytest

from app.domain.berita import (
    Pelaku,
    ada_nul,
    bersihkan_html,
    boleh_tandai_ditinjau,
    boleh_terbitkan,
    diff_teks,
    render_markdown,
    slug_dari,
    slug_ke,
    waktu_baca,
)
from tests.berita.bahaya import MUATAN, periksa_inert


@pytest.mark.parametrize(("judul", "slug"), [
    ("Pendaftaran Tahap 2 Dibuka!", "pendaftaran-tahap-2-dibuka"),
    ("  Santunan  JKM: Rp42.000.000  ", "santunan-jkm-rp42-000-000"),
    ("Képutusan Wali Kota", "keputusan-wali-kota"),
    ("!!!", "berita"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
])
def test_slugs_come_from_titles(judul, slug):
    assert slug_dari(judul) == slug


def test_long_slugs_are_cut_and_keep_their_suffix():
    slug = slug_dari("kata " * 60)
    assert len(slug) <= 80 and not slug.endswith("-")
    assert slug_ke(slug, 12).endswith("-12") and len(slug_ke(slug, 12)) <= 80
    assert slug_ke("abc", 1) == "abc"


@pytest.mark.parametrize("mentah", MUATAN)
def test_the_sanitiser_alone_makes_raw_html_inert(mentah):
    """nh3 is the second wall: even HTML that reached it unescaped comes out inert."""
    periksa_inert(bersihkan_html(mentah), mentah, isi_saja=True)


def test_markdown_keeps_ordinary_formatting():
    html = str(render_markdown("## Syarat\n\n- KTP\n- **KK**\n\n[FAQ](/faq) [tel](tel:175)"))
    assert "<h2>Syarat</h2>" in html and "<li><strong>KK</strong></li>" in html
    assert '<a href="/faq">FAQ</a>' in html and '<a href="tel:175">tel</a>' in html


def test_external_links_get_rel_noopener_nofollow():
    html = bersihkan_html('<a href="https://contoh.id" rel="opener">x</a> <a href="//x.id">y</a>')
    assert html.count('rel="noopener nofollow"') == 2 and 'rel="opener"' not in html


def test_reading_time_and_nul():
    assert waktu_baca("") == 1
    assert waktu_baca("kata " * 401) == 3
    assert ada_nul("a", "b\x00") and not ada_nul("a", None)


def test_diff_marks_added_and_removed_lines():
    jenis = [(b.jenis, b.teks) for b in diff_teks("a\nb", "a\nc")]
    assert jenis == [("sama", "a"), ("hapus", "b"), ("tambah", "c")]


def test_publishing_rules():
    humas, rekan, admin = Pelaku(1, "humas"), Pelaku(2, "humas"), Pelaku(3, "admin")
    assert boleh_terbitkan("menunggu_tinjauan", rekan, 1, 1, True)[:2] == (True, True)
    assert not boleh_terbitkan("menunggu_tinjauan", humas, 1, 1, True)[0]
    assert not boleh_terbitkan("menunggu_tinjauan", rekan, 1, 2, True)[0]
    assert not boleh_terbitkan("draf", rekan, 1, None, True)[0]
    assert boleh_terbitkan("draf", admin, 1, None, True)[:2] == (True, False)
    assert boleh_terbitkan("menunggu_tinjauan", admin, 3, 3, True)[:2] == (True, False)
    assert boleh_terbitkan("draf", humas, 1, None, False)[:2] == (True, False)
    assert boleh_tandai_ditinjau(rekan, 1, 3) and not boleh_tandai_ditinjau(admin, 1, 3)
    assert not boleh_tandai_ditinjau(humas, 1, 3)


def test_the_allow_list_drops_htmx_data_style_and_event_attributes():
    html = bersihkan_html(
        '<p hx-get="/staf" hx-on:click="x" data-hx-post="/a" data-x="1" style="color:red" '
        'onclick="x" class="c" id="isi">teks</p><a href="data:text/html,x">d</a>'
        '<a href="javascript:x">j</a>')
    assert html == "<p>teks</p><a>d</a><a>j</a>"
