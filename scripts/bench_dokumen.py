"""`make bench`, issued documents: first render and repeat download of each PDF, and memory
while rendering 200 certificates in a row. In-process (no server): the figures are the cost
of the document code itself. Printed, never asserted.

Run alone with `.venv/bin/python scripts/bench_dokumen.py`; scripts/bench.py calls it.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ULANG_RENDER = int(os.environ.get("BENCH_DOKUMEN_RENDER", "20"))
ULANG_UNDUH = int(os.environ.get("BENCH_DOKUMEN_UNDUH", "200"))
SERTIFIKAT_BERUNTUN = 200


def _rss_mb() -> float:
    """Resident memory of this process now (Linux /proc)."""
    with open("/proc/self/statm") as f:
        halaman = int(f.read().split()[1])
    return halaman * os.sysconf("SC_PAGE_SIZE") / 2**20


def _ms(detik: list[float]) -> str:
    urut = sorted(detik)
    p95 = urut[min(len(urut) - 1, round(0.95 * (len(urut) - 1)))]
    return f"median {statistics.median(urut) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def _waktu(fungsi, kali: int) -> list[float]:
    hasil = []
    for _ in range(kali):
        mulai = time.perf_counter()
        fungsi()
        hasil.append(time.perf_counter() - mulai)
    return hasil


def _terbit_dan_ulang(layanan, db, label, jenis, peserta, isi, nama, klaim) -> None:
    """New issues (a changed content hash forces render, hash, store, flush each time), then
    repeat requests for unchanged data (a lookup and a file read)."""
    nomor = iter(range(10**6))

    def baru() -> None:
        layanan.terbitkan(db.session, jenis, peserta, {**isi, "_bench": next(nomor)}, nama,
                          klaim=klaim)

    def ulang() -> None:
        layanan.terbitkan(db.session, jenis, peserta, isi, nama, klaim=klaim)

    print(f"  {label:<17} terbit baru           {_ms(_waktu(baru, ULANG_RENDER))}   "
          f"(n={ULANG_RENDER})")
    ulang()
    print(f"  {label:<17} unduh ulang (layanan) {_ms(_waktu(ulang, ULANG_UNDUH))}   "
          f"(n={ULANG_UNDUH})")


def main() -> int:
    from flask_migrate import upgrade
    from sqlalchemy import select

    from app import create_app
    from app.demo import muat_demo
    from app.extensions import db
    from app.models import Klaim, Peserta, SuratTerbit
    from app.services import surat as layanan

    folder = Path(tempfile.mkdtemp(prefix="sigap-bench-dokumen-"))
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'bench.sqlite3'}",
                     UPLOAD_FOLDER=str(folder / "unggahan"),
                     SIGAP_BASE_URL="http://127.0.0.1:5000")
    with app.app_context():
        upgrade()
        muat_demo(besar=False)
        db.session.commit()
    print("\nDokumen PDF (dalam proses, SQLite, data demo)")
    with app.test_request_context():
        budi = db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso"))
        klaim = db.session.scalar(select(Klaim).where(Klaim.state == "dibayar").order_by(Klaim.id))
        isi_s, isi_b = layanan.isi_sertifikat(budi), layanan.isi_surat_bayar(klaim)

        mulai = time.perf_counter()
        layanan.terbitkan(db.session, "sertifikat", budi, {**isi_s, "_bench": -1}, budi.nama)
        dingin = (time.perf_counter() - mulai) * 1000
        print(f"  start dingin (fon, CSS, render pertama) {dingin:7.1f} ms")
        _terbit_dan_ulang(layanan, db, "sertifikat", "sertifikat", budi, isi_s, budi.nama, None)
        _terbit_dan_ulang(layanan, db, "surat pembayaran", "surat_bayar", klaim.peserta, isi_b,
                          klaim.pemohon_nama, klaim)
        db.session.commit()

    # Repeat download through the whole stack: session, access check, lookup, file read.
    klien = app.test_client()
    klien.post("/masuk", data={"identitas": "3275011506880001", "sandi": "peserta-demo-2026"})
    assert klien.get("/akun/sertifikat.pdf").status_code == 200
    lewat_rute = _waktu(lambda: klien.get("/akun/sertifikat.pdf"), ULANG_UNDUH)
    print(f"  sertifikat        unduh ulang (GET)     {_ms(lewat_rute)}   (n={ULANG_UNDUH})")
    klien.post("/keluar")
    klien.post("/masuk", data={"identitas": "3275015203850002", "sandi": "ahliwaris-demo-2026"})
    with app.app_context():
        pid = db.session.scalar(select(Klaim.public_id).where(Klaim.state == "dibayar",
                                                             Klaim.pemohon_user_id.is_not(None))
                                .order_by(Klaim.id))
    url = f"/akun/klaim/{pid}/surat.pdf"
    assert klien.get(url).status_code == 200
    lewat_rute = _waktu(lambda: klien.get(url), ULANG_UNDUH)
    print(f"  surat pembayaran  unduh ulang (GET)     {_ms(lewat_rute)}   (n={ULANG_UNDUH})")

    # Memory: render 200 certificates in a row (render only, nothing stored).
    with app.test_request_context():
        budi = db.session.scalar(select(Peserta).where(Peserta.nama == "Budi Santoso"))
        isi_s = layanan.isi_sertifikat(budi)
        contoh = db.session.scalar(select(SuratTerbit).where(SuratTerbit.jenis == "sertifikat"))
        gc.collect()
        rss = {0: _rss_mb()}
        mulai = time.perf_counter()
        for i in range(1, SERTIFIKAT_BERUNTUN + 1):
            layanan.render_surat(contoh, {**isi_s, "nama": f"Peserta Uji {i}"})
            if i in (1, 50, 100, 150, 200):
                gc.collect()
                rss[i] = _rss_mb()
        lama = time.perf_counter() - mulai
    jejak = "  ".join(f"{n}: {mb:.0f} MB" for n, mb in rss.items())
    print(f"  {SERTIFIKAT_BERUNTUN} sertifikat beruntun: {lama:.1f} s "
          f"({lama / SERTIFIKAT_BERUNTUN * 1000:.0f} ms/dokumen); RSS setelah n dokumen: {jejak}")
    print(f"  pertumbuhan RSS dari dokumen ke-50 sampai ke-200: {rss[200] - rss[50]:+.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
