"""News rules without Flask: slugs, Markdown to safe HTML, reading time, revision diffs,
who may do what in the review workflow."""

from __future__ import annotations

import difflib
import html
import math
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

MAKS_SLUG = 80
KATA_PER_MENIT = 200  # an unhurried reader of Indonesian news text

# Markdown → HTML with CommonMark (raw HTML off), then nh3 with an allow-list: whatever
# markdown-it lets through, only these tags and attributes survive.
TAG_BOLEH = frozenset({
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
})
ATRIBUT_BOLEH = {"a": {"href", "title"}, "th": {"scope"}, "td": set(), "ol": {"start"}}
SKEMA_BOLEH = frozenset({"http", "https", "mailto", "tel"})

LABEL_STATUS = {
    "draf": "Draf",
    "menunggu_tinjauan": "Menunggu tinjauan",
    "terbit": "Terbit",
    "diarsipkan": "Diarsipkan",
}
AKSI = ("simpan_draf", "ajukan_tinjauan", "terbitkan", "arsipkan")

_BUKAN_HURUF = re.compile(r"[^a-z0-9]+")
_NUL = "\x00"


def slug_dari(judul: str) -> str:
    """``"Pendaftaran Tahap 2 Dibuka!"`` → ``"pendaftaran-tahap-2-dibuka"`` (never empty)."""
    polos = unicodedata.normalize("NFKD", judul).encode("ascii", "ignore").decode().lower()
    slug = _BUKAN_HURUF.sub("-", polos).strip("-")[:MAKS_SLUG].rstrip("-")
    return slug or "berita"


def slug_ke(slug: str, n: int) -> str:
    """The n-th candidate for a slug already taken: ``judul``, ``judul-2``, ``judul-3`` …"""
    if n <= 1:
        return slug
    akhiran = f"-{n}"
    return slug[: MAKS_SLUG - len(akhiran)].rstrip("-") + akhiran


def ada_nul(*teks: str | None) -> bool:
    """PostgreSQL refuses NUL characters in text columns: such input is refused first."""
    return any(t and _NUL in t for t in teks)


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


_PARSER = _md()


def _atribut(tag: str, nama: str, nilai: str) -> str | None:
    """nh3's attribute filter: external links open nothing, links stay on allowed schemes."""
    if tag == "a" and nama == "href":
        skema = urlsplit(nilai.strip()).scheme.lower()
        if skema and skema not in SKEMA_BOLEH:
            return None
    return nilai


def bersihkan_html(mentah: str) -> str:
    """Allow-list sanitising; links to other sites get ``rel="noopener nofollow"``."""
    bersih = nh3.clean(
        mentah,
        tags=set(TAG_BOLEH),
        attributes={k: set(v) for k, v in ATRIBUT_BOLEH.items()},
        url_schemes=set(SKEMA_BOLEH),
        link_rel=None,
        attribute_filter=_atribut,
        strip_comments=True,
    )
    return _REL.sub(_tambah_rel, bersih)


_REL = re.compile(r'<a href="([^"]*)"')


def _tambah_rel(m: re.Match) -> str:
    href = html.unescape(m.group(1))
    eksternal = urlsplit(href).scheme in ("http", "https") or href.startswith("//")
    return m.group(0) + (' rel="noopener nofollow"' if eksternal else "")


def render_markdown(sumber: str) -> Markup:
    """An article body as safe HTML."""
    # markdown-it output goes through the nh3 allow-list before it is marked safe
    return Markup(bersihkan_html(_PARSER.render(sumber or "")))  # noqa: S704


def teks_polos(sumber: str) -> str:
    """The body as plain text (search entries, reading time, feed summaries)."""
    tanpa_tag = nh3.clean(_PARSER.render(sumber or ""), tags=set())
    return " ".join(html.unescape(tanpa_tag).split())


def waktu_baca(sumber: str) -> int:
    """Minutes to read, at least one."""
    kata = len(teks_polos(sumber).split())
    return max(1, math.ceil(kata / KATA_PER_MENIT))


# ---------------------------------------------------------------- revisions


@dataclass(frozen=True)
class BarisDiff:
    """One line of a diff: ``jenis`` is "sama", "tambah" or "hapus"."""

    jenis: str
    teks: str


def diff_teks(lama: str, baru: str) -> tuple[BarisDiff, ...]:
    """Line diff of two texts (unchanged lines kept, so the reader sees the context)."""
    hasil = []
    for baris in difflib.ndiff((lama or "").splitlines(), (baru or "").splitlines()):
        kode, teks = baris[:2], baris[2:]
        if kode == "  ":
            hasil.append(BarisDiff("sama", teks))
        elif kode == "+ ":
            hasil.append(BarisDiff("tambah", teks))
        elif kode == "- ":
            hasil.append(BarisDiff("hapus", teks))
    return tuple(hasil)


# ---------------------------------------------------------------- workflow


@dataclass(frozen=True)
class Pelaku:
    """Who acts: their id and role."""

    id: int
    peran: str


def boleh_terbitkan(
    status: str, pelaku: Pelaku, penulis_id: int | None, diajukan_oleh_id: int | None,
    wajib_tinjauan: bool,
) -> tuple[bool, bool, str]:
    """(allowed, reviewed, reason) for publishing an article now.

    With review required, a humas may publish only an article waiting for review that
    someone else wrote and submitted (no self-approval). An admin may always publish; when
    the admin is the author or no review took place, the article counts as not reviewed.
    """
    sendiri = pelaku.id in (penulis_id, diajukan_oleh_id)
    if not wajib_tinjauan:
        return True, not sendiri and status == "menunggu_tinjauan", ""
    if status == "menunggu_tinjauan" and not sendiri:
        return True, True, ""
    if pelaku.peran == "admin":
        return True, False, ""
    if status == "menunggu_tinjauan":
        return False, False, ("Anda tidak bisa menyetujui artikel Anda sendiri. Minta rekan lain "
                              "meninjau dan menerbitkannya.")
    return False, False, ("Artikel harus ditinjau orang lain sebelum terbit. Pilih "
                          "“Ajukan tinjauan”.")


def boleh_tandai_ditinjau(pelaku: Pelaku, penulis_id: int | None,
                          diterbitkan_oleh_id: int | None) -> bool:
    """An urgent article is reviewed afterwards by someone who neither wrote nor published it."""
    return pelaku.id not in (penulis_id, diterbitkan_oleh_id)


__all__ = [
    "AKSI",
    "LABEL_STATUS",
    "BarisDiff",
    "Pelaku",
    "ada_nul",
    "bersihkan_html",
    "boleh_terbitkan",
    "diff_teks",
    "render_markdown",
    "slug_dari",
    "slug_ke",
    "teks_polos",
    "waktu_baca",
]
