"""Upload checks by content and atomic storage."""

import hashlib
import io
import re

import pytest

from app.domain.unggah import (
    JPEG,
    MAKS_BYTES,
    MB,
    PDF,
    PNG,
    BerkasDitolak,
    nama_simpan,
    periksa_berkas,
    simpan_aman,
)

PDF_KECIL = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG_KECIL = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG_KECIL = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 10 + b"\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50


@pytest.mark.parametrize(
    ("nama", "isi", "jenis"),
    [
        ("akta-kematian.pdf", PDF_KECIL, PDF),
        ("SCAN KK.PDF", PDF_KECIL, PDF),
        ("ktp.png", PNG_KECIL, PNG),
        ("foto buku tabungan.jpg", JPEG_KECIL, JPEG),
        ("foto.JPEG", JPEG_KECIL, JPEG),
        ("C:\\Users\\warnet\\Desktop\\surat.pdf", PDF_KECIL, PDF),
    ],
)
def test_valid_tiny_files(nama, isi, jenis):
    assert periksa_berkas(nama, isi) is jenis
    assert periksa_berkas(nama, io.BytesIO(isi)) is jenis


def tolak(nama, isi, **kw) -> BerkasDitolak:
    with pytest.raises(BerkasDitolak) as info:
        periksa_berkas(nama, isi, **kw)
    return info.value


def test_renamed_executable_is_refused():
    galat = tolak("surat-ahli-waris.pdf", EXE)
    assert galat.kode == "jenis_tidak_diterima"
    assert "program" in str(galat)
    assert "PDF, JPG, atau PNG" in str(galat)


@pytest.mark.parametrize(
    "isi", [b"PK\x03\x04word/document.xml", b"GIF89a\x01\x00", b"halo, ini teks biasa"]
)
def test_other_types_are_refused(isi):
    galat = tolak("dokumen.pdf", isi)
    assert galat.kode == "jenis_tidak_diterima"
    assert "tidak diterima" in str(galat)


def test_empty_file_is_refused():
    galat = tolak("ktp.pdf", b"")
    assert galat.kode == "kosong"
    assert "kosong" in str(galat)
    assert tolak("ktp.pdf", io.BytesIO(b"")).kode == "kosong"


def test_oversized_file_names_the_limit_in_mb():
    besar = PDF_KECIL + b"\x00" * (MAKS_BYTES - len(PDF_KECIL) + 1)
    galat = tolak("besar.pdf", besar)
    assert galat.kode == "terlalu_besar"
    assert "5 MB" in str(galat)
    assert tolak("besar.pdf", io.BytesIO(besar)).kode == "terlalu_besar"


def test_exactly_the_limit_is_accepted():
    pas = PDF_KECIL + b"\x00" * (MAKS_BYTES - len(PDF_KECIL))
    assert periksa_berkas("pas.pdf", pas) is PDF


def test_fractional_limit_uses_a_decimal_comma():
    batas = MB * 5 // 2
    galat = tolak("a.pdf", b"%PDF-" + b"0" * batas, max_bytes=batas)
    assert "2,5 MB" in str(galat)


@pytest.mark.parametrize(
    ("nama", "isi"),
    [("foto.jpg", PNG_KECIL), ("ktp.png", PDF_KECIL), ("surat.pdf", JPEG_KECIL)],
)
def test_extension_must_match_content(nama, isi):
    galat = tolak(nama, isi)
    assert galat.kode == "ekstensi_tidak_cocok"
    assert nama[nama.rfind(".") :] in str(galat)


def test_missing_extension_is_refused():
    galat = tolak("scan_kk", PDF_KECIL)
    assert galat.kode == "ekstensi_tidak_cocok"
    assert ".pdf, .jpg, .jpeg atau .png" in str(galat)


def test_seekable_stream_is_put_back():
    aliran = io.BytesIO(b"xx" + PDF_KECIL)
    aliran.seek(2)
    periksa_berkas("a.pdf", aliran)
    assert aliran.tell() == 2


def test_storage_name_is_random_hex_with_real_extension():
    nama = {nama_simpan(JPEG) for _ in range(200)}
    assert len(nama) == 200
    assert all(re.fullmatch(r"[0-9a-f]{32}\.jpg", n) for n in nama)
    assert nama_simpan(PDF).endswith(".pdf")


# --- simpan_aman -----------------------------------------------------------------------


def test_simpan_aman_stores_under_random_name(tmp_path):
    hasil = simpan_aman(io.BytesIO(PNG_KECIL), tmp_path, nama_asli="ktp.png")
    assert hasil.jenis is PNG
    assert hasil.ukuran == len(PNG_KECIL)
    assert hasil.sha256 == hashlib.sha256(PNG_KECIL).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{32}\.png", hasil.nama_berkas)
    assert [p.name for p in tmp_path.iterdir()] == [hasil.nama_berkas]
    assert (tmp_path / hasil.nama_berkas).read_bytes() == PNG_KECIL
    nama_berkas, ukuran, jenis, sha = hasil  # also a plain tuple
    assert (nama_berkas, ukuran, jenis, sha) == tuple(hasil)


def test_simpan_aman_accepts_bytes_and_large_streams(tmp_path):
    isi = PDF_KECIL + b"x" * (3 * MB)
    hasil = simpan_aman(isi, tmp_path)
    assert hasil.ukuran == len(isi)
    assert (tmp_path / hasil.nama_berkas).read_bytes() == isi


@pytest.mark.parametrize(
    ("isi", "nama_asli", "kode"),
    [
        (EXE, "surat.pdf", "jenis_tidak_diterima"),
        (EXE[:4], "surat.pdf", "jenis_tidak_diterima"),
        (b"", "surat.pdf", "kosong"),
        (PDF_KECIL + b"\x00" * MAKS_BYTES, "surat.pdf", "terlalu_besar"),
        (PNG_KECIL, "foto.jpg", "ekstensi_tidak_cocok"),
    ],
)
def test_simpan_aman_leaves_nothing_on_refusal(tmp_path, isi, nama_asli, kode):
    with pytest.raises(BerkasDitolak) as info:
        simpan_aman(io.BytesIO(isi), tmp_path, nama_asli=nama_asli)
    assert info.value.kode == kode
    assert list(tmp_path.iterdir()) == []


class PutusDiTengah(io.RawIOBase):
    """A stream that fails after its first chunk, like a dropped connection."""

    def __init__(self) -> None:
        self.sudah = False

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if self.sudah:
            raise ConnectionResetError("koneksi putus")
        self.sudah = True
        return PDF_KECIL


def test_simpan_aman_removes_temp_file_when_the_stream_breaks(tmp_path):
    with pytest.raises(ConnectionResetError):
        simpan_aman(PutusDiTengah(), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_simpan_aman_custom_limit(tmp_path):
    with pytest.raises(BerkasDitolak, match="1 MB"):
        simpan_aman(PDF_KECIL + b"0" * MB, tmp_path, max_bytes=MB)
    assert list(tmp_path.iterdir()) == []


class _AliranPenjaga(io.RawIOBase):
    """A stream of ``ukuran`` bytes starting with ``kepala`` that records how much was read."""

    def __init__(self, kepala: bytes, ukuran: int) -> None:
        self.isi = io.BytesIO(kepala + b"\0" * (ukuran - len(kepala)))
        self.dibaca = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        potong = self.isi.read(n)
        self.dibaca += len(potong)
        return potong


def test_simpan_aman_refuses_a_program_after_its_first_chunk(tmp_path):
    """A 4 MB program (under the size limit) is refused as soon as its first bytes are seen:
    the rest is never read nor written to disk."""
    from app.domain.unggah import POTONGAN

    aliran = _AliranPenjaga(b"MZ\x90\x00\x03\x00\x00\x00", 4 * 1024 * 1024)
    with pytest.raises(BerkasDitolak) as info:
        simpan_aman(aliran, tmp_path)
    assert info.value.kode == "jenis_tidak_diterima" and "program" in str(info.value)
    assert aliran.dibaca == POTONGAN
    assert list(tmp_path.iterdir()) == []


def test_checking_a_huge_stream_reads_at_most_one_byte_past_the_limit():
    aliran = _AliranPenjaga(b"%PDF-1.4", MAKS_BYTES + 3 * 1024 * 1024)
    with pytest.raises(BerkasDitolak) as info:
        periksa_berkas("a.pdf", aliran)
    assert info.value.kode == "terlalu_besar"
    assert aliran.dibaca == MAKS_BYTES + 1


def test_a_stream_that_cannot_seek_is_checked_too():
    aliran = _AliranPenjaga(b"%PDF-1.4", 1000)
    assert not aliran.seekable()
    assert periksa_berkas("surat.pdf", aliran) is PDF


class _AliranTetes(_AliranPenjaga):
    """A stream that hands out at most three bytes per read (a slow network upload)."""

    def read(self, n: int = -1) -> bytes:
        return super().read(3 if n is None or n < 0 else min(n, 3))


def test_a_stream_in_small_pieces_is_still_recognised():
    aliran = _AliranTetes(b"\x89PNG\r\n\x1a\n", 40)
    assert periksa_berkas("foto.png", aliran) is PNG


def test_a_stream_is_checked_against_its_name_too():
    aliran = _AliranPenjaga(b"%PDF-1.4", 1000)
    with pytest.raises(BerkasDitolak) as info:
        periksa_berkas("foto.png", aliran)
    assert info.value.kode == "ekstensi_tidak_cocok"


@pytest.mark.parametrize(("kode", "mime"), [
    ("pdf", "application/pdf"), ("jpeg", "image/jpeg"), ("png", "image/png"),
    (None, "application/octet-stream"), ("exe", "application/octet-stream"),
])
def test_stored_files_go_out_with_their_type_unknown_as_plain_bytes(kode, mime):
    from app.domain.unggah import mime_untuk

    assert mime_untuk(kode) == mime


@pytest.mark.parametrize("merek", [b"heic", b"heix", b"mif1"])
def test_an_iphone_heic_photo_gets_the_heic_advice_when_it_cannot_be_read(tmp_path, merek,
                                                                            monkeypatch):
    """HEIC is recognised by its ``ftyp`` box brand (bytes 4–12), not by its name."""
    from app.domain import unggah

    monkeypatch.setattr(unggah, "heic_terbaca", lambda: False)
    heic = b"\x00\x00\x00\x18ftyp" + merek + b"\x00" * 40
    with pytest.raises(BerkasDitolak, match="HEIC") as e:
        unggah.simpan_dokumen(heic, tmp_path, nama_asli="IMG_0001.HEIC")
    assert e.value.kode == "jenis_tidak_diterima"


@pytest.mark.parametrize("kepala", [
    b"\x00\x00\x00\x18ftypisom" + b"\x00" * 40,  # an MP4 video: ftyp, another brand
    b"\x00\x00\x00\x18xxxxheic" + b"\x00" * 40,  # a HEIC brand without the ftyp box
])
def test_other_ftyp_files_are_not_taken_for_heic(tmp_path, kepala, monkeypatch):
    from app.domain import unggah

    monkeypatch.setattr(unggah, "heic_terbaca", lambda: False)
    with pytest.raises(BerkasDitolak) as e:
        unggah.simpan_dokumen(kepala, tmp_path, nama_asli="video.heic")
    assert e.value.kode == "jenis_tidak_diterima" and str(e.value)
    assert "HEIC" not in str(e.value)


@pytest.mark.parametrize("nama", ["surat.pdf.", " surat.pdf ", "folder/sub/surat.pdf",
                                  "D:\\scan\\kk.v2\\surat.pdf"])
def test_the_extension_is_read_from_the_last_part_of_the_name(nama):
    """Windows drops trailing dots and spaces; folders (either slash, dots in them) are not
    part of the name."""
    assert periksa_berkas(nama, PDF_KECIL) is PDF
