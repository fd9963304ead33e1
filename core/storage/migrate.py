"""Schema versions: upgrade older databases (after a backup), refuse newer ones.

Every entry point calls ``ensure_schema`` before touching data, so a user who installs a new
Attaché never has to run a migration by hand, and an old Attaché never scribbles on a database a
newer one wrote (qutebrowser's sql.py does the same with its user_version).

Every CLI command and every start of the app calls it, and nearly always the schema is current:
that case costs one query against ``alembic_version`` and a glance at the migration files' names
and revision lines. Alembic (a tenth of a second of imports) loads only when something must be
upgraded or explained.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from core.errors import DatabaseTooNewError, KnownError
from core.storage.database import Database
from core.storage.errors import DatabaseReadOnlyError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger("attache.storage")

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# A revision script's identity lines, as alembic's template writes them (typed or not).
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


def _config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # '%' is interpolation syntax in Config; the connection is passed directly anyway.
    cfg.set_main_option("sqlalchemy.url", db.describe().replace("%", "%%"))
    return cfg


def _scripts() -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg)


def head_revision() -> str:
    heads = _script_heads(MIGRATIONS_DIR)
    if heads is None:  # a script our reading does not understand: ask alembic
        heads = tuple(_scripts().get_heads())
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads; merge them")
    return heads[0]


@cache
def _script_heads(folder: Path) -> tuple[str, ...] | None:
    """The heads of the migration scripts in ``folder``, read from their ``revision`` and
    ``down_revision`` lines without importing alembic or the scripts; None if a script does not
    have them."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (folder / "versions").glob("*.py"):
        if script.name.startswith("_"):
            continue
        lines = dict(match.groups() for match in
                     _REVISION_LINE.finditer(script.read_text(encoding="utf-8")))
        revision = _QUOTED.fullmatch(lines.get("revision", "").strip())
        if revision is None or "down_revision" not in lines:
            return None
        revisions.add(revision.group(1))
        parents.update(_QUOTED.findall(lines["down_revision"]))
    return tuple(sorted(revisions - parents))


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.read() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _recorded_revision(db: Database) -> str | None:
    """The revision the database records, in one query; None when that query cannot say
    (no version table yet, several rows, an unreachable server): the caller then takes the
    long way, which words each of those cases."""
    try:
        with db.read() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except DBAPIError:
        return None
    return rows[0][0] if len(rows) == 1 else None


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
    from alembic.util.exc import CommandError

    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def ensure_schema(db: Database, *, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup written before migrating, if any.

    Raises DatabaseTooNewError when the database is at a revision this code does not know.
    """
    if _recorded_revision(db) == head_revision():  # the usual case: nothing to do
        return None
    from core.storage.backup import backup_database

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
    from alembic import command

    cfg = _config(db)
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        conn.commit()
    log.info("database %s upgraded to %s", db.describe(), target)


def _has_foreign_tables(db: Database) -> bool:
    from sqlalchemy import inspect

    with db.read() as conn:
        names = set(inspect(conn).get_table_names())
    return bool(names - {"alembic_version"})
