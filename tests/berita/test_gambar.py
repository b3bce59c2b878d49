"""News images: type by content, 10 MB limit, EXIF/GPS stripped, 1200×630 Open Graph JPEG
≤ 300 KB, served with a long cache lifetime and nosniff."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from sqlalchemy import select

from app.models import Berita
from app.penyimpanan import penyimpanan
from app.services import gambar_berita

DATA = {"judul": "Peluncuran program di Balai Patriot", "ringkasan": "Ringkas.",
        "isi": "Isi.", "alt_gambar": "Wali kota menyerahkan kartu peserta", "aksi": "simpan_draf"}


def _gambar(fmt="JPEG", ukuran=(1600, 1200), exif=None, mode="RGB") -> bytes:
    """A noisy picture (noise does not compress, so sizes are realistic)."""
    img = Image.frombytes(mode, ukuran, os.urandom(ukuran[0] * ukuran[1] * len(mode)))
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    img.save(out, fmt, **kwargs)
    return out.getvalue()


def _exif_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    exif[0x0110] = "Model Rahasia"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (6.0, 14.0, 18.0)
    gps[3], gps[4] = "E", (106.0, 59.0, 31.0)
    return exif


def _unggah(client, isi: bytes, nama="foto.jpg", **ubah):
    return client.post("/staf/berita/baru", data={
        **DATA, **ubah, "gambar": (io.BytesIO(isi), nama)}, content_type="multipart/form-data")


def test_gps_exif_is_stripped_and_the_og_image_is_1200x630_under_300_kb(app, client, masuk,
                                                                        humas, db):
    masuk(humas)
    asli = _gambar(exif=_exif_gps())
    assert Image.open(io.BytesIO(asli)).getexif().get_ifd(0x8825)  # the upload has GPS
    assert _unggah(client, asli).status_code == 303
    b = db.session.scalar(select(Berita))
    og = gambar_berita.baca(penyimpanan(app), b.gambar, "og")
    hal = gambar_berita.baca(penyimpanan(app), b.gambar, "hal")
    for data in (og, hal):
        img = Image.open(io.BytesIO(data))
        assert img.format == "JPEG"
        assert not img.getexif() and "exif" not in img.info
        assert b"KameraUji" not in data and b"Model Rahasia" not in data
    assert Image.open(io.BytesIO(og)).size == (1200, 630)
    assert len(og) <= 300 * 1024
    assert Image.open(io.BytesIO(hal)).width == 800
    kecil = gambar_berita.baca(penyimpanan(app), b.gambar, "kecil")
    assert Image.open(io.BytesIO(kecil)).size == (480, 252) and b"KameraUji" not in kecil


@pytest.mark.parametrize(("fmt", "mode", "nama"), [
    ("PNG", "RGBA", "gambar.png"), ("WEBP", "RGB", "gambar.webp"), ("PNG", "RGB", "salah.jpg")])
def test_png_and_webp_are_accepted_by_content_whatever_the_name(client, masuk, humas, db, fmt,
                                                                mode, nama):
    masuk(humas)
    assert _unggah(client, _gambar(fmt, (400, 300), mode=mode), nama).status_code == 303
    assert db.session.scalar(select(Berita.gambar))


@pytest.mark.parametrize("isi", [
    b"MZ\x90\x00" + b"\x00" * 4000,  # a program renamed .jpg
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    b"GIF89a" + b"\x00" * 100,
    b"\xff\xd8\xff\xe0" + b"\x00" * 100,  # a JPEG header and nothing behind it
])
def test_non_images_renamed_jpg_are_refused_with_a_message(client, masuk, humas, db, isi):
    masuk(humas)
    r = _unggah(client, isi)
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "JPG, PNG, atau WebP" in html and 'href="#gambar"' in html
    assert 'value="Peluncuran program di Balai Patriot"' in html  # the typed text stays
    assert db.session.scalar(select(Berita)) is None


def test_an_image_over_10_mb_is_refused(client, masuk, humas, db):
    masuk(humas)
    besar = _gambar("PNG", (1900, 1900))  # noise PNG: about 10.8 MB
    assert 10 * 1024 * 1024 < len(besar) < 11 * 1024 * 1024
    r = _unggah(client, besar, "besar.png")
    assert r.status_code == 422 and "paling besar 10 MB" in r.get_data(as_text=True)
    r = _unggah(client, besar + b"\x00" * (2 * 1024 * 1024), "lebih-besar.png")
    assert r.status_code == 413
    assert db.session.scalar(select(Berita)) is None


def test_alt_text_is_required_unless_the_image_is_decorative(client, masuk, humas, db):
    masuk(humas)
    r = _unggah(client, _gambar(ukuran=(300, 200)), alt_gambar="")
    assert r.status_code == 422 and 'href="#alt_gambar"' in r.get_data(as_text=True)
    # The processed image is kept in the form, so it need not be chosen again.
    assert 'name="gambar_tersimpan"' in r.get_data(as_text=True)
    r = _unggah(client, _gambar(ukuran=(300, 200)), alt_gambar="", dekoratif="1")
    assert r.status_code == 303
    b = db.session.scalar(select(Berita))
    assert b.gambar_dekoratif and b.alt_gambar == ""


def test_the_article_shares_its_og_image_served_with_long_cache(client, masuk, humas, humas2,
                                                               db, get_page):
    masuk(humas)
    _unggah(client, _gambar(ukuran=(800, 600)), aksi="ajukan_tinjauan")
    b = db.session.scalar(select(Berita))
    masuk(humas2)
    client.post(f"/staf/berita/{b.id}", data={**DATA, "aksi": "terbitkan", "versi": b.versi,
                                              "gambar_tersimpan": b.gambar})
    tamu = client.application.test_client()
    r = tamu.get(f"/berita/{b.slug}")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    og = f"http://localhost/berita/gambar/{b.gambar}/og.jpg"
    assert f'<meta property="og:image" content="{og}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{og}">' in html
    assert 'alt="Wali kota menyerahkan kartu peserta"' in html
    r = tamu.get(f"/berita/gambar/{b.gambar}/og.jpg")
    assert r.status_code == 200 and r.mimetype == "image/jpeg"
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_a_large_image_passes_the_csrf_check_of_the_real_form(app, client, masuk, humas, db):
    """The CSRF check reads the form before the view: the editor's larger limit applies
    before it (the site's limit is 6 MB)."""
    from tests.akun_bantu import token_csrf

    app.config["WTF_CSRF_ENABLED"] = True
    masuk(humas)
    token = token_csrf(client.get("/staf/berita/baru").get_data(as_text=True))
    besar = _gambar("PNG", (1600, 1600))  # noise PNG: about 7.7 MB
    assert len(besar) > app.config["MAX_CONTENT_LENGTH"]
    r = _unggah(client, besar, "besar.png", csrf_token=token)
    assert r.status_code == 303
    # Elsewhere the site's limit still holds.
    r = client.post("/staf/berita/pratinjau", data={"csrf_token": token, "isi": "x" * (7 * 2**20)})
    assert r.status_code == 413
