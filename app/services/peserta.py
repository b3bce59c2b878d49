"""Participant and account services (officers register people; every write is audited)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from app.akses import PERAN
from app.domain import nik as nik_domain
from app.models import Peserta, User
from app.services.audit import audit_staf

# Fields an officer may change with ubah_peserta (the NIK is corrected separately, audited).
KOLOM_UBAH = (
    "nama", "tanggal_lahir", "jenis_kelamin", "telepon", "kecamatan", "kelurahan", "segmen",
    "kpj", "program_jkk", "program_jkm", "program_jht", "mulai", "akhir", "dibiayai_oleh",
    "penghasilan", "desil", "status", "tanggal_meninggal", "nik",
)


class DataTidakSah(ValueError):
    """Input an officer must correct; the message says what is wrong, in Indonesian."""


def _periksa(nilai: dict[str, Any]) -> None:
    nik = nilai.get("nik")
    if nik is not None and not nik_domain.valid_nik(nik):
        raise DataTidakSah("NIK harus 16 angka dan sesuai format NIK.")
    kpj = nilai.get("kpj")
    if kpj is not None and (len(kpj) != 11 or not (kpj.isascii() and kpj.isdigit())):
        raise DataTidakSah("Nomor KPJ harus 11 angka.")
    desil = nilai.get("desil")
    if desil is not None and not 1 <= desil <= 10:
        raise DataTidakSah("Desil harus antara 1 dan 10.")
    if nilai.get("status") not in (None, "aktif", "nonaktif", "meninggal"):
        raise DataTidakSah("Status peserta tidak dikenal.")


def buat_peserta(
    sesi: Session,
    *,
    nik: str,
    nama: str,
    oleh: User | None,
    ip: str | None = None,
    **kolom: Any,
) -> Peserta:
    """Register a participant; birth date and sex default to what the NIK encodes."""
    nik = nik_domain.normalisasi(nik)
    tidak_dikenal = set(kolom) - set(KOLOM_UBAH) - {"user_id"}
    if tidak_dikenal:
        raise DataTidakSah(f"Kolom tidak dikenal: {', '.join(sorted(tidak_dikenal))}.")
    _periksa({"nik": nik, **kolom})
    kolom.setdefault("tanggal_lahir", nik_domain.tanggal_lahir_dari_nik(nik))
    kolom.setdefault("jenis_kelamin", nik_domain.jenis_kelamin_dari_nik(nik))
    peserta = Peserta(nik=nik, nama=nama.strip(), **kolom)
    sesi.add(peserta)
    sesi.flush()
    audit_staf(sesi, oleh, "peserta.buat", peserta,
               f"Peserta #{peserta.id} didaftarkan (NIK {nik_domain.samarkan(nik)}).", ip)
    return peserta


def ubah_peserta(
    sesi: Session, peserta: Peserta, *, oleh: User | None, ip: str | None = None, **perubahan: Any
) -> list[str]:
    """Apply changes; returns the changed field names (the audit lists names, not values)."""
    tidak_dikenal = set(perubahan) - set(KOLOM_UBAH)
    if tidak_dikenal:
        raise DataTidakSah(f"Kolom tidak bisa diubah: {', '.join(sorted(tidak_dikenal))}.")
    if "nik" in perubahan:
        perubahan["nik"] = nik_domain.normalisasi(perubahan["nik"])
    _periksa(perubahan)
    berubah = [k for k, v in perubahan.items() if getattr(peserta, k) != v]
    for k in berubah:
        setattr(peserta, k, perubahan[k])
    if berubah:
        audit_staf(sesi, oleh, "peserta.ubah", peserta,
                   f"Peserta #{peserta.id} diubah: {', '.join(berubah)}.", ip)
        _samakan_akun(sesi, peserta, berubah, oleh, ip)
        sesi.flush()
    return berubah


def _samakan_akun(sesi: Session, peserta: Peserta, berubah: list[str], oleh: User | None,
                  ip: str | None) -> None:
    """The worker signs in with the NIK and is greeted by name: the account follows."""
    akun = peserta.user
    ikut = [k for k in ("nik", "nama", "telepon") if k in berubah]
    if akun is None or not ikut:
        return
    for k in ikut:
        setattr(akun, k, getattr(peserta, k))
    audit_staf(sesi, oleh, "akun.ubah", akun,
               f"Akun #{akun.id} disamakan dengan peserta #{peserta.id}: {', '.join(ikut)}.", ip)


def buat_akun(
    sesi: Session,
    *,
    peran: str,
    nama: str,
    oleh: User | None,
    nik: str | None = None,
    email: str | None = None,
    telepon: str | None = None,
    peserta: Peserta | None = None,
    ip: str | None = None,
) -> User:
    """Create an account without a password (it is set through an activation code)."""
    if peran not in PERAN:
        raise DataTidakSah("Peran tidak dikenal.")
    if peran in ("peserta", "ahli_waris"):
        nik = nik_domain.normalisasi(nik or "")
        if not nik_domain.valid_nik(nik):
            raise DataTidakSah("NIK harus 16 angka dan sesuai format NIK.")
        email = None
    elif not email:
        raise DataTidakSah("Akun staf memerlukan alamat e-mail.")
    user = User(peran=peran, nama=nama.strip(), nik=nik if peran in ("peserta", "ahli_waris")
                else None, email=email, telepon=telepon)
    sesi.add(user)
    sesi.flush()
    if peserta is not None:
        peserta.user_id = user.id
    audit_staf(sesi, oleh, "akun.buat", user, f"Akun #{user.id} ({peran}) dibuat.", ip)
    return user


def umur(tanggal_lahir: dt.date, pada: dt.date) -> int:
    """Age in whole years on ``pada``."""
    return pada.year - tanggal_lahir.year - ((pada.month, pada.day) < (tanggal_lahir.month,
                                                                        tanggal_lahir.day))
