"""Demo news: six articles written for this site from ../shared/domain/FACTS.md, each with a
picture drawn here with Pillow (no image files in the repository).

Idempotent: nothing is made when the first article already exists. States cover the
newsroom's workflow: four published (one scheduled in the future), one awaiting review, one
draft.
"""

from __future__ import annotations

import datetime as dt
import io

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
         "ungu": (92, 52, 120), "abu": (70, 70, 70), "merah": (160, 40, 40)}


def _jam(tahun: int, bulan: int, hari: int, jam: int = 9) -> dt.datetime:
    return dt.datetime(tahun, bulan, hari, jam, tzinfo=WIB).astimezone(dt.UTC)


ARTIKEL: tuple[dict, ...] = (
    {
        "judul": "11.666 pekerja rentan Kota Bekasi kini terlindungi BPJS Ketenagakerjaan",
        "ringkasan": "Pemerintah Kota Bekasi membayar iuran JKK dan JKM bagi 11.666 pekerja "
                     "rentan dari APBD 2025. Peluncurannya berlangsung di Balai Patriot.",
        "isi": (
            "Pemerintah Kota Bekasi meluncurkan perlindungan jaminan sosial ketenagakerjaan "
            "bagi pekerja rentan pada 5 November 2025 di Balai Patriot. Sebanyak **11.666 "
            "pekerja** kini terdaftar dalam program Jaminan Kecelakaan Kerja (JKK) dan Jaminan "
            "Kematian (JKM), dengan iuran yang dibayar dari APBD 2025.\n\n"
            "## Siapa yang dilindungi\n\n"
            "Sasaran program adalah warga pada desil 1 sampai 5 Data Tunggal Sosial Ekonomi "
            "Nasional (DTSEN), dengan prioritas desil 1 sampai 3. Data peserta berasal dari "
            "Dinas Sosial serta perangkat daerah lain dan platform transportasi daring.\n\n"
            "## Tidak ada pendaftaran mandiri\n\n"
            "Peserta dipilih dari data, bukan mendaftar sendiri. Warga yang merasa memenuhi "
            "syarat tetapi belum terdata diminta memperbarui data kependudukan dan data DTSEN "
            "di kelurahan.\n\n"
            "Cek kemungkinan Anda terlindungi lewat [cek kelayakan](/cek)."
        ),
        "alt": "Tulisan besar “11.666 pekerja terlindungi” di atas latar hijau",
        "warna": "hijau", "teks": ("11.666", "pekerja terlindungi"),
        "aksi": "terbit", "waktu": _jam(2025, 11, 5, 10),
    },
    {
        "judul": "Rencana 2026: iuran 10.000 pekerja informal dibayar pemerintah kota",
        "ringkasan": "Mulai 2026 pemerintah kota menyiapkan iuran untuk 10.000 pekerja informal: "
                     "Rp201.600 per orang per tahun, sekitar Rp2 miliar dari APBD.",
        "isi": (
            "Untuk 2026, Pemerintah Kota Bekasi merencanakan perlindungan bagi **10.000 pekerja "
            "informal**. Iurannya Rp16.800 per orang per bulan (JKK Rp10.000 dan JKM Rp6.800 "
            "pada penghasilan terendah Rp1.000.000), atau Rp201.600 per orang per tahun.\n\n"
            "Jika dikalikan 10.000 orang, kebutuhannya sekitar Rp2 miliar dari APBD.\n\n"
            "## Pekerjaan yang disasar\n\n"
            "- pengemudi ojek online dan sopir\n- kuli bangunan\n- pedagang kecil\n"
            "- pemulung\n\n"
            "Calon peserta dipilih dari data DTSEN. Aturan rinci untuk 2026, seperti batas desil "
            "dan syarat KTP, masih menunggu penetapan."
        ),
        "alt": "Tulisan besar “10.000 pekerja informal 2026” di atas latar biru",
        "warna": "biru", "teks": ("10.000", "pekerja informal 2026"),
        "aksi": "terbit", "waktu": _jam(2026, 1, 12),
    },
    {
        "judul": "Santunan kematian Rp42.000.000 untuk ahli waris: rincian dan dokumennya",
        "ringkasan": "Ahli waris peserta yang meninggal menerima santunan JKM Rp42.000.000. "
                     "Ini rinciannya dan dokumen yang perlu disiapkan.",
        "isi": (
            "Jika peserta meninggal bukan karena kecelakaan kerja, ahli warisnya berhak atas "
            "Jaminan Kematian (JKM) sebesar **Rp42.000.000**, terdiri dari:\n\n"
            "- santunan sekaligus Rp20.000.000\n"
            "- santunan berkala 24 × Rp500.000 = Rp12.000.000, dibayar sekaligus\n"
            "- biaya pemakaman Rp10.000.000\n\n"
            "## Dokumen\n\n"
            "Siapkan kartu peserta, e-KTP peserta dan ahli waris, akta kematian, Kartu "
            "Keluarga, surat keterangan ahli waris, buku nikah bila ahli waris adalah suami "
            "atau istri, dan buku tabungan.\n\n"
            "Santunan dibayar paling lambat 3 hari kerja setelah klaim dan dokumennya lengkap. "
            "Baca juga [cara klaim](/cara-klaim)."
        ),
        "alt": "",
        "dekoratif": True,  # the picture only repeats the title
        "warna": "ungu", "teks": ("Rp42 juta", "santunan JKM"),
        "aksi": "terbit", "waktu": _jam(2026, 2, 16),
    },
    {
        "judul": "Diskon iuran 50% tidak berlaku bagi peserta yang dibayar APBD",
        "ringkasan": "PP 50/2025 memberi potongan iuran JKK dan JKM bagi peserta bukan penerima "
                     "upah, tetapi peserta yang iurannya dibayar APBN atau APBD tidak termasuk.",
        "isi": (
            "Peraturan Pemerintah 50/2025 memberi potongan sementara 50% untuk iuran JKK dan JKM "
            "peserta bukan penerima upah. Manfaatnya tidak berubah.\n\n"
            "Peserta yang iurannya dibayar APBN atau APBD **tidak termasuk**. Karena itu "
            "pemerintah kota tetap membayar iuran penuh bagi peserta program ini, dan peserta "
            "tidak perlu mengurus apa pun.\n\n"
            "Bagi peserta, tidak ada yang berubah: perlindungan JKK dan JKM tetap berjalan."
        ),
        "alt": "Tulisan besar “50% tidak untuk peserta APBD” di atas latar oranye",
        "warna": "oranye", "teks": ("50%", "tidak untuk peserta APBD"),
        "aksi": "jadwal",
    },
    {
        "judul": "Beasiswa sampai Rp174.000.000 untuk dua anak peserta",
        "ringkasan": "Anak peserta yang meninggal dapat menerima beasiswa dari TK sampai kuliah, "
                     "paling banyak Rp87.000.000 per anak untuk dua anak.",
        "isi": (
            "Beasiswa diberikan kepada paling banyak dua anak peserta, dengan jumlah per anak "
            "per tahun:\n\n"
            "- TK Rp1.500.000 (paling lama 2 tahun)\n- SD Rp1.500.000 (6 tahun)\n"
            "- SMP Rp2.000.000 (3 tahun)\n- SMA Rp3.000.000 (3 tahun)\n"
            "- kuliah S1 atau pelatihan Rp12.000.000 (5 tahun)\n\n"
            "Totalnya Rp87.000.000 per anak, atau Rp174.000.000 untuk dua anak. Beasiswa "
            "diklaim setiap tahun dan berhenti saat anak berusia 23 tahun, menikah, atau "
            "bekerja."
        ),
        "alt": "Tulisan besar “Beasiswa sampai Rp174 juta” di atas latar abu-abu",
        "warna": "abu", "teks": ("Beasiswa", "sampai Rp174 juta"),
        "aksi": "tinjau",
    },
    {
        "judul": "Cara memeriksa data DTSEN sebelum pendataan berikutnya",
        "ringkasan": "Peserta dipilih dari DTSEN. Periksa desil keluarga Anda dan perbaiki data "
                     "di kelurahan bila perlu.",
        "isi": (
            "DTSEN menggabungkan DTKS, Regsosek, dan P3KE, dicocokkan dengan NIK, dan "
            "diperbarui setiap tiga bulan. Setiap rumah tangga ditempatkan pada desil 1 "
            "(10% termiskin) sampai desil 10.\n\n"
            "Catatan redaksi: tambahkan langkah pemeriksaan di situs BPS dan Cek Bansos."
        ),
        "alt": "Tulisan besar “DTSEN, cek data Anda” di atas latar merah",
        "warna": "merah", "teks": ("DTSEN", "cek data Anda"),
        "aksi": "draf",
    },
)


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
