"""Public news: the list, an article, the Atom feed, images; news in search, sitemap, home."""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
from dataclasses import dataclass

from flask import Flask, abort, current_app, redirect, render_template, request, send_file, url_for
from sqlalchemy.exc import SQLAlchemyError

from app.akses import publik
from app.domain.berita import render_markdown, teks_polos, waktu_baca
from app.domain.cari import BATAS_HASIL, JENIS_BERITA, Dokumen, Indeks, Pencarian
from app.extensions import db
from app.models import Berita
from app.penyimpanan import penyimpanan
from app.public import bp
from app.public.situs import KUNCI_BERITA
from app.services import berita as layanan
from app.services import gambar_berita
from app.services.waktu import aware, tanggal_wib
from app.simpanan import untuk_tamu
from app.staf.halaman import Halaman, nomor_halaman
from app.web import render_page

log = logging.getLogger(__name__)

JUMLAH_FEED = 20
SETAHUN = 365 * 24 * 3600
KUNCI_INDEKS = "sigap_berita_indeks"


def tanggal_terbit(b: Berita) -> dt.date:
    """The publication date in Bekasi."""
    return tanggal_wib(b.waktu_terbit)


def url_gambar(b: Berita, ukuran: str, external: bool = False) -> str | None:
    if not b.gambar:
        return None
    return url_for("public.berita_gambar", nama=b.gambar, ukuran=ukuran, _external=external)


@bp.get("/berita")
@publik
@untuk_tamu
def berita():
    """Published news, newest first, 10 a page; htmx "Muat lebih banyak" appends the next."""
    # Direct read: a page number; nomor_halaman takes ASCII digits within bounds only.
    nomor = nomor_halaman(request.args.get("halaman"))
    item, total = layanan.daftar_terbit(db.session, nomor)
    halaman = Halaman(item, nomor, total, layanan.PER_HALAMAN)
    if nomor > halaman.jumlah_halaman:
        abort(404)
    return render_page("public/berita_daftar.html", "public/_berita_daftar.html",
                       halaman=halaman, tanggal_terbit=tanggal_terbit, url_gambar=url_gambar)


@bp.get("/berita/<slug>")
@publik
@untuk_tamu
def berita_baca(slug: str):
    """One article; an old address answers 301, an archived article 410."""
    if "\x00" in slug:  # PostgreSQL refuses NUL in text: no article has one
        abort(404)
    b, slug_baru = layanan.cari_slug(db.session, slug)
    if b is None:
        if slug_baru:
            return redirect(url_for("public.berita_baca", slug=slug_baru), 301)
        abort(404)
    if b.status == "diarsipkan":
        return render_page("public/berita_diarsipkan.html", status=410)
    if not layanan.terlihat(b):
        abort(404)
    return render_page(
        "public/berita.html",
        b=b,
        isi_html=render_markdown(b.isi),
        menit=waktu_baca(b.isi),
        tanggal=tanggal_terbit(b),
        terkait=layanan.terkait(db.session, b),
        url_gambar=url_gambar,
        tanggal_terbit=tanggal_terbit,
    )


@bp.get("/berita/feed.xml")
@publik
@untuk_tamu
def berita_feed():
    """The latest news as an Atom feed."""
    item, _ = layanan.daftar_terbit(db.session, 1, JUMLAH_FEED)
    entri = [{
        "b": b,
        "id": f"tag:{request.host.split(':')[0]},{tanggal_wib(b.dibuat).isoformat()}:berita-{b.id}",
        "url": url_for("public.berita_baca", slug=b.slug, _external=True),
        "terbit": aware(b.waktu_terbit).astimezone(dt.UTC),
        "diperbarui": max(aware(b.waktu_terbit), aware(b.diubah)).astimezone(dt.UTC),
        "isi_html": render_markdown(b.isi),
    } for b in item]
    awal = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    diperbarui = max((e["diperbarui"] for e in entri), default=awal)
    xml = render_template("public/berita_feed.xml", entri=entri, diperbarui=diperbarui)
    return xml, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.get("/berita/gambar/<nama>/<ukuran>.jpg")
@publik
def berita_gambar(nama: str, ukuran: str):
    """A stored news image; the name never changes for new content, so it is cached a year."""
    if ukuran not in gambar_berita.UKURAN or not gambar_berita.nama_sah(nama):
        abort(404)
    isi = gambar_berita.baca(penyimpanan(), nama, ukuran)
    if isi is None:
        abort(404)
    response = send_file(io.BytesIO(isi), mimetype="image/jpeg", max_age=SETAHUN,
                         conditional=True, etag=f"{nama}-{ukuran}")
    response.headers["Cache-Control"] = f"public, max-age={SETAHUN}, immutable"
    return response


# ---------------------------------------------------------------- search, sitemap, home


def _dokumen(b: Berita) -> Dokumen:
    return Dokumen(JENIS_BERITA, url_for("public.berita_baca", slug=b.slug), b.judul,
                   f"{b.ringkasan} {teks_polos(b.isi)}".strip(), konteks="Berita")


def indeks_berita() -> Indeks:
    """A search index over the visible articles, rebuilt when that set changes."""
    cap = layanan.cap_terlihat(db.session)
    simpanan = current_app.extensions.setdefault(KUNCI_INDEKS, {"kunci": threading.Lock()})
    tersimpan = simpanan.get("indeks")
    if tersimpan is not None and tersimpan[0] == cap:
        return tersimpan[1]
    ids = [i for i, _ in cap]
    daftar = db.session.query(Berita).filter(Berita.id.in_(ids)).all() if ids else []
    indeks = Indeks([_dokumen(b) for b in daftar])
    with simpanan["kunci"]:
        simpanan["indeks"] = (cap, indeks)
    return indeks


def gabung(halaman: Pencarian, berita: Pencarian, batas: int = BATAS_HASIL) -> Pencarian:
    """Content and news results in one ranked list."""
    hasil = sorted((*halaman.hasil, *berita.hasil), key=lambda h: -h.skor)[:batas]
    return Pencarian(q=halaman.q, dipotong=halaman.dipotong, ada_kata=halaman.ada_kata,
                     jumlah=halaman.jumlah + berita.jumlah, hasil=tuple(hasil))


@dataclass(frozen=True)
class Ringkas:
    """A news item as the home page lists it."""

    judul: str
    url: str
    tanggal: dt.date
    ringkasan: str


class SumberBerita:
    """What the rest of the site asks of the newsroom (see app/public/situs.py)."""

    def terbaru(self, n: int) -> list[Ringkas]:
        """The home page's latest news; none while the database is away, so the page (which
        needs nothing else from it) still answers."""
        try:
            item, _ = layanan.daftar_terbit(db.session, 1, n)
        except SQLAlchemyError:
            db.session.rollback()
            log.warning("Home page shown without news: the database did not answer.")
            return []
        return [Ringkas(b.judul, url_for("public.berita_baca", slug=b.slug), tanggal_terbit(b),
                        b.ringkasan) for b in item]

    def cari(self, q: str | None) -> Pencarian:
        return indeks_berita().cari(q)

    def peta_situs(self) -> list[tuple[str, dt.date]]:
        item, _ = layanan.daftar_terbit(db.session, 1, 50_000)
        return [(url_for("public.berita_baca", slug=b.slug), tanggal_wib(b.diubah)) for b in item]


def init_berita(app: Flask) -> None:
    """Plug the newsroom into the home page, search and sitemap."""
    app.extensions[KUNCI_BERITA] = SumberBerita()
    # No visible news yet: an empty index, so requests build one only when articles appear.
    app.extensions[KUNCI_INDEKS] = {"kunci": threading.Lock(), "indeks": ((), Indeks([]))}
