"""SQLAlchemy models, one module per concept."""

from app.models.aktivasi import KodeAktivasi
from app.models.audit import AuditLog
from app.models.dokumen import Dokumen
from app.models.klaim import Klaim, KlaimEvent, NomorKlaim
from app.models.pesan import Pesan
from app.models.peserta import Peserta
from app.models.user import KodePemulihan, User

__all__ = ["AuditLog", "Dokumen", "Klaim", "KlaimEvent", "KodeAktivasi", "Pesan", "Peserta", "User"]
__all__ += ["KodePemulihan", "NomorKlaim"]
