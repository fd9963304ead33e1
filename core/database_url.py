"""Which database to open: the one policy every entry point (CLI, app, settings) follows.

It sits above ``core.paths``, ``core.siteconfig``, ``core.settings`` and ``core.secrets``
because it needs all four: folders for the default SQLite file, IT's site.toml, the officer's
choice in settings.json, and the password kept in the OS keyring. (It used to live in
``core.paths``, which made those modules import each other in a circle.)
"""

from __future__ import annotations

import os

from core import paths, siteconfig
from core.secrets import with_database_secrets
from core.settings import Settings

DEFAULT_FILE = "attache.db"


def default_db_url() -> str:
    return f"sqlite:///{paths.data_dir() / DEFAULT_FILE}"


def resolve_db_url(cli_value: str | None = None) -> str:
    """Which database to open, first match wins:

    1. ``--db``; 2. ``$ATTACHE_DB_URL``; 3. IT's ``database_url`` when site.toml locks it (a
    locked key with no value locks the default SQLite file); 4. the officer's own choice in
    settings.json (Settings → Database); 5. IT's unlocked ``database_url``; 6. SQLite in the
    data folder.

    settings.json keeps no password (``core.settings``): for 4 and 5 the password the officer
    saved for that login is taken from the OS keyring, unless the URL carries one. The others
    are used as given — IT may rely on .pgpass, PGPASSWORD, a pg_service file or Kerberos, and
    a keyring entry must not change what an explicit ``--db`` or a locked site URL means.
    """
    if cli_value:
        return cli_value
    if os.environ.get("ATTACHE_DB_URL"):
        return os.environ["ATTACHE_DB_URL"]
    site = siteconfig.load_site_config()
    site_url = site.defaults.get("database_url") or None
    if "database_url" in site.locked:
        return site_url or default_db_url()
    chosen = Settings.load().database_url  # the officer's, else IT's unlocked default
    if chosen:
        return with_database_secrets(chosen)
    return site_url or default_db_url()
