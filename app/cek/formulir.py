"""The check's answers as a Flask-WTF form built from the rule file in force.

The questions come from ``content/rules``, so the form class is made at run time: one field
per question, named by its id (the query parameter), parsed by the rule's own
``Pertanyaan.baca`` (one set of messages per rule file). One class per rule version, kept.
"""

from __future__ import annotations

from wtforms.fields import StringField
from wtforms.validators import StopValidation

from app.domain.kelayakan import Aturan, Pertanyaan
from app.formulir import Formulir

_KELAS: dict[int, tuple[Aturan, type[FormCek]]] = {}
_KELAS_MAKS = 32  # rule versions loaded at once are a handful; tests make more


class JawabanField(StringField):
    """One question's answer; not sent means not answered yet (no message)."""

    def __init__(self, label=None, validators=None, *, pertanyaan: Pertanyaan, **kwargs) -> None:
        super().__init__(label, validators, **kwargs)
        self.pertanyaan = pertanyaan

    def process_formdata(self, valuelist) -> None:
        self.data = None  # set by pre_validate from the first value (a radio before its "")

    @property
    def dijawab(self) -> bool:
        return bool(self.raw_data)

    @property
    def mentah(self) -> str:
        """The answer as typed (shown again next to its message)."""
        return self.raw_data[0] if self.raw_data else ""

    def pre_validate(self, form) -> None:
        if not self.dijawab:
            return
        nilai, pesan = self.pertanyaan.baca(self.mentah)
        if pesan is not None:
            raise StopValidation(pesan)
        self.data = nilai


class FormCek(Formulir):
    """The answers so far (a GET form); only the first wrong answer is reported: the page
    asks that question again."""

    @property
    def galat(self) -> dict[str, str]:
        return dict(list(super().galat.items())[:1])

    def jawaban(self) -> dict[str, str | int]:
        """The valid answers, in question order (after ``periksa()``)."""
        return {f.id: f.data for f in self if f.dijawab and not f.errors}

    def mentah(self, id_: str) -> str:
        """What was sent for question ``id_``."""
        return next((f.mentah for f in self if f.id == id_), "")


def form_cek(aturan: Aturan) -> type[FormCek]:
    """The form class of one rule version (``aturan.daftar_pertanyaan`` in asking order)."""
    ada = _KELAS.get(id(aturan))
    if ada is not None and ada[0] is aturan:
        return ada[1]
    # Attributes q0, q1 …: a question id never clashes with a form method ("data", "meta").
    kolom = {f"q{i}": JawabanField(q.label, pertanyaan=q, name=q.id)
             for i, q in enumerate(aturan.daftar_pertanyaan)}
    kelas = type(f"FormCek_{aturan.wilayah}_{aturan.versi}", (FormCek,), kolom)
    if len(_KELAS) >= _KELAS_MAKS:
        _KELAS.clear()
    _KELAS[id(aturan)] = (aturan, kelas)
    return kelas
