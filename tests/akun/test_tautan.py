"""Every account page renders for every demo person, and every link or form on it names a
route that exists (the templates no longer ask whether an endpoint is registered)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from tests.akun_bantu import masuk_sebagai


def _tujuan(soup) -> list[tuple[str, str]]:
    """(method, path) of every same-site link and form on the page."""
    hasil = [("GET", a["href"]) for a in soup.select("a[href]")]
    hasil += [((f.get("method") or "get").upper(), f.get("action") or "")
              for f in soup.select("form")]
    return [(metode, urlsplit(alamat).path) for metode, alamat in hasil
            if alamat.startswith("/") and not alamat.startswith("//")]


@pytest.mark.parametrize("siapa", ["budi", "siti", "dewi"])
def test_every_account_page_links_only_to_routes_that_exist(app, client, demo, get_page, siapa):
    user = masuk_sebagai(client, demo, siapa)
    halaman = ["/akun/", "/akun/pesan"]
    halaman += [f"/akun/klaim/{k.public_id}" for k in demo.klaim.values()
                if k is not None and k.pemohon_user_id == user.id]
    assert len(halaman) > 2, "every demo person has a claim to open"
    peta = app.url_map.bind("localhost")
    dilihat = set()
    for alamat in halaman:
        for metode, tujuan in _tujuan(get_page(alamat)):
            try:
                peta.match(tujuan, method=metode)
            except (NotFound, MethodNotAllowed):
                pytest.fail(f"{alamat} points at {metode} {tujuan}, which no route serves")
            dilihat.add(tujuan)
    if siapa == "budi":
        assert "/akun/sertifikat.pdf" in dilihat
    if siapa == "siti":
        assert f"/akun/klaim/{demo.klaim['siti_jkm'].public_id}/surat.pdf" in dilihat
