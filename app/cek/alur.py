"""The check's flow in URLs: which page comes next and what each page shows.

The answers live only in the query string; every link and form on these pages is built here
from cleaned answers, so an unknown parameter (a name, a NIK, a tracking tag) is never carried
on to the next URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from flask import url_for

from app.domain.kelayakan import Aturan, Evaluasi, Pertanyaan, query_jawaban

Jawaban = Mapping[str, str | int]

# An invalid answer is shown again for correction, but only this much of it.
PANJANG_TAMPIL = 20

# Worst first wins when one question feeds several criteria (pekerjaan feeds two).
PERINGKAT = {"met": 0, "unknown": 1, "not_met": 2}


def _dengan_query(url: str, jawaban: Jawaban, kecuali: str | None = None) -> str:
    query = query_jawaban(jawaban, kecuali)
    return f"{url}?{query}" if query else url


def url_pertanyaan(id_: str, jawaban: Jawaban) -> str:
    """The page of one question, with every answer so far (its own pre-selects it)."""
    return _dengan_query(url_for("cek.pertanyaan", parameter=id_), jawaban)


def url_hasil(jawaban: Jawaban, external: bool = False) -> str:
    """The result page for these answers; ``external`` for links shared outside the site."""
    alamat = _dengan_query(url_for("cek.hasil"), jawaban)
    if external:
        from app.batas import tautan_mutlak

        return tautan_mutlak(alamat)
    return alamat


def jawaban_sebelum(aturan: Aturan, id_: str, jawaban: Jawaban) -> dict[str, str | int]:
    """Only the answers to the questions asked before ``id_``."""
    batas = aturan.nomor(id_)
    return {k: v for k, v in jawaban.items() if aturan.nomor(k) < batas}


@dataclass(frozen=True)
class JawabanTercatat:
    """One earlier answer, as listed under the question with its "Ubah" link."""

    pertanyaan: str
    label: str
    jawaban: str
    ubah: str


def daftar_jawaban(aturan: Aturan, jawaban: Jawaban, kecuali: str | None = None) -> list:
    """Answers in question order, each with a link that changes it and keeps the others."""
    return [
        JawabanTercatat(q.id, q.label, q.label_jawaban(jawaban[q.id]),
                        url_pertanyaan(q.id, jawaban))
        for q in aturan.daftar_pertanyaan
        if q.id in jawaban and q.id != kecuali
    ]


def konteks_pertanyaan(
    aturan: Aturan,
    q: Pertanyaan,
    jawaban: Jawaban,
    galat: Mapping[str, str] | None = None,
    mentah: str | None = None,
) -> dict:
    """Everything the question page needs; ``mentah`` is the invalid text to show again."""
    nomor = aturan.nomor(q.id)
    lain = {k: v for k, v in jawaban.items() if k != q.id}
    sebelumnya = aturan.daftar_pertanyaan[nomor - 2] if nomor > 1 else None
    nilai = _layak_tampil(mentah) if mentah is not None else jawaban.get(q.id)
    return {
        "aturan": aturan,
        "q": q,
        "nomor": nomor,
        "jumlah": len(aturan.daftar_pertanyaan),
        "nilai": "" if nilai is None else str(nilai),
        "galat": dict(galat or {}),
        # Hidden fields in question order, so the submitted URL reads like the flow.
        "tersembunyi_sebelum": [(k, v) for k, v in lain.items() if aturan.nomor(k) < nomor],
        "tersembunyi_sesudah": [(k, v) for k, v in lain.items() if aturan.nomor(k) > nomor],
        "kembali": (url_pertanyaan(sebelumnya.id, jawaban) if sebelumnya
                    else url_for("cek.mulai")),
        "jawaban_tercatat": daftar_jawaban(aturan, jawaban, kecuali=q.id),
    }


def _layak_tampil(teks: str) -> str:
    """Printable characters only (no control codes in the page), cut to a sensible length."""
    return "".join(c for c in teks if c.isprintable())[:PANJANG_TAMPIL]


@dataclass(frozen=True)
class BarisAlasan:
    """One line of "Mengapa?": a question, its worst status and the reasons behind it."""

    pertanyaan: str
    label: str
    status: str
    kriteria: tuple[str, ...]
    alasan: tuple[str, ...]
    belum_pasti: tuple[str, ...]  # unverified criteria among the reasons shown
    jawaban: str
    ubah: str


def baris_alasan(evaluasi: Evaluasi, jawaban: Jawaban) -> list[BarisAlasan]:
    """One line per evaluated question, in order, with its criteria combined."""
    aturan = evaluasi.aturan
    baris = []
    for q in aturan.daftar_pertanyaan:
        milik = [s for s in evaluasi.statuses if s.pertanyaan == q.id]
        if not milik:
            continue
        status = max((s.status for s in milik), key=PERINGKAT.__getitem__)
        # Only the reasons that carry the line's status: a ✓ reason under a ✗ line confuses.
        tampil = [s for s in milik if s.status == status]
        baris.append(BarisAlasan(
            pertanyaan=q.id,
            label=q.label,
            status=status,
            kriteria=tuple(s.kriteria for s in milik),
            alasan=tuple(dict.fromkeys(s.alasan for s in tampil)),
            belum_pasti=tuple(s.kriteria for s in tampil if not s.verified),
            jawaban=q.label_jawaban(jawaban[q.id]),
            ubah=url_pertanyaan(q.id, jawaban),
        ))
    return baris


def konteks_hasil(evaluasi: Evaluasi, jawaban: Jawaban, nama_program: str) -> dict:
    """Everything the result page needs, including the links to share it."""
    tautan = url_hasil(jawaban, external=True)
    pesan = f"Hasil cek kelayakan {nama_program}: {evaluasi.judul}. Lihat alasannya: {tautan}"
    return {
        "aturan": evaluasi.aturan,
        "evaluasi": evaluasi,
        "baris": baris_alasan(evaluasi, jawaban),
        "tautan_bagikan": tautan,
        # A plain link people tap; nothing is loaded from WhatsApp by this page.
        "tautan_whatsapp": "https://wa.me/?text=" + quote(pesan, safe=""),
    }
