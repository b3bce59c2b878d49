"""The newsroom's writes and the public's reads: saving with revisions and optimistic
locking, the review workflow, slugs, and visibility computed from ``waktu_terbit``."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.berita import Pelaku, boleh_tandai_ditinjau, boleh_terbitkan, slug_dari, slug_ke
from app.models import Berita, BeritaRevisi, BeritaSlugLama, User
from app.services import waktu
from app.services.audit import audit

PER_HALAMAN = 10
PERCOBAAN_SLUG = 50
SLUG_SEMENTARA = "_baru-"


class BeritaDitolak(ValueError):
    """A workflow step that is not allowed; ``str()`` is the message for the user."""


class VersiKedaluwarsa(Exception):
    """Someone else saved the article after this copy was opened."""

    def __init__(self, berita: Berita) -> None:
        super().__init__("versi kedaluwarsa")
        self.berita = berita


@dataclass
class IsianBerita:
    """What the editor sends, already checked (see app/staf/berita_isian.py)."""

    judul: str
    ringkasan: str = ""
    isi: str = ""
    gambar: str | None = None
    alt_gambar: str = ""
    gambar_dekoratif: bool = False
    waktu_terbit: dt.datetime | None = None  # UTC
    catatan: str = field(default="")


def utc(nilai: dt.datetime) -> dt.datetime:
    return waktu.aware(nilai).astimezone(dt.UTC)


def sekarang() -> dt.datetime:
    """The clock (looked up on the module each time, so tests can move it)."""
    return waktu.sekarang()


# ---------------------------------------------------------------- reads


def terlihat(berita: Berita, pada: dt.datetime | None = None) -> bool:
    """Published and its time has come."""
    pada = pada or sekarang()
    return (berita.status == "terbit" and berita.waktu_terbit is not None
            and utc(berita.waktu_terbit) <= utc(pada))


def syarat_terlihat(pada: dt.datetime | None = None):
    """The same rule as :func:`terlihat`, as a WHERE clause."""
    pada = utc(pada or sekarang())
    return (Berita.status == "terbit") & (Berita.waktu_terbit <= pada)


def daftar_terbit(sesi: Session, halaman: int = 1, per_halaman: int = PER_HALAMAN,
                  pada: dt.datetime | None = None) -> tuple[list[Berita], int]:
    """One page of visible articles, newest first, and how many there are in all."""
    syarat = syarat_terlihat(pada)
    jumlah = sesi.scalar(select(func.count()).select_from(Berita).where(syarat)) or 0
    item = sesi.scalars(
        select(Berita).where(syarat)
        .order_by(Berita.waktu_terbit.desc(), Berita.id.desc())
        .offset((halaman - 1) * per_halaman).limit(per_halaman)
    ).all()
    return list(item), jumlah


def cari_slug(sesi: Session, slug: str) -> tuple[Berita | None, str | None]:
    """(article, None) for a current slug; (None, new slug) for an old one of an article the
    public may see (visible or archived: a draft's new title stays unknown); else (None, None)."""
    berita = sesi.scalar(select(Berita).where(Berita.slug == slug))
    if berita is not None:
        return berita, None
    lama = sesi.scalar(select(BeritaSlugLama).where(BeritaSlugLama.slug == slug)
                       .order_by(BeritaSlugLama.id.desc()).limit(1))
    if lama is None:
        return None, None
    baru = sesi.get(Berita, lama.berita_id)
    if baru is None or baru.slug == slug or not (terlihat(baru) or baru.status == "diarsipkan"):
        return None, None
    return None, baru.slug


def terkait(sesi: Session, berita: Berita, n: int = 3) -> list[Berita]:
    """Other visible articles, the closest in time first."""
    return list(sesi.scalars(
        select(Berita).where(syarat_terlihat(), Berita.id != berita.id)
        .order_by(Berita.waktu_terbit.desc(), Berita.id.desc()).limit(n)
    ))


def cap_terlihat(sesi: Session) -> tuple:
    """What the visible set looks like right now: changes when any visible article does."""
    return tuple(sesi.execute(
        select(Berita.id, Berita.versi).where(syarat_terlihat()).order_by(Berita.id)
    ).all())


# ---------------------------------------------------------------- writes


def _slug_terpakai(sesi: Session, slug: str, kecuali: int | None) -> bool:
    q = select(Berita.id).where(Berita.slug == slug)
    if kecuali is not None:
        q = q.where(Berita.id != kecuali)
    return sesi.scalar(q.limit(1)) is not None


def atur_slug(sesi: Session, berita: Berita, judul: str) -> None:
    """Give ``berita`` a unique slug from ``judul``; a clash (two saves of the same title at
    once) is caught by the unique constraint inside a savepoint and the next suffix tried."""
    dasar = slug_dari(judul)
    if berita.slug and (berita.slug == dasar or (berita.slug.startswith(dasar + "-")
                        and berita.slug[len(dasar) + 1:].isdigit())):
        return  # the title's slug is already this article's
    lama = berita.slug
    for n in range(1, PERCOBAAN_SLUG + 1):
        calon = slug_ke(dasar, n)
        if _slug_terpakai(sesi, calon, berita.id):
            continue
        try:
            with sesi.begin_nested():
                berita.slug = calon
                sesi.flush()
        except IntegrityError:
            berita.slug = lama  # the savepoint was rolled back; try the next suffix
            continue
        if lama and lama != calon and not lama.startswith(SLUG_SEMENTARA):
            sesi.add(BeritaSlugLama(slug=lama, berita_id=berita.id))
        return
    raise BeritaDitolak("Judul ini sudah dipakai terlalu banyak artikel. Ubah judulnya.")


def _catat_revisi(sesi: Session, berita: Berita, oleh: User | None, catatan: str) -> None:
    sesi.flush()  # the version number is raised by the flush
    sesi.add(BeritaRevisi(
        berita_id=berita.id, nomor=berita.versi, judul=berita.judul, ringkasan=berita.ringkasan,
        isi=berita.isi, gambar=berita.gambar, alt_gambar=berita.alt_gambar,
        gambar_dekoratif=berita.gambar_dekoratif, status=berita.status,
        waktu_terbit=berita.waktu_terbit, catatan=catatan[:200], oleh_id=oleh.id if oleh else None,
    ))


def _isi_ke(berita: Berita, isian: IsianBerita) -> None:
    berita.judul = isian.judul
    berita.ringkasan = isian.ringkasan
    berita.isi = isian.isi
    if isian.gambar is not None:
        berita.gambar = isian.gambar or None
    berita.alt_gambar = "" if isian.gambar_dekoratif else isian.alt_gambar
    berita.gambar_dekoratif = isian.gambar_dekoratif
    berita.waktu_terbit = isian.waktu_terbit


CATATAN_PERUBAHAN = {
    "simpan_draf": "Perubahan disimpan sebagai draf (belum terbit)",
    "ajukan_tinjauan": "Perubahan diajukan untuk ditinjau (belum terbit)",
}
CATATAN_AKSI = {
    "simpan_draf": "Disimpan sebagai draf",
    "ajukan_tinjauan": "Diajukan untuk ditinjau",
    "terbitkan": "Diterbitkan",
    "arsipkan": "Diarsipkan",
    "otomatis": "Disimpan otomatis",
}


def simpan(sesi: Session, berita: Berita | None, isian: IsianBerita, aksi: str, oleh: User,
           versi: int | None, *, wajib_tinjauan: bool = True, ip: str | None = None) -> Berita:
    """One editor submit: check the version, apply the action, store a revision, audit.

    Raises :class:`VersiKedaluwarsa` when ``versi`` is not the stored one (nothing is
    written) and :class:`BeritaDitolak` for a step the person may not take.
    """
    baru = berita is None
    if berita is None:
        # A unique placeholder until atur_slug picks the real slug inside a savepoint.
        berita = Berita(judul=isian.judul, slug=SLUG_SEMENTARA + secrets.token_hex(8),
                        penulis_id=oleh.id, status="draf")
        sesi.add(berita)
    elif versi != berita.versi:
        raise VersiKedaluwarsa(berita)
    pelaku = Pelaku(oleh.id, oleh.peran)
    if berita.status == "terbit" and aksi in ("simpan_draf", "ajukan_tinjauan"):
        return _simpan_perubahan(sesi, berita, isian, aksi, oleh, ip)

    if aksi == "terbitkan":
        if berita.status == "terbit":
            # Publishing changes to a live article: whoever wrote or submitted the waiting
            # change may not approve it; with no change waiting, the editor is its author.
            menunggu = berita.perubahan == "menunggu_tinjauan"
            status_cek = "menunggu_tinjauan" if menunggu else "draf"
            penulis = berita.revisi[-1].oleh_id if berita.perubahan and berita.revisi \
                else oleh.id
            diajukan = berita.diajukan_oleh_id if menunggu else None
        else:
            status_cek, diajukan = berita.status, berita.diajukan_oleh_id
            penulis = oleh.id if baru else berita.penulis_id
        boleh, ditinjau, alasan = boleh_terbitkan(status_cek, pelaku, penulis, diajukan,
                                                  wajib_tinjauan)
        if not boleh:
            raise BeritaDitolak(alasan)
        berita.ditinjau = ditinjau
        berita.peninjau_id = oleh.id if ditinjau else None

    _isi_ke(berita, isian)
    if aksi == "terbitkan" and berita.waktu_terbit is None:
        berita.waktu_terbit = sekarang()
    berita.status = {"simpan_draf": "draf", "ajukan_tinjauan": "menunggu_tinjauan",
                     "terbitkan": "terbit", "arsipkan": "diarsipkan"}[aksi]
    berita.perubahan = None
    if aksi == "ajukan_tinjauan":
        berita.diajukan_oleh_id = oleh.id
    berita.diubah_oleh_id = oleh.id
    if baru:
        sesi.flush()
    atur_slug(sesi, berita, isian.judul)
    _catat_revisi(sesi, berita, oleh, isian.catatan or CATATAN_AKSI[aksi])
    audit(sesi, oleh, f"berita.{aksi}", berita, f"{berita.judul} ({berita.status})", ip)
    return berita


def _simpan_perubahan(sesi: Session, berita: Berita, isian: IsianBerita, aksi: str, oleh: User,
                      ip: str | None) -> Berita:
    """Changes to a live article wait in a new revision; the public keeps seeing the row."""
    berita.perubahan = "menunggu_tinjauan" if aksi == "ajukan_tinjauan" else "draf"
    if aksi == "ajukan_tinjauan":
        berita.diajukan_oleh_id = oleh.id
    berita.diubah_oleh_id = oleh.id
    berita.diubah = sekarang()  # always a new version number, even if nothing else changed
    sesi.flush()
    gambar = berita.gambar if isian.gambar is None else (isian.gambar or None)
    sesi.add(BeritaRevisi(
        berita_id=berita.id, nomor=berita.versi, judul=isian.judul, ringkasan=isian.ringkasan,
        isi=isian.isi, gambar=gambar,
        alt_gambar="" if isian.gambar_dekoratif else isian.alt_gambar,
        gambar_dekoratif=isian.gambar_dekoratif, status=berita.perubahan,
        waktu_terbit=isian.waktu_terbit, catatan=isian.catatan or CATATAN_PERUBAHAN[aksi],
        oleh_id=oleh.id,
    ))
    audit(sesi, oleh, f"berita.perubahan.{aksi}", berita, f"{isian.judul} (belum terbit)", ip)
    return berita


def simpan_otomatis(sesi: Session, berita: Berita, isian: IsianBerita, oleh: User,
                    versi: int | None, ip: str | None = None) -> Berita:
    """Autosave of a draft: one revision per run of autosaves by the same person."""
    if versi != berita.versi:
        raise VersiKedaluwarsa(berita)
    if berita.status != "draf":
        raise BeritaDitolak("Simpan otomatis hanya untuk draf.")
    _isi_ke(berita, isian)
    berita.diubah_oleh_id = oleh.id
    atur_slug(sesi, berita, isian.judul)
    terakhir = berita.revisi[-1] if berita.revisi else None
    if terakhir is not None and terakhir.catatan == CATATAN_AKSI["otomatis"] \
            and terakhir.oleh_id == oleh.id:
        sesi.flush()
        # Same person still typing: the last autosave revision follows the text.
        terakhir.nomor = berita.versi
        for kolom in ("judul", "ringkasan", "isi", "gambar", "alt_gambar", "gambar_dekoratif",
                      "status", "waktu_terbit"):
            setattr(terakhir, kolom, getattr(berita, kolom))
        terakhir.dibuat = sekarang()
    else:
        _catat_revisi(sesi, berita, oleh, CATATAN_AKSI["otomatis"])
        # One audit row per run of autosaves (the revision follows the rest of the run).
        audit(sesi, oleh, "berita.simpan_otomatis", berita, berita.judul, ip)
    return berita


def pulihkan(sesi: Session, berita: Berita, revisi: BeritaRevisi, oleh: User, versi: int | None,
             ip: str | None = None) -> Berita:
    """Bring an old revision's text back as a new revision (the history is never rewritten).

    For a published article the restored text becomes a waiting change: the live text stays
    until someone may publish it.
    """
    if versi != berita.versi:
        raise VersiKedaluwarsa(berita)
    isian = IsianBerita(
        judul=revisi.judul, ringkasan=revisi.ringkasan, isi=revisi.isi, gambar=revisi.gambar or "",
        alt_gambar=revisi.alt_gambar, gambar_dekoratif=revisi.gambar_dekoratif,
        waktu_terbit=berita.waktu_terbit,
    )
    if berita.status == "terbit":  # the old text waits for review like any change
        isian.catatan = f"Dipulihkan dari revisi {revisi.nomor} (belum terbit)"
        return _simpan_perubahan(sesi, berita, isian, "simpan_draf", oleh, ip)
    _isi_ke(berita, isian)
    berita.diubah_oleh_id = oleh.id
    atur_slug(sesi, berita, revisi.judul)
    _catat_revisi(sesi, berita, oleh, f"Dipulihkan dari revisi {revisi.nomor}")
    audit(sesi, oleh, "berita.pulihkan", berita, f"revisi {revisi.nomor}", ip)
    return berita


def tandai_ditinjau(sesi: Session, berita: Berita, oleh: User, ip: str | None = None) -> None:
    """Review an urgently published article afterwards."""
    if berita.status != "terbit" or berita.ditinjau:
        raise BeritaDitolak("Artikel ini tidak sedang menunggu tinjauan susulan.")
    terakhir_terbit = next((r.oleh_id for r in reversed(berita.revisi)
                            if r.status == "terbit"), None)
    if not boleh_tandai_ditinjau(Pelaku(oleh.id, oleh.peran), berita.penulis_id,
                                 terakhir_terbit):
        raise BeritaDitolak("Anda tidak bisa meninjau artikel yang Anda tulis atau terbitkan "
                            "sendiri.")
    berita.ditinjau = True
    berita.peninjau_id = oleh.id
    berita.diubah_oleh_id = oleh.id
    # No revision: the text did not change (and a waiting change stays the last revision).
    audit(sesi, oleh, "berita.tinjau", berita, berita.judul, ip)
