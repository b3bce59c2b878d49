"""SQLAlchemy models, one module per concept."""

from app.models.aktivasi import KodeAktivasi
from app.models.audit import AuditLog
from app.models.dokumen import Dokumen
from app.models.klaim import Klaim, KlaimEvent
from app.models.pesan import Pesan
from app.models.peserta import Peserta
from app.models.user import User

__all__ = ["AuditLog", "Dokumen", "Klaim", "KlaimEvent", "KodeAktivasi", "Pesan", "Peserta", "User"]

from app.models.impor import ImporPeserta

__all__ += ["ImporPeserta"]
