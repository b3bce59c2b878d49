"""Activation codes: issue (officers) and redeem (the person, with NIK + code + password)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import aktivasi as kode_domain
from app.domain import nik as nik_domain
from app.models import KodeAktivasi, User
from app.services.audit import audit
from app.services.waktu import aware
from app.services.waktu import sekarang as jam


def terbitkan_kode_aktivasi(
    sesi: Session, user: User, oleh: User | None, *, ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> str:
    """Make a new code for ``user`` and return it in plain text, the only time it exists.

    Earlier unused codes stop working. Reissuing is also how a forgotten password is reset.
    """
    waktu = waktu or jam()
    for lama in sesi.scalars(
        select(KodeAktivasi).where(
            KodeAktivasi.user_id == user.id,
            KodeAktivasi.dipakai_pada.is_(None),
            KodeAktivasi.dicabut_pada.is_(None),
        )
    ):
        lama.dicabut_pada = waktu
    kode = kode_domain.buat_kode()
    baris = KodeAktivasi(
        user_id=user.id,
        hash=kode_domain.hash_kode(kode),
        dibuat=waktu,
        kedaluwarsa=kode_domain.kedaluwarsa_pada(waktu),
        dibuat_oleh=oleh.id if oleh is not None else None,
    )
    sesi.add(baris)
    sesi.flush()
    audit(sesi, oleh, "aktivasi.terbitkan", user, f"Kode aktivasi baru untuk akun #{user.id}.",
          ip, waktu)
    return kode


def cari_kode_berlaku(
    sesi: Session, nik: str, kode: str, waktu: dt.datetime | None = None
) -> KodeAktivasi | None:
    """The valid code row for this NIK + code, or None (one answer for every failure)."""
    nik = nik_domain.normalisasi(nik)
    if not nik_domain.valid_nik(nik) or not kode_domain.bentuk_sah(kode):
        return None
    waktu = aware(waktu or jam())
    user = sesi.scalar(select(User).where(User.nik == nik))
    if user is None or not user.aktif:
        _buang_waktu(kode)  # as slow as a wrong code for a real account: nothing to learn
        return None
    calon = sesi.scalars(
        select(KodeAktivasi)
        .where(KodeAktivasi.user_id == user.id, KodeAktivasi.dipakai_pada.is_(None),
               KodeAktivasi.dicabut_pada.is_(None))
        .order_by(KodeAktivasi.id.desc())
    )
    dicoba = False
    for baris in calon:
        if baris.berlaku(waktu):
            dicoba = True
            if kode_domain.cocok(kode, baris.hash):
                return baris
    if not dicoba:
        _buang_waktu(kode)
    return None


_HASH_PALSU: list[str] = []


def _buang_waktu(kode: str) -> None:
    """One hash check against a throwaway code, the cost of checking a real one."""
    if not _HASH_PALSU:
        _HASH_PALSU.append(kode_domain.hash_kode(kode_domain.buat_kode()))
    kode_domain.cocok(kode, _HASH_PALSU[0])


def aktifkan(
    sesi: Session, baris: KodeAktivasi, sandi_baru: str, *, ip: str | None = None,
    waktu: dt.datetime | None = None,
) -> User:
    """Use the code once: set the password and end every other session of this account."""
    waktu = waktu or jam()
    baris.dipakai_pada = waktu
    user = sesi.get(User, baris.user_id)
    assert user is not None
    user.set_sandi(sandi_baru)
    user.sesi_versi += 1
    audit(sesi, user, "aktivasi.pakai", user, f"Akun #{user.id} diaktifkan dengan kode.", ip,
          waktu)
    sesi.flush()
    return user
