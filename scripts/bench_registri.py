"""`make bench`, participant import section: rows per second and peak memory.

Generates a 100 000-row CSV (and the same rows as XLSX), then imports it into a fresh SQLite
database in a child process per run, so each peak RSS is that run's alone:
  1. CSV dry run (check + report, nothing written), 2. CSV write (one transaction),
  3. CSV again (every row unchanged), 4. XLSX dry run.
Figures are printed, never asserted. The issue's budget: 100 000 rows in < 60 s, < 300 MB.
Run alone with `.venv/bin/python scripts/bench_registri.py [rows]`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
KOLOM = ("nik", "nama", "tanggal_lahir", "jenis_kelamin", "kecamatan", "kelurahan", "segmen",
         "no_hp", "nomor_kpj", "mulai", "berakhir", "desil")
KECAMATAN = ("Bantargebang", "Bekasi Barat", "Bekasi Selatan", "Bekasi Timur", "Bekasi Utara",
             "Jatiasih", "Jatisampurna", "Medan Satria", "Mustika Jaya", "Pondok Gede",
             "Pondok Melati", "Rawalumbu")
SEGMEN = ("ojol", "sopir", "kuli_bangunan", "pedagang_kecil", "pemulung")


def baris(n: int) -> Iterator[list[str]]:
    """``n`` valid, distinct participants (NIK date and sex agree with the other columns)."""
    awal = dt.date(1960, 1, 1)
    for i in range(n):
        lahir = awal + dt.timedelta(days=i % 15000)
        perempuan = i % 2 == 1
        hari = lahir.day + (40 if perempuan else 0)
        kec = i % 12
        nik = f"3275{kec + 1:02d}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}" \
              f"{i // 15000 + 1:04d}"
        yield [nik, f"Peserta Uji {i}", lahir.isoformat(), "P" if perempuan else "L",
               KECAMATAN[kec], "", SEGMEN[i % 5], f"0812{i:08d}", f"27{i:09d}", "2026-01-01",
               "2026-12-31", str(i % 10 + 1)]


def tulis_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(KOLOM)
        w.writerows(baris(n))


def tulis_xlsx(path: Path, n: int) -> None:
    from openpyxl import Workbook

    buku = Workbook(write_only=True)
    lembar = buku.create_sheet()
    lembar.append(KOLOM)
    for b in baris(n):
        lembar.append(b)
    buku.save(path)


def satu(mode: str, berkas: str) -> None:
    """Child process: one import run; prints JSON with seconds, counts and peak RSS."""
    sys.path.insert(0, str(ROOT))
    from app import create_app
    from app.extensions import db
    from app.services import impor as layanan
    from app.services.waktu import hari_ini

    app = create_app()
    with app.app_context():
        mulai = time.perf_counter()
        with open(berkas, "rb") as f, open(os.devnull, "w") as laporan:
            r = layanan.proses(db.session, f, layanan.aturan_impor(hari_ini()),
                               tulis=mode == "tulis", laporan=laporan,
                               dibiayai_oleh="APBD Kota Bekasi")
        if mode == "tulis":
            db.session.commit()
        else:
            db.session.rollback()
        detik = time.perf_counter() - mulai
    print(json.dumps({"detik": detik, "total": r.total, "baru": r.baru, "sama": r.sama,
                      "ditolak": r.ditolak,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main(n: int = 100_000) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="sigap-bench-impor-"))
    env = {**os.environ, "SIGAP_CONFIG": "production", "SECRET_KEY": "bench-" + "x" * 40,
           "DATABASE_URL": f"sqlite:///{workdir}/impor.sqlite3",
           "UPLOAD_FOLDER": str(workdir / "unggahan"), "FLASK_APP": "wsgi:app",
           # production's required settings; the command-line import itself never queues
           "SIGAP_BASE_URL": "https://sigap.test", "SIGAP_HOSTS": "127.0.0.1",
           "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")}
    try:
        subprocess.run([str(ROOT / ".venv" / "bin" / "flask"), "db", "upgrade"], cwd=ROOT,  # noqa: S603
                       env=env, check=True, capture_output=True)
        csv_path, xlsx_path = workdir / "peserta.csv", workdir / "peserta.xlsx"
        t = time.perf_counter()
        tulis_csv(csv_path, n)
        print(f"\nImpor peserta: {n:,} baris dibuat ({csv_path.stat().st_size / 2**20:.1f} MB CSV,"
              f" {time.perf_counter() - t:.1f} s)")
        t = time.perf_counter()
        tulis_xlsx(xlsx_path, n)
        print(f"  XLSX {xlsx_path.stat().st_size / 2**20:.1f} MB ({time.perf_counter() - t:.1f} s)")
        print(f"{'run':<34} {'rows':>8} {'s':>7} {'rows/s':>9} {'peak MB':>8}")
        for label, mode, path in (("CSV uji coba (periksa saja)", "periksa", csv_path),
                                  ("CSV simpan (satu transaksi)", "tulis", csv_path),
                                  ("CSV yang sama lagi (semua sama)", "tulis", csv_path),
                                  ("XLSX uji coba (calamine)", "periksa", xlsx_path)):
            keluar = subprocess.run(  # noqa: S603
                [str(PYTHON), __file__, "--satu", mode, str(path)], cwd=ROOT, env=env,
                check=True, capture_output=True, text=True)
            h = json.loads(keluar.stdout.strip().splitlines()[-1])
            print(f"{label:<34} {h['total']:>8} {h['detik']:>7.1f} "
                  f"{h['total'] / h['detik']:>9.0f} {h['rss_mb']:>8.0f}"
                  f"   (baru {h['baru']}, sama {h['sama']}, ditolak {h['ditolak']})")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--satu":
        satu(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
