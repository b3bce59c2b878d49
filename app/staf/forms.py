"""The participant and new-claim forms: what to show, and how to read and check a POST."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict
from wtforms.validators import StopValidation

from app.batas import angka_id
from app.domain.klaim import JENIS_KLAIM
from app.formulir import CentangField, Formulir, IsianField, NikField, TeksField
from app.models import Peserta, User
from app.services.klaim import HUBUNGAN
from app.staf.isian import (
    Galat,
    baca_bilangan,
    baca_nik,
    baca_pilihan,
    baca_tanggal,
    baca_telepon,
    centang,
    teks,
)

LABEL_STATUS_PESERTA = {"aktif": "Aktif", "nonaktif": "Tidak aktif", "meninggal": "Meninggal dunia"}
LABEL_JENIS_KELAMIN = {"L": "Laki-laki", "P": "Perempuan"}
LABEL_JENIS_KLAIM = {kode: j.nama for kode, j in JENIS_KLAIM.items()}
PROGRAM = (("program_jkk", "JKK"), ("program_jkm", "JKM"), ("program_jht", "JHT"))
# Claims paid because the worker died need an heir as the claimant.
JENIS_KEMATIAN = ("JKM", "JKK_meninggal", "beasiswa")


def pilihan_wilayah(wilayah: Mapping[str, Any], kunci: str) -> dict[str, str]:
    """``{kode: nama}`` for the region's kecamatan or segmen list."""
    return {item["kode"]: item["nama"] for item in wilayah.get(kunci) or []}


def dibiayai_bawaan(wilayah: Mapping[str, Any]) -> str:
    """Who pays the premium by default: the region's first funding source."""
    sumber = ((wilayah.get("program") or {}).get("sumber_dana") or {}).get("nilai") or []
    return sumber[0] if sumber else f"APBD {wilayah.get('nama', '')}".strip()


# --- participant ------------------------------------------------------------------------


def _tgl(nilai: dt.date | None) -> str:
    return nilai.isoformat() if nilai else ""


def nilai_peserta_baru(wilayah: Mapping[str, Any]) -> dict[str, Any]:
    """What an empty participant form shows."""
    return {"program_jkk": True, "program_jkm": True, "program_jht": False,
            "status": "aktif", "dibiayai_oleh": dibiayai_bawaan(wilayah)}


def nilai_dari_peserta(p: Peserta) -> dict[str, Any]:
    """What the edit form shows for a stored participant (the full NIK: edit form only)."""
    return {
        "nik": p.nik, "nama": p.nama, "tanggal_lahir": _tgl(p.tanggal_lahir),
        "jenis_kelamin": p.jenis_kelamin, "telepon": p.telepon or "",
        "kecamatan": p.kecamatan or "", "kelurahan": p.kelurahan or "",
        "segmen": p.segmen or "", "kpj": p.kpj or "", "program_jkk": p.program_jkk,
        "program_jkm": p.program_jkm, "program_jht": p.program_jht, "mulai": _tgl(p.mulai),
        "akhir": _tgl(p.akhir), "dibiayai_oleh": p.dibiayai_oleh or "",
        "penghasilan": "" if p.penghasilan is None else str(p.penghasilan),
        "desil": "" if p.desil is None else str(p.desil), "status": p.status,
        "tanggal_meninggal": _tgl(p.tanggal_meninggal),
    }


def nilai_dari_form(form: Mapping[str, str]) -> dict[str, Any]:
    """Redisplay what was typed (checkboxes as booleans)."""
    nilai: dict[str, Any] = {k: v for k, v in form.items() if k != "csrf_token"}
    for nama, _ in PROGRAM:
        nilai[nama] = centang(form, nama)
    nilai["buat_akun"] = centang(form, "buat_akun")
    return nilai


@dataclass
class HasilPeserta:
    """A read participant form: values for the service, errors, and whether to open an account."""

    kolom: dict[str, Any] = field(default_factory=dict)
    galat: Galat = field(default_factory=Galat)
    buat_akun: bool = False


def _tanggal(label: str, *, wajib: bool = False, sampai_hari_ini: bool = False):
    return lambda m, n, g, f: baca_tanggal(m, n, label, g, wajib=wajib,
                                           paling_lambat=f.hari_ini if sampai_hari_ini else None)


def _pilihan(daftar: str, label: str):
    return lambda m, n, g, f: baca_pilihan(m, n, getattr(f, daftar), label, g) or None


def _teks(maks: int):
    return lambda m, n, g, f: teks(m, n, maks) or None


class FormPeserta(Formulir):
    """The participant form (new and edit). Each field is read by one of app.staf.isian's
    parsers, so the officers' forms share one set of messages; the checks that need the
    database (NIK, KPJ and account taken) run as the fields' own validators, in field order."""

    nik = NikField("NIK")
    nama = IsianField("Nama", baca=lambda m, n, g, f: teks(m, n, 120) or g.tambah(
        n, "Isi nama lengkap sesuai KTP."))
    tanggal_lahir = IsianField("Tanggal lahir",
                               baca=_tanggal("tanggal lahir", wajib=True, sampai_hari_ini=True))
    jenis_kelamin = IsianField("Jenis kelamin", baca=lambda m, n, g, f: baca_pilihan(
        m, n, LABEL_JENIS_KELAMIN, "jenis kelamin", g))
    telepon = IsianField("Nomor HP", baca=lambda m, n, g, f: baca_telepon(m, n, g))
    kecamatan = IsianField("Kecamatan", baca=_pilihan("pilihan_kecamatan", "kecamatan"))
    kelurahan = IsianField("Kelurahan", baca=_teks(80))
    segmen = IsianField("Jenis pekerjaan", baca=_pilihan("pilihan_segmen", "jenis pekerjaan"))
    kpj = IsianField("Nomor KPJ", baca=lambda m, n, g, f: _baca_kpj(m.get(n) or "", g, n))
    program_jkk = CentangField("JKK")
    program_jkm = CentangField("JKM")
    program_jht = CentangField("JHT")
    mulai = IsianField("Mulai", baca=_tanggal("tanggal mulai perlindungan"))
    akhir = IsianField("Akhir", baca=_tanggal("tanggal akhir perlindungan"))
    dibiayai_oleh = IsianField("Dibiayai oleh", baca=_teks(80))
    penghasilan = IsianField("Penghasilan", baca=lambda m, n, g, f: baca_bilangan(
        m, n, "penghasilan per bulan", g, maksimum=1_000_000_000))
    desil = IsianField("Desil", baca=lambda m, n, g, f: baca_bilangan(
        m, n, "desil DTSEN", g, minimum=1, maksimum=10))
    status = IsianField("Status", baca=lambda m, n, g, f: baca_pilihan(
        m, n, LABEL_STATUS_PESERTA, "status peserta", g))
    tanggal_meninggal = IsianField("Tanggal meninggal",
                                   baca=_tanggal("tanggal meninggal", sampai_hari_ini=True))
    buat_akun = CentangField("Buat akun")

    def __init__(self, formdata, sesi: Session, wilayah: Mapping[str, Any],
                 peserta: Peserta | None, hari_ini: dt.date) -> None:
        super().__init__(formdata)
        self.sesi, self.peserta, self.hari_ini = sesi, peserta, hari_ini
        self.pilihan_kecamatan = pilihan_wilayah(wilayah, "kecamatan")
        self.pilihan_segmen = pilihan_wilayah(wilayah, "segmen")
        if peserta is None:  # birth date and sex come from the NIK for a new participant
            del self.tanggal_lahir
            del self.jenis_kelamin

    def _milik_lain(self, id_lain: int | None) -> bool:
        return id_lain is not None and (self.peserta is None or id_lain != self.peserta.id)

    def validate_nik(self, field) -> None:
        if self._milik_lain(self.sesi.scalar(select(Peserta.id).where(Peserta.nik == field.data))):
            raise StopValidation("NIK ini sudah terdaftar sebagai peserta lain.")
        p = self.peserta
        if p is not None and p.user_id is not None and not self.buat_akun_diminta:
            akun = self.sesi.scalar(select(User.id).where(User.nik == field.data))
            if akun is not None and akun != p.user_id:
                raise StopValidation("NIK ini sudah dipakai akun orang lain. "
                                     "Periksa kembali NIK-nya.")

    def validate_kpj(self, field) -> None:
        if field.data and self._milik_lain(
                self.sesi.scalar(select(Peserta.id).where(Peserta.kpj == field.data))):
            raise StopValidation("Nomor KPJ ini sudah dipakai peserta lain.")

    def validate_program_jkk(self, field) -> None:
        if not (self.program_jkk.data or self.program_jkm.data or self.program_jht.data):
            raise StopValidation("Pilih paling sedikit satu program.")

    def validate_akhir(self, field) -> None:
        if self.mulai.data and field.data and field.data < self.mulai.data:
            raise StopValidation("Tanggal akhir perlindungan harus sesudah tanggal mulai.")

    def validate_tanggal_meninggal(self, field) -> None:
        if field.data and self.status.data and self.status.data != "meninggal":
            raise StopValidation(
                "Kosongkan tanggal meninggal, atau ubah status menjadi Meninggal dunia.")

    @property
    def buat_akun_diminta(self) -> bool:
        """Open an account: asked for, and the participant has none yet."""
        return self.buat_akun.data and (self.peserta is None or self.peserta.user_id is None)

    def validate_buat_akun(self, field) -> None:
        if self.buat_akun_diminta and not self.nik.errors and self.sesi.scalar(
                select(User.id).where(User.nik == self.nik.data)) is not None:
            raise StopValidation("Sudah ada akun dengan NIK ini. Terbitkan kode aktivasi "
                                 "untuk akun tersebut, atau periksa kembali NIK-nya.")


def baca_peserta(
    form: Mapping[str, str], sesi: Session, wilayah: Mapping[str, Any],
    peserta: Peserta | None = None, hari_ini: dt.date | None = None,
) -> HasilPeserta:
    """Check a participant form in field order; ``peserta`` is the record being edited."""
    formdata = form if hasattr(form, "getlist") else MultiDict(form)
    f = FormPeserta(formdata, sesi, wilayah, peserta, hari_ini or dt.date.today())
    f.validate()
    kolom = {isian.name: isian.data for isian in f if isian.name != "buat_akun"}
    return HasilPeserta(kolom=kolom, galat=Galat(f.galat), buat_akun=f.buat_akun_diminta)


def _baca_kpj(mentah: str, galat: Galat, nama: str) -> str | None:
    kpj = "".join(mentah.split())
    if kpj and (not (kpj.isascii() and kpj.isdigit()) or len(kpj) != 11):
        galat.tambah(nama, "Nomor KPJ harus 11 angka, atau kosongkan jika belum terbit.")
    return kpj or None


# --- new claim --------------------------------------------------------------------------


def jenjang_beasiswa(manfaat: Mapping[str, Any]) -> dict[str, str]:
    """``{kode: nama}`` of the school levels in manfaat.yaml."""
    return {kode: j["nama"] for kode, j in manfaat["beasiswa"]["jenjang"].items()}


JENIS_BERTANGGAL = ("JKM", "JKK", "JKK_meninggal")  # claims about an event on a known day
NAMA_MAKS = 120


def _bagi_ahli_waris(baca):
    """A heir's field: read only when someone other than the worker claims."""
    return lambda m, n, g, f: baca(m, n, g, f) if f.oleh_ahli_waris else None


class FormKlaimBaru(Formulir):
    """The new-claim form, checked in field order with app.staf.isian's parsers. The worker is
    the hidden id from their page or else the KPJ typed in; the heir's fields count only when
    the heir claims, and the heir's account is looked up by NIK (``pemohon``)."""

    peserta = TeksField()  # hidden: the id when the form was opened from the worker's page
    kpj = IsianField("Nomor KPJ peserta", baca=lambda m, n, g, f: f._cari_peserta(
        m.get(n) or "", g, n))
    jenis = IsianField("Jenis klaim", baca=lambda m, n, g, f: baca_pilihan(
        m, n, LABEL_JENIS_KLAIM, "jenis klaim", g))
    jenjang = IsianField("Jenjang sekolah", baca=lambda m, n, g, f: (baca_pilihan(
        m, n, f.pilihan_jenjang, "jenjang sekolah", g) or None)
        if f.jenis.data == "beasiswa" else None)
    tanggal_kejadian = IsianField("Tanggal kejadian", baca=lambda m, n, g, f: baca_tanggal(
        m, n, "tanggal kejadian", g, wajib=f.jenis.data in JENIS_BERTANGGAL,
        paling_lambat=f.hari_ini))
    hubungan = IsianField("Hubungan pemohon dengan peserta", baca=lambda m, n, g, f: baca_pilihan(
        m, n, HUBUNGAN, "hubungan pemohon dengan peserta", g))
    pemohon_nik = IsianField("NIK ahli waris", baca=_bagi_ahli_waris(
        lambda m, n, g, f: baca_nik(m, n, g)))
    pemohon_nama = IsianField("Nama ahli waris", baca=_bagi_ahli_waris(
        lambda m, n, g, f: " ".join((m.get(n) or "").split())))
    pemohon_telepon = IsianField("Nomor HP ahli waris", baca=_bagi_ahli_waris(
        lambda m, n, g, f: baca_telepon(m, n, g)))

    def __init__(self, formdata, sesi: Session, jenjang: Mapping[str, str],
                 hari_ini: dt.date) -> None:
        super().__init__(formdata)
        self.sesi, self.pilihan_jenjang, self.hari_ini = sesi, jenjang, hari_ini
        self.peserta_klaim: Peserta | None = None
        self.pemohon: User | None = None

    def _cari_peserta(self, kpj: str, galat: Galat, nama: str) -> str:
        """The insured worker, by the hidden id from their page or by the KPJ typed in."""
        nomor = angka_id((self.peserta.data or "").strip())
        if nomor is not None:
            self.peserta_klaim = self.sesi.get(Peserta, nomor)
            if self.peserta_klaim is not None:
                return ""
        kpj = "".join(kpj.split())
        if not kpj:
            galat.tambah(nama, "Isi nomor KPJ peserta (11 angka).")
            return ""
        self.peserta_klaim = self.sesi.scalar(select(Peserta).where(Peserta.kpj == kpj))
        if self.peserta_klaim is None:
            galat.tambah(nama, "Tidak ada peserta dengan nomor KPJ ini. Daftarkan pesertanya "
                         "dulu.")
        return kpj

    @property
    def oleh_ahli_waris(self) -> bool:
        """An heir (not the worker) claims: a relationship other than "peserta_sendiri"."""
        return bool(self.hubungan.data) and self.hubungan.data != "peserta_sendiri"

    def validate_hubungan(self, field) -> None:
        if field.data == "peserta_sendiri" and self.jenis.data in JENIS_KEMATIAN:
            raise StopValidation("Klaim ini diajukan oleh ahli waris. Pilih hubungan ahli "
                                 "waris dengan peserta.")

    def validate_pemohon_nik(self, field) -> None:
        if not self.oleh_ahli_waris:
            return
        if self.peserta_klaim is not None and field.data == self.peserta_klaim.nik:
            raise StopValidation("NIK ahli waris sama dengan NIK peserta. Isi NIK ahli waris.")
        self.pemohon = self.sesi.scalar(select(User).where(User.nik == field.data))

    def validate_pemohon_nama(self, field) -> None:
        if not self.oleh_ahli_waris or self.pemohon_nik.errors:
            return
        if len(field.data or "") > NAMA_MAKS:
            raise StopValidation(f"Nama ahli waris paling panjang {NAMA_MAKS} karakter.")
        if self.pemohon is None and not field.data:
            raise StopValidation("Ahli waris ini belum punya akun: isi namanya sesuai KTP.")


def nilai_klaim_baru() -> dict[str, Any]:
    """What an empty new-claim form shows."""
    return {"jenis": "JKM"}

