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
