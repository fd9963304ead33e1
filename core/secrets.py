"""Platform tokens in the OS keyring (Windows Credential Manager, macOS Keychain, Secret
Service): never in our files, never in logs. Only the *names* are kept in the config folder,
because keyrings cannot list what an application stored.

Names adapters look up: ``mastodon:<instance host>``, ``youtube`` (Data API key),
``facebook:<page>`` then ``facebook``, ``instagram:<account>`` then ``instagram``.

The officer's own database (Settings → Database, ``config set database_url``) keeps its
password under ``database:<user>@<host>:<port>/<database>`` — one per login and server, so a
test server and the team's server, or two roles on one server, never overwrite each other —
and a client key's passphrase (``?sslpassword=``) under ``database-sslpassword:<same>``.
settings.json then holds the URL without them; ``core.paths.resolve_db_url`` puts them back.
"""

from __future__ import annotations

import json
import logging
from types import ModuleType

from core import paths
from core.errors import KnownError

SERVICE = "Attaché"
log = logging.getLogger("attache.secrets")

NO_BACKEND = ("no OS keyring is available to store secrets safely. On Windows and macOS it is "
              "built in; on Linux install and unlock a Secret Service (GNOME Keyring or "
              "KWallet), or ask IT. Attaché does not fall back to a plain-text file.")


def _keyring() -> ModuleType:
    """keyring, imported on first use: finding its backends takes a few dozen milliseconds
    that every command would pay (settings import this module), and few ever need a secret."""
    import keyring

    return keyring


def _keyring_errors() -> tuple[type[Exception], ...]:
    from keyring.errors import KeyringError, NoKeyringError

    return NoKeyringError, KeyringError


def _index_path():  # noqa: ANN202
    return paths.config_dir() / "secret-names.json"


def _names() -> list[str]:
    try:
        return json.loads(_index_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _usable_backend() -> None:
    if not keyring_available():
        raise KnownError(NO_BACKEND)


def keyring_available() -> bool:
    """Whether an OS keyring can store secrets (not keyring's "fail" or null backends)."""
    backend = _keyring().get_keyring()
    return backend.priority > 0 and not type(backend).__module__.startswith(
        ("keyring.backends.fail", "keyring.backends.null"))


def set_secret(name: str, value: str) -> None:
    if not name.strip() or not value:
        raise KnownError("a secret needs a name and a value")
    _usable_backend()
    try:
        _keyring().set_password(SERVICE, name, value)
    except _keyring_errors() as exc:
        raise KnownError(f"{NO_BACKEND} ({type(exc).__name__})") from None
    names = sorted(set(_names()) | {name})
    _index_path().write_text(json.dumps(names), encoding="utf-8")
    log.info("stored secret %s", name)  # the name only


def get_secret(*names: str) -> str | None:
    """The first of ``names`` that is stored; None if none is (or there is no keyring)."""
    for name in names:
        try:
            value = _keyring().get_password(SERVICE, name)
        except _keyring_errors():
            return None
        if value:
            return value
    return None


def delete_secret(name: str) -> None:
    try:
        _keyring().delete_password(SERVICE, name)
    except _keyring_errors():
        pass
    names = [n for n in _names() if n != name]
    _index_path().write_text(json.dumps(names), encoding="utf-8")


def list_secret_names() -> list[str]:
    return _names()


# ---------------------------------------------------------------------------- database URLs

DATABASE_NO_BACKEND = (
    "the database URL has a password, and {reason} Attaché never writes database passwords "
    "to its settings file. Save the URL without the password and put the password in a "
    ".pgpass file (%APPDATA%\\postgresql\\pgpass.conf on Windows) or the PGPASSWORD "
    "environment variable, or ask IT to set up the connection.")
# Kind of URL secret (core.storage.urls.URL_SECRETS) -> prefix of its keyring name.
_DATABASE_PREFIX = {"password": "database", "sslpassword": "database-sslpassword"}


def database_secret_names(url: str) -> dict[str, str]:
    """Keyring names for the secrets of ``url``'s login, by kind; empty for SQLite files."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url.strip())
    if parsed.get_backend_name() == "sqlite":
        return {}
    port = parsed.port or (5432 if parsed.get_backend_name() == "postgresql" else "")
    login = f"{parsed.username or ''}@{parsed.host or ''}:{port}/{parsed.database or ''}"
    return {kind: f"{prefix}:{login}" for kind, prefix in _DATABASE_PREFIX.items()}


def store_database_secrets(url: str) -> str:
    """Move ``url``'s password (and key passphrase) into the keyring; ``url`` without them.

    With no keyring this raises a KnownError that says how else to give the password, and
    stores nothing: a half-stored URL would fail far from here.
    """
    from core.storage.urls import split_secrets

    bare, found = split_secrets(url)
    if not found:
        return url
    if not keyring_available():
        raise KnownError(DATABASE_NO_BACKEND.format(reason="there is no OS keyring to keep "
                                                           "it safely (e.g. Linux without "
                                                           "GNOME Keyring or KWallet)."))
    names = database_secret_names(bare)
    try:
        for kind, value in found.items():
            set_secret(names[kind], value)
    except KnownError as exc:  # a locked or broken keyring
        raise KnownError(DATABASE_NO_BACKEND.format(
            reason=f"the OS keyring refused it ({exc}).")) from None
    return bare


def with_database_secrets(url: str) -> str:
    """``url`` with the stored password (and key passphrase) of its login, when it has none.

    Nothing stored, or no keyring: ``url`` as given, so .pgpass, PGPASSWORD, a service file
    or Kerberos still supply the password as libpq usually does.
    """
    from core.storage.urls import with_secrets

    try:
        names = database_secret_names(url)
    except Exception:  # noqa: BLE001 - not a URL: let the database report it as usual
        return url
    found = {kind: value for kind, name in names.items() if (value := get_secret(name))}
    return with_secrets(url, found)
