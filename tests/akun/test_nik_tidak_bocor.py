"""A NIK never appears unmasked in an HTML page, a URL or a log line (demo run + page walk)."""

from __future__ import annotations

import io
import logging
import re

from bs4 import BeautifulSoup
from sqlalchemy import select

from app.models import Klaim, Peserta, User
from tests.akun_bantu import PDF, masuk, muat_demo

ORANG = ["budi", "siti", "dewi", "humas", "petugas", "admin"]


class Penjelajah:
    """Collects every page, URL and redirect seen while walking the site as one person."""

    def __init__(self, client, halaman: list, url: list):
        self.client, self.halaman, self.url = client, halaman, url

    def get(self, path: str):
        self.url.append(path)
        r = self.client.get(path)
        if r.location:
            self.url.append(r.location)
        if r.mimetype == "text/html":
            html = r.get_data(as_text=True)
            self.halaman.append((path, html))
            soup = BeautifulSoup(html, "html.parser")
            for tag in soup.find_all(["a", "form", "link", "script", "img"]):
                for attr in ("href", "action", "src"):
                    if tag.get(attr):
                        self.url.append(tag[attr])
        return r

    def post(self, path: str, **kwargs):
        self.url.append(path)
        r = self.client.post(path, **kwargs)
        if r.location:
            self.url.append(r.location)
        if r.mimetype == "text/html":
            self.halaman.append((path, r.get_data(as_text=True)))
        return r


def test_no_nik_in_pages_urls_or_logs(app, db, runner, caplog):
    caplog.set_level(logging.DEBUG)
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    demo = muat_demo(db)  # idempotent: only looks the records up now
    semua_nik = set(db.session.scalars(select(Peserta.nik))) | {
        n for n in db.session.scalars(select(User.nik)) if n}
    assert len(semua_nik) > 200
    publik_ids = list(db.session.scalars(select(Klaim.public_id)))
    halaman: list[tuple[str, str]] = []
    url: list[str] = []

    anonim = Penjelajah(app.test_client(), halaman, url)
    for path in ("/", "/masuk", "/aktivasi", "/akun/", f"/akun/klaim/{publik_ids[0]}"):
        anonim.get(path)
    # People type their NIK into forms that fail: it must not come back in the page.
    anonim.post("/masuk", data={"identitas": "3275015203850002", "sandi": "salah-salah-1"})
    anonim.post("/aktivasi", data={"nik": "3275014708900004", "kode": "ABCD-EFGH-JK",
                                   "sandi": "3275014708900004", "sandi_ulang": "x"})

    for siapa in ORANG:
        p = Penjelajah(app.test_client(), halaman, url)
        r = masuk(p.client, demo.users[siapa].identitas, demo.sandi[siapa])
        url.append(r.location)
        if siapa in ("budi", "siti", "dewi"):
            p.get("/akun/")
            p.get("/akun/pesan")
        for pid in publik_ids if siapa in ("petugas", "admin") else publik_ids[:3]:
            p.get(f"/akun/klaim/{pid}")
        if siapa == "siti":
            klaim = demo.klaim["siti_beasiswa"]
            dok = next(d for d in klaim.dokumen if d.status == "diminta")
            # A file named after the KTP number: the stored display name is masked.
            p.post(f"/akun/klaim/{klaim.public_id}/dokumen/{dok.id}",
                   data={"berkas": (io.BytesIO(PDF), "KTP 3275015203850002.pdf")})
            p.get(f"/akun/klaim/{klaim.public_id}")
            p.post(f"/akun/klaim/{klaim.public_id}/dokumen/{dok.id}",
                   data={"berkas": (io.BytesIO(b"MZ" + PDF), "3275015203850002.pdf")})
        for path in [u for u in url if u and u.startswith("/akun/klaim/")][:5]:
            p.get(path)
        p.client.post("/keluar")
    assert runner.invoke(args=["kirim-notifikasi", "--pengirim", "log"]).exit_code == 0

    pola = re.compile("|".join(sorted(semua_nik)))
    assert len(halaman) > 60
    for path, html in halaman:
        if path == "/masuk":
            # Issue 12: after a wrong password the typed NIK stays in its own field (the
            # answer is no-store) and nowhere else on the page.
            html = re.sub(r'(<input[^>]*id="identitas"[^>]*value=")[0-9 .]*(")', r"\1\2", html)
        assert not pola.search(html), f"NIK in the HTML of {path}"
    for u in url:
        assert not pola.search(u or ""), f"NIK in URL {u}"
    baris_log = [rec.getMessage() for rec in caplog.records]
    assert baris_log, "the walk should have logged something (notifications at least)"
    for baris in baris_log:
        assert not pola.search(baris), f"NIK in log line: {baris[:120]}"
    assert not pola.search(caplog.text)
