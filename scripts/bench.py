"""`make bench`: SIGAP pages under gunicorn (2 workers) next to a bare Flask app, same run.

Prints requests per second and p95 latency per page, and each page's throughput as a ratio
of the bare app's. Uses wrk (Debian package, installed by scripts/cek-sistem.sh bench) as the
load generator, on loopback only. Figures are printed, never asserted: speed is measured here,
behaviour is tested by pytest.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
# Latency without queueing: one connection per gunicorn worker.
QUIET_CONNECTIONS = "2"

# (label, path, extra headers). Pages that do not exist yet are reported and skipped.
FULL_ANSWERS = "kepesertaan=tidak&domisili=kota_bekasi&pekerjaan=ojol&usia=30&desil=1_3"
PAGES: list[tuple[str, str, dict[str, str]]] = [
    ("beranda", "/", {}),
    ("hak-dan-manfaat/jkm", "/hak-dan-manfaat/jkm", {}),
    ("cari?q=klaim", "/cari?q=klaim", {}),
    ("kalkulator", "/kalkulator", {}),
    ("statistik", "/statistik", {}),
    ("cek/hasil (halaman)", f"/cek/hasil?{FULL_ANSWERS}", {}),
    ("cek/hasil (fragmen htmx)", f"/cek/hasil?{FULL_ANSWERS}", {"HX-Request": "true"}),
]

# Signed-in pages: the demo heir's paid JKM claim, with the --besar data (100 000 participants,
# 20 000 claims) in the database. Each needs the session cookie of a real sign-in.
HEIR = ("3275015203850002", "ahliwaris-demo-2026")  # Siti Aminah, ../shared/PRODUCT.md
BENCH_DEMO_ARGS: list[str] = ["--besar"]

LUA = """
done = function(summary, latency, requests)
  io.write(string.format("SIGAP_P95_US %d\\n", latency:percentile(95)))
  io.write(string.format("SIGAP_ERRORS %d\\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


@dataclass
class Figure:
    label: str
    rps: float
    p95_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def status_of(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def gunicorn(app: str, port: int, env: dict[str, str], workdir: Path) -> subprocess.Popen:
    # Each server gets its own control socket: two masters must not share the default one.
    return subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--control-socket", str(workdir / f"gunicorn-{port}.ctl"),
         "--log-level", "warning", app],
        cwd=ROOT, env=env, start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=15)


def wrk(label: str, url: str, headers: dict[str, str], script: Path,
        connections: str = CONNECTIONS) -> Figure:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p95 = int(re.search(r"SIGAP_P95_US (\d+)", out).group(1)) / 1000
    errors = int(re.search(r"SIGAP_ERRORS (\d+)", out).group(1))
    return Figure(label, rps, p95, errors)


# Production refuses to start without Redis and its public address (app/config.py): the bench
# servers use a local Redis database of their own and a made-up address served on loopback.
PRODUKSI = {
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"),
    "SIGAP_BASE_URL": "https://sigap.test",
    "SIGAP_HOSTS": "127.0.0.1,sigap.test",
}


def prepare_database(workdir: Path, env: dict[str, str]) -> str:
    flask = [str(BIN / "flask"), "--app", "wsgi:app"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True,  # noqa: S603
                   capture_output=True)
    dev_env = {**env, "SIGAP_CONFIG": "development"}
    subprocess.run([*flask, "demo-data", *BENCH_DEMO_ARGS], cwd=ROOT, env=dev_env,  # noqa: S603
                   check=True, capture_output=True)
    with sqlite3.connect(workdir / "bench.sqlite3") as db:
        peserta, klaim = (db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                          for t in ("peserta", "klaim"))
    return f"{peserta} peserta, {klaim} klaim"


def _cookie(response: http.client.HTTPResponse) -> str:
    """The name=value part of the response's session cookie (Secure cookies included)."""
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            return value.split(";", 1)[0]
    raise SystemExit(f"no session cookie in the answer ({response.status})")


def sign_in(port: int, nik: str, password: str) -> tuple[str, str]:
    """Sign in as the demo heir like a browser would; return (cookie, first claim's path)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/masuk")
    response = conn.getresponse()
    cookie, page = _cookie(response), response.read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "identitas": nik, "sandi": password})
    conn.request("POST", "/masuk", body=form, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    response.read()
    if response.status not in (302, 303) or "/masuk" in response.getheader("Location", ""):
        raise SystemExit(f"demo sign-in failed: {response.status} {response.getheader('Location')}")
    cookie = _cookie(response)  # the session id is rotated at sign-in
    dashboard_path = urllib.parse.urlsplit(response.getheader("Location")).path
    conn.request("GET", dashboard_path, headers={"Cookie": cookie})
    response = conn.getresponse()
    dashboard = response.read().decode()
    conn.close()
    claim = re.search(r'href="(/akun/klaim/[^"]+)"', dashboard)
    if claim is None:
        raise SystemExit(f"no claim link on the heir's dashboard ({response.status})")
    return cookie, claim.group(1)


def main() -> int:
    if not shutil.which("wrk"):
        subprocess.run([str(ROOT / "scripts" / "cek-sistem.sh"), "bench"], check=True)  # noqa: S603
    workdir = Path(tempfile.mkdtemp(prefix="sigap-bench-"))
    env = {
        **os.environ,
        "SIGAP_CONFIG": "production",
        "SECRET_KEY": "bench-" + "x" * 40,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "UPLOAD_FOLDER": str(workdir / "unggahan"),
    }
    env.update(PRODUKSI)
    counts = prepare_database(workdir, env)
    script = workdir / "p95.lua"
    script.write_text(LUA)

    site_port, bare_port = free_port(), free_port()
    site = gunicorn("wsgi:app", site_port, env, workdir)
    bare = gunicorn("scripts.bench_hello:app", bare_port, {**os.environ}, workdir)
    try:
        wait_until_up(f"http://127.0.0.1:{site_port}/healthz")
        wait_until_up(f"http://127.0.0.1:{bare_port}/")
        baseline = wrk("bare Flask hello", f"http://127.0.0.1:{bare_port}/", {}, script)
        cookie, claim = sign_in(site_port, *HEIR)
        import bench_berita  # scripts/ is on the path: this file runs as a script

        pages = [*PAGES, *bench_berita.halaman(site_port),
                 ("akun/klaim (ahli waris)", claim, {"Cookie": cookie}),
                 ("akun/klaim (fragmen htmx)", claim, {"Cookie": cookie, "HX-Request": "true"})]
        figures = []
        for label, path, headers in pages:
            url = f"http://127.0.0.1:{site_port}{path}"
            code = status_of(url, headers)
            if code != 200:
                print(f"  skipped {label}: {path} answered {code}")
                continue
            figures.append(wrk(label, url, headers, script))
            if "Cookie" in headers:  # signed-in pages: their latency on an idle server too
                figures.append(wrk(f"{label}, {QUIET_CONNECTIONS} koneksi", url, headers,
                                   script, QUIET_CONNECTIONS))
        from bench_konten import laporan as laporan_konten  # scripts/ is on sys.path

        laporan_konten(f"http://127.0.0.1:{site_port}")
    finally:
        stop(site)
        stop(bare)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\ngunicorn, 2 workers; wrk 2 threads, {CONNECTIONS} connections, {DURATION} each;")
    print(f"SQLite with the demo data {' '.join(BENCH_DEMO_ARGS)} ({counts})\n")
    print(f"{'page':<38} {'req/s':>9} {'p95 ms':>8} {'ratio':>7} {'errors':>7}")
    print(f"{baseline.label:<38} {baseline.rps:>9.0f} {baseline.p95_ms:>8.1f} {'1.00':>7} "
          f"{baseline.errors:>7}")
    for f in figures:
        print(f"{f.label:<38} {f.rps:>9.0f} {f.p95_ms:>8.1f} {f.rps / baseline.rps:>7.2f} "
              f"{f.errors:>7}")
    import bench_registri  # participant import: rows/s and peak memory (its own section)

    bench_registri.main()
    return 0


def bench_dokumen() -> int:
    """Issued PDFs (scripts/bench_dokumen.py), in its own process so its memory is its own."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_dokumen.py")],  # noqa: S603
                          cwd=ROOT, check=False).returncode


def bench_skala() -> int:
    """Mixed load on PostgreSQL + Redis, a killed worker, budgets (scripts/bench_skala.py)."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_skala.py")],  # noqa: S603
                          cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main() or bench_dokumen() or bench_skala())
