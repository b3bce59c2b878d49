"""Upload checks by content (PDF, JPEG, PNG) and atomic storage under a random name.

The type is decided by the first bytes, never by the name or the browser's Content-Type:
a program renamed to ``surat.pdf`` starts with ``MZ`` and is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

MB = 1024 * 1024
MAKS_BYTES = 5 * MB
POTONGAN = 64 * 1024
KEPALA = 8  # enough bytes to tell the three formats apart


@dataclass(frozen=True, slots=True)
class JenisBerkas:
    """An accepted file type: code, label for messages, MIME type, signature, extensions."""

    kode: str
    label: str
    mime: str
    tanda: bytes
    ekstensi: tuple[str, ...]

    @property
    def ekstensi_simpan(self) -> str:
        """Extension used for the stored copy."""
        return self.ekstensi[0]


PDF = JenisBerkas("pdf", "PDF", "application/pdf", b"%PDF-", (".pdf",))
JPEG = JenisBerkas("jpeg", "foto JPG", "image/jpeg", b"\xff\xd8\xff", (".jpg", ".jpeg"))
PNG = JenisBerkas("png", "gambar PNG", "image/png", b"\x89PNG\r\n\x1a\n", (".png",))
JENIS_DITERIMA: tuple[JenisBerkas, ...] = (PDF, JPEG, PNG)
_MENURUT_KODE = {j.kode: j for j in JENIS_DITERIMA}


def mime_untuk(kode: str | None) -> str:
    """The MIME type to send a stored file with (``Dokumen.jenis`` is a ``JenisBerkas.kode``);
    anything unknown goes out as plain bytes."""
    jenis = _MENURUT_KODE.get(kode or "")
    return jenis.mime if jenis else "application/octet-stream"

# Recognised only to give a clearer message; never accepted.
_TANDA_PROGRAM = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")


class BerkasDitolak(ValueError):
    """An upload that is refused; ``str()`` is the message for the user, ``kode`` for code."""

    def __init__(self, kode: str, pesan: str) -> None:
        super().__init__(pesan)
        self.kode = kode


class BerkasTersimpan(NamedTuple):
    """Result of a successful :func:`simpan_aman`."""

    nama_berkas: str
    ukuran: int
    jenis: JenisBerkas
    sha256: str


def _teks_mb(jumlah_byte: int) -> str:
    """``5 MB`` or ``2,5 MB`` (Indonesian decimal comma)."""
    mb = jumlah_byte / MB
    if mb == int(mb):
        return f"{int(mb)} MB"
    return f"{mb:.1f} MB".replace(".", ",")


def _daftar_ekstensi() -> str:
    semua = [e for j in JENIS_DITERIMA for e in j.ekstensi]
    return ", ".join(semua[:-1]) + " atau " + semua[-1]


def kenali(kepala: bytes) -> JenisBerkas | None:
    """The accepted type whose signature starts ``kepala``, else None."""
    return next((j for j in JENIS_DITERIMA if kepala.startswith(j.tanda)), None)


def _ekstensi(nama: str) -> str:
    """Lower-case extension of the last path part (browsers may send a full Windows path)."""
    dasar = nama.replace("\\", "/").rsplit("/", 1)[-1].strip().rstrip(".")
    return os.path.splitext(dasar)[1].lower()


def _tolak_kosong() -> BerkasDitolak:
    return BerkasDitolak("kosong", "Berkas kosong (0 byte). Pilih berkas lain lalu unggah lagi.")


def _tolak_besar(max_bytes: int) -> BerkasDitolak:
    return BerkasDitolak(
        "terlalu_besar",
        f"Berkas terlalu besar. Ukuran maksimal {_teks_mb(max_bytes)}. "
        "Untuk foto, kecilkan ukurannya atau foto ulang dengan resolusi lebih rendah.",
    )


def _periksa_jenis(kepala: bytes) -> JenisBerkas:
    jenis = kenali(kepala)
    if jenis is not None:
        return jenis
    if kepala.startswith(_TANDA_PROGRAM):
        raise BerkasDitolak(
            "jenis_tidak_diterima",
            "Berkas ini adalah program, bukan dokumen atau foto, jadi tidak kami terima. "
            "Unggah berkas PDF, JPG, atau PNG.",
        )
    raise BerkasDitolak(
        "jenis_tidak_diterima",
        "Jenis berkas ini tidak diterima. Unggah berkas PDF, JPG, atau PNG.",
    )


def _periksa_nama(nama: str, jenis: JenisBerkas) -> None:
    ekstensi = _ekstensi(nama)
    if ekstensi in jenis.ekstensi:
        return
    if not ekstensi:
        raise BerkasDitolak(
            "ekstensi_tidak_cocok",
            f"Nama berkas harus berakhiran {_daftar_ekstensi()}.",
        )
    raise BerkasDitolak(
        "ekstensi_tidak_cocok",
        f"Isi berkas ini {jenis.label}, tetapi namanya berakhiran {ekstensi}. "
        f"Pilih berkas yang benar, atau ganti akhiran namanya menjadi {jenis.ekstensi_simpan}.",
    )


def _nilai(nama: str | None, kepala: bytes, ukuran: int, max_bytes: int) -> JenisBerkas:
    """All checks in the order the user should hear about them."""
    if ukuran == 0:
        raise _tolak_kosong()
    if ukuran > max_bytes:
        raise _tolak_besar(max_bytes)
    jenis = _periksa_jenis(kepala)
    if nama is not None:
        _periksa_nama(nama, jenis)
    return jenis


def periksa_berkas(nama: str, isi: bytes | BinaryIO, max_bytes: int = MAKS_BYTES) -> JenisBerkas:
    """Check an upload's name, size and content; raise BerkasDitolak with a message if refused.

    A stream is read in chunks (never more than ``max_bytes + 1`` bytes) and, if seekable,
    put back where it was so the caller can still save it.
    """
    if isinstance(isi, bytes | bytearray | memoryview):
        data = bytes(isi)
        return _nilai(nama, data[:KEPALA], len(data), max_bytes)
    awal = isi.tell() if isi.seekable() else None
    kepala = b""
    ukuran = 0
    while ukuran <= max_bytes:
        potong = isi.read(min(POTONGAN, max_bytes + 1 - ukuran))
        if not potong:
            break
        if len(kepala) < KEPALA:
            kepala += potong[: KEPALA - len(kepala)]
        ukuran += len(potong)
    if awal is not None:
        isi.seek(awal)
    return _nilai(nama, kepala, ukuran, max_bytes)


def nama_simpan(jenis: JenisBerkas) -> str:
    """Random storage name (128 bits) with the extension of the real type."""
    return f"{secrets.token_hex(16)}{jenis.ekstensi_simpan}"


def simpan_aman(
    stream: BinaryIO | bytes,
    folder: str | Path,
    max_bytes: int = MAKS_BYTES,
    *,
    nama_asli: str | None = None,
) -> BerkasTersimpan:
    """Stream an upload into ``folder`` under a random name; nothing is left behind on failure.

    The bytes go to a temporary file in the same folder (so the final ``os.replace`` is an
    atomic rename on one filesystem), are checked, and only then get their real name. Give
    ``nama_asli`` to also require the extension to match the content.
    """
    if isinstance(stream, bytes | bytearray | memoryview):
        stream = io.BytesIO(bytes(stream))
    folder = Path(folder)
    fd, sementara = tempfile.mkstemp(dir=folder, prefix=".unggah-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as keluar:
            sidik = hashlib.sha256()
            kepala = b""
            ukuran = 0
            while potong := stream.read(POTONGAN):
                ukuran += len(potong)
                if ukuran > max_bytes:
                    raise _tolak_besar(max_bytes)
                if len(kepala) < KEPALA:
                    kepala += potong[: KEPALA - len(kepala)]
                    if len(kepala) >= KEPALA:
                        _periksa_jenis(kepala)  # refuse a program before writing all of it
                sidik.update(potong)
                keluar.write(potong)
            keluar.flush()
            os.fsync(keluar.fileno())
        jenis = _nilai(nama_asli, kepala, ukuran, max_bytes)
        nama = nama_simpan(jenis)
        os.replace(sementara, folder / nama)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(sementara)
        raise
    return BerkasTersimpan(nama, ukuran, jenis, sidik.hexdigest())


# --- claim documents from phones (issue 12) ---------------------------------------------
#
# Photos straight from a phone camera are 3–15 MB. They are accepted up to MAKS_FOTO, then
# re-encoded (EXIF, GPS included, dropped; turned upright first) and scaled so the long side
# is at most SISI_MAKS pixels: officers still read every line, storage stays under
# TARGET_FOTO per photo. PDFs are stored as sent, up to MAKS_BYTES.

MAKS_FOTO = 15 * MB
SISI_MAKS = 2000
TARGET_FOTO = 1 * MB
_MUTU_JPEG = (85, 75, 65, 55, 45)
_PIKSEL_MAKS = 80_000_000  # larger than any phone camera; refuses decompression bombs
_HEIF_MEREK = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis")


def heic_terbaca() -> bool:
    """Whether this Pillow can open HEIC (a plugin such as pillow-heif is registered)."""
    from PIL import Image

    return ".heic" in Image.registered_extensions()


def _heic(kepala: bytes) -> bool:
    return kepala[4:8] == b"ftyp" and kepala[8:12] in _HEIF_MEREK


def teks_batas_unggah() -> str:
    """The limits in plain words, said before the upload."""
    jenis = "JPG, PNG, atau HEIC" if heic_terbaca() else "JPG atau PNG"
    return (f"Foto ({jenis}) paling besar {_teks_mb(MAKS_FOTO)}: foto langsung dari kamera "
            f"ponsel bisa dikirim, kami kecilkan sendiri. Berkas PDF paling besar "
            f"{_teks_mb(MAKS_BYTES)}. Foto dokumen dengan jelas, semua sudut terlihat.")


def _baca_terbatas(stream: BinaryIO | bytes, batas: int) -> bytes:
    """The whole upload in memory, refusing more than ``batas`` bytes (reads batas + 1)."""
    if isinstance(stream, bytes | bytearray | memoryview):
        data = bytes(stream)
    else:
        data = stream.read(batas + 1)
    if len(data) > batas:
        raise tolak_besar_foto()
    return data


def tolak_besar_foto() -> BerkasDitolak:
    return BerkasDitolak(
        "terlalu_besar",
        f"Berkas terlalu besar. Foto paling besar {_teks_mb(MAKS_FOTO)} dan PDF paling besar "
        f"{_teks_mb(MAKS_BYTES)}. Untuk PDF yang lebih besar, foto halamannya satu per satu "
        "atau serahkan ke petugas program.",
    )


def _tolak_rusak() -> BerkasDitolak:
    return BerkasDitolak(
        "rusak",
        "Foto ini tidak bisa kami buka; mungkin rusak atau belum selesai terkirim. "
        "Foto ulang dokumennya lalu kirim lagi.",
    )


def siapkan_foto(data: bytes) -> bytes:
    """Re-encode a photo: upright, long side ≤ SISI_MAKS, no EXIF/GPS, ≤ TARGET_FOTO when the
    quality ladder allows. PNG without transparency that stays large becomes JPEG."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as asli:
            if asli.width * asli.height > _PIKSEL_MAKS:
                raise _tolak_rusak()
            png = asli.format == "PNG"
            if asli.format == "JPEG":
                asli.draft("RGB", (SISI_MAKS, SISI_MAKS))  # decode at a smaller scale: faster
            gambar = ImageOps.exif_transpose(asli)
            gambar.thumbnail((SISI_MAKS, SISI_MAKS), Image.Resampling.LANCZOS)
            gambar.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError,
            ValueError) as e:
        if isinstance(e, BerkasDitolak):
            raise
        raise _tolak_rusak() from None
    transparan = gambar.mode in ("RGBA", "LA") or "transparency" in gambar.info
    if png:
        keluar = io.BytesIO()
        bersih = gambar if transparan or gambar.mode in ("L", "RGB", "P") else \
            gambar.convert("RGB")
        bersih.save(keluar, "PNG", optimize=True)  # no info/exif passed: metadata dropped
        if keluar.tell() <= TARGET_FOTO or transparan:
            return keluar.getvalue()
    rgb = gambar.convert("RGB") if gambar.mode != "RGB" else gambar
    hasil = b""
    for mutu in _MUTU_JPEG:
        keluar = io.BytesIO()
        rgb.save(keluar, "JPEG", quality=mutu, optimize=True, progressive=True)
        hasil = keluar.getvalue()
        if len(hasil) <= TARGET_FOTO:
            break
    return hasil


def simpan_dokumen(
    stream: BinaryIO | bytes, folder: str | Path, *, nama_asli: str
) -> BerkasTersimpan:
    """Store a claim document: a PDF (≤ MAKS_BYTES) as sent, a photo (≤ MAKS_FOTO; HEIC when
    Pillow reads it) re-encoded by :func:`siapkan_foto`. Writing is :func:`simpan_aman`."""
    data = _baca_terbatas(stream, MAKS_FOTO)
    if not data:
        raise _tolak_kosong()
    kepala = data[:16]
    if _heic(kepala):
        if not heic_terbaca():
            raise BerkasDitolak(
                "jenis_tidak_diterima",
                "Foto HEIC dari iPhone belum bisa kami baca. Kirim sebagai JPG: di iPhone buka "
                "Pengaturan > Kamera > Format > Paling Kompatibel, lalu foto ulang.",
            )
        return simpan_aman(siapkan_foto(data), folder, MAKS_FOTO)
    jenis = _periksa_jenis(kepala)
    _periksa_nama(nama_asli, jenis)
    if jenis is PDF:
        if len(data) > MAKS_BYTES:
            raise BerkasDitolak(
                "terlalu_besar",
                f"Berkas PDF terlalu besar. PDF paling besar {_teks_mb(MAKS_BYTES)}. Foto "
                f"halamannya satu per satu (foto boleh sampai {_teks_mb(MAKS_FOTO)}) atau "
                "serahkan ke petugas program.",
            )
        return simpan_aman(data, folder, MAKS_BYTES)
    return simpan_aman(siapkan_foto(data), folder, MAKS_FOTO)
