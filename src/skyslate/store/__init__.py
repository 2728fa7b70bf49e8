"""Storage for `skyslate serve`: SQLAlchemy models, shipped alembic migrations, one Store."""

from skyslate.store.errors import ConflictError, NotFoundError, StaleRevisionError
from skyslate.store.repository import Store

__all__ = ["ConflictError", "NotFoundError", "StaleRevisionError", "Store"]
