"""SQLAlchemy models, one module per concept."""

from app.models.aktivasi import KodeAktivasi
from app.models.audit import AuditLog
from app.models.berita import Berita, BeritaRevisi, BeritaSlugLama
from app.models.dokumen import Dokumen
from app.models.impor import ImporPeserta
from app.models.klaim import Klaim, KlaimEvent, NomorKlaim
from app.models.pesan import Pesan
from app.models.peserta import Peserta
from app.models.surat import SuratTerbit
from app.models.user import KodePemulihan, User

__all__ = [
    "AuditLog",
    "Berita",
    "BeritaRevisi",
    "BeritaSlugLama",
    "Dokumen",
    "ImporPeserta",
    "Klaim",
    "KlaimEvent",
    "KodeAktivasi",
    "KodePemulihan",
    "NomorKlaim",
    "Pesan",
    "Peserta",
    "SuratTerbit",
    "User",
]
