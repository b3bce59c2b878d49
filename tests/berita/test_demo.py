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


def test_demo_articles_come_from_the_yaml_with_alt_text_and_wib_times():
    import datetime as dt

    from app.demo_berita import ARTIKEL

    pertama = ARTIKEL[0]
    assert pertama["alt"] == "Tulisan besar “11.666 pekerja terlindungi” di atas latar hijau"
    assert pertama["waktu"] == dt.datetime(2025, 11, 5, 3, tzinfo=dt.UTC)  # 10.00 WIB
    assert pertama["isi"].startswith("Pemerintah Kota Bekasi meluncurkan")
    assert "\n\n## Siapa yang dilindungi\n\n" in pertama["isi"]
    dekoratif = [a for a in ARTIKEL if a["dekoratif"]]
    assert len(dekoratif) == 1 and dekoratif[0]["alt"] == ""
    assert {a["aksi"] for a in ARTIKEL} == {"terbit", "jadwal", "tinjau", "draf"}
    assert ARTIKEL[-1]["alt"] == "Tulisan besar “DTSEN, cek data Anda” di atas latar merah"
