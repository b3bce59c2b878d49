"""`make bench` section for the news pages: /berita and one article, as ratios to the bare
Flask app in the same run.

bench.py adds :func:`halaman` to its page list. Run alone (``.venv/bin/python
scripts/bench_berita.py``) it measures only the bare app and the news pages, on the normal
demo data (without --besar), which is quicker while working on the newsroom.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path


def halaman(port: int) -> list[tuple[str, str, dict[str, str]]]:
    """The news pages to measure: the list, the newest article on it, and the feed."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/berita", timeout=10) as r:
        html = r.read().decode()
    pages = [("berita", "/berita", {})]
    artikel = re.search(r'href="(/berita/(?!feed|gambar)[a-z0-9-]+)"', html)
    if artikel:
        pages.append(("berita/<slug> (artikel)", artikel.group(1), {}))
    pages.append(("berita/feed.xml", "/berita/feed.xml", {}))
    return pages


def main() -> int:
    import bench

    workdir = Path(tempfile.mkdtemp(prefix="sigap-bench-berita-"))
    env = {**bench.os.environ, "SIGAP_CONFIG": "production", "SECRET_KEY": "bench-" + "x" * 40,
           "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
           "UPLOAD_FOLDER": str(workdir / "unggahan")}
    env.update(bench.PRODUKSI)
    bench.BENCH_DEMO_ARGS.clear()
    bench.prepare_database(workdir, env)
    script = workdir / "p95.lua"
    script.write_text(bench.LUA)
    site_port, bare_port = bench.free_port(), bench.free_port()
    site = bench.gunicorn("wsgi:app", site_port, env, workdir)
    bare = bench.gunicorn("scripts.bench_hello:app", bare_port, {**bench.os.environ}, workdir)
    try:
        bench.wait_until_up(f"http://127.0.0.1:{site_port}/healthz")
        bench.wait_until_up(f"http://127.0.0.1:{bare_port}/")
        baseline = bench.wrk("bare Flask hello", f"http://127.0.0.1:{bare_port}/", {}, script)
        figures = [bench.wrk(label, f"http://127.0.0.1:{site_port}{path}", headers, script)
                   for label, path, headers in halaman(site_port)]
    finally:
        bench.stop(site)
        bench.stop(bare)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'page':<38} {'req/s':>9} {'p95 ms':>8} {'ratio':>7} {'errors':>7}")
    for f in (baseline, *figures):
        print(f"{f.label:<38} {f.rps:>9.0f} {f.p95_ms:>8.1f} {f.rps / baseline.rps:>7.2f} "
              f"{f.errors:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
