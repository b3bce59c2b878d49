"""/statistik: coverage and claims in figures, SVG charts, tables, CSV downloads."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, current_app

from app.akses import publik
from app.domain.format import angka, rupiah
from app.domain.impor import baris_csv
from app.domain.statistik import SAMAR, Batang, Tabel, grafik_batang
from app.extensions import db
from app.konten_app import wilayah
from app.public import bp
from app.services.statistik import statistik
from app.services.waktu import hari_ini
from app.simpanan import untuk_tamu
from app.web import render_page

URUTAN = ("segmen", "kecamatan", "kelamin_umur", "klaim_jenis", "klaim_status", "pembayaran")


def _data():
    return statistik(db.session, wilayah(), hari_ini(),
                     kunci=current_app.config.get("SQLALCHEMY_DATABASE_URI"))


def teks_sel(nilai: int | None, uang: bool = False) -> str:
    if nilai is None:
        return SAMAR
    return rupiah(nilai) if uang else angka(nilai)


def _grafik(t: Tabel):
    if t.kode == "kelamin_umur":
        batang = [Batang(label, sel[i], teks_sel(sel[i]), seri=i)
                  for label, sel in t.baris for i in range(2)]
        return grafik_batang(batang, seri=t.kolom[:2])
    return grafik_batang([Batang(label, sel[0], teks_sel(sel[0], t.rupiah))
                          for label, sel in t.baris])


@bp.get("/statistik")
@publik
@untuk_tamu
def statistik_halaman():
    """Public figures; groups under 5 people are shown as "< 5"."""
    s = _data()
    tabel = [s.tabel[k] for k in URUTAN]
    persen = None
    if s.kuota and s.tercakup is not None:
        persen = round(100 * s.tercakup / s.kuota, 1)
    return render_page(
        "public/statistik.html", s=s, tabel=tabel, grafik={t.kode: _grafik(t) for t in tabel},
        teks_sel=teks_sel, persen=persen,
    )


@bp.get("/statistik/<kode>.csv")
@publik
def statistik_csv(kode: str):
    """One table as CSV, with the same suppression as the page."""
    s = _data()
    t = s.tabel.get(kode)
    if t is None:
        abort(404)
    keluar = io.StringIO()
    tulis = csv.writer(keluar, lineterminator="\r\n")
    tulis.writerow(baris_csv(["Kelompok", *t.kolom]))
    for label, sel in t.baris:
        tulis.writerow(baris_csv([label, *(SAMAR if n is None else n for n in sel)]))
    tulis.writerow(baris_csv(["Jumlah", *(SAMAR if n is None else n for n in t.jumlah)]))
    return Response("\ufeff" + keluar.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=statistik-{kode}.csv",
        "Cache-Control": "public, max-age=300"})
