"""SQLAlchemy models, one module per concept."""

from app.models.user import User

__all__ = ["User"]
