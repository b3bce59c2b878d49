"""Test data factories (instead of fixture files)."""

from __future__ import annotations

import datetime as dt
import itertools

_counter = itertools.count(1)


class Factory:
    """Creates valid records with sensible defaults; keyword arguments override."""

    def __init__(self, db):
        self.db = db

    def user(self, peran: str = "peserta", sandi: str = "sandi-uji-coba-123", **kwargs):
        """A user; workers and heirs get a NIK, staff an e-mail."""
        from app.models import User

        n = next(_counter)
        if peran in ("peserta", "ahli_waris"):
            kwargs.setdefault("nik", f"3275{n:012d}")
        else:
            kwargs.setdefault("email", f"staf{n}@sigap.test")
        kwargs.setdefault("nama", f"Pengguna Uji {n}")
        user = User(peran=peran, **kwargs)
        user.set_sandi(sandi)
        self.db.session.add(user)
        self.db.session.commit()
        return user

    def peserta(self, **kwargs):
        """A covered worker (JKK + JKM for 2026) with a valid, unique NIK and KPJ."""
        from app.services.peserta import buat_peserta

        n = next(_counter)
        kwargs.setdefault("nik", f"327501010190{n % 9999 + 1:04d}")
        kwargs.setdefault("nama", f"Peserta Uji {n}")
        kwargs.setdefault("kpj", f"{26000000000 + n}")
        kwargs.setdefault("mulai", dt.date(2026, 1, 1))
        kwargs.setdefault("akhir", dt.date(2026, 12, 31))
        kwargs.setdefault("dibiayai_oleh", "APBD Kota Bekasi")
        kwargs.setdefault("kecamatan", "bekasi-timur")
        kwargs.setdefault("segmen", "ojol")
        peserta = buat_peserta(self.db.session, oleh=None, **kwargs)
        self.db.session.commit()
        return peserta

    def klaim(self, peserta=None, jenis: str = "JKM", pemohon=None, state: str | None = None,
              **kwargs):
        """A claim by an heir (made on the fly) for a deceased worker, moved to ``state``."""
        from app.services.klaim import buat_klaim

        if peserta is None:
            peserta = self.peserta(status="meninggal")
        if pemohon is None:
            pemohon = self.user(peran="ahli_waris")
        kwargs.setdefault("hubungan", "istri")
        klaim = buat_klaim(self.db.session, peserta, jenis, oleh=None, pemohon=pemohon, **kwargs)
        if state:
            self.pindah_ke(klaim, state)
        self.db.session.commit()
        return klaim

    def lengkapi(self, klaim) -> None:
        """Submitting needs a complete file: mark every needed paper accepted at the desk
        (no events, so tests counting events and messages see only the moves)."""
        for d in klaim.dokumen:
            if d.status != "tidak_diperlukan":
                d.status = "diterima"
        self.db.session.flush()

    def pindah_ke(self, klaim, state: str) -> None:
        """Walk a claim along legal moves to ``state`` (ditolak/dibatalkan get a reason)."""
        from app.services.klaim import catat_pembayaran, catat_persetujuan, pindahkan

        jalur = {
            "diterima": [],
            "verifikasi_berkas": ["verifikasi_berkas"],
            "perlu_dokumen": ["verifikasi_berkas", "perlu_dokumen"],
            "diajukan_bpjs": ["verifikasi_berkas", "diajukan_bpjs"],
            "disetujui": ["verifikasi_berkas", "diajukan_bpjs", "disetujui"],
            "dibayar": ["verifikasi_berkas", "diajukan_bpjs", "disetujui", "dibayar"],
            "ditolak": ["verifikasi_berkas", "ditolak"],
            "dibatalkan": ["dibatalkan"],
        }[state]
        sesi = self.db.session
        for ke in jalur:
            if ke == "diajukan_bpjs":
                self.lengkapi(klaim)
            if ke == "disetujui":
                catat_persetujuan(sesi, klaim, 42_000_000, None)
            elif ke == "dibayar":
                catat_pembayaran(sesi, klaim, 42_000_000, dt.date(2026, 3, 2), "TRX-UJI-1", None)
            else:
                pindahkan(sesi, klaim, ke, None, alasan="Alasan uji coba" if ke in (
                    "ditolak", "dibatalkan") else None)
        sesi.flush()
