"""Schema versions: upgrade older databases (after a backup), refuse newer ones.

Every entry point calls ``ensure_schema`` before touching data, so a user who installs a new
Attaché never has to run a migration by hand, and an old Attaché never scribbles on a database a
newer one wrote (qutebrowser's sql.py does the same with its user_version).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import inspect

from core.errors import DatabaseTooNewError, KnownError
from core.storage.backup import backup_database
from core.storage.database import Database
from core.storage.errors import DatabaseReadOnlyError

log = logging.getLogger("attache.storage")

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # '%' is interpolation syntax in Config; the connection is passed directly anyway.
    cfg.set_main_option("sqlalchemy.url", db.describe().replace("%", "%%"))
    return cfg


def _scripts() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg)


def head_revision() -> str:
    heads = _scripts().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads; merge them")
    return heads[0]


def current_revision(db: Database) -> str | None:
    with db.read() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass
class SchemaState:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_state(db: Database) -> SchemaState:
    return SchemaState(current=current_revision(db), head=head_revision())


def _is_known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def ensure_schema(db: Database, *, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup written before migrating, if any.

    Raises DatabaseTooNewError when the database is at a revision this code does not know.
    """
    db.check_reachable()
    state = schema_state(db)
    if state.up_to_date:
        return None
    if state.current is not None and not _is_known(state.current):
        raise DatabaseTooNewError(
            f"the database {db.describe()} was written by a newer Attaché (schema "
            f"{state.current}; this version knows up to {state.head}). Install the newer "
            "version, or point --db at another database."
        )
    if state.current is None and _has_foreign_tables(db):
        raise KnownError(
            f"{db.describe()} holds tables that are not an Attaché database; refusing to touch it"
        )
    if db.read_only:
        raise DatabaseReadOnlyError(
            f"the database {db.describe()} is read-only, and it must first be "
            f"{'set up' if state.current is None else 'upgraded'} for this Attaché, which "
            "needs writing. Ask IT for write access, or open a writable copy.")
    backup = None
    path = db.sqlite_path
    if state.current is not None and path is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target_dir = backup_dir or path.parent
        backup = target_dir / f"{path.stem}.before-{state.head}-{stamp}{path.suffix}"
        backup_database(db, backup)
        log.info("backed up %s to %s before migrating", path, backup)
    upgrade(db)
    return backup


def upgrade(db: Database, target: str = "head") -> None:
    """Run the migrations up to ``target`` in one transaction (tests pass older targets)."""
    cfg = _config(db)
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        conn.commit()
    log.info("database %s upgraded to %s", db.describe(), target)


def _has_foreign_tables(db: Database) -> bool:
    with db.read() as conn:
        names = set(inspect(conn).get_table_names())
    return bool(names - {"alembic_version"})
