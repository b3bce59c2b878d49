"""The participant and new-claim forms: what to show, and how to read and check a POST."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.batas import angka_id
from app.domain.klaim import JENIS_KLAIM
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


def baca_peserta(
    form: Mapping[str, str], sesi: Session, wilayah: Mapping[str, Any],
    peserta: Peserta | None = None, hari_ini: dt.date | None = None,
) -> HasilPeserta:
    """Check a participant form in field order; ``peserta`` is the record being edited."""
    hari_ini = hari_ini or dt.date.today()
    h = HasilPeserta()
    g, k = h.galat, h.kolom
    k["nik"] = baca_nik(form, "nik", g)
    if "nik" not in g:
        lain = sesi.scalar(select(Peserta.id).where(Peserta.nik == k["nik"]))
        if lain is not None and (peserta is None or lain != peserta.id):
            g.tambah("nik", "NIK ini sudah terdaftar sebagai peserta lain.")
    k["nama"] = teks(form, "nama", 120)
    if not k["nama"]:
        g.tambah("nama", "Isi nama lengkap sesuai KTP.")
    if peserta is not None:
        k["tanggal_lahir"] = baca_tanggal(form, "tanggal_lahir", "tanggal lahir", g,
                                          wajib=True, paling_lambat=hari_ini)
        k["jenis_kelamin"] = baca_pilihan(form, "jenis_kelamin", LABEL_JENIS_KELAMIN,
                                          "jenis kelamin", g)
    k["telepon"] = baca_telepon(form, "telepon", g)
    k["kecamatan"] = baca_pilihan(form, "kecamatan", pilihan_wilayah(wilayah, "kecamatan"),
                                  "kecamatan", g) or None
    k["kelurahan"] = teks(form, "kelurahan", 80) or None
    k["segmen"] = baca_pilihan(form, "segmen", pilihan_wilayah(wilayah, "segmen"),
                               "jenis pekerjaan", g) or None
    _baca_kpj(form, sesi, peserta, h)
    for nama, _ in PROGRAM:
        k[nama] = centang(form, nama)
    if not (k["program_jkk"] or k["program_jkm"] or k["program_jht"]):
        g.tambah("program_jkk", "Pilih paling sedikit satu program.")
    k["mulai"] = baca_tanggal(form, "mulai", "tanggal mulai perlindungan", g)
    k["akhir"] = baca_tanggal(form, "akhir", "tanggal akhir perlindungan", g)
    if k["mulai"] and k["akhir"] and k["akhir"] < k["mulai"]:
        g.tambah("akhir", "Tanggal akhir perlindungan harus sesudah tanggal mulai.")
    k["dibiayai_oleh"] = teks(form, "dibiayai_oleh", 80) or None
    k["penghasilan"] = baca_bilangan(form, "penghasilan", "penghasilan per bulan", g,
                                     maksimum=1_000_000_000)
    k["desil"] = baca_bilangan(form, "desil", "desil DTSEN", g, minimum=1, maksimum=10)
    k["status"] = baca_pilihan(form, "status", LABEL_STATUS_PESERTA, "status peserta", g)
    k["tanggal_meninggal"] = baca_tanggal(form, "tanggal_meninggal", "tanggal meninggal", g,
                                          paling_lambat=hari_ini)
    if k["tanggal_meninggal"] and k["status"] and k["status"] != "meninggal":
        g.tambah("tanggal_meninggal",
                 "Kosongkan tanggal meninggal, atau ubah status menjadi Meninggal dunia.")
    _baca_akun(form, sesi, peserta, h)
    return h


def _baca_kpj(form: Mapping[str, str], sesi: Session, peserta: Peserta | None,
              h: HasilPeserta) -> None:
    kpj = "".join((form.get("kpj") or "").split())
    h.kolom["kpj"] = kpj or None
    if not kpj:
        return
    if not (kpj.isascii() and kpj.isdigit()) or len(kpj) != 11:
        h.galat.tambah("kpj", "Nomor KPJ harus 11 angka, atau kosongkan jika belum terbit.")
        return
    lain = sesi.scalar(select(Peserta.id).where(Peserta.kpj == kpj))
    if lain is not None and (peserta is None or lain != peserta.id):
        h.galat.tambah("kpj", "Nomor KPJ ini sudah dipakai peserta lain.")


def _baca_akun(form: Mapping[str, str], sesi: Session, peserta: Peserta | None,
               h: HasilPeserta) -> None:
    """The NIK is also the login name: it must not belong to someone else's account."""
    h.buat_akun = centang(form, "buat_akun") and (peserta is None or peserta.user_id is None)
    if "nik" in h.galat:
        return
    akun = sesi.scalar(select(User.id).where(User.nik == h.kolom["nik"]))
    if akun is None:
        return
    if h.buat_akun:
        h.galat.tambah("buat_akun", "Sudah ada akun dengan NIK ini. Terbitkan kode aktivasi "
                       "untuk akun tersebut, atau periksa kembali NIK-nya.")
    elif peserta is not None and peserta.user_id is not None and akun != peserta.user_id:
        h.galat.tambah("nik", "NIK ini sudah dipakai akun orang lain. Periksa kembali NIK-nya.")


# --- new claim --------------------------------------------------------------------------


def jenjang_beasiswa(manfaat: Mapping[str, Any]) -> dict[str, str]:
    """``{kode: nama}`` of the school levels in manfaat.yaml."""
    return {kode: j["nama"] for kode, j in manfaat["beasiswa"]["jenjang"].items()}


@dataclass
class HasilKlaim:
    """A read new-claim form."""

    peserta: Peserta | None = None
    jenis: str = ""
    jenjang: str | None = None
    tanggal_kejadian: dt.date | None = None
    hubungan: str = ""
    pemohon: User | None = None
    pemohon_nik: str = ""
    pemohon_nama: str = ""
    pemohon_telepon: str | None = None
    galat: Galat = field(default_factory=Galat)


def cari_peserta_klaim(sesi: Session, form: Mapping[str, str], galat: Galat) -> Peserta | None:
    """The insured worker, by the hidden id from their page or by the KPJ typed in."""
    ident = (form.get("peserta") or "").strip()
    nomor = angka_id(ident)
    if nomor is not None:
        p = sesi.get(Peserta, nomor)
        if p is not None:
            return p
    kpj = "".join((form.get("kpj") or "").split())
    if not kpj:
        galat.tambah("kpj", "Isi nomor KPJ peserta (11 angka).")
        return None
    p = sesi.scalar(select(Peserta).where(Peserta.kpj == kpj))
    if p is None:
        galat.tambah("kpj", "Tidak ada peserta dengan nomor KPJ ini. Daftarkan pesertanya dulu.")
    return p


def baca_klaim(
    form: Mapping[str, str], sesi: Session, jenjang: Mapping[str, str],
    hari_ini: dt.date | None = None,
) -> HasilKlaim:
    """Check the new-claim form in field order."""
    hari_ini = hari_ini or dt.date.today()
    h = HasilKlaim()
    g = h.galat
    h.peserta = cari_peserta_klaim(sesi, form, g)
    pilihan_jenis = {kode: j.nama for kode, j in JENIS_KLAIM.items()}
    h.jenis = baca_pilihan(form, "jenis", pilihan_jenis, "jenis klaim", g)
    if h.jenis == "beasiswa":
        h.jenjang = baca_pilihan(form, "jenjang", jenjang, "jenjang sekolah", g) or None
    h.tanggal_kejadian = baca_tanggal(
        form, "tanggal_kejadian", "tanggal kejadian", g,
        wajib=h.jenis in ("JKM", "JKK", "JKK_meninggal"), paling_lambat=hari_ini,
    )
    h.hubungan = baca_pilihan(form, "hubungan", HUBUNGAN, "hubungan pemohon dengan peserta", g)
    if h.hubungan == "peserta_sendiri":
        if h.jenis in JENIS_KEMATIAN:
            g.tambah("hubungan", "Klaim ini diajukan oleh ahli waris. Pilih hubungan ahli waris "
                     "dengan peserta.")
        return h
    if h.hubungan:
        _baca_pemohon(form, sesi, h)
    return h


def _baca_pemohon(form: Mapping[str, str], sesi: Session, h: HasilKlaim) -> None:
    """An heir with an account is found by NIK; a new heir also needs a name."""
    g = h.galat
    h.pemohon_nik = baca_nik(form, "pemohon_nik", g)
    h.pemohon_nama = teks(form, "pemohon_nama", 120)
    h.pemohon_telepon = baca_telepon(form, "pemohon_telepon", g)
    if "pemohon_nik" in g:
        return
    if h.peserta is not None and h.pemohon_nik == h.peserta.nik:
        g.tambah("pemohon_nik", "NIK ahli waris sama dengan NIK peserta. Isi NIK ahli waris.")
        return
    h.pemohon = sesi.scalar(select(User).where(User.nik == h.pemohon_nik))
    if h.pemohon is None and not h.pemohon_nama:
        g.tambah("pemohon_nama", "Ahli waris ini belum punya akun: isi namanya sesuai KTP.")


def nilai_klaim_baru() -> dict[str, Any]:
    """What an empty new-claim form shows."""
    return {"jenis": "JKM"}

