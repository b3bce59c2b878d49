"""CSV exports for officers: participants and claims with the list pages' filters.

Streamed in batches (constant memory at 100 000 rows), NIK masked, every cell neutralised
against spreadsheet formulas, and each export audited with its filters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from flask import Response, request, stream_with_context
from flask_login import current_user
from sqlalchemy import Select

from app.akses import perlu_masuk
from app.domain.impor import baris_csv
from app.domain.nik import samarkan
from app.extensions import db
from app.models import Klaim, Peserta
from app.services.audit import audit
from app.services.waktu import hari_ini
from app.staf import bp
from app.staf.cari import cari_klaim, cari_peserta, rapikan_kueri
from app.staf.klaim import LABEL_JENIS, LABEL_STATUS, FormSaringKlaim
from app.staf.umum import PERAN_PETUGAS, ip, target_layanan

PER_BATCH = 1000


def _csv(judul: Iterable[str], baris: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text in chunks: a BOM so Excel reads UTF-8, then one chunk per batch."""
    keluar = io.StringIO()
    tulis = csv.writer(keluar, lineterminator="\r\n")
    keluar.write("\ufeff")
    tulis.writerow(judul)
    for i, b in enumerate(baris, start=1):
        tulis.writerow(baris_csv(b))
        if i % PER_BATCH == 0:
            yield keluar.getvalue()
            keluar.seek(0)
            keluar.truncate()
    yield keluar.getvalue()


def _alir(stmt: Select) -> Iterator:
    return db.session.execute(stmt.execution_options(yield_per=PER_BATCH))


def _unduh(nama: str, isi: Iterator[str]) -> Response:
    return Response(stream_with_context(isi), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename={nama}"})


def _tgl(d) -> str:
    return d.isoformat() if d else ""


@bp.route("/peserta/ekspor.csv")
@perlu_masuk(*PERAN_PETUGAS)
def peserta_ekspor():
    """Participants matching the list's search, as CSV."""
    # Direct read: free search text, tidied by rapikan_kueri.
    q = rapikan_kueri(request.args.get("q"))
    audit(db.session, current_user, "peserta.ekspor", None,
          f"Ekspor CSV peserta (pencarian: {q or 'semua'}).", ip())
    db.session.commit()
    stmt = cari_peserta(q).with_only_columns(
        Peserta.id, Peserta.nik, Peserta.nama, Peserta.tanggal_lahir, Peserta.jenis_kelamin,
        Peserta.kecamatan, Peserta.kelurahan, Peserta.segmen, Peserta.kpj, Peserta.status,
        Peserta.mulai, Peserta.akhir, Peserta.desil,
    )
    baris = ((p.id, samarkan(p.nik), p.nama, _tgl(p.tanggal_lahir), p.jenis_kelamin,
              p.kecamatan or "", p.kelurahan or "", p.segmen or "", p.kpj or "", p.status,
              _tgl(p.mulai), _tgl(p.akhir), p.desil or "") for p in _alir(stmt))
    judul = ("id", "nik", "nama", "tanggal_lahir", "jenis_kelamin", "kecamatan", "kelurahan",
             "segmen", "nomor_kpj", "status", "mulai", "berakhir", "desil")
    return _unduh(f"peserta-{hari_ini().isoformat()}.csv", _csv(judul, baris))


@bp.route("/klaim/ekspor.csv")
@perlu_masuk(*PERAN_PETUGAS)
def klaim_ekspor():
    """Claims matching the list's filters, as CSV."""
    saring = FormSaringKlaim(request.args).saring()
    args = saring.sebagai_args()
    audit(db.session, current_user, "klaim.ekspor", None,
          "Ekspor CSV klaim (saringan: "
          + (", ".join(f"{k}={v}" for k, v in args.items()) or "semua") + ").", ip())
    db.session.commit()
    stmt = cari_klaim(saring, target_layanan(), hari_ini())
    stmt = stmt.with_only_columns(
        Klaim.nomor, Klaim.jenis, Klaim.state, Klaim.state_sejak, Peserta.nama,
        Klaim.pemohon_nama, Klaim.hubungan, Klaim.tanggal_kejadian, Klaim.jumlah_disetujui,
        Klaim.jumlah_dibayar, Klaim.tanggal_bayar,
    ).join(Peserta, Klaim.peserta_id == Peserta.id)
    stmt = stmt.options()
    baris = ((k.nomor, LABEL_JENIS.get(k.jenis, k.jenis), LABEL_STATUS.get(k.state, k.state),
              _tgl(k.state_sejak.date() if k.state_sejak else None), k.nama, k.pemohon_nama,
              k.hubungan, _tgl(k.tanggal_kejadian),
              "" if k.jumlah_disetujui is None else k.jumlah_disetujui,
              "" if k.jumlah_dibayar is None else k.jumlah_dibayar, _tgl(k.tanggal_bayar))
             for k in _alir(stmt))
    judul = ("nomor", "jenis", "status", "status_sejak", "peserta", "pemohon", "hubungan",
             "tanggal_kejadian", "jumlah_disetujui", "jumlah_dibayar", "tanggal_bayar")
    return _unduh(f"klaim-{hari_ini().isoformat()}.csv", _csv(judul, baris))
