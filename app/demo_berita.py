"""Demo news: six articles written for this site from ../shared/domain/FACTS.md (the text is in
demo_berita.yaml), each with a picture drawn here with Pillow (no image files in the repository).

Idempotent: nothing is made when the first article already exists. States cover the
newsroom's workflow: four published (one scheduled in the future), one awaiting review, one
draft.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select

from app.extensions import db
from app.models import Berita, User
from app.penyimpanan import penyimpanan
from app.services import berita as layanan
from app.services import gambar_berita
from app.services.berita import IsianBerita
from app.services.waktu import WIB, sekarang

WARNA = {"hijau": (0, 112, 60), "biru": (29, 78, 137), "oranye": (190, 90, 20),
         "ungu": (92, 52, 120), "abu-abu": (70, 70, 70), "merah": (160, 40, 40)}
BERKAS = Path(__file__).with_name("demo_berita.yaml")


def _artikel(data: dict) -> dict:
    """One article from the YAML: the picture's alt text filled in, ``waktu`` in UTC."""
    gambar = data["gambar"]
    teks = tuple(gambar["teks"])
    alt = "" if gambar.get("dekoratif") else gambar.get(
        "alt", f"Tulisan besar “{teks[0]} {teks[1]}” di atas latar {gambar['warna']}")
    waktu = data.get("waktu")
    if waktu is not None:
        waktu = dt.datetime.fromisoformat(waktu).replace(tzinfo=WIB).astimezone(dt.UTC)
    return {**data, "warna": gambar["warna"], "teks": teks, "alt": alt,
            "dekoratif": bool(gambar.get("dekoratif")), "waktu": waktu}


ARTIKEL: tuple[dict, ...] = tuple(
    _artikel(a) for a in yaml.safe_load(BERKAS.read_text(encoding="utf-8")))


def gambar_demo(warna: str, teks: tuple[str, str]) -> bytes:
    """A simple 1200×630 picture: a coloured field, circles, and two lines of text."""
    latar = WARNA[warna]
    img = Image.new("RGB", (1200, 630), latar)
    gambar = ImageDraw.Draw(img)
    terang = tuple(min(255, c + 60) for c in latar)
    for x, y, r in ((1050, 120, 180), (980, 560, 120), (120, 600, 90)):
        gambar.ellipse((x - r, y - r, x + r, y + r), fill=terang)
    besar, kecil = ImageFont.load_default(size=150), ImageFont.load_default(size=56)
    gambar.text((80, 170), teks[0], fill=(255, 255, 255), font=besar)
    gambar.text((84, 360), teks[1], fill=(255, 255, 255), font=kecil)
    gambar.rectangle((80, 470, 380, 482), fill=(255, 255, 255))
    keluaran = io.BytesIO()
    img.save(keluaran, "PNG")
    return keluaran.getvalue()


def muat_berita(besar: bool = False) -> str:
    """Write the demo articles with Rina Humas as author and the admin as reviewer."""
    if db.session.scalar(select(Berita.id).where(Berita.judul == ARTIKEL[0]["judul"])):
        return "Berita demo: sudah ada."
    humas = db.session.scalar(select(User).where(User.email == "humas@sigap.test"))
    admin = db.session.scalar(select(User).where(User.email == "admin@sigap.test"))
    if humas is None or admin is None:
        return "Berita demo: dilewati (akun humas/admin demo belum ada)."
    simpanan = penyimpanan()
    for a in ARTIKEL:
        nama = gambar_berita.simpan(simpanan, io.BytesIO(gambar_demo(a["warna"], a["teks"])))
        waktu = a.get("waktu")
        if a["aksi"] == "jadwal":
            waktu = (sekarang() + dt.timedelta(days=3)).replace(minute=0, second=0,
                                                                 microsecond=0)
        isian = IsianBerita(judul=a["judul"], ringkasan=a["ringkasan"], isi=a["isi"],
                            gambar=nama, alt_gambar=a["alt"],
                            gambar_dekoratif=a.get("dekoratif", False), waktu_terbit=waktu)
        aksi_pertama = "simpan_draf" if a["aksi"] == "draf" else "ajukan_tinjauan"
        b = layanan.simpan(db.session, None, isian, aksi_pertama, humas, None)
        if a["aksi"] in ("terbit", "jadwal"):
            layanan.simpan(db.session, b, isian, "terbitkan", admin, b.versi)
    db.session.flush()
    return f"Berita demo: {len(ARTIKEL)} artikel dibuat."
