"""Claim services: create, move through the state machine, record approval and payment."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain import klaim as domain
from app.domain import pesan as teks_pesan
from app.domain.format import rupiah, tanggal
from app.domain.klaim import PerpindahanTidakSah, StatusKlaim
from app.models import Dokumen, Klaim, KlaimEvent, NomorKlaim, Peserta, User
from app.services import data
from app.services.audit import audit_staf
from app.services.outbox import tautan_klaim, tautan_surat_bayar, tulis_pesan
from app.services.waktu import sekarang as jam
from app.services.waktu import tanggal_wib

S = StatusKlaim
HUBUNGAN = {
    "peserta_sendiri": "Peserta sendiri",
    "istri": "Istri",
    "suami": "Suami",
    "anak": "Anak",
    "orang_tua": "Orang tua",
    "saudara": "Saudara kandung",
    "lainnya": "Ahli waris lain",
}
PASANGAN = ("istri", "suami")

__all__ = [
    "HUBUNGAN",
    "PerpindahanTidakSah",
    "TargetLayanan",
    "buat_klaim",
    "catat_pembayaran",
    "catat_persetujuan",
    "fakta_klaim",
    "nomor_berikut",
    "pindahkan",
    "tambah_catatan",
    "target_klaim",
]


def catat_event(
    sesi: Session,
    klaim: Klaim,
    aksi: str,
    actor: User | None,
    *,
    dari: str | None,
    catatan: str | None = None,
    terlihat_pemohon: bool = False,
    dokumen: Dokumen | None = None,
    waktu: dt.datetime | None = None,
) -> KlaimEvent:
    """Append one history event (``ke`` is always the claim's state after the event)."""
    ev = KlaimEvent(
        klaim=klaim,
        aksi=aksi,
        dari=dari,
        ke=klaim.state,
        actor_user_id=actor.id if actor is not None else None,
        catatan=(catatan or "").strip() or None,
        terlihat_pemohon=terlihat_pemohon,
        dokumen=dokumen,
        waktu=waktu or jam(),
    )
    sesi.add(ev)
    return ev


def nomor_berikut(sesi: Session, jenis: str, tahun: int) -> int:
    """Next sequence number for ``jenis`` in ``tahun``, from the per-year row in ``nomor_klaim``.

    One upsert takes the number and locks that row until the transaction ends, so a second
    officer registering the same type at once waits for the first and gets the next number
    (PostgreSQL: row lock; SQLite: the write lock). Claims written without the counter (old
    data) are respected: the number is never at or below the highest one in use.
    """
    tabel = NomorKlaim.__table__
    dialek = sesi.get_bind().dialect.name
    if dialek == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    perintah = insert(tabel).values(jenis=jenis, tahun=tahun, terakhir=1)
    perintah = perintah.on_conflict_do_update(
        index_elements=[tabel.c.jenis, tabel.c.tahun],
        set_={"terakhir": tabel.c.terakhir + 1},
    ).returning(tabel.c.terakhir)
    nilai = sesi.execute(perintah).scalar_one()
    terbesar = sesi.scalar(
        select(func.max(Klaim.urut)).where(Klaim.jenis == jenis, Klaim.tahun == tahun)
    ) or 0
    if nilai <= terbesar:
        nilai = terbesar + 1
        sesi.execute(update(tabel).where(tabel.c.jenis == jenis, tabel.c.tahun == tahun)
                     .values(terakhir=nilai))
    return nilai


def _status_awal_dokumen(item: dict, hubungan: str, diterima: set[str]) -> str:
    if item["kode"] in diterima:
        return "diterima"
    if item.get("wajib", True):
        return "diminta"
    # The marriage book is only needed when the heir is the spouse.
    if item["kode"] == "buku_nikah" and hubungan in PASANGAN:
        return "diminta"
    return "tidak_diperlukan"


def buat_klaim(
    sesi: Session,
    peserta: Peserta,
    jenis: str,
    *,
    oleh: User | None,
    pemohon: User | None = None,
    pemohon_nama: str | None = None,
    hubungan: str = "peserta_sendiri",
    tanggal_kejadian: dt.date | None = None,
    jenjang: str | None = None,
    dokumen_diterima: Iterable[str] = (),
    ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> Klaim:
    """Register a claim in state ``diterima`` with its checklist and benefit components."""
    domain.jenis_klaim(jenis)
    if hubungan not in HUBUNGAN:
        raise ValueError(f"Hubungan tidak dikenal: {hubungan!r}.")
    if pemohon is None and hubungan == "peserta_sendiri":
        pemohon = peserta.user
    nama = pemohon_nama or (pemohon.nama if pemohon is not None else None)
    if not nama:
        raise ValueError("Nama pemohon wajib diisi.")
    waktu = waktu or jam()
    tahun = tanggal_wib(waktu).year
    urut = nomor_berikut(sesi, jenis, tahun)
    klaim = Klaim(
        jenis=jenis,
        tahun=tahun,
        urut=urut,
        nomor=domain.nomor_referensi(jenis, tahun, urut),
        public_id=secrets.token_urlsafe(16),
        peserta=peserta,
        pemohon=pemohon,
        pemohon_nama=nama,
        hubungan=hubungan,
        tanggal_kejadian=tanggal_kejadian,
        state=S.DITERIMA.value,
        state_sejak=waktu,
        komponen=data.komponen_manfaat(jenis, peserta.penghasilan, jenjang),
        rincian={"jenjang": jenjang} if jenjang else {},
        dibuat_oleh=oleh.id if oleh is not None else None,
        dibuat=waktu,
    )
    sesi.add(klaim)
    sudah = set(dokumen_diterima)
    for item in data.checklist(jenis):
        status = _status_awal_dokumen(item, hubungan, sudah)
        sesi.add(
            Dokumen(
                klaim=klaim,
                kode=item["kode"],
                nama=item["nama"],
                keterangan=item.get("keterangan"),
                wajib=bool(item.get("wajib", True)),
                status=status,
                diperiksa_pada=waktu if status == "diterima" else None,
                diperiksa_oleh=oleh.id if status == "diterima" and oleh is not None else None,
            )
        )
    catat_event(sesi, klaim, "dibuat", oleh, dari=None, terlihat_pemohon=True, waktu=waktu)
    sesi.flush()
    tautan = tautan_klaim(klaim)
    tulis_pesan(sesi, klaim, teks_pesan.pesan_status(klaim.nomor, S.DITERIMA, tautan), tautan,
                waktu)
    audit_staf(
        sesi, oleh, "klaim.buat", klaim,
        f"Klaim {klaim.nomor} ({domain.jenis_klaim(jenis).nama}) didaftarkan untuk peserta "
        f"{peserta.nama}.", ip, waktu,
    )
    return klaim


def _dokumen_lengkap(klaim: Klaim) -> bool:
    """Every document still needed has been accepted."""
    return all(d.status in ("diterima", "tidak_diperlukan") for d in klaim.dokumen)


def perbarui_kelengkapan(klaim: Klaim, waktu: dt.datetime) -> None:
    """Start (or stop) the service-target clock as the checklist becomes (in)complete."""
    if _dokumen_lengkap(klaim):
        if klaim.dokumen_lengkap_sejak is None:
            klaim.dokumen_lengkap_sejak = waktu
    else:
        klaim.dokumen_lengkap_sejak = None


def fakta_klaim(klaim: Klaim, **ganti) -> domain.FaktaKlaim:
    """What the move preconditions look at, read from the claim (``ganti`` overrides a
    field, e.g. the amount an approval form is about to record)."""
    nilai = {
        "dokumen": tuple(
            domain.FaktaDokumen(d.kode, d.nama, d.status, bool(d.wajib)) for d in klaim.dokumen
        ),
        "jumlah_disetujui": klaim.jumlah_disetujui,
        "jumlah_dibayar": klaim.jumlah_dibayar,
        "tanggal_bayar": klaim.tanggal_bayar,
        "referensi_bank": klaim.referensi_bank,
    }
    nilai.update(ganti)
    return domain.FaktaKlaim(**nilai)


def pindahkan(
    sesi: Session,
    klaim: Klaim,
    ke: str,
    actor: User | None,
    *,
    catatan: str | None = None,
    terlihat_pemohon: bool | None = None,
    alasan: str | None = None,
    ip: str | None = None,
    waktu: dt.datetime | None = None,
    kirim_pesan: bool = True,
) -> KlaimEvent:
    """Move a claim to ``ke``; raises PerpindahanTidakSah (→ 409) for an illegal move.

    A refusal or cancellation (``domain.alasan_wajib``) takes ``catatan`` as its reason when
    no ``alasan`` is given, and is always shown to the applicant whatever ``terlihat_pemohon``
    says: the applicant must learn why."""
    if alasan is None and domain.alasan_wajib(ke):
        alasan, catatan = catatan, None
    p = domain.pindah(klaim.state, ke, alasan, fakta_klaim(klaim))
    waktu = waktu or jam()
    terlihat = p.terlihat_pemohon if terlihat_pemohon is None else terlihat_pemohon
    if p.ke in domain.STATUS_WAJIB_ALASAN:
        terlihat = True
    klaim.state = p.ke.value
    klaim.state_sejak = waktu
    if p.ke in domain.STATUS_WAJIB_ALASAN:
        klaim.alasan = p.alasan
    if p.ke == S.PERLU_DOKUMEN:
        klaim.dokumen_lengkap_sejak = None
    elif p.ke == S.DIAJUKAN_BPJS and klaim.dokumen_lengkap_sejak is None:
        klaim.dokumen_lengkap_sejak = waktu  # submitting to BPJS means the file is complete
    catatan_event = p.alasan or catatan
    ev = catat_event(
        sesi, klaim, "status", actor, dari=p.dari.value, catatan=catatan_event,
        terlihat_pemohon=terlihat, waktu=waktu,
    )
    if terlihat and kirim_pesan:
        tautan = tautan_klaim(klaim)
        teks = teks_pesan.pesan_status(klaim.nomor, p.ke, tautan, alasan=catatan_event)
        if p.ke == S.DIBAYAR and klaim.jumlah_dibayar and klaim.tanggal_bayar:
            # The message promises the payment letter: link straight to it.
            tautan = tautan_surat_bayar(klaim)
            teks = teks_pesan.pesan_pembayaran(
                klaim.nomor, klaim.jumlah_dibayar, klaim.tanggal_bayar, tautan
            )
        tulis_pesan(sesi, klaim, teks, tautan, waktu)
    audit_staf(
        sesi, actor, "klaim.pindah", klaim,
        f"Klaim {klaim.nomor} dipindah dari \u201c{domain.STATUS[p.dari].label}\u201d ke "
        f"\u201c{domain.STATUS[p.ke].label}\u201d."
        + (f" Alasan: {p.alasan}" if p.alasan else ""),
        ip, waktu,
    )
    sesi.flush()
    return ev


def catat_persetujuan(
    sesi: Session,
    klaim: Klaim,
    jumlah: int,
    actor: User | None,
    *,
    catatan: str | None = None,
    ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> KlaimEvent:
    """Record the amount BPJS approved and move the claim to ``disetujui``."""
    if not isinstance(jumlah, int) or jumlah <= 0:
        raise ValueError("Jumlah yang disetujui harus lebih dari nol.")
    # Refuse before touching the amount (documents must be complete, etc.).
    domain.pindah(klaim.state, S.DISETUJUI, fakta=fakta_klaim(klaim, jumlah_disetujui=jumlah))
    klaim.jumlah_disetujui = jumlah
    return pindahkan(
        sesi, klaim, S.DISETUJUI, actor,
        catatan=catatan or f"Jumlah disetujui {rupiah(jumlah)}.", ip=ip, waktu=waktu,
    )


def catat_pembayaran(
    sesi: Session,
    klaim: Klaim,
    jumlah: int,
    tanggal_bayar: dt.date,
    referensi: str,
    actor: User | None,
    *,
    ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> KlaimEvent:
    """Record the payment (amount, date paid, bank reference) and move to ``dibayar``."""
    if not isinstance(jumlah, int) or jumlah <= 0:
        raise ValueError("Jumlah yang dibayar harus lebih dari nol.")
    if not (referensi or "").strip():
        raise ValueError("Referensi bank wajib diisi.")
    domain.pindah(klaim.state, S.DIBAYAR, fakta=fakta_klaim(
        klaim, jumlah_dibayar=jumlah, tanggal_bayar=tanggal_bayar, referensi_bank=referensi))
    klaim.jumlah_dibayar = jumlah
    klaim.tanggal_bayar = tanggal_bayar
    klaim.referensi_bank = referensi.strip()
    return pindahkan(
        sesi, klaim, S.DIBAYAR, actor,
        catatan=f"Dibayar {rupiah(jumlah)} pada {tanggal(tanggal_bayar)}.", ip=ip, waktu=waktu,
    )


def tambah_catatan(
    sesi: Session,
    klaim: Klaim,
    catatan: str,
    actor: User | None,
    *,
    terlihat_pemohon: bool = False,
    ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> KlaimEvent:
    """A note without a state change (internal unless the officer says otherwise)."""
    if not (catatan or "").strip():
        raise ValueError("Catatan tidak boleh kosong.")
    ev = catat_event(
        sesi, klaim, "catatan", actor, dari=klaim.state, catatan=catatan,
        terlihat_pemohon=terlihat_pemohon, waktu=waktu,
    )
    audit_staf(sesi, actor, "klaim.catatan", klaim, f"Catatan pada klaim {klaim.nomor}.", ip,
               waktu)
    sesi.flush()
    return ev


@dataclass(frozen=True, slots=True)
class TargetLayanan:
    """The programme's promise for a claim: N working days from complete documents."""

    hari_kerja: int
    sejak: dt.date
    batas: dt.date
    terlambat: bool


def target_klaim(klaim: Klaim, hari_ini: dt.date) -> TargetLayanan | None:
    """Service target for a claim, or None (no target for the type / documents incomplete)."""
    if klaim.dokumen_lengkap_sejak is None or klaim.state in (S.DITOLAK, S.DIBATALKAN):
        return None
    target = data.target_layanan()
    if klaim.jenis not in target:
        return None
    sejak = tanggal_wib(klaim.dokumen_lengkap_sejak)
    from app.services.libur import hari_libur

    batas = domain.batas_layanan(klaim.jenis, sejak, hari_libur(sejak.year, sejak.year + 1),
                                 target)
    assert batas is not None
    selesai = klaim.tanggal_bayar if klaim.state == S.DIBAYAR else hari_ini
    return TargetLayanan(target[klaim.jenis], sejak, batas, domain.terlambat(batas, selesai))
