"""Site search: Indonesian-aware word folding, BM25F ranking and highlighted snippets.

Plain Python: the index is built once (at start-up) from ``Dokumen`` entries and then only
read, so one ``Indeks`` can be shared by every request.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.domain.konten import Konten, teks_polos

# What kind of entry a result is; news will be added as ``berita`` by the newsroom.
JENIS_HALAMAN = "halaman"
JENIS_BAGIAN = "bagian"
JENIS_FAQ = "faq"
JENIS_BERITA = "berita"
_URUTAN_JENIS = {JENIS_HALAMAN: 0, JENIS_BAGIAN: 1, JENIS_FAQ: 2, JENIS_BERITA: 3}

LABEL_FAQ = "Tanya jawab"
MAKS_PANJANG_Q = 100  # characters of the query that are used; the rest is cut off
MAKS_KATA_Q = 10  # words of the query that are used
BATAS_HASIL = 20
KATA_CUPLIKAN = 28  # words in a snippet
UKURAN_SIMPANAN = 256  # recent queries whose answers are kept

# BM25F: field weight (title counts most), length normalisation per field. Tuned on real
# questions (tests/domain/test_cari.py) so that pages beat their own short sections.
_BOBOT = {"judul": 3.0, "subjudul": 1.0, "konteks": 0.5, "isi": 1.0}
_B = {"judul": 0.5, "subjudul": 0.5, "konteks": 0.5, "isi": 0.5}
_K1 = 1.2
_BOBOT_AWALAN = 0.8  # a word being typed ("kemat") counts a little less than a whole one
MIN_AWALAN = 3
MAKS_PERLUASAN_AWALAN = 20

MIN_AKAR = 4  # never cut a word below four letters: "anak", "mati", "kerja" stay whole

# Function words that carry no meaning for search (not indexed, not highlighted).
# fmt: off
KATA_UMUM = frozenset({
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "ini", "itu", "atau", "ada", "apa",
    "saya", "anda", "kami", "kita", "akan", "juga", "bisa", "sudah", "oleh", "pada", "dalam",
    "adalah", "jika", "kalau", "agar", "supaya", "karena", "sebagai", "tersebut", "para",
})
# fmt: on

# Words that mean the same thing to the people searching. The first word of each group
# names the group; matching happens on stems, so inflected forms join automatically.
SINONIM: tuple[tuple[str, ...], ...] = (
    ("kematian", "meninggal", "wafat", "mati", "tewas", "almarhum", "almarhumah"),
    ("beasiswa", "sekolah", "pendidikan", "kuliah"),
    ("kecelakaan", "celaka"),
    ("iuran", "premi"),
    ("ojol", "ojek"),
    ("daftar", "registrasi"),
)
# Programme abbreviations also stand for their main idea ("Klaim JKM" is a death claim).
SINGKATAN: Mapping[str, tuple[str, ...]] = {
    "jkm": ("kematian",),
    "jkk": ("kecelakaan",),
    "jht": ("tua",),
}

_PARTIKEL = ("nya", "lah", "kah")
_SUFIKS = ("kan", "an", "i")
# Longest first, so "meng" is tried before "me".
# fmt: off
_PREFIKS = (
    "meng", "meny", "mem", "men", "me",
    "peng", "pem", "pen", "per", "pe",
    "ber", "ter", "di", "ke", "se",
)
# fmt: on
_KATA = re.compile(r"[^\W_]+")
_SPASI_TANDA_BACA = re.compile(r"\s+([.,;:!?)])")


# ---------------------------------------------------------------- words


def lipat(teks: str) -> str:
    """Casefold and strip accents: ``Kématian`` → ``kematian``."""
    terurai = unicodedata.normalize("NFKD", teks.casefold())
    return "".join(c for c in terurai if not unicodedata.combining(c))


def _potong_akhir(kata: str, akhiran: tuple[str, ...]) -> str:
    for a in akhiran:
        if kata.endswith(a) and len(kata) - len(a) >= MIN_AKAR:
            return kata[: -len(a)]
    return kata


def _potong_awal(kata: str) -> str:
    for a in _PREFIKS:
        if kata.startswith(a) and len(kata) - len(a) >= MIN_AKAR:
            return kata[len(a) :]
    return kata


def akar(kata: str) -> str:
    """Light, conservative stemmer for folded Indonesian words.

    Removes one particle (-nya, -lah, -kah), one suffix (-kan, -an, -i) and up to two
    prefixes ("diperbarui" → "baru"), never leaving fewer than four letters. It does not
    restore dropped initial letters (meninggal → inggal): query and text are stemmed the
    same way, so they still meet.
    """
    if len(kata) <= MIN_AKAR or not kata.isalpha():
        return kata
    kata = _potong_akhir(kata, _PARTIKEL)
    kata = _potong_akhir(kata, _SUFIKS)
    return _potong_awal(_potong_awal(kata))


def _kanonik_dari(kelompok: Iterable[tuple[str, ...]]) -> dict[str, str]:
    """Stem of every synonym → stem of its group's first word."""
    peta: dict[str, str] = {}
    for kata_kata in kelompok:
        kepala = akar(lipat(kata_kata[0]))
        for frasa in kata_kata:
            for kata in lipat(frasa).split():
                if kata not in KATA_UMUM:
                    peta.setdefault(akar(kata), kepala)
    return peta


_KANONIK = _kanonik_dari(SINONIM)


def _istilah_kata(kata: str) -> str:
    """The index term for one folded word: its stem, or its synonym group's name."""
    a = akar(kata)
    return _KANONIK.get(a, a)


_SINGKATAN_ISTILAH = {k: tuple(_istilah_kata(lipat(v)) for v in vs) for k, vs in SINGKATAN.items()}


@functools.lru_cache(maxsize=32768)
def istilah(kata: str) -> tuple[str, ...]:
    """Index terms for one word (empty for function words). Pure, so remembered: building the
    site index meets the same few thousand words tens of thousands of times."""
    kata = lipat(kata)
    if kata in KATA_UMUM:
        return ()
    return (_istilah_kata(kata), *_SINGKATAN_ISTILAH.get(kata, ()))


def token(teks: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Words of ``teks`` with their positions and terms (function words keep no terms)."""
    return [(m.start(), m.end(), istilah(m.group())) for m in _KATA.finditer(teks)]


def rapikan(teks: str) -> str:
    """Collapse whitespace and the stray space that tag stripping leaves before punctuation."""
    return _SPASI_TANDA_BACA.sub(r"\1", " ".join(teks.split()))


# ---------------------------------------------------------------- documents and results


@dataclass(frozen=True)
class Dokumen:
    """One searchable entry: a page, a section of a page, an FAQ entry or (later) news."""

    jenis: str
    url: str
    judul: str
    isi: str
    konteks: str = ""  # where it sits, shown above the title: a page title, "Tanya jawab"
    subjudul: str = ""  # a page's section headings: what the whole page is about


@dataclass(frozen=True)
class Hasil:
    """A ranked match with its highlighted title and snippet (escaped HTML)."""

    dokumen: Dokumen
    skor: float
    judul_html: Markup
    cuplikan: Markup


@dataclass(frozen=True)
class Pencarian:
    """The answer to one query: the words used and the best matches."""

    q: str
    dipotong: bool  # the query was longer than MAKS_PANJANG_Q and was cut
    ada_kata: bool  # the query held at least one searchable word
    jumlah: int  # all matches; ``hasil`` holds at most BATAS_HASIL of them
    hasil: tuple[Hasil, ...]


_Token = tuple[int, int, tuple[str, ...]]  # start, end, terms of one word


@dataclass(frozen=True)
class _Entri:
    """A document with its words located once, so snippets need no re-scanning."""

    dokumen: Dokumen
    token_judul: tuple[_Token, ...]
    token_isi: tuple[_Token, ...]
    posisi_isi: Mapping[str, tuple[int, ...]]  # term → indexes into token_isi


def _entri(d: Dokumen) -> _Entri:
    token_isi = tuple(token(d.isi))
    posisi: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, ts) in enumerate(token_isi):
        for t in ts:
            posisi[t].append(i)
    return _Entri(d, tuple(token(d.judul)), token_isi, {t: tuple(p) for t, p in posisi.items()})


def bersihkan_q(q: str | None) -> tuple[str, bool]:
    """Whitespace-collapsed query cut to MAKS_PANJANG_Q characters; True when it was cut."""
    q = " ".join((q or "").split())
    if len(q) > MAKS_PANJANG_Q:
        return q[:MAKS_PANJANG_Q].rstrip(), True
    return q, False


class Indeks:
    """An immutable BM25F index over ``Dokumen`` entries; build once, query from any thread."""

    def __init__(self, dokumen: Iterable[Dokumen]) -> None:
        self._entri: tuple[_Entri, ...] = tuple(_entri(d) for d in dokumen)
        bidang = [
            {
                "judul": Counter(t for *_, ts in e.token_judul for t in ts),
                "subjudul": Counter(t for _, _, ts in token(e.dokumen.subjudul) for t in ts),
                "konteks": Counter(t for _, _, ts in token(e.dokumen.konteks) for t in ts),
                "isi": Counter(t for *_, ts in e.token_isi for t in ts),
            }
            for e in self._entri
        ]
        rata = {
            f: (sum(sum(b[f].values()) for b in bidang) / len(bidang)) if bidang else 0.0
            for f in _BOBOT
        }
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for n, b in enumerate(bidang):
            berat: dict[str, float] = defaultdict(float)
            for f, hitungan in b.items():
                panjang = sum(hitungan.values())
                norma = 1 - _B[f] + _B[f] * (panjang / rata[f] if rata[f] else 0)
                for t, tf in hitungan.items():
                    berat[t] += _BOBOT[f] * tf / norma
            for t, w in berat.items():
                postings[t].append((n, w))
        jumlah = len(self._entri)
        self._idf = {
            t: math.log(1 + (jumlah - len(p) + 0.5) / (len(p) + 0.5)) for t, p in postings.items()
        }
        self._postings = {t: tuple(p) for t, p in postings.items()}
        # Folded surface words, sorted, to widen a half-typed last word by prefix.
        kosakata: dict[str, tuple[str, ...]] = {}
        for e in self._entri:
            for teks in (e.dokumen.judul, e.dokumen.isi):
                for m in _KATA.finditer(teks):
                    kata = lipat(m.group())
                    if kata not in kosakata:
                        kosakata[kata] = istilah(kata)
        self._kosakata = kosakata
        self._kata_urut = sorted(kosakata)
        # The index never changes, so answers to repeated (popular) queries can be kept.
        self._cari_tersimpan = functools.lru_cache(maxsize=UKURAN_SIMPANAN)(self._cari)

    def __len__(self) -> int:
        return len(self._entri)

    def _awalan(self, kata: str) -> tuple[str, ...]:
        """Terms of indexed words starting with ``kata`` (for a word still being typed)."""
        i = bisect.bisect_left(self._kata_urut, kata)
        hasil: list[str] = []
        for w in self._kata_urut[i : i + MAKS_PERLUASAN_AWALAN]:
            if not w.startswith(kata):
                break
            hasil += [t for t in self._kosakata[w] if t not in hasil]
        return tuple(hasil)

    def _istilah_q(self, q: str) -> dict[str, float]:
        """Query terms with their weights; the last word also matches as a prefix."""
        kata_kata = [lipat(m.group()) for m in _KATA.finditer(q)][:MAKS_KATA_Q]
        bobot: dict[str, float] = {}
        for n, kata in enumerate(kata_kata):
            for t in istilah(kata):
                bobot[t] = 1.0
            terakhir = n == len(kata_kata) - 1
            if terakhir and len(kata) >= MIN_AWALAN and kata not in self._kosakata:
                for t in self._awalan(kata):
                    bobot.setdefault(t, _BOBOT_AWALAN)
        return bobot

    def cari(self, q: str | None, batas: int = BATAS_HASIL) -> Pencarian:
        """Rank the entries for ``q`` and build snippets for the best ``batas``."""
        q, dipotong = bersihkan_q(q)
        return self._cari_tersimpan(q, dipotong, batas)

    def _cari(self, q: str, dipotong: bool, batas: int) -> Pencarian:
        bobot = self._istilah_q(q)
        skor: dict[int, float] = defaultdict(float)
        for t, b in bobot.items():
            idf = self._idf.get(t)
            if idf is None:
                continue
            for n, w in self._postings[t]:
                skor[n] += b * idf * w * (_K1 + 1) / (_K1 + w)
        urut = sorted(
            skor.items(),
            key=lambda item: (
                -item[1],
                _URUTAN_JENIS.get(self._entri[item[0]].dokumen.jenis, 9),
                self._entri[item[0]].dokumen.url,
            ),
        )
        dicari = frozenset(bobot)
        hasil = tuple(
            Hasil(
                dokumen=self._entri[n].dokumen,
                skor=s,
                judul_html=sorot(self._entri[n].dokumen.judul, self._entri[n].token_judul, dicari),
                cuplikan=cuplikan(self._entri[n], dicari),
            )
            for n, s in urut[:batas]
        )
        return Pencarian(
            q=q, dipotong=dipotong, ada_kata=bool(bobot), jumlah=len(urut), hasil=hasil
        )


# ---------------------------------------------------------------- snippets


def _cocok(ts: tuple[str, ...], dicari: frozenset[str]) -> bool:
    return not dicari.isdisjoint(ts)


def sorot(
    teks: str,
    tokens: Iterable[_Token],
    dicari: frozenset[str],
    mulai: int = 0,
    akhir: int | None = None,
) -> Markup:
    """Escape ``teks[mulai:akhir]`` and wrap the words matching ``dicari`` in ``<mark>``."""
    akhir = len(teks) if akhir is None else akhir
    bagian: list[str] = []
    posisi = mulai
    for a, b, ts in tokens:
        if a < mulai or b > akhir or dicari.isdisjoint(ts):
            continue
        bagian.append(escape(teks[posisi:a]))
        bagian.append("<mark>")
        bagian.append(escape(teks[a:b]))
        bagian.append("</mark>")
        posisi = b
    bagian.append(escape(teks[posisi:akhir]))
    # every piece of text went through escape(); only the <mark> tags are literal
    return Markup("".join(bagian))  # noqa: S704


def _jendela_terbaik(entri: _Entri, dicari: frozenset[str], lebar: int) -> int:
    """Index of the first word of the window with the most distinct (then total) matches."""
    tokens = entri.token_isi
    posisi = sorted({i for t in dicari for i in entri.posisi_isi.get(t, ())})
    if not posisi:
        return 0
    terbaik, nilai_terbaik = posisi[0], (-1, -1)
    for n, i in enumerate(posisi):
        akhir = bisect.bisect_left(posisi, i + lebar, n)
        beda = {t for p in posisi[n:akhir] for t in tokens[p][2]} & dicari
        nilai = (len(beda), akhir - n)
        if nilai > nilai_terbaik:
            terbaik, nilai_terbaik = i, nilai
    # Start a few words before the first match so it reads in context.
    return max(0, min(terbaik - 4, len(tokens) - lebar))


def cuplikan(entri: _Entri, dicari: frozenset[str], lebar: int = KATA_CUPLIKAN) -> Markup:
    """A window of about ``lebar`` words around the best matches, with ``<mark>`` on them."""
    teks, tokens = entri.dokumen.isi, entri.token_isi
    if not tokens:
        return Markup("")
    awal = _jendela_terbaik(entri, dicari, lebar)
    jendela = tokens[awal : awal + lebar]
    mulai = 0 if awal == 0 else jendela[0][0]
    akhir = len(teks) if awal + lebar >= len(tokens) else jendela[-1][1]
    isi = sorot(teks, jendela, dicari, mulai, akhir)
    depan = Markup("… ") if mulai > 0 else Markup("")
    belakang = Markup(" …") if akhir < len(teks) else Markup("")
    return depan + isi + belakang


# ---------------------------------------------------------------- from content


def dokumen_dari_konten(
    konten: Konten, url_halaman: Callable[[str], str], url_faq: str
) -> list[Dokumen]:
    """Entries for every page (its intro), every ``##`` section and every FAQ answer."""
    dokumen: list[Dokumen] = []
    for h in konten.halaman_urut():
        url = url_halaman(h.slug)
        pengantar = rapikan(f"{h.ringkasan} {teks_polos(h.pengantar)}")
        subjudul = " ".join(b.judul for b in h.bagian)
        dokumen.append(Dokumen(JENIS_HALAMAN, url, h.judul, pengantar, subjudul=subjudul))
        dokumen += [
            Dokumen(JENIS_BAGIAN, f"{url}#{b.id}", b.judul, rapikan(b.teks), h.judul)
            for b in h.bagian
        ]
    dokumen += [
        Dokumen(JENIS_FAQ, f"{url_faq}#{f.id}", f.pertanyaan, rapikan(f.teks), LABEL_FAQ)
        for f in konten.faq
    ]
    return dokumen


__all__ = [
    "BATAS_HASIL",
    "MAKS_PANJANG_Q",
    "Dokumen",
    "Hasil",
    "Indeks",
    "Pencarian",
    "akar",
    "bersihkan_q",
    "dokumen_dari_konten",
    "istilah",
    "lipat",
]


@functools.lru_cache(maxsize=4)
def indeks_tetap(dokumen: tuple[Dokumen, ...]) -> Indeks:
    """The index of documents that never change while the process runs (the site's pages):
    the same documents give the same immutable index, so it is built once per process."""
    return Indeks(dokumen)
