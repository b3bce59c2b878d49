"""Short SMS/WhatsApp texts (≤ 320 characters) for events the applicant may see.

Texts name the claim reference and end with a link; they never carry a NIK. Free text typed
by officers (reasons, document names) is shortened to fit, and anything that looks like a
NIK inside it is removed. Fixed wording uses plain ASCII so an SMS stays in the cheap GSM-7
alphabet (one non-GSM character would switch the whole SMS to 70-character segments).
"""

from __future__ import annotations

import datetime as dt
import re

from app.domain.format import rupiah, tanggal
from app.domain.klaim import StatusKlaim, status

PANJANG_MAKS = 320
AWALAN = "SIGAP: "
# A free-text field is never cut shorter than this; below it the message is refused.
BEBAS_MIN = 12

_NIK_DALAM_TEKS = re.compile(r"(?<!\d)(?:\d[ .\-]?){15}\d(?!\d)")
_SPASI = re.compile(r"\s+")
_GANTI_ASCII = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
NIK_DISEMBUNYIKAN = "(NIK dihapus)"

_TEKS_STATUS: dict[StatusKlaim, str] = {
    StatusKlaim.DITERIMA: "Pengajuan klaim {ref} sudah kami terima. "
    "Petugas akan memeriksa berkas Anda.",
    StatusKlaim.VERIFIKASI_BERKAS: "Berkas klaim {ref} sedang diperiksa petugas.",
    StatusKlaim.PERLU_DOKUMEN: "Klaim {ref} masih perlu dokumen dari Anda. "
    "Lihat dokumen yang kurang di tautan di bawah.",
    StatusKlaim.DIAJUKAN_BPJS: "Klaim {ref} sudah diajukan ke BPJS Ketenagakerjaan. "
    "Sekarang menunggu keputusan BPJS.",
    StatusKlaim.DISETUJUI: "Klaim {ref} sudah disetujui BPJS Ketenagakerjaan. "
    "Dana akan dikirim ke rekening Anda.",
    StatusKlaim.DIBAYAR: "Dana klaim {ref} sudah dibayarkan ke rekening Anda.",
    StatusKlaim.DITOLAK: "Klaim {ref} ditolak. Alasan: {alasan}. "
    "Jika ada pertanyaan, hubungi petugas.",
    StatusKlaim.DIBATALKAN: "Klaim {ref} dibatalkan. Alasan: {alasan}.",
}


def bersihkan(teks: str) -> str:
    """One line of officer text: NIK removed, ASCII punctuation, no trailing full stop."""
    teks = _NIK_DALAM_TEKS.sub(NIK_DISEMBUNYIKAN, teks or "")
    teks = teks.translate(_GANTI_ASCII).replace("\u2026", "...")
    return _SPASI.sub(" ", teks).strip().rstrip(" .")


def _pastikan_tanpa_nik(nama: str, nilai: str) -> None:
    if _NIK_DALAM_TEKS.search(nilai):
        raise ValueError(f"{nama} tidak boleh berisi NIK.")


def _potong(teks: str, panjang: int) -> str:
    """Cut to ``panjang`` characters ending in "...", at a word break when one is near."""
    if len(teks) <= panjang:
        return teks
    potong = teks[: panjang - 3]
    spasi = potong.rfind(" ")
    if spasi >= len(potong) - 15:
        potong = potong[:spasi]
    return potong.rstrip(" .,;:") + "..."


def _rakit(pola: str, referensi: str, tautan: str, **bebas: str) -> str:
    """Fill a pattern, append the link and shorten the free-text fields until it fits."""
    _pastikan_tanpa_nik("Nomor referensi", referensi)
    _pastikan_tanpa_nik("Tautan", tautan)
    if not tautan.startswith(("https://", "http://")):
        raise ValueError("Tautan harus alamat lengkap (https://...).")
    isian = {k: bersihkan(v) for k, v in bebas.items()}
    while True:
        isi = pola.format(ref=referensi, **isian).replace("....", "...")
        pesan = f"{AWALAN}{isi} Rincian: {tautan}"
        lebih = len(pesan) - PANJANG_MAKS
        if lebih <= 0:
            return pesan
        terpanjang = max(isian, key=lambda k: len(isian[k]), default=None)
        if terpanjang is None or len(isian[terpanjang]) <= BEBAS_MIN:
            raise ValueError(f"Pesan lebih dari {PANJANG_MAKS} karakter; tautan terlalu panjang?")
        # Shrink the longest field, but not below the next one, so both stay readable.
        lain = [len(v) for k, v in isian.items() if k != terpanjang]
        baru = max(len(isian[terpanjang]) - lebih, max(lain, default=0), BEBAS_MIN)
        if baru >= len(isian[terpanjang]):
            baru = len(isian[terpanjang]) - 1
        isian[terpanjang] = _potong(isian[terpanjang], baru)


def pesan_status(referensi: str, ke: str, tautan: str, alasan: str | None = None) -> str:
    """Text for a claim that moved to state ``ke``; ditolak/dibatalkan need ``alasan``."""
    kode = status(ke).kode
    pola = _TEKS_STATUS[kode]
    if "{alasan}" in pola:
        if not (alasan and alasan.strip()):
            raise ValueError(f"Pesan untuk status {kode} wajib menyertakan alasan.")
        return _rakit(pola, referensi, tautan, alasan=alasan)
    if alasan and alasan.strip():
        return _rakit(pola + " Catatan: {alasan}.", referensi, tautan, alasan=alasan)
    return _rakit(pola, referensi, tautan)


def pesan_dokumen_diminta(
    referensi: str, dokumen: str, tautan: str, catatan: str | None = None
) -> str:
    """Text asking the applicant for a document."""
    return _minta_dokumen("Untuk klaim {ref}, kami perlu dokumen: {dokumen}.",
                          referensi, dokumen, tautan, catatan)


def pesan_bpjs_minta_dokumen(
    referensi: str, dokumen: str, tautan: str, catatan: str | None = None
) -> str:
    """Text for a document BPJS Ketenagakerjaan asked for after the claim was submitted."""
    return _minta_dokumen("Klaim {ref} sedang diperiksa BPJS Ketenagakerjaan. BPJS meminta "
                          "dokumen tambahan: {dokumen}.", referensi, dokumen, tautan, catatan)


def _minta_dokumen(pola: str, referensi: str, dokumen: str, tautan: str,
                   catatan: str | None) -> str:
    """A request for ``dokumen``: ``pola``, the officer's note if any, and how to hand it in."""
    isian = {"dokumen": dokumen}
    if catatan and catatan.strip():
        pola += " Catatan: {catatan}."
        isian["catatan"] = catatan
    pola += " Unggah lewat tautan ini atau serahkan ke petugas."
    return _rakit(pola, referensi, tautan, **isian)


def pesan_dokumen_diterima(referensi: str, dokumen: str, tautan: str) -> str:
    """Text confirming a document was accepted."""
    pola = "Dokumen {dokumen} untuk klaim {ref} sudah kami terima. Terima kasih."
    return _rakit(pola, referensi, tautan, dokumen=dokumen)


def pesan_dokumen_ditolak(referensi: str, dokumen: str, alasan: str, tautan: str) -> str:
    """Text saying a document was not accepted, with the reason."""
    if not (alasan and alasan.strip()):
        raise ValueError("Pesan dokumen ditolak wajib menyertakan alasan.")
    pola = (
        "Dokumen {dokumen} untuk klaim {ref} belum bisa kami terima. "
        "Alasan: {alasan}. Mohon kirim ulang."
    )
    return _rakit(pola, referensi, tautan, dokumen=dokumen, alasan=alasan)


def pesan_pembayaran(referensi: str, jumlah: int, tanggal_bayar: dt.date, tautan: str) -> str:
    """Text recording a payment: amount and the date it was actually paid."""
    if jumlah <= 0:
        raise ValueError("Jumlah pembayaran harus lebih dari nol.")
    pola = (
        f"Dana klaim {{ref}} sebesar {rupiah(jumlah)} sudah dibayarkan pada "
        f"{tanggal(tanggal_bayar)}. Surat pembayaran bisa diunduh di tautan ini."
    )
    return _rakit(pola, referensi, tautan)
