"""Load the public content (region, data figures, Markdown pages, FAQ) from ``content/``."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from babel.numbers import format_decimal
from jinja2 import Environment, StrictUndefined, TemplateError
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from app.domain.format import LOCALE, rupiah, tanggal
from app.domain.yaml_cepat import baca_yaml

BELUM_PASTI = "belum pasti"
# Left after an unverified figure by ``format_nilai``; ``tandai_belum_pasti`` turns the first
# one of each page section into a short "belum pasti" tag linking to one note on the page and
# drops the rest, so the marker never repeats inside a section. (A private-use character:
# Markdown and Jinja pass it through untouched and no real text contains it.)
PENANDA = "\ue000"
ID_CATATAN = "catatan-belum-pasti"
_BAGIAN_HTML = re.compile(r"(?=<h[1-6][\s>])")
_TAG_HTML = re.compile(r"<[^>]*>")
FRONT_MATTER_WAJIB = ("judul", "ringkasan", "urutan", "diperbarui", "sumber")

# Checklists are HTML, but Markdown runs with raw HTML disabled, so the Jinja global leaves
# a text marker that is swapped for the list after Markdown has run.
_PENANDA_CHECKLIST = re.compile(r"<p>%%checklist:([A-Za-z_]+)%%</p>")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Bagian:
    """One ``## `` section of a page; ``html`` excludes the heading itself."""

    id: str
    judul: str
    html: Markup
    teks: str


@dataclass(frozen=True)
class Halaman:
    """A rendered content page."""

    slug: str
    judul: str
    ringkasan: str
    urutan: int
    diperbarui: dt.date
    sumber: tuple[str, ...]
    html: Markup
    teks: str
    bagian: tuple[Bagian, ...]
    pengantar: Markup
    induk: str | None = None


@dataclass(frozen=True)
class Faq:
    """One question and its rendered answer."""

    id: str
    pertanyaan: str
    jawaban: Markup
    teks: str
    topik: str


@dataclass(frozen=True)
class Konten:
    """Everything the public pages need for one region; build once and cache."""

    wilayah: Mapping[str, Any]
    data: Mapping[str, Any]
    halaman: Mapping[str, Halaman]
    faq: tuple[Faq, ...]
    daftar_wilayah: tuple[tuple[str, str, str], ...]

    def halaman_urut(self) -> list[Halaman]:
        """Pages in navigation order."""
        return sorted(self.halaman.values(), key=lambda h: (h.urutan, h.slug))


# ---------------------------------------------------------------- formatting helpers


def angka(nilai: int | float) -> str:
    """Format a number the Indonesian way: ``11.666``, ``99,5``."""
    return format_decimal(nilai, locale=LOCALE)


def awal_kecil(teks: str) -> str:
    """Lower-case only the first letter, for a name inside a sentence: "Surat keterangan
    dari RT" → "surat keterangan dari RT"; an acronym first ("KTP …") stays as it is."""
    teks = str(teks)
    kata = teks.split(" ", 1)[0]
    if not teks or (len(kata) > 1 and kata.isupper()):
        return teks
    return teks[0].lower() + teks[1:]


def daftar(nilai: Iterable[Any]) -> str:
    """Join items as Indonesian prose: ``a, b, dan c``."""
    bagian = [str(x) for x in nilai]
    if len(bagian) <= 1:
        return "".join(bagian)
    if len(bagian) == 2:
        return f"{bagian[0]} dan {bagian[1]}"
    return ", ".join(bagian[:-1]) + f", dan {bagian[-1]}"


def _format_mentah(nilai: Any, satuan: str | None) -> str:
    """Format a raw value according to its unit."""
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, dt.date):
        return tanggal(nilai)
    if isinstance(nilai, list | tuple):
        return daftar(nilai)
    if isinstance(nilai, int | float):
        if satuan == "teks":  # years and codes: no thousands separator
            return str(nilai)
        if satuan == "rupiah":
            return rupiah(nilai)
        if satuan == "persen":
            return f"{angka(nilai)}%"
        if satuan and satuan != "teks":
            return f"{angka(nilai)} {satuan}"
        return angka(nilai)
    return str(nilai)


def format_nilai(item: Mapping[str, Any] | None) -> str:
    """Show a data figure, followed by the unverified marker (``PENANDA``) when it is not
    verified; ``tandai_belum_pasti`` makes the marker visible once per section."""
    if not isinstance(item, Mapping) or "nilai" not in item:
        raise ValueError(f"bukan angka data (butuh kunci 'nilai'): {item!r}")
    if item["nilai"] is None:
        return f"belum tersedia{PENANDA}"
    teks = _format_mentah(item["nilai"], item.get("satuan"))
    if not item.get("verified", False):
        teks += PENANDA
    return teks


def catatan_belum_pasti_html() -> Markup:
    """The one note per page that every "belum pasti" tag links to."""
    return Markup(
        '<aside class="notice catatan-belum-pasti" id="{id}" aria-labelledby="{id}-judul">'
        '<h2 id="{id}-judul">Tentang tanda “belum pasti”</h2>'
        "<p>Angka atau keterangan bertanda <strong>belum pasti</strong> belum kami temukan di "
        "peraturan atau keterangan tertulis pemerintah, atau sumbernya saling berbeda. Tanda "
        "ini dipasang sekali di setiap bagian halaman, pada keterangan pertama yang belum pasti; "
        "keterangan lain di bagian yang sama bisa juga belum pasti.</p>"
        "<p>Sebelum memakainya untuk mengurus sesuatu, tanyakan ke kantor kelurahan atau desa, "
        'atau telepon call center BPJS Ketenagakerjaan di <a href="tel:175">175</a>.</p>'
        "</aside>"
    ).format(id=ID_CATATAN)


def tandai_belum_pasti(html: str, catatan: bool = True) -> str:
    """Turn the unverified markers of a rendered page into at most one tag per section
    (a section starts at any heading), linking to one note added before ``</main>`` (or at
    the end of a fragment). Markers inside tags and attributes are dropped."""
    if PENANDA not in html:
        return html
    html = _TAG_HTML.sub(lambda m: m.group(0).replace(PENANDA, ""), html)
    tag = f' <a class="tag tag--belum" href="#{ID_CATATAN}">{BELUM_PASTI}</a>'
    bagian = []
    for potong in _BAGIAN_HTML.split(html):
        if PENANDA in potong:
            depan, _, belakang = potong.partition(PENANDA)
            potong = depan + tag + belakang.replace(PENANDA, "")
        bagian.append(potong)
    hasil = "".join(bagian)
    if catatan and tag in hasil and f'id="{ID_CATATAN}"' not in hasil:
        akhir = hasil.rfind("</main>")
        sisip = str(catatan_belum_pasti_html())
        hasil = hasil[:akhir] + sisip + hasil[akhir:] if akhir >= 0 else hasil + sisip
    return hasil


def checklist_html(dokumen: Mapping[str, Any], jenis: str) -> Markup:
    """Render the document checklist of one claim type as an HTML list."""
    if jenis not in dokumen:
        tersedia = ", ".join(sorted(k for k in dokumen if not k.startswith("_")))
        raise ValueError(f"jenis klaim '{jenis}' tidak ada di dokumen_klaim (tersedia: {tersedia})")
    baris = []
    for d in dokumen[jenis]:
        isi = [Markup("<strong>{}</strong>").format(d["nama"])]
        if d.get("keterangan"):
            isi.append(Markup("<br>{}").format(d["keterangan"]))
        if d.get("wajib"):
            isi.append(Markup(' <span class="checklist__wajib">(wajib)</span>'))
        elif d.get("syarat"):
            isi.append(Markup(' <em class="checklist__syarat">{}</em>').format(d["syarat"]))
        baris.append(
            Markup('<li data-kode="{}" data-wajib="{}">{}</li>').format(
                d["kode"], "ya" if d.get("wajib") else "tidak", Markup("").join(isi)
            )
        )
    # Unverified documents are listed apart, under one plain sentence, not tagged one by one.
    pasti = [b for b, d in zip(baris, dokumen[jenis], strict=True) if d.get("verified", False)]
    belum = [b for b, d in zip(baris, dokumen[jenis], strict=True) if not d.get("verified", False)]
    hasil = Markup("")
    if pasti:
        hasil += Markup('<ul class="checklist" data-checklist="{}">\n{}\n</ul>').format(
            jenis, Markup("\n").join(pasti)
        )
    if belum:
        hasil += Markup(
            '\n<p class="checklist__belum">{}{}</p>\n'
            '<ul class="checklist checklist--belum" data-checklist="{}">\n{}\n</ul>'
        ).format(
            "Dokumen berikut mungkin juga diminta, tetapi belum kami pastikan. Siapkan jika bisa."
            if pasti else "Daftar dokumen ini belum kami pastikan. Siapkan sebisanya.",
            PENANDA, jenis, Markup("\n").join(belum),
        )
    return hasil


# ---------------------------------------------------------------- markdown


def slugify(teks: str) -> str:
    """Turn a heading into a stable ASCII id: ``Jaminan Kematian`` → ``jaminan-kematian``."""
    ascii_ = unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "bagian"


def _markdown() -> MarkdownIt:
    """CommonMark with tables, raw HTML off."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _teks_heading(inline: Token) -> str:
    """Plain text of a heading's inline token."""
    return "".join(c.content for c in (inline.children or []) if c.type in ("text", "code_inline"))


def _beri_id(tokens: list[Token]) -> None:
    """Give every heading a unique slug id, in document order."""
    dipakai: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        dasar = slugify(_teks_heading(tokens[i + 1]))
        dipakai[dasar] = dipakai.get(dasar, 0) + 1
        tok.attrSet("id", dasar if dipakai[dasar] == 1 else f"{dasar}-{dipakai[dasar]}")


def _pola_istilah(daftar: Iterable[Mapping[str, Any]]) -> list[tuple[str, re.Pattern[str], str]]:
    """(id, pattern, title) per glossary form: acronyms exactly, phrases in any case."""
    pola = []
    for t in daftar:
        for bentuk in t.get("cocok", ()):
            singkatan = bentuk.isupper() or bentuk[:2].isupper()
            # Phrases match with either case of their first letter only, so "ahli waris" links
            # but a proper name written in title case ("... Pekerja Rentan ...") does not.
            awal = bentuk[0]
            kepala = f"[{awal.lower()}{awal.upper()}]" if awal.isalpha() else re.escape(awal)
            rx = re.compile(rf"(?<![\w-]){kepala}{re.escape(bentuk[1:])}(?![\w-])")
            pola.append((t["id"], rx, t.get("kepanjangan", "") if singkatan else ""))
    return pola


def tautkan_istilah(
    tokens: list[Token], daftar: Iterable[Mapping[str, Any]], url: str = "/istilah"
) -> None:
    """Link the first use of each glossary term on a page to its entry (``url#id``);
    acronyms get an ``<abbr>`` with their expansion. Headings and links are left alone."""
    pola = _pola_istilah(daftar)
    sudah: set[str] = set()
    dalam_judul = False
    for tok in tokens:
        if tok.type == "heading_open":
            dalam_judul = True
        elif tok.type == "heading_close":
            dalam_judul = False
        if tok.type != "inline" or dalam_judul or not tok.children:
            continue
        if tok.content.startswith("%%checklist:"):
            continue  # a placeholder swapped for the checklist later
        anak: list[Token] = []
        dalam_tautan = 0
        for c in tok.children:
            if c.type == "link_open":
                dalam_tautan += 1
            elif c.type == "link_close":
                dalam_tautan -= 1
            if c.type != "text" or dalam_tautan:
                anak.append(c)
                continue
            anak += _pecah_istilah(c.content, pola, sudah, url)
        tok.children = anak


def _pecah_istilah(teks: str, pola, sudah: set[str], url: str) -> list[Token]:
    """Split one text run around the first unlinked term, recursively."""
    terbaik = None
    for id_, rx, judul in pola:
        if id_ in sudah:
            continue
        m = rx.search(teks)
        if m and (terbaik is None or m.start() < terbaik[1].start()):
            terbaik = (id_, m, judul)
    if terbaik is None:
        t = Token("text", "", 0)
        t.content = teks
        return [t] if teks else []
    id_, m, judul = terbaik
    sudah.add(id_)
    kata = html_lib.escape(m.group(0))
    isi = f'<abbr title="{html_lib.escape(judul)}">{kata}</abbr>' if judul else kata
    tautan = Token("html_inline", "", 0)
    tautan.content = f'<a class="istilah-tautan" href="{url}#{id_}">{isi}</a>'
    depan = Token("text", "", 0)
    depan.content = teks[: m.start()]
    return ([depan] if depan.content else []) + [tautan] + _pecah_istilah(
        teks[m.end():], pola, sudah, url
    )


def teks_polos(html: str) -> str:
    """Strip tags and markers and collapse whitespace, for search."""
    return " ".join(html_lib.unescape(_TAG.sub(" ", html)).replace(PENANDA, " ").split())


class _Perender:
    """Jinja-then-Markdown renderer bound to one region's context."""

    def __init__(
        self,
        wilayah: Mapping[str, Any],
        data: Mapping[str, Any],
        slugs: Sequence[str],
        awalan_url: str,
    ) -> None:
        self.md = _markdown()
        self.data = data
        self.env = Environment(
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            rupiah=rupiah, tanggal=tanggal, angka=angka, daftar=daftar, awal_kecil=awal_kecil
        )
        self.env.globals.update(
            nilai=format_nilai,
            checklist=self._penanda_checklist,
            tautan=self._tautan,
            BELUM_PASTI=BELUM_PASTI,
            PENANDA=PENANDA,
        )
        self.konteks = {"wilayah": wilayah, "data": data}
        self.slugs = frozenset(slugs)
        self.awalan_url = awalan_url.rstrip("/") + "/"

    def _penanda_checklist(self, jenis: str) -> Markup:
        checklist_html(self.data["dokumen_klaim"], jenis)  # fail early on an unknown type
        # jenis was just checked against the data's keys, so it is a plain identifier
        return Markup(f"\n%%checklist:{jenis}%%\n")  # noqa: S704

    def _tautan(self, slug: str, jangkar: str | None = None) -> str:
        if slug not in self.slugs:
            raise ValueError(f"tautan ke halaman yang tidak ada: {slug}")
        return self.awalan_url + slug + (f"#{jangkar}" if jangkar else "")

    def jinja(self, sumber: str) -> str:
        """Render a template string with the region context."""
        return self.env.from_string(sumber).render(self.konteks)

    def polos(self, sumber: str) -> str:
        """Render a one-line template to plain (unescaped) text."""
        # the input is Jinja's autoescaped output; unescaping yields plain text, never HTML
        return Markup(self.jinja(sumber)).unescape().replace(PENANDA, "").strip()  # noqa: S704

    def _html(self, tokens: list[Token]) -> Markup:
        keluaran = self.md.renderer.render(tokens, self.md.options, {})
        keluaran = _PENANDA_CHECKLIST.sub(
            lambda m: checklist_html(self.data["dokumen_klaim"], m.group(1)), keluaran
        )
        # markdown-it runs with raw HTML disabled, so its output is safe to mark as such
        return Markup(keluaran)  # noqa: S704

    def markdown(self, sumber: str) -> tuple[Markup, Markup, tuple[Bagian, ...]]:
        """Render a body: full html, the part before the first ``##``, and the sections."""
        tokens = self.md.parse(self.jinja(sumber))
        _beri_id(tokens)
        tautkan_istilah(tokens, self.data.get("istilah", {}).get("istilah", ()),
                        self.awalan_url + "istilah")
        awal = [
            i
            for i, t in enumerate(tokens)
            if t.type == "heading_open" and t.tag == "h2" and t.level == 0
        ]
        pengantar = self._html(tokens[: awal[0]] if awal else tokens)
        bagian = []
        for n, i in enumerate(awal):
            akhir = awal[n + 1] if n + 1 < len(awal) else len(tokens)
            isi = self._html(tokens[i + 3 : akhir])  # skip heading_open, inline, heading_close
            bagian.append(
                Bagian(
                    id=str(tokens[i].attrGet("id")),
                    judul=_teks_heading(tokens[i + 1]),
                    html=isi,
                    teks=teks_polos(isi),
                )
            )
        return self._html(tokens), pengantar, tuple(bagian)


# ---------------------------------------------------------------- loading


def _beku(nilai: Any) -> Any:
    """Deep-freeze YAML data; keys starting with ``_`` (YAML anchors' home) are dropped."""
    if isinstance(nilai, dict):
        isi = {k: _beku(v) for k, v in nilai.items() if not str(k).startswith("_")}
        return MappingProxyType(isi)
    if isinstance(nilai, list):
        return tuple(_beku(v) for v in nilai)
    return nilai


def _baca_yaml(path: Path) -> Any:
    """Read one YAML file, naming the file in any error."""
    try:
        return baca_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: YAML tidak valid: {exc}") from exc


def daftar_wilayah(root: Path) -> list[dict[str, Any]]:
    """All region configs under ``content/wilayah``, sorted by code."""
    hasil = []
    for path in sorted((root / "wilayah").glob("*.yaml")):
        isi = _baca_yaml(path)
        if isi.get("kode") != path.stem:
            raise ValueError(f"{path}: 'kode' harus sama dengan nama file ({path.stem})")
        hasil.append(isi)
    return hasil


def _pilih_wilayah(root: Path, kode_wilayah: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Find a region by slug (``kota-bekasi``) or official code (``3275``)."""
    semua = daftar_wilayah(root)
    for w in semua:
        if kode_wilayah in (w["kode"], str(w["kode_wilayah"])):
            return w, semua
    tersedia = ", ".join(f"{w['kode']} ({w['kode_wilayah']})" for w in semua) or "tidak ada"
    raise ValueError(f"Wilayah '{kode_wilayah}' tidak dikenal. Tersedia: {tersedia}")


def _pisah_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """Split ``---`` YAML front matter from the Markdown body."""
    teks = path.read_text(encoding="utf-8")
    m = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", teks, re.S)
    if not m:
        raise ValueError(f"{path}: front matter (--- ... ---) tidak ditemukan")
    meta = baca_yaml(m.group(1)) or {}
    kurang = [k for k in FRONT_MATTER_WAJIB if not meta.get(k)]
    if kurang:
        raise ValueError(f"{path}: front matter kurang {', '.join(kurang)}")
    if not isinstance(meta["diperbarui"], dt.date):
        raise ValueError(f"{path}: 'diperbarui' harus tanggal YYYY-MM-DD")
    if not isinstance(meta["sumber"], list):
        raise ValueError(f"{path}: 'sumber' harus daftar")
    return meta, m.group(2)


def _muat_halaman(path: Path, perender: _Perender) -> Halaman:
    """Parse and render one page file."""
    meta, badan = _pisah_front_matter(path)
    try:
        html, pengantar, bagian = perender.markdown(badan)
        judul = perender.polos(str(meta["judul"]))
        ringkasan = perender.polos(str(meta["ringkasan"]))
        sumber = tuple(perender.polos(str(s)) for s in meta["sumber"])
    except (TemplateError, ValueError, KeyError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    return Halaman(
        slug=path.stem,
        judul=judul,
        ringkasan=ringkasan,
        urutan=int(meta["urutan"]),
        diperbarui=meta["diperbarui"],
        sumber=sumber,
        html=html,
        teks=teks_polos(html),
        bagian=bagian,
        pengantar=pengantar,
        induk=meta.get("induk"),
    )


def _muat_faq(butir: Iterable[Mapping[str, Any]], perender: _Perender) -> tuple[Faq, ...]:
    """Render every FAQ entry; ids must be unique."""
    hasil: list[Faq] = []
    for b in butir:
        try:
            jawaban, _, _ = perender.markdown(str(b["jawaban"]))
            hasil.append(
                Faq(
                    id=str(b["id"]),
                    pertanyaan=perender.polos(str(b["pertanyaan"])),
                    jawaban=jawaban,
                    teks=teks_polos(jawaban),
                    topik=str(b["topik"]),
                )
            )
        except (TemplateError, ValueError, KeyError) as exc:
            raise ValueError(f"faq '{b.get('id')}': {exc}") from exc
    ids = [f.id for f in hasil]
    ganda = {i for i in ids if ids.count(i) > 1}
    if ganda:
        raise ValueError(f"faq: id ganda {sorted(ganda)}")
    return tuple(hasil)


def muat_data(root: Path) -> Mapping[str, Any]:
    """All ``content/data/*.yaml`` files keyed by file stem (``faq`` included)."""
    return _beku({p.stem: _baca_yaml(p) for p in sorted((root / "data").glob("*.yaml"))})


def muat_konten(root: Path, kode_wilayah: str, awalan_url: str = "/") -> Konten:
    """Load and render all content for one region (slug or official code).

    Pure: reads files and returns a frozen object; the caller caches it.
    ``awalan_url`` prefixes page links written as ``{{ tautan('slug') }}``.
    """
    root = Path(root)
    wilayah_dict, semua = _pilih_wilayah(root, kode_wilayah)
    wilayah = _beku(wilayah_dict)
    data = muat_data(root)
    paths = sorted((root / "halaman").glob("*.md"))
    perender = _Perender(wilayah, data, [p.stem for p in paths], awalan_url)
    halaman = {p.stem: _muat_halaman(p, perender) for p in paths}
    faq = _muat_faq(data.get("faq", ()), perender)
    return Konten(
        wilayah=wilayah,
        data=data,
        halaman=MappingProxyType(halaman),
        faq=faq,
        daftar_wilayah=tuple((w["kode"], str(w["kode_wilayah"]), w["nama"]) for w in semua),
    )


__all__ = [
    "BELUM_PASTI",
    "PENANDA",
    "Bagian",
    "Faq",
    "Halaman",
    "Konten",
    "angka",
    "awal_kecil",
    "catatan_belum_pasti_html",
    "checklist_html",
    "daftar",
    "daftar_wilayah",
    "format_nilai",
    "muat_data",
    "muat_konten",
    "slugify",
    "tandai_belum_pasti",
    "teks_polos",
]
