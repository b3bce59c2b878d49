"""What the applicant's pages show, worked out from the records (no Flask here)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain import klaim as domain
from app.domain.format import rupiah
from app.models import Klaim, KlaimEvent


@dataclass(frozen=True, slots=True)
class Langkah:
    """One of the five public steps: number, words, and selesai / sekarang / belum."""

    nomor: int
    label: str
    keadaan: str

    @property
    def keterangan(self) -> str:
        """The state in words, for screen readers and for everyone (not colour alone)."""
        return {"selesai": "selesai", "sekarang": "sedang berlangsung", "belum": "belum"}[
            self.keadaan
        ]


def langkah_klaim(klaim: Klaim) -> list[Langkah]:
    """The five steps with how far this claim has come (empty for refused/cancelled)."""
    sekarang = klaim.info.langkah
    if sekarang is None:
        return []
    hasil = []
    for nomor, label in domain.LANGKAH_PUBLIK.items():
        if nomor < sekarang or (nomor == sekarang and not klaim.terbuka):
            keadaan = "selesai"
        elif nomor == sekarang:
            keadaan = "sekarang"
        else:
            keadaan = "belum"
        hasil.append(Langkah(nomor, label, keadaan))
    return hasil


def menunggu(klaim: Klaim) -> str | None:
    """"Anda", "Petugas" or "BPJS Ketenagakerjaan"; None once the claim is finished."""
    siapa = klaim.info.menunggu
    return domain.MENUNGGU_LABEL[siapa] if siapa else None


_URAIAN_DOKUMEN = {
    "dokumen_diminta": "Petugas meminta dokumen {nama}.",
    "bpjs_minta_dokumen": "BPJS Ketenagakerjaan meminta dokumen tambahan: {nama}.",
    "dokumen_diunggah": "Berkas {nama} diunggah.",
    "dokumen_diterima": "Dokumen {nama} diterima petugas.",
    "dokumen_ditolak": "Dokumen {nama} belum bisa diterima.",
    "dokumen_dilewati": "Dokumen {nama} tidak diperlukan untuk klaim ini.",
    "berkas_dihapus": "Berkas {nama} dihapus karena masa simpannya sudah berakhir.",
}


def uraian_event(ev: KlaimEvent) -> str:
    """One history line in plain words (the note, if any, is shown beside it)."""
    if ev.aksi == "dibuat":
        return "Pengajuan klaim dicatat oleh petugas."
    if ev.aksi in _URAIAN_DOKUMEN:
        nama = ev.dokumen.nama if ev.dokumen is not None else "dokumen"
        return _URAIAN_DOKUMEN[ev.aksi].format(nama=nama)
    if ev.pindah_status:
        return f"Status menjadi \u201c{domain.status(ev.ke).label}\u201d."
    return "Catatan dari petugas."


def riwayat_pemohon(klaim: Klaim) -> list[KlaimEvent]:
    """Events the applicant may see, oldest first."""
    return [ev for ev in klaim.events if ev.terlihat_pemohon]


def ukuran_teks(ukuran: int | None) -> str:
    """``230 KB`` / ``1,2 MB``."""
    if not ukuran:
        return "0 KB"
    if ukuran < 1024 * 1024:
        return f"{max(1, round(ukuran / 1024))} KB"
    return f"{ukuran / (1024 * 1024):.1f} MB".replace(".", ",")


def ringkasan_jumlah(klaim: Klaim) -> str | None:
    """Approved amount in rupiah once BPJS approved, else None (no estimates to applicants)."""
    return rupiah(klaim.jumlah_disetujui) if klaim.jumlah_disetujui else None


def sisa_hari_teks(sisa: int | None) -> str:
    """Days of coverage left, in words."""
    if sisa is None:
        return "Tidak ada tanggal berakhir"
    if sisa == 0:
        return "Masa perlindungan sudah berakhir"
    return f"{sisa} hari lagi"



@dataclass(frozen=True, slots=True)
class GrupDokumen:
    """The claim's documents as the applicant sees them: what to send, what is being
    checked, what is accepted, what is not needed."""

    perlu: list
    diperiksa: list
    diterima: list
    tidak: list


def grup_dokumen(klaim: Klaim) -> GrupDokumen:
    """Group the checklist for the applicant's page (order within a group kept)."""
    d = klaim.dokumen
    return GrupDokumen(
        perlu=[x for x in d if x.status in ("diminta", "ditolak")],
        diperiksa=[x for x in d if x.status == "diunggah"],
        diterima=[x for x in d if x.status == "diterima"],
        tidak=[x for x in d if x.status == "tidak_diperlukan"],
    )


def diterima_untuk_tanda_terima(klaim: Klaim) -> list:
    """Documents whose file we received (for the receipt), oldest upload first."""
    return sorted((x for x in klaim.dokumen if x.sha256 and x.diunggah_pada),
                  key=lambda x: x.diunggah_pada)
