"""Document services: request, accept, reject, waive, and the applicant's upload."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import event, select
from sqlalchemy.orm import Session, scoped_session

from app.domain import pesan as teks_pesan
from app.domain import unggah
from app.domain.klaim import AKSI_BPJS_MINTA, PerpindahanTidakSah, StatusKlaim
from app.logs import mask_niks
from app.models import Dokumen, Klaim, User
from app.penyimpanan import penyimpanan
from app.services import data
from app.services.audit import audit_staf
from app.services.klaim import catat_event, perbarui_kelengkapan, pindahkan
from app.services.outbox import tautan_klaim, tulis_pesan
from app.services.waktu import sekarang as jam

S = StatusKlaim
log = logging.getLogger(__name__)
# States in which the applicant may still send documents.
STATE_BOLEH_UNGGAH = (S.DITERIMA, S.VERIFIKASI_BERKAS, S.PERLU_DOKUMEN, S.DIAJUKAN_BPJS)


class DokumenTidakSah(ValueError):
    """A document action that is not allowed now; the message is for the user."""


# The officer's actions on a checklist document, by the statuses that offer them (the claim
# page shows these buttons; a POST of another is refused before its form is read): a document
# never uploaded cannot be rejected, an accepted one is asked again, not accepted twice.
AKSI_PETUGAS = {
    "terima": frozenset({"diminta", "diunggah", "ditolak"}),
    "minta": frozenset({"tidak_diperlukan", "diterima"}),
    "lewati": frozenset({"diminta", "ditolak"}),
    "tolak": frozenset({"diunggah", "diterima"}),
}


def aksi_petugas(dokumen: Dokumen) -> frozenset[str]:
    """The actions ``dokumen`` offers an officer in its present status."""
    return frozenset(aksi for aksi, dari in AKSI_PETUGAS.items() if dokumen.status in dari)


def baca_berkas(dokumen: Dokumen) -> bytes | None:
    """An uploaded document's bytes from the storage, or None when there are none."""
    if not dokumen.berkas:
        return None
    try:
        return penyimpanan().baca(dokumen.berkas)
    except FileNotFoundError:
        return None


def _pastikan_terbuka(klaim: Klaim) -> None:
    if not klaim.terbuka:
        raise PerpindahanTidakSah(
            f"Klaim berstatus \u201c{klaim.info.label}\u201d sudah selesai; "
            "dokumen tidak bisa diubah."
        )


def _ke_perlu_dokumen(sesi: Session, klaim: Klaim, actor: User | None, ip, waktu) -> None:
    """Hand the claim back to the applicant while the officers check the file (no second
    message: the document's own message says what is needed). After submission to BPJS
    the claim stays with BPJS; the request is its own event instead (see minta_dokumen)."""
    if klaim.state == S.VERIFIKASI_BERKAS:
        pindahkan(sesi, klaim, S.PERLU_DOKUMEN, actor, ip=ip, waktu=waktu, kirim_pesan=False)


def _ubah_status(
    sesi: Session, dokumen: Dokumen, status: str, actor: User | None, ip, waktu, *,
    alasan: str | None, catatan: str | None, event: str, aksi: str, kata: str,
    pesan=None, diperiksa: bool = False, ke_pemohon: bool = False,
) -> Dokumen:
    """What every officer action on a document does: set its status (and who checked it),
    recount completeness, hand the claim back to the applicant when asked, write the event,
    the applicant's message (``pesan(tautan)``, if any) and the audit line, in one flush."""
    klaim = dokumen.klaim
    dokumen.status = status
    dokumen.alasan = alasan
    if diperiksa:
        dokumen.diperiksa_pada = waktu
        dokumen.diperiksa_oleh = actor.id if actor is not None else None
    perbarui_kelengkapan(klaim, waktu)
    if ke_pemohon:
        _ke_perlu_dokumen(sesi, klaim, actor, ip, waktu)
    catat_event(sesi, klaim, event, actor, dari=klaim.state, catatan=catatan,
                terlihat_pemohon=True, dokumen=dokumen, waktu=waktu)
    if pesan is not None:
        tautan = tautan_klaim(klaim)
        tulis_pesan(sesi, klaim, pesan(tautan), tautan, waktu)
    audit_staf(sesi, actor, aksi, klaim,
               f"Klaim {klaim.nomor}: dokumen \u201c{dokumen.nama}\u201d {kata}.", ip, waktu)
    sesi.flush()
    return dokumen


def minta_dokumen(
    sesi: Session,
    klaim: Klaim,
    kode: str,
    actor: User | None,
    *,
    catatan: str | None = None,
    nama: str | None = None,
    ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> Dokumen:
    """Ask the applicant for a document (a checklist code, or a new code with ``nama``)."""
    _pastikan_terbuka(klaim)
    waktu = waktu or jam()
    dok = sesi.scalar(select(Dokumen).where(Dokumen.klaim_id == klaim.id, Dokumen.kode == kode))
    if dok is None:
        item = next((i for i in data.checklist(klaim.jenis) if i["kode"] == kode), None)
        if item is None and not nama:
            raise DokumenTidakSah("Dokumen di luar daftar perlu diberi nama.")
        dok = Dokumen(
            klaim=klaim, kode=kode, nama=nama or item["nama"],
            keterangan=item.get("keterangan") if item else None, wajib=True,
        )
        sesi.add(dok)
    if klaim.state == S.DIAJUKAN_BPJS:
        # BPJS asked for more after submission: its own event and one message that says so;
        # the claim stays with BPJS (no silent move back to "perlu dokumen").
        return _ubah_status(
            sesi, dok, "diminta", actor, ip, waktu,
            alasan=(catatan or "").strip() or None, catatan=catatan,
            event=AKSI_BPJS_MINTA, aksi="dokumen.minta_bpjs",
            kata="diminta oleh BPJS Ketenagakerjaan",
            pesan=lambda t: teks_pesan.pesan_bpjs_minta_dokumen(klaim.nomor, dok.nama, t,
                                                               catatan),
        )
    return _ubah_status(
        sesi, dok, "diminta", actor, ip, waktu,
        alasan=(catatan or "").strip() or None, catatan=catatan, ke_pemohon=True,
        event="dokumen_diminta", aksi="dokumen.minta", kata="diminta",
        pesan=lambda t: teks_pesan.pesan_dokumen_diminta(klaim.nomor, dok.nama, t, catatan),
    )


def terima_dokumen(
    sesi: Session, dokumen: Dokumen, actor: User | None, *, ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> Dokumen:
    """Accept a document (uploaded or handed in at the office)."""
    klaim = dokumen.klaim
    _pastikan_terbuka(klaim)
    return _ubah_status(
        sesi, dokumen, "diterima", actor, ip, waktu or jam(),
        alasan=None, catatan=None, diperiksa=True,
        event="dokumen_diterima", aksi="dokumen.terima", kata="diterima",
        pesan=lambda t: teks_pesan.pesan_dokumen_diterima(klaim.nomor, dokumen.nama, t),
    )


def tolak_dokumen(
    sesi: Session, dokumen: Dokumen, alasan: str, actor: User | None, *,
    ip: str | None = None, waktu: dt.datetime | None = None,
) -> Dokumen:
    """Reject a document with a reason the applicant will read; the claim waits on them."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise DokumenTidakSah("Alasan penolakan wajib diisi; pemohon akan membacanya.")
    klaim = dokumen.klaim
    _pastikan_terbuka(klaim)
    return _ubah_status(
        sesi, dokumen, "ditolak", actor, ip, waktu or jam(),
        alasan=alasan, catatan=alasan, diperiksa=True, ke_pemohon=True,
        event="dokumen_ditolak", aksi="dokumen.tolak", kata="ditolak",
        pesan=lambda t: teks_pesan.pesan_dokumen_ditolak(klaim.nomor, dokumen.nama, alasan, t),
    )


def lewati_dokumen(
    sesi: Session, dokumen: Dokumen, actor: User | None, *, alasan: str | None = None,
    ip: str | None = None, waktu: dt.datetime | None = None,
) -> Dokumen:
    """Mark a document as not needed for this claim (e.g. no marriage book for a child)."""
    _pastikan_terbuka(dokumen.klaim)
    return _ubah_status(
        sesi, dokumen, "tidak_diperlukan", actor, ip, waktu or jam(),
        alasan=(alasan or "").strip() or None, catatan=alasan,
        event="dokumen_dilewati", aksi="dokumen.lewati", kata="tidak diperlukan",
    )


def unggah_dokumen(
    sesi: Session,
    klaim: Klaim,
    kode: str,
    stream: BinaryIO | bytes,
    user: User,
    *,
    nama_berkas: str,
    ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> Dokumen:
    """Store an applicant's file for a requested document; raises unggah.BerkasDitolak.

    The file is checked by content and written atomically; if anything after that fails the
    file is removed again, so a refused upload leaves nothing on disk or in the database.
    A claim waiting on the applicant (perlu_dokumen) goes back to the officers.
    """
    dok = sesi.scalar(select(Dokumen).where(Dokumen.klaim_id == klaim.id, Dokumen.kode == kode))
    if dok is None:
        raise DokumenTidakSah("Dokumen ini tidak ada dalam daftar klaim Anda.")
    if klaim.state not in STATE_BOLEH_UNGGAH:
        raise DokumenTidakSah("Klaim ini sudah tidak menerima dokumen baru.")
    if not dok.boleh_diunggah:
        raise DokumenTidakSah(f"Dokumen \u201c{dok.nama}\u201d tidak sedang diminta.")
    waktu = waktu or jam()
    simpanan = penyimpanan()
    # Checked by content in a private temporary folder first; only accepted bytes reach storage.
    with tempfile.TemporaryDirectory(prefix="sigap-unggah-") as sementara:
        hasil = unggah.simpan_dokumen(stream, sementara, nama_asli=nama_berkas)
        simpanan.simpan(hasil.nama_berkas, (Path(sementara) / hasil.nama_berkas).read_bytes())
    lama = dok.berkas
    try:
        dok.status = "diunggah"
        dok.alasan = None
        dok.berkas = hasil.nama_berkas
        dok.nama_asli = mask_niks(Path(nama_berkas.replace("\\", "/")).name)[:255]
        dok.ukuran = hasil.ukuran
        dok.jenis = hasil.jenis.kode
        dok.sha256 = hasil.sha256
        dok.diunggah_pada = waktu
        dok.diunggah_oleh = user.id
        dok.diperiksa_pada = None
        dok.diperiksa_oleh = None
        perbarui_kelengkapan(klaim, waktu)
        catat_event(sesi, klaim, "dokumen_diunggah", user, dari=klaim.state,
                    terlihat_pemohon=True, dokumen=dok, waktu=waktu)
        if klaim.state == S.PERLU_DOKUMEN:
            # The applicant did this themselves: no message telling them what they just did.
            pindahkan(sesi, klaim, S.VERIFIKASI_BERKAS, user, ip=ip, waktu=waktu,
                      kirim_pesan=user.id != klaim.pemohon_user_id)
        audit_staf(sesi, user, "dokumen.unggah", klaim,
                   f"Klaim {klaim.nomor}: berkas \u201c{dok.nama}\u201d diunggah.", ip, waktu)
        sesi.flush()
    except BaseException:
        simpanan.hapus(hasil.nama_berkas)
        raise
    # Files follow the transaction: the replaced file goes on commit, the new one on rollback.
    setelah_transaksi(
        sesi,
        commit=lama if lama and lama != hasil.nama_berkas else None,
        rollback=hasil.nama_berkas,
    )
    return dok


def setelah_transaksi(sesi: Session, *, commit: str | None, rollback: str | None) -> None:
    """Delete the stored file ``commit`` once the session commits, or ``rollback`` if it rolls
    back instead (keys in :func:`app.penyimpanan.penyimpanan`)."""
    nyata = sesi() if isinstance(sesi, scoped_session) else sesi
    simpanan = penyimpanan()
    selesai = False

    def _hapus(kunci: str | None) -> None:
        nonlocal selesai
        if selesai:
            return
        selesai = True  # only the first of commit / rollback counts
        if kunci is not None:
            try:
                simpanan.hapus(kunci)
            except Exception:
                # The transaction already ended: a file left behind is only an orphan, which
                # must not turn the user's finished action into an error page.
                log.exception("Berkas %s tidak bisa dihapus dari penyimpanan", kunci)

    # Listeners cannot be removed while the session dispatches them, hence the flag.
    event.listen(nyata, "after_commit", lambda _s: _hapus(commit), once=True)
    event.listen(nyata, "after_soft_rollback", lambda _s, _p: _hapus(rollback), once=True)
