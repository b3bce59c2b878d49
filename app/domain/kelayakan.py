"""Eligibility rule engine for /cek: dated rule files in content/rules, evaluated in order.

A rule file (``content/rules/<wilayah>/<versi>.yaml``) holds the questions, the ordered
criteria and every text shown to the person; this module only knows a small fixed set of
operators and how to walk the criteria. Loading and validating the files lives in
``kelayakan_berkas``; this module re-exports ``muat_aturan`` so callers need only one import.

Typical use (the web reads the answers with app/cek/formulir.py's form, built from the same
questions and ``Pertanyaan.baca``; ``bersihkan`` is the Flask-free reader)::

    versi = muat_aturan(Path("content/rules"), "kota-bekasi")   # once, at start-up
    aturan = aturan_berlaku(versi, date.today())
    jawaban, galat = bersihkan(params, aturan)
    hasil = evaluate(jawaban, aturan, date.today())
    # galat → show that question again; hasil.next_question → ask it; else hasil.outcome
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

from app.domain.format import rupiah

OPERATORS = frozenset({"equals", "not_equals", "in", "not_in", "between"})
STATUSES = ("met", "not_met", "unknown")
OUTCOMES = ("prioritas", "memenuhi", "perlu_dicek", "tidak_memenuhi", "sudah_terlindungi")
# A failed criterion ends in one of these; a passed one may propose one of the others.
OUTCOMES_GAGAL = frozenset({"tidak_memenuhi", "sudah_terlindungi"})
OUTCOMES_LULUS = frozenset({"prioritas", "memenuhi", "perlu_dicek"})
PESAN_GALAT = ("kosong", "bukan_angka", "di_luar_batas", "pilihan_tidak_dikenal")

_BILANGAN = re.compile(r"[+-]?([0-9]+)")


class AturanTidakValid(ValueError):
    """A rule file breaks the schema (unknown operator, missing text, bad reference…)."""


class AturanTidakBerlaku(LookupError):
    """No rule version is in force on the requested date."""


@dataclass(frozen=True)
class Sumber:
    """Where a rule or figure comes from: cite the regulation, not the news outlet."""

    judul: str
    url: str | None = None
    catatan: str | None = None


@dataclass(frozen=True)
class Angka:
    """A figure quoted in the texts, with its source; ``teks`` is how it is printed."""

    nama: str
    nilai: object
    satuan: str | None
    sumber: str
    verified: bool
    catatan: str | None = None

    @property
    def teks(self) -> str:
        """The figure as shown: Rp16.800, 50%, 10.000 (orang), 65."""
        if self.satuan == "rupiah" and isinstance(self.nilai, int | float):
            return rupiah(self.nilai)
        if self.satuan == "persen":
            return f"{self.nilai}%".replace(".", ",")
        if self.satuan == "orang" and isinstance(self.nilai, int):
            return f"{self.nilai:,}".replace(",", ".")
        if isinstance(self.nilai, list):
            return ", ".join(str(n) for n in self.nilai)
        return str(self.nilai)


@dataclass(frozen=True)
class Pilihan:
    """One answer of a multiple-choice question."""

    value: str
    label: str
    hint: str | None = None


@dataclass(frozen=True)
class Pertanyaan:
    """One question of the check; ``id`` is also its query parameter."""

    id: str
    label: str
    hint: str | None
    type: str  # "pilihan" | "angka"
    options: tuple[Pilihan, ...] = ()
    min: int | None = None
    max: int | None = None
    pesan_galat: Mapping[str, str] = field(default_factory=dict)

    def nilai_sah(self) -> frozenset[str]:
        """The allowed values of a multiple-choice question."""
        return frozenset(p.value for p in self.options)

    def label_jawaban(self, nilai: str | int) -> str:
        """The answer as the person saw it: the option label, or the number."""
        for pilihan in self.options:
            if pilihan.value == nilai:
                return pilihan.label
        return str(nilai)

    def baca(self, mentah: object) -> tuple[str | int | None, str | None]:
        """Parse one raw parameter into (value, None) or (None, Indonesian error message)."""
        if not isinstance(mentah, str):
            return None, self._pesan("bukan_angka" if self.type == "angka" else
                                     "pilihan_tidak_dikenal")
        teks = mentah.strip()
        if not teks:
            return None, self._pesan("kosong")
        if self.type == "pilihan":
            if teks in self.nilai_sah():
                return teks, None
            return None, self._pesan("pilihan_tidak_dikenal")
        cocok = _BILANGAN.fullmatch(teks)
        if not cocok:
            return None, self._pesan("bukan_angka")
        # Too many digits is simply out of range; never hand int() an unbounded string.
        angka_ = cocok.group(1).lstrip("0") or "0"
        if len(angka_) > 6:
            return None, self._pesan("di_luar_batas")
        nilai = int(teks)
        assert self.min is not None and self.max is not None
        if not self.min <= nilai <= self.max:
            return None, self._pesan("di_luar_batas")
        return nilai, None

    def _pesan(self, jenis: str) -> str:
        return self.pesan_galat[jenis].format(min=self.min, max=self.max)


@dataclass(frozen=True)
class Kriteria:
    """One ordered criterion: an operator applied to the answer of one question."""

    id: str
    question: str
    operator: str
    value: str | int | None
    values: frozenset[str | int]
    min: int | None
    max: int | None
    unknown_values: frozenset[str]
    on_fail: str
    stop: bool
    on_pass: str | Mapping[str, str] | None
    alasan: Mapping[str, str]
    alasan_per_nilai: Mapping[str, str]
    langkah: Mapping[str, tuple[str, ...]]
    langkah_per_nilai: Mapping[str, tuple[str, ...]]
    sumber: tuple[Sumber, ...]
    verified: bool
    catatan: str | None = None

    def status(self, nilai: str | int) -> str:
        """``met``, ``not_met`` or ``unknown`` for one (already validated) answer."""
        if nilai in self.unknown_values:
            return "unknown"
        if self.operator == "equals":
            lolos = nilai == self.value
        elif self.operator == "not_equals":
            lolos = nilai != self.value
        elif self.operator == "in":
            lolos = nilai in self.values
        elif self.operator == "not_in":
            lolos = nilai not in self.values
        else:  # between, inclusive; the loader only allows it on number questions
            lolos = isinstance(nilai, int) and self.min <= nilai <= self.max
        return "met" if lolos else "not_met"

    def hasil_lulus(self, nilai: str | int) -> str | None:
        """The outcome this criterion proposes when met (e.g. desil 1–3 → prioritas)."""
        if isinstance(self.on_pass, Mapping):
            return self.on_pass.get(str(nilai))
        return self.on_pass

    def langkah_untuk(self, nilai: str | int, status: str) -> tuple[str, ...]:
        """Next steps this criterion adds: per answer first, then per status."""
        return self.langkah_per_nilai.get(str(nilai)) or self.langkah.get(status, ())


@dataclass(frozen=True)
class TeksHasil:
    """The one-sentence result of an outcome and its general next steps."""

    judul: str
    ringkasan: str
    langkah: tuple[str, ...]


@dataclass(frozen=True)
class Aturan:
    """One dated version of a region's eligibility rules."""

    wilayah: str
    nama_wilayah: str
    versi: str
    berlaku_mulai: date
    berlaku_sampai: date | None
    diperbarui: date
    sumber: tuple[Sumber, ...]
    catatan: str | None
    penafian: str | None
    daftar_pertanyaan: tuple[Pertanyaan, ...]  # in asking order; one by id: pertanyaan()
    criteria: tuple[Kriteria, ...]
    hasil: Mapping[str, TeksHasil]
    jika_ada_unknown: str
    jika_semua_met: str
    angka: Mapping[str, Angka]
    berkas: Path | None = None

    def pertanyaan(self, id_: str) -> Pertanyaan:
        """The question with this id (KeyError if none)."""
        for q in self.daftar_pertanyaan:
            if q.id == id_:
                return q
        raise KeyError(id_)

    def nomor(self, id_: str) -> int:
        """1-based position of a question, for "Pertanyaan 3 dari 5"."""
        return [q.id for q in self.daftar_pertanyaan].index(id_) + 1

    def berlaku_pada(self, tanggal: date) -> bool:
        """Whether this version is in force on ``tanggal`` (both ends inclusive)."""
        sampai = self.berlaku_sampai or date.max
        return self.berlaku_mulai <= tanggal <= sampai

    def konteks(self) -> dict[str, str]:
        """Placeholders every text may use: {wilayah} and the named figures."""
        return {"wilayah": self.nama_wilayah} | {k: a.teks for k, a in self.angka.items()}


class StatusKriteria(NamedTuple):
    """How one evaluated criterion came out, with the reason shown to the person."""

    kriteria: str
    status: str  # met | not_met | unknown
    alasan: str
    pertanyaan: str
    verified: bool


@dataclass(frozen=True)
class Evaluasi:
    """Result of ``evaluate``: either an outcome or the next question to ask."""

    aturan: Aturan
    outcome: str | None
    statuses: tuple[StatusKriteria, ...]
    next_question: str | None
    penentu: str | None
    judul: str | None = None
    ringkasan: str | None = None
    langkah: tuple[str, ...] = ()

    @property
    def selesai(self) -> bool:
        """True when an outcome is known and no more questions are needed."""
        return self.outcome is not None


def aturan_berlaku(versi: Sequence[Aturan], tanggal: date) -> Aturan:
    """The version in force on ``tanggal``; AturanTidakBerlaku when there is none."""
    cocok = [a for a in versi if a.berlaku_pada(tanggal)]
    if not cocok:
        tersedia = ", ".join(
            f"{a.versi} ({a.berlaku_mulai} – {a.berlaku_sampai or 'open'})" for a in versi
        ) or "none"
        wilayah = versi[0].wilayah if versi else "?"
        raise AturanTidakBerlaku(
            f"No eligibility rules for {wilayah} in force on {tanggal.isoformat()}; "
            f"versions: {tersedia}"
        )
    return max(cocok, key=lambda a: a.berlaku_mulai)


def aturan_terakhir(versi: Sequence[Aturan], tanggal: date) -> tuple[Aturan, bool]:
    """The version in force on ``tanggal`` and False; when the newest version has already
    ended and nothing newer is loaded, that newest version and True (it stays in use, with a
    note, until a newer file is deployed). AturanTidakBerlaku only before the first version."""
    try:
        return aturan_berlaku(versi, tanggal), False
    except AturanTidakBerlaku:
        sudah = [a for a in versi if a.berlaku_mulai <= tanggal]
        if not sudah:
            raise
        return max(sudah, key=lambda a: a.berlaku_mulai), True


def tanggal_untuk(aturan: Aturan, tanggal: date) -> date:
    """The date to evaluate ``aturan`` on: ``tanggal``, or its last day once it has ended."""
    if aturan.berlaku_sampai is not None and tanggal > aturan.berlaku_sampai:
        return aturan.berlaku_sampai
    return tanggal


def bersihkan(
    params: Mapping[str, str], aturan: Aturan
) -> tuple[dict[str, str | int], dict[str, str]]:
    """Keep known parameters, validate them; (answers in question order, first error)."""
    jawaban: dict[str, str | int] = {}
    galat: dict[str, str] = {}
    for q in aturan.daftar_pertanyaan:
        if q.id not in params:
            continue
        nilai, pesan = q.baca(params[q.id])
        if pesan is not None:
            # Only the first invalid question is reported: the page asks it again.
            if not galat:
                galat[q.id] = pesan
        else:
            jawaban[q.id] = nilai
    return jawaban, galat


def evaluate(
    answers: Mapping[str, str | int], rules: Aturan | Sequence[Aturan], tanggal: date
) -> Evaluasi:
    """Walk the criteria in order; stop at the first deciding answer or the first gap."""
    aturan = _pilih(rules, tanggal)
    jawaban = {q.id: answers[q.id] for q in aturan.daftar_pertanyaan if q.id in answers}
    _periksa(jawaban, aturan)
    statuses: list[StatusKriteria] = []
    gagal: Kriteria | None = None
    tidak_tahu: list[Kriteria] = []
    belum_pasti: list[Kriteria] = []
    calon: tuple[Kriteria, str] | None = None
    for k in aturan.criteria:
        if k.question not in jawaban:
            if gagal is None:
                return Evaluasi(aturan, None, tuple(statuses), k.question, None)
            break  # a non-stopping failure already decided; nothing more to show
        nilai = jawaban[k.question]
        status = k.status(nilai)
        statuses.append(_status(aturan, k, nilai, status))
        if status == "not_met" and not k.verified:
            # An unverified rule never decides a negative on its own: note it, walk on (a
            # verified rule further on may still decide), and end in perlu_dicek at most.
            belum_pasti.append(k)
        elif status == "not_met":
            gagal = gagal or k
            if k.stop:
                break
        elif status == "unknown":
            tidak_tahu.append(k)
        elif calon is None and (usul := k.hasil_lulus(nilai)):
            calon = (k, usul)

    if gagal is not None:
        outcome, penentu = gagal.on_fail, [gagal]
    elif belum_pasti or tidak_tahu:
        # What to check first: the unverified rule the answers fail, then the unknown answers.
        outcome, penentu = aturan.jika_ada_unknown, belum_pasti + tidak_tahu
    elif calon is not None:
        outcome, penentu = calon[1], [calon[0]]
    else:
        outcome, penentu = aturan.jika_semua_met, []
    return _hasil(aturan, jawaban, tuple(statuses), outcome, penentu)


def query_jawaban(
    answers: Mapping[str, str | int], kecuali: str | Iterable[str] | None = None
) -> str:
    """Query string of the answers in their order (as ``bersihkan`` returns them)."""
    buang = {kecuali} if isinstance(kecuali, str) else set(kecuali or ())
    return urlencode([(k, str(v)) for k, v in answers.items() if k not in buang])


def muat_aturan(root: Path, wilayah: str, data_root: Path | None = None) -> list[Aturan]:
    """Load every version of a region's rules, oldest first; see ``kelayakan_berkas``."""
    from app.domain.kelayakan_berkas import muat_semua  # the loader needs these classes

    return muat_semua(Path(root), wilayah, data_root)


def _pilih(rules: Aturan | Sequence[Aturan], tanggal: date) -> Aturan:
    if isinstance(rules, Aturan):
        if not rules.berlaku_pada(tanggal):
            return aturan_berlaku([rules], tanggal)  # raises with the clear message
        return rules
    return aturan_berlaku(rules, tanggal)


def _periksa(jawaban: Mapping[str, str | int], aturan: Aturan) -> None:
    """Refuse answers ``bersihkan`` would not produce: a programming error, not user input."""
    for id_, nilai in jawaban.items():
        q = aturan.pertanyaan(id_)
        sah = (
            nilai in q.nilai_sah()
            if q.type == "pilihan"
            else isinstance(nilai, int) and not isinstance(nilai, bool)
            and q.min <= nilai <= q.max
        )
        if not sah:
            raise ValueError(f"answer {id_}={nilai!r} was not cleaned with bersihkan()")


def _isi(teks: str, aturan: Aturan, **lain: object) -> str:
    return teks.format_map(aturan.konteks() | lain)


def _status(aturan: Aturan, k: Kriteria, nilai: str | int, status: str) -> StatusKriteria:
    q = aturan.pertanyaan(k.question)
    teks = k.alasan_per_nilai.get(str(nilai)) or k.alasan[status]
    alasan = _isi(teks, aturan, jawaban=q.label_jawaban(nilai), nilai=nilai,
                  min=k.min, max=k.max)
    return StatusKriteria(k.id, status, alasan, k.question, k.verified)


def _hasil(
    aturan: Aturan,
    jawaban: Mapping[str, str | int],
    statuses: tuple[StatusKriteria, ...],
    outcome: str,
    penentu: list[Kriteria],
) -> Evaluasi:
    status_per_id = {s.kriteria: s.status for s in statuses}
    langkah: list[str] = []
    for k in penentu:
        langkah += k.langkah_untuk(jawaban[k.question], status_per_id[k.id])
    teks = aturan.hasil[outcome]
    langkah += teks.langkah
    langkah_isi = tuple(dict.fromkeys(langkah))  # filled in at load; drop repeats
    return Evaluasi(
        aturan=aturan,
        outcome=outcome,
        statuses=statuses,
        next_question=None,
        penentu=penentu[0].id if penentu else None,
        judul=teks.judul,
        ringkasan=teks.ringkasan,
        langkah=langkah_isi,
    )
