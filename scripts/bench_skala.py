"""`make bench`, launch-day section: mixed load on PostgreSQL + Redis, a killed worker, budgets.

1. Load: gunicorn (workers = 2 × cores) with SIGAP_CONFIG=production on a fresh PostgreSQL
   database with the demo data, Redis for the counters; wrk with 64 connections for 30 s, each
   request drawn at random: 70 % public pages, 20 % /cek results (varied answers), 10 % the demo
   heir's signed-in claim page; beside it a real sign-in (GET /masuk, POST) every second.
   The bare Flask app under the same gunicorn settings, in the same run, gives the ratio.
2. The same load with one worker killed (SIGKILL) halfway; then a short run after gunicorn
   has replaced it. Requests in flight on the killed worker fail; none should afterwards.
3. Budgets: every public page's HTML ≤ 40 KB, CSS on public pages ≤ 25 KB in total, scripts
   only htmx and site.js; Lighthouse (mobile preset) scores when Lighthouse is installed.

Environment: BENCH_SKALA_DURATION (default 30s), BENCH_SKALA_CONNECTIONS (64),
BENCH_DATABASE_URL (a PostgreSQL server URL; default postgresql://postgres@127.0.0.1:5432/postgres,
a fresh database is created beside it and dropped afterwards), BENCH_REDIS_URL (default
redis://127.0.0.1:6379/0). Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402 - scripts/ helpers (free_port, wait_until_up, sign_in, HEIR, ...)
import bench_konten  # noqa: E402

DURATION = os.environ.get("BENCH_SKALA_DURATION", "30s")
CONNECTIONS = int(os.environ.get("BENCH_SKALA_CONNECTIONS", "64"))
PG_URL = os.environ.get("BENCH_DATABASE_URL",
                        "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
WORKERS = 2 * (os.cpu_count() or 1)
BATAS_HTML = 40 * 1024
BATAS_CSS = 25 * 1024
JS_BOLEH = ("vendor/htmx.min.js", "js/site.js")

PUBLIK = ["/", "/cek", "/hak-dan-manfaat", "/hak-dan-manfaat/jkm", "/hak-dan-manfaat/jkk",
          "/cara-mendaftar", "/kalkulator", "/berita", "/faq", "/istilah", "/kontak", "/privasi",
          "/cari?q=klaim"]
PEKERJAAN = ("ojol", "pedagang_kecil", "kuli_bangunan", "nelayan")


def jawaban_cek() -> list[str]:
    """Varied complete /cek answers (each a distinct URL, as real visitors produce)."""
    return [f"/cek/hasil?kepesertaan=tidak&domisili=kota_bekasi&pekerjaan={p}&usia={u}"
            f"&desil=1_3" for p in PEKERJAAN for u in (19, 25, 33, 41, 52, 60)]


# The summary every wrk run prints (percentiles, request and error counts), parsed by wrk().
LUA_SELESAI = """
done = function(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("SIGAP_P%d_US %d\\n", p, latency:percentile(p)))
  end
  io.write(string.format("SIGAP_REQUESTS %d\\n", summary.requests))
  io.write(string.format("SIGAP_STATUS_ERRORS %d\\n", summary.errors.status))
  io.write(string.format("SIGAP_SOCKET_ERRORS %d\\n", summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""

LUA = """
local publik = {%(publik)s}
local cek = {%(cek)s}
local klaim = "%(klaim)s"
local kuki = "%(kuki)s"
init = function(args)
  math.randomseed(math.floor(os.clock() * 1000000) + os.time())
end
request = function()
  local r = math.random(100)
  if r <= 70 then
    return wrk.format("GET", publik[math.random(#publik)])
  elseif r <= 90 then
    return wrk.format("GET", cek[math.random(#cek)])
  end
  return wrk.format("GET", klaim, {["Cookie"] = kuki})
end""" + LUA_SELESAI.replace("%", "%%")

LUA_POLOS = LUA_SELESAI


@dataclass
class Hasil:
    label: str
    rps: float
    p50: float
    p95: float
    p99: float
    galat: int
    masuk: str = ""


def _lua(daftar: list[str]) -> str:
    return ", ".join(json.dumps(p) for p in daftar)


def wrk(label: str, url: str, skrip: Path, durasi: str = DURATION,
        koneksi: int = CONNECTIONS) -> Hasil:
    keluaran = subprocess.run(  # noqa: S603 - fixed arguments, loopback
        ["wrk", "-t2",  # noqa: S607 - wrk from PATH (Debian package)
         f"-c{koneksi}", f"-d{durasi}", "--timeout", "10s", "-s", str(skrip), url],
        capture_output=True, text=True, check=True).stdout

    def angka(nama: str) -> int:
        return int(re.search(rf"{nama} (\d+)", keluaran).group(1))

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", keluaran).group(1))
    return Hasil(label, rps, angka("SIGAP_P50_US") / 1000, angka("SIGAP_P95_US") / 1000,
                 angka("SIGAP_P99_US") / 1000,
                 angka("SIGAP_STATUS_ERRORS") + angka("SIGAP_SOCKET_ERRORS"))


class MasukTiapDetik(threading.Thread):
    """A real sign-in (form + POST) once a second while the load runs."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port, self.henti = port, threading.Event()
        self.waktu: list[float] = []
        self.gagal = 0

    def run(self) -> None:
        while not self.henti.is_set():
            mulai = time.perf_counter()
            try:
                bench.sign_in(self.port, *bench.HEIR)
                self.waktu.append((time.perf_counter() - mulai) * 1000)
            except (SystemExit, OSError, AttributeError):
                self.gagal += 1
            self.henti.wait(max(0.0, 1 - (time.perf_counter() - mulai)))

    def ringkas(self) -> str:
        if not self.waktu:
            return f"0 ok, {self.gagal} gagal"
        return (f"{len(self.waktu)} ok, {self.gagal} gagal, median "
                f"{statistics.median(self.waktu):.0f} ms")


def _pg_admin(perintah: str) -> None:
    from sqlalchemy import create_engine, text

    mesin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")
    with mesin.connect() as c:
        c.execute(text(perintah))
    mesin.dispose()


def siapkan(workdir: Path) -> tuple[dict[str, str], str]:
    """A fresh PostgreSQL database with the demo data; returns (env, database name)."""
    nama = f"sigap_bench_{uuid.uuid4().hex[:8]}"
    _pg_admin(f'CREATE DATABASE "{nama}"')
    url = PG_URL.rsplit("/", 1)[0] + "/" + nama
    env = {**os.environ, "SIGAP_CONFIG": "production", "SECRET_KEY": "bench-" + "x" * 40,
           "DATABASE_URL": url, "REDIS_URL": REDIS_URL,
           "UPLOAD_FOLDER": str(workdir / "unggahan"), "SIGAP_BASE_URL": "https://sigap.test",
           "SIGAP_HOSTS": "127.0.0.1,sigap.test",  # wrk and the sign-ins use the loopback
           "WEB_CONCURRENCY": str(WORKERS)}
    flask = [str(bench.BIN / "flask"), "--app", "wsgi:app"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True,  # noqa: S603
                   capture_output=True)
    subprocess.run([*flask, "demo-data"], cwd=ROOT,  # noqa: S603
                   env={**env, "SIGAP_CONFIG": "development"}, check=True, capture_output=True)
    return env, nama


def gunicorn(app: str, port: int, env: dict[str, str], workdir: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [str(bench.BIN / "gunicorn"), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
         "--control-socket", str(workdir / f"gunicorn-{port}.ctl"), "--log-level", "error",
         app], cwd=ROOT, env=env, start_new_session=True)


def pekerja(master: int) -> list[int]:
    """The worker processes of one gunicorn master (by parent pid)."""
    anak = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            bagian = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(bagian[1]) == master:
            anak.append(int(stat.parent.name))
    return sorted(anak)


def _detik(durasi: str) -> float:
    m = re.fullmatch(r"(\d+)(s|m)?", durasi)
    return int(m.group(1)) * (60 if m.group(2) == "m" else 1)


def uji_beban(port: int, skrip: Path, label: str, bunuh: subprocess.Popen | None = None
              ) -> tuple[Hasil, int | None]:
    """One mixed run with sign-ins; with ``bunuh`` (the master) one worker is killed halfway."""
    masuk = MasukTiapDetik(port)
    masuk.start()
    korban: list[int] = []

    def bunuh_satu() -> None:
        anak = pekerja(bunuh.pid)
        if anak:
            korban.append(anak[0])
            os.kill(anak[0], signal.SIGKILL)

    timer = threading.Timer(_detik(DURATION) / 2, bunuh_satu) if bunuh else None
    if timer:
        timer.start()
    try:
        hasil = wrk(label, f"http://127.0.0.1:{port}", skrip)
    finally:
        masuk.henti.set()
        masuk.join()
    hasil.masuk = masuk.ringkas()
    return hasil, (korban[0] if korban else None)


# --- budgets ---------------------------------------------------------------------------------

def ambil(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(req, timeout=10) as r:  # noqa: S310
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


def halaman_publik(base: str) -> list[str]:
    """Public pages: the sitemap's, the fixed list and one /cek result."""
    status, xml = ambil(base + "/sitemap.xml")
    dari_peta = [urllib.parse.urlsplit(u).path for u in
                 re.findall(rb"<loc>([^<]+)</loc>", xml or b"")] if status == 200 else []
    semua = [*PUBLIK, *(p.decode() if isinstance(p, bytes) else p for p in dari_peta),
             jawaban_cek()[0]]
    return list(dict.fromkeys(semua))


def anggaran(base: str) -> list[tuple[str, str, str, bool]]:
    """(item, measured, budget, pass) rows."""
    baris = []
    css: dict[str, int] = {}
    js: set[str] = set()
    for path in halaman_publik(base):
        status, html = ambil(base + path)
        if status != 200:
            continue
        baris.append((f"HTML {path}", f"{len(html) / 1024:.1f} KB", "≤ 40 KB",
                      len(html) <= BATAS_HTML))
        for href in re.findall(rb'<link[^>]+href="(/static/[^"]+\.css)"', html):
            if href.decode() not in css:
                css[href.decode()] = len(ambil(base + href.decode())[1])
        js |= {s.decode() for s in re.findall(rb'<script[^>]+src="(/static/[^"]+)"', html)}
    total = sum(css.values())
    baris.append((f"CSS total ({', '.join(Path(c).name for c in css)})",
                  f"{total / 1024:.1f} KB", "≤ 25 KB", total <= BATAS_CSS))
    nama_js = sorted({re.sub(r"\.[0-9a-f]{8,}\.", ".", j.removeprefix("/static/")) for j in js})
    baris.append((f"JS: {', '.join(nama_js)}", f"{len(nama_js)} berkas",
                  "htmx + site.js", set(nama_js) <= set(JS_BOLEH)))
    return baris


def lighthouse(base: str, klaim: str, kuki: str) -> None:
    biner = bench_konten._lighthouse()
    chrome = bench_konten.shutil.which("chromium")
    print("\nSkala: Lighthouse, mobile preset (target: performance ≥ 0.95, others 1.00)")
    if not biner or not chrome:
        print("  skipped: set LIGHTHOUSE or `npm i -E --no-save lighthouse@12.2.3`")
        return
    halaman = [("/", {}), ("/cek", {}), (jawaban_cek()[0], {}), ("/hak-dan-manfaat/jkm", {}),
               ("/berita", {}), (klaim, {"Cookie": kuki})]
    with tempfile.TemporaryDirectory(prefix="sigap-lh-") as tmp:
        for path, headers in halaman:
            keluaran = Path(tmp) / "lh.json"
            perintah = [biner, base + path, "--quiet", "--output=json",
                        f"--output-path={keluaran}", "--form-factor=mobile",
                        "--only-categories=performance,accessibility,best-practices,seo",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
            if headers:
                perintah.append(f"--extra-headers={json.dumps(headers)}")
            try:
                subprocess.run(perintah, check=True, timeout=240,  # noqa: S603
                               env={**os.environ, "CHROME_PATH": chrome}, capture_output=True)
                lap = json.loads(keluaran.read_text("utf-8"))
            except (subprocess.SubprocessError, OSError, ValueError) as e:
                print(f"  {path[:40]:<40} failed ({type(e).__name__})")
                continue
            skor = "  ".join(f"{k} {v['score']:.2f}" for k, v in lap["categories"].items()
                             if v.get("score") is not None)
            print(f"  {path[:40]:<40} {skor}")


def cetak(hasil: list[Hasil], dasar: Hasil) -> None:
    print(f"\n{'run':<44} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'ratio':>6} "
          f"{'errors':>6}  sign-ins")
    for h in [dasar, *hasil]:
        print(f"{h.label:<44} {h.rps:>8.0f} {h.p50:>7.1f} {h.p95:>7.1f} {h.p99:>7.1f} "
              f"{h.rps / dasar.rps:>6.2f} {h.galat:>6}  {h.masuk}")
    print("(latency in ms; ratio = req/s ÷ the bare Flask app's)")


def main() -> int:
    import shutil

    print(f"\nSkala: gunicorn {WORKERS} workers (2 × {os.cpu_count()} cores), PostgreSQL + "
          f"Redis, wrk {CONNECTIONS} connections, {DURATION} per run")
    workdir = Path(tempfile.mkdtemp(prefix="sigap-bench-skala-"))
    try:
        env, nama_db = siapkan(workdir)
    except Exception as e:
        print(f"  skipped: PostgreSQL at {PG_URL} not usable ({type(e).__name__}: {e})")
        shutil.rmtree(workdir, ignore_errors=True)
        return 0
    port, port_dasar = bench.free_port(), bench.free_port()
    situs = gunicorn("wsgi:app", port, env, workdir)
    dasar_p = gunicorn("scripts.bench_hello:app", port_dasar, {**os.environ}, workdir)
    try:
        base = f"http://127.0.0.1:{port}"
        bench.wait_until_up(base + "/healthz")
        bench.wait_until_up(f"http://127.0.0.1:{port_dasar}/")
        kuki, klaim = bench.sign_in(port, *bench.HEIR)
        publik = [p for p in PUBLIK if ambil(base + p)[0] == 200]
        cek = [p for p in jawaban_cek() if ambil(base + p)[0] == 200]
        ditolak = (ambil(base + klaim, {"Cookie": kuki})[0], len(jawaban_cek()) - len(cek))
        if ditolak != (200, 0):
            print(f"  check: claim page answered {ditolak[0]}, {ditolak[1]} /cek URLs not 200")
        skrip = workdir / "campur.lua"
        skrip.write_text(LUA % {"publik": _lua(publik), "cek": _lua(cek), "klaim": klaim,
                                "kuki": kuki})
        polos = workdir / "polos.lua"
        polos.write_text(LUA_POLOS)
        print(f"  public pages in the mix: {', '.join(publik)}")
        dasar = wrk("bare Flask hello", f"http://127.0.0.1:{port_dasar}/", polos)
        hasil = []
        campur, _ = uji_beban(port, skrip, "SIGAP mixed load")
        hasil.append(campur)
        mati, korban = uji_beban(port, skrip, "SIGAP mixed, 1 worker killed halfway", situs)
        hasil.append(mati)
        time.sleep(3)  # gunicorn has started the replacement by now
        setelah, _ = uji_beban(port, skrip, "SIGAP mixed, after the restart")
        hasil.append(setelah)
        cetak(hasil, dasar)
        print(f"killed worker pid {korban}; workers now {pekerja(situs.pid)} "
              f"(errors in the kill run are requests that were on that worker)")

        print("\nSkala: budgets")
        for item, ukur, batas, lulus in anggaran(base):
            print(f"  {'pass' if lulus else 'FAIL'}  {item[:60]:<60} {ukur:>10}  {batas}")
        lighthouse(base, klaim, kuki)
    finally:
        bench.stop(situs)
        bench.stop(dasar_p)
        try:
            _pg_admin(f'DROP DATABASE IF EXISTS "{nama_db}" WITH (FORCE)')
        except Exception as e:
            print(f"  (could not drop {nama_db}: {e})")
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
