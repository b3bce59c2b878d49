"""Demo news: at least five articles with drawn images; one scheduled, one draft, one awaiting
review; loading twice makes nothing new."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from app.models import Berita
from app.penyimpanan import penyimpanan
from app.services import berita as layanan
from app.services import gambar_berita
from tests.akun_bantu import muat_demo


def test_demo_news_covers_the_workflow_and_has_images(app, db, client):
    muat_demo(db)
    semua = db.session.scalars(select(Berita)).all()
    assert len(semua) >= 5
    status = [b.status for b in semua]
    assert status.count("draf") == 1 and status.count("menunggu_tinjauan") == 1
    terbit = [b for b in semua if b.status == "terbit"]
    terjadwal = [b for b in terbit if not layanan.terlihat(b)]
    assert len(terjadwal) == 1 and len(terbit) - len(terjadwal) >= 3
    assert all(b.ditinjau for b in terbit)
    for b in semua:
        og = gambar_berita.baca(penyimpanan(app), b.gambar, "og")
        assert Image.open(io.BytesIO(og)).size == (1200, 630)
        assert b.alt_gambar or b.gambar_dekoratif
    assert client.get(f"/berita/{terjadwal[0].slug}").status_code == 404
    for b in terbit:
        if b not in terjadwal:
            assert client.get(f"/berita/{b.slug}").status_code == 200
    muat_demo(db)
    assert len(db.session.scalars(select(Berita)).all()) == len(semua)
