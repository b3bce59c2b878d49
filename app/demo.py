"""Demo records from ../shared/PRODUCT.md; each part is idempotent (looked up before it is made)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from app.extensions import db
from app.models import User


def _akun(peran: str, identitas: str, nama: str, sandi: str) -> dict:
    """One demo account: signs in with its NIK, or with its e-mail for staff."""
    return {"peran": peran, "email" if "@" in identitas else "nik": identitas, "nama": nama,
            "sandi": sandi}


# The demo accounts, exactly as PRODUCT.md lists them.
AKUN_DEMO: tuple[dict, ...] = tuple(_akun(*baris) for baris in (
    ("peserta", "3275011506880001", "Budi Santoso", "peserta-demo-2026"),
    ("ahli_waris", "3275015203850002", "Siti Aminah", "ahliwaris-demo-2026"),
    ("ahli_waris", "3275014708900004", "Dewi Lestari", "ahliwaris2-demo-2026"),
    ("humas", "humas@sigap.test", "Rina Humas", "humas-demo-2026"),
    ("petugas", "petugas@sigap.test", "Agus Petugas", "petugas-demo-2026"),
    ("admin", "admin@sigap.test", "Admin SIGAP", "admin-demo-2026"),
))


# Base32 secret of the demo staff's second factor (add it to any authenticator app).
TOTP_DEMO = "JBSWY3DPEHPK3PXPSIGAPDEMOSTAFFAA"


def muat_akun(besar: bool = False) -> str:
    """Create the demo accounts that are missing; never touch existing ones."""
    dibuat = 0
    for akun in AKUN_DEMO:
        kolom = User.nik if "nik" in akun else User.email
        nilai = akun.get("nik") or akun["email"]
        if db.session.scalar(select(User).where(kolom == nilai)) is not None:
            continue
        user = User(
            peran=akun["peran"], nama=akun["nama"], nik=akun.get("nik"), email=akun.get("email")
        )
        user.set_sandi(akun["sandi"])
        if user.is_staf:
            # A fixed, published second factor so demo staff can sign in (README demo table).
            # Demo data is refused in production, so this secret never reaches a real site.
            user.totp_rahasia = TOTP_DEMO
            user.totp_aktif = True
        db.session.add(user)
        dibuat += 1
    db.session.flush()
    return f"Akun demo: {dibuat} dibuat, {len(AKUN_DEMO) - dibuat} sudah ada."


# Later parts (participants, claims, news) append their loaders here, in dependency order.
LANGKAH: list[Callable[..., str]] = [muat_akun]


def _langkah_klaim() -> list[Callable[..., str]]:
    """Participants and claims, then --besar (app/demo_klaim.py needs muat_akun's accounts)."""
    from app.demo_klaim import muat_besar, muat_peserta_klaim

    return [muat_peserta_klaim, muat_besar]


LANGKAH += _langkah_klaim()


def _langkah_berita() -> list[Callable[..., str]]:
    """News articles with drawn images (app/demo_berita.py needs the humas and admin accounts)."""
    from app.demo_berita import muat_berita

    return [muat_berita]


LANGKAH += _langkah_berita()


def muat_demo(besar: bool = False) -> list[str]:
    """Run every demo step and return one summary line per step."""
    ringkasan = []
    for langkah in LANGKAH:
        ringkasan.append(langkah(besar=besar))
    return ringkasan
