"""Alembic environment: migrations run on the connection `skyslate.store.db` hands in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from skyslate.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    """Write the SQL for sqlalchemy.url's dialect instead of running it (alembic --sql)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    """Upgrade on the caller's connection, or on a new one from sqlalchemy.url (alembic CLI)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as own_connection:
        context.configure(
            connection=own_connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_migrations()
