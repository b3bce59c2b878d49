"""Reads and validates eligibility rule files: ``content/rules/<wilayah>/<versi>.yaml``.

Everything is checked at load so a typo in a rule file stops the app at start-up instead of
giving a wrong answer to a worker: unknown keys, unknown operators, values that are not
options of the question, missing reason texts, placeholders that do not exist, criteria out
of question order, overlapping validity periods. Texts without per-answer placeholders
(questions, outcomes, next steps) are filled in here; reasons are filled in by ``evaluate``.
"""

from __future__ import annotations

import functools
import itertools
import re
import string
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from app.domain.kelayakan import (
    OPERATORS,
    OUTCOMES,
    OUTCOMES_GAGAL,
    OUTCOMES_LULUS,
    PESAN_GALAT,
    STATUSES,
    Angka,
    Aturan,
    AturanTidakValid,
    Kriteria,
    Pertanyaan,
    Pilihan,
    Sumber,
    TeksHasil,
)
from app.domain.yaml_cepat import baca_yaml

_ID = re.compile(r"[a-z][a-z0-9_]*")
_ATAS_WAJIB = {"wilayah", "nama_wilayah", "berlaku_mulai", "berlaku_sampai", "diperbarui",
               "sumber", "pesan_galat", "questions", "criteria", "kesimpulan", "hasil"}
_ATAS_BOLEH = _ATAS_WAJIB | {"catatan", "penafian", "angka"}
_KRITERIA_WAJIB = {"id", "question", "operator", "on_fail", "alasan", "sumber", "verified"}
_KRITERIA_BOLEH = _KRITERIA_WAJIB | {
    "value", "values", "min", "max", "unknown_values", "stop", "on_pass", "alasan_per_nilai",
    "langkah", "langkah_per_nilai", "catatan"}
# Which operator needs which parameters; the others must be absent.
_PARAMETER = {"equals": {"value"}, "not_equals": {"value"}, "in": {"values"},
              "not_in": {"values"}, "between": {"min", "max"}}
# Placeholders filled per answer; a figure in ``angka`` may not take these names.
_PER_JAWABAN = {"jawaban", "nilai", "min", "max"}


def muat_semua(root: Path, wilayah: str, data_root: Path | None = None) -> list[Aturan]:
    """Every version in ``root/wilayah``, oldest first; periods must not overlap.

    The parsed versions are frozen, so they are kept for as long as no file they were read
    from changes (its path, size and modification time): every app built in one process (a
    test run, a worker's restart) shares one parse."""
    folder = root / wilayah
    paths = sorted(folder.glob("*.yaml"))
    data = data_root or root.parent / "data"
    tanda = tuple(_tanda_berkas(p) for p in (*paths, *sorted(data.glob("*.yaml"))))
    return list(_muat_semua(folder, wilayah, data_root, tanda))


def _tanda_berkas(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path), st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=8)
def _muat_semua(folder: Path, wilayah: str, data_root: Path | None,
                tanda: tuple[tuple[str, int, int], ...]) -> tuple[Aturan, ...]:
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise AturanTidakValid(f"no rule files (*.yaml) in {folder}")
    versi = sorted((muat_berkas(p, data_root) for p in paths), key=lambda a: a.berlaku_mulai)
    for a in versi:
        if a.wilayah != wilayah:
            raise AturanTidakValid(f"{a.berkas}: wilayah is {a.wilayah!r}, folder is {wilayah!r}")
    for lama, baru in itertools.pairwise(versi):
        if lama.berlaku_sampai is None or lama.berlaku_sampai >= baru.berlaku_mulai:
            raise AturanTidakValid(
                f"{lama.berkas} and {baru.berkas}: validity periods overlap "
                f"({lama.berlaku_mulai}–{lama.berlaku_sampai} vs from {baru.berlaku_mulai})"
            )
    return tuple(versi)


def muat_berkas(path: Path, data_root: Path | None = None) -> Aturan:
    """One rule file; ``data_root`` (default ``content/data``) resolves ``angka`` refs."""
    path = Path(path)
    try:
        isi = baca_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise AturanTidakValid(f"{path}: not valid YAML: {e}") from e
    return _Pembaca(path, data_root or path.parent.parent.parent / "data").aturan(isi)


class _Pembaca:
    """Builds one Aturan, naming the file and the spot in every error."""

    def __init__(self, path: Path, data_root: Path) -> None:
        self.path = path
        self.data_root = data_root
        self._data: dict[str, Any] = {}
        self.konteks: dict[str, str] = {}

    def galat(self, where: str, pesan: str) -> AturanTidakValid:
        return AturanTidakValid(f"{self.path}: {where}: {pesan}")

    # -- top level ---------------------------------------------------------------------
    def aturan(self, isi: object) -> Aturan:
        if isinstance(isi, Mapping):
            # Top-level keys starting with "_" only hold YAML anchors for repeated texts.
            isi = {k: v for k, v in isi.items() if not str(k).startswith("_")}
        d = self.peta(isi, "file", _ATAS_WAJIB, _ATAS_BOLEH)
        nama = self.teks(d["nama_wilayah"], "nama_wilayah")
        angka = {k: self.angka(k, v) for k, v in self.peta(
            d.get("angka") or {}, "angka").items()}
        self.konteks = {"wilayah": nama} | {k: a.teks for k, a in angka.items()}
        mulai = self.tanggal(d["berlaku_mulai"], "berlaku_mulai")
        sampai = (None if d["berlaku_sampai"] is None
                  else self.tanggal(d["berlaku_sampai"], "berlaku_sampai"))
        if sampai is not None and sampai < mulai:
            raise self.galat("berlaku_sampai", f"{sampai} is before berlaku_mulai {mulai}")
        pesan = self.peta(d["pesan_galat"], "pesan_galat", set(PESAN_GALAT), set(PESAN_GALAT))
        questions = tuple(self.pertanyaan(q, i, pesan) for i, q in enumerate(
            self.daftar(d["questions"], "questions")))
        self.unik([q.id for q in questions], "questions")
        criteria = tuple(self.kriteria(k, i, questions) for i, k in enumerate(
            self.daftar(d["criteria"], "criteria")))
        self.unik([k.id for k in criteria], "criteria")
        self.urutan(questions, criteria)
        kes = self.peta(d["kesimpulan"], "kesimpulan", {"jika_ada_unknown", "jika_semua_met"})
        for kunci, nilai in kes.items():
            self.pilih(nilai, OUTCOMES_LULUS, f"kesimpulan.{kunci}")
        hasil = self.peta(d["hasil"], "hasil", set(OUTCOMES), set(OUTCOMES))
        return Aturan(
            wilayah=self.teks(d["wilayah"], "wilayah"),
            nama_wilayah=nama,
            versi=self.path.stem,
            berlaku_mulai=mulai,
            berlaku_sampai=sampai,
            diperbarui=self.tanggal(d["diperbarui"], "diperbarui"),
            sumber=self.sumber(d["sumber"], "sumber"),
            catatan=self.isi(d.get("catatan"), "catatan", wajib=False),
            penafian=self.isi(d.get("penafian"), "penafian", wajib=False),
            daftar_pertanyaan=questions,
            criteria=criteria,
            hasil={o: self.teks_hasil(hasil[o], f"hasil.{o}") for o in OUTCOMES},
            jika_ada_unknown=kes["jika_ada_unknown"],
            jika_semua_met=kes["jika_semua_met"],
            angka=angka,
            berkas=self.path,
        )

    def angka(self, nama: str, v: object) -> Angka:
        where = f"angka.{nama}"
        if not _ID.fullmatch(nama) or nama in _PER_JAWABAN | {"wilayah"}:
            raise self.galat(where, "name must be lower_snake_case and not a reserved name")
        d = self.peta(v, where, set(), {"data", "nilai", "satuan", "sumber", "verified",
                                         "catatan"})
        if "data" in d:
            if len(d) != 1:
                raise self.galat(where, "'data' reference takes no other keys")
            d = self.rujukan(self.teks(d["data"], where), where)
        for kunci in ("nilai", "sumber", "verified"):
            if kunci not in d:
                raise self.galat(where, f"figure has no {kunci!r}")
        return Angka(nama, d["nilai"], d.get("satuan"), str(d["sumber"]),
                     self.benar(d["verified"], where), d.get("catatan"))

    def rujukan(self, ref: str, where: str) -> Mapping[str, Any]:
        """Follow ``iuran.bpu.jkk_terendah`` to content/data/iuran.yaml → bpu → jkk_terendah."""
        berkas, *kunci = ref.split(".")
        if berkas not in self._data:
            p = self.data_root / f"{berkas}.yaml"
            if not p.is_file():
                raise self.galat(where, f"data file {p} not found")
            self._data[berkas] = baca_yaml(p.read_text(encoding="utf-8"))
        node: Any = self._data[berkas]
        for k in kunci:
            if not isinstance(node, Mapping) or k not in node:
                raise self.galat(where, f"{ref!r}: no key {k!r} in {berkas}.yaml")
            node = node[k]
        if not isinstance(node, Mapping):
            raise self.galat(where, f"{ref!r} is not a figure with nilai/sumber/verified")
        return node

    # -- questions ---------------------------------------------------------------------
    def pertanyaan(self, v: object, i: int, pesan_umum: Mapping[str, str]) -> Pertanyaan:
        where = f"questions[{i}]"
        d = self.peta(v, where, {"id", "label", "type"},
                      {"id", "label", "hint", "type", "options", "min", "max", "pesan_galat"})
        id_ = self.id(d["id"], where)
        where = f"questions[{i}] ({id_})"
        jenis = self.pilih(d["type"], {"pilihan", "angka"}, f"{where}.type")
        pesan = dict(pesan_umum) | self.peta(d.get("pesan_galat") or {}, f"{where}.pesan_galat",
                                              set(), set(PESAN_GALAT))
        # Only the messages this type of question can show are checked, and only a number
        # question has {min} and {max} to offer.
        dipakai, boleh = (({"kosong", "bukan_angka", "di_luar_batas"}, {"min", "max"})
                          if jenis == "angka" else ({"kosong", "pilihan_tidak_dikenal"}, set()))
        for kunci in dipakai:
            pesan[kunci] = self.alasan(pesan[kunci], f"{where}.pesan_galat.{kunci}", boleh)
        options: tuple[Pilihan, ...] = ()
        batas: tuple[int | None, int | None] = (None, None)
        if jenis == "pilihan":
            if "min" in d or "max" in d:
                raise self.galat(where, "a 'pilihan' question takes options, not min/max")
            options = tuple(self.pilihan(o, f"{where}.options[{j}]")
                            for j, o in enumerate(self.daftar(d.get("options"),
                                                              f"{where}.options")))
            self.unik([o.value for o in options], f"{where}.options")
        else:
            if "options" in d:
                raise self.galat(where, "an 'angka' question takes min/max, not options")
            batas = (self.bulat(d.get("min"), f"{where}.min"),
                     self.bulat(d.get("max"), f"{where}.max"))
            if batas[0] > batas[1]:
                raise self.galat(where, "min is greater than max")
        return Pertanyaan(id_, self.isi(d["label"], f"{where}.label"),
                          self.isi(d.get("hint"), f"{where}.hint", wajib=False), jenis,
                          options, batas[0], batas[1], pesan)

    def pilihan(self, v: object, where: str) -> Pilihan:
        d = self.peta(v, where, {"value", "label"}, {"value", "label", "hint"})
        nilai = d["value"]
        if not isinstance(nilai, str) or not nilai:
            # YAML reads 1_3 as the number 13: option values must be quoted strings.
            raise self.galat(where, f"value {nilai!r} must be a quoted string")
        return Pilihan(nilai, self.isi(d["label"], f"{where}.label"),
                       self.isi(d.get("hint"), f"{where}.hint", wajib=False))

    # -- criteria ----------------------------------------------------------------------
    def kriteria(self, v: object, i: int, questions: tuple[Pertanyaan, ...]) -> Kriteria:
        where = f"criteria[{i}]"
        d = self.peta(v, where, _KRITERIA_WAJIB, _KRITERIA_BOLEH)
        id_ = self.id(d["id"], where)
        where = f"criteria[{i}] ({id_})"
        q = next((q for q in questions if q.id == d["question"]), None)
        if q is None:
            raise self.galat(where, f"question {d['question']!r} is not among the questions")
        op = d["operator"]
        if op not in OPERATORS:
            raise self.galat(where, f"unknown operator {op!r}; allowed: "
                                    f"{', '.join(sorted(OPERATORS))}")
        perlu = _PARAMETER[op]
        salah = ({"value", "values", "min", "max"} & d.keys()) ^ perlu
        if salah:
            raise self.galat(where, f"operator {op!r} takes exactly {sorted(perlu)}; "
                                    f"check {sorted(salah)}")
        if op == "between" and q.type != "angka":
            raise self.galat(where, "'between' only works on an 'angka' question")
        nilai_ = self.nilai(d["value"], q, f"{where}.value") if "value" in d else None
        values = frozenset()
        if "values" in d:
            values = frozenset(self.nilai(x, q, f"{where}.values")
                               for x in self.daftar(d["values"], f"{where}.values"))
        batas = ((self.nilai(d["min"], q, f"{where}.min"), self.nilai(d["max"], q, f"{where}.max"))
                 if op == "between" else (None, None))
        if op == "between" and batas[0] > batas[1]:
            raise self.galat(where, "min is greater than max")
        unknown = frozenset(self.nilai(x, q, f"{where}.unknown_values", hanya_pilihan=True)
                            for x in self.daftar(d.get("unknown_values", []),
                                                 f"{where}.unknown_values", kosong=True))
        on_pass = self.on_pass(d.get("on_pass"), q, f"{where}.on_pass")
        boleh = set(self.konteks) | {"jawaban", "nilai"}
        if op == "between":
            boleh |= {"min", "max"}
        alasan = {s: self.alasan(x, f"{where}.alasan.{s}", boleh) for s, x in self.peta(
            d["alasan"], f"{where}.alasan", {"met", "not_met"}, set(STATUSES)).items()}
        if unknown and "unknown" not in alasan:
            raise self.galat(where, "has unknown_values but no alasan.unknown")
        per_nilai = {k: self.alasan(x, f"{where}.alasan_per_nilai.{k}", boleh) for k, x in
                     self.per_nilai(d.get("alasan_per_nilai"), q,
                                    f"{where}.alasan_per_nilai").items()}
        langkah = {s: self.langkah(x, f"{where}.langkah.{s}") for s, x in self.peta(
            d.get("langkah") or {}, f"{where}.langkah", set(), set(STATUSES)).items()}
        langkah_nilai = {k: self.langkah(x, f"{where}.langkah_per_nilai.{k}") for k, x in
                         self.per_nilai(d.get("langkah_per_nilai"), q,
                                        f"{where}.langkah_per_nilai").items()}
        verified = self.benar(d["verified"], f"{where}.verified")
        if not verified and not d.get("catatan"):
            raise self.galat(where, "verified: false needs a catatan saying what is unsure")
        return Kriteria(
            id=id_, question=q.id, operator=op, value=nilai_, values=values,
            min=batas[0], max=batas[1], unknown_values=unknown,
            on_fail=self.pilih(d["on_fail"], OUTCOMES_GAGAL, f"{where}.on_fail"),
            stop=self.benar(d.get("stop", True), f"{where}.stop"),
            on_pass=on_pass, alasan=alasan, alasan_per_nilai=per_nilai,
            langkah=langkah, langkah_per_nilai=langkah_nilai,
            sumber=self.sumber(d["sumber"], f"{where}.sumber"), verified=verified,
            catatan=d.get("catatan"),
        )

    def nilai(self, x: object, q: Pertanyaan, where: str, hanya_pilihan: bool = False):
        """A value a criterion compares with: an option of the question, or a number in range."""
        if q.type == "pilihan":
            if x not in q.nilai_sah():
                raise self.galat(where, f"{x!r} is not an option of {q.id!r} "
                                        f"({', '.join(sorted(q.nilai_sah()))})")
            return x
        if hanya_pilihan:
            raise self.galat(where, f"{q.id!r} is a number question; it has no 'don't know'")
        if not isinstance(x, int) or isinstance(x, bool) or not q.min <= x <= q.max:
            raise self.galat(where, f"{x!r} is not a whole number in {q.min}–{q.max}")
        return x

    def per_nilai(self, v: object, q: Pertanyaan, where: str) -> dict[str, Any]:
        """A mapping keyed by answer value; keys are kept as strings for lookup."""
        return {str(self.nilai(k, q, f"{where}.{k}")): x
                for k, x in self.peta(v or {}, where).items()}

    def on_pass(self, v: object, q: Pertanyaan, where: str) -> str | dict[str, str] | None:
        if v is None:
            return None
        if isinstance(v, str):
            return self.pilih(v, OUTCOMES_LULUS, where)
        return {k: self.pilih(x, OUTCOMES_LULUS, f"{where}.{k}")
                for k, x in self.per_nilai(v, q, where).items()}

    def urutan(self, questions: tuple[Pertanyaan, ...], criteria: tuple[Kriteria, ...]) -> None:
        """Criteria follow question order and every question is judged by one or more."""
        posisi = [[q.id for q in questions].index(k.question) for k in criteria]
        if posisi != sorted(posisi):
            raise self.galat("criteria", "criteria must follow the order of the questions")
        tanpa = [q.id for q in questions if q.id not in {k.question for k in criteria}]
        if tanpa:
            raise self.galat("criteria", f"no criterion for question(s) {tanpa}")

    # -- outcomes and small parts --------------------------------------------------------
    def teks_hasil(self, v: object, where: str) -> TeksHasil:
        d = self.peta(v, where, {"judul", "ringkasan", "langkah"})
        return TeksHasil(self.isi(d["judul"], f"{where}.judul"),
                         self.isi(d["ringkasan"], f"{where}.ringkasan"),
                         self.langkah(d["langkah"], f"{where}.langkah", kosong=True))

    def langkah(self, v: object, where: str, kosong: bool = False) -> tuple[str, ...]:
        return tuple(self.isi(s, f"{where}[{j}]") for j, s in
                     enumerate(self.daftar(v, where, kosong=kosong)))

    def sumber(self, v: object, where: str) -> tuple[Sumber, ...]:
        hasil = []
        for j, s in enumerate(self.daftar(v, where)):
            if isinstance(s, str):
                hasil.append(Sumber(self.teks(s, f"{where}[{j}]")))
                continue
            d = self.peta(s, f"{where}[{j}]", {"judul"}, {"judul", "url", "catatan"})
            hasil.append(Sumber(self.teks(d["judul"], f"{where}[{j}].judul"), d.get("url"),
                                d.get("catatan")))
        return tuple(hasil)

    def alasan(self, v: object, where: str, boleh: set[str]) -> str:
        """A reason text, kept as a template: evaluate() fills in the answer."""
        teks = self.teks(v, where)
        self.placeholder(teks, where, boleh)
        return teks

    def isi(self, v: object, where: str, wajib: bool = True) -> str | None:
        """A text with only {wilayah} and figure placeholders, filled in now."""
        if v is None and not wajib:
            return None
        teks = self.teks(v, where)
        self.placeholder(teks, where, set(self.konteks))
        return teks.format_map(self.konteks)

    def placeholder(self, teks: str, where: str, boleh: set[str]) -> None:
        try:
            nama = {f for _, f, _, _ in string.Formatter().parse(teks) if f is not None}
        except ValueError as e:
            raise self.galat(where, f"broken braces ({e}); write {{{{ and }}}} for a brace") from e
        asing = nama - boleh
        if asing:
            raise self.galat(where, f"unknown placeholder(s) {sorted(asing)}; "
                                    f"allowed here: {sorted(boleh)}")

    def peta(self, v: object, where: str, wajib: set[str] = frozenset(),
             boleh: set[str] | None = None) -> dict[str, Any]:
        if not isinstance(v, Mapping):
            raise self.galat(where, f"expected a mapping, got {type(v).__name__}")
        kurang = wajib - v.keys()
        if kurang:
            raise self.galat(where, f"missing {sorted(kurang)}")
        if boleh is not None and (asing := set(v.keys()) - boleh):
            raise self.galat(where, f"unknown key(s) {sorted(map(str, asing))}; "
                                    f"allowed: {sorted(boleh)}")
        return dict(v)

    def daftar(self, v: object, where: str, kosong: bool = False) -> list[Any]:
        if not isinstance(v, list) or (not v and not kosong):
            raise self.galat(where, "expected a non-empty list" if not kosong
                             else "expected a list")
        return v

    def teks(self, v: object, where: str) -> str:
        if not isinstance(v, str) or not v.strip():
            raise self.galat(where, "expected a non-empty text")
        return v.strip()

    def id(self, v: object, where: str) -> str:
        if not isinstance(v, str) or not _ID.fullmatch(v):
            raise self.galat(where, f"id {v!r} must be lower_snake_case")
        return v

    def tanggal(self, v: object, where: str) -> date:
        if isinstance(v, date):
            return v
        try:
            return date.fromisoformat(str(v))
        except ValueError:
            raise self.galat(where, f"{v!r} is not a date (YYYY-MM-DD)") from None

    def bulat(self, v: object, where: str) -> int:
        if not isinstance(v, int) or isinstance(v, bool):
            raise self.galat(where, f"{v!r} is not a whole number")
        return v

    def benar(self, v: object, where: str) -> bool:
        if not isinstance(v, bool):
            raise self.galat(where, f"{v!r} must be true or false")
        return v

    def pilih(self, v: object, boleh: set[str] | frozenset[str], where: str) -> str:
        if v not in boleh:
            raise self.galat(where, f"{v!r} is not one of {sorted(boleh)}")
        return v  # type: ignore[return-value]

    def unik(self, ids: list[str], where: str) -> None:
        dobel = sorted({x for x in ids if ids.count(x) > 1})
        if dobel:
            raise self.galat(where, f"duplicate id(s) {dobel}")
