"""Alembic environment, driven from ``core.storage.migrate`` (no alembic.ini at run time).

Developers creating a revision: see README "Schema changes".
"""

from alembic import context
from sqlalchemy import create_engine

from core.storage.models import metadata

target_metadata = metadata
config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        # Our SQLite engine emits BEGIN itself, so DDL there is transactional too.
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True, transactional_ddl=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
