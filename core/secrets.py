"""Platform tokens in the OS keyring (Windows Credential Manager, macOS Keychain, Secret
Service): never in our files, never in logs. Only the *names* are kept in the config folder,
because keyrings cannot list what an application stored.

Names adapters look up: ``mastodon:<instance host>``, ``youtube`` (Data API key),
``facebook:<page>`` then ``facebook``, ``instagram:<account>`` then ``instagram``, ``vk:<page>``
then ``vk`` (a VK service token).

The officer's own database (Settings → Database, ``config set database_url``) keeps its
password under ``database:<user>@<host>:<port>/<database>`` — one per login and server, so a
test server and the team's server, or two roles on one server, never overwrite each other —
and a client key's passphrase (``?sslpassword=``) under ``database-sslpassword:<same>``.
settings.json then holds the URL without them; ``core.database_url.resolve_db_url`` puts them back.
The proxy's password (``config set proxy http://user:PW@proxy:8080``) is kept the same way,
under ``proxy:<scheme>://<user>@<host>:<port>``; ``Settings.proxy_url`` puts it back.

Only an OS keyring is used. The ``keyring`` library picks the highest-priority backend it can
load, and some Linux distributions ship ``keyrings.alt``, whose ``PlaintextKeyring`` (a plain
file in the home folder) or obfuscated/encrypted-file backends then win wherever no Secret
Service runs — tokens in a file any backup, sync tool or other program copies with the home
folder. Such a backend is refused, and said so, unless IT names it in site.toml
(``[defaults] allowed_keyring_backends = ["keyrings.alt.file.EncryptedKeyring"]``): IT may
have reasons (a kiosk with an encrypted home folder) and then owns the decision.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from types import ModuleType

from core import paths, siteconfig
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


# Backends that keep secrets in the operating system's own protected store.
OS_KEYRINGS = {
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.macOS": "the macOS Keychain",
    "keyring.backends.SecretService": "the Secret Service (GNOME Keyring or KWallet)",
    "keyring.backends.libsecret": "the Secret Service (libsecret)",
    "keyring.backends.kwallet": "KWallet",
}
SITE_KEY = "allowed_keyring_backends"


@dataclass(frozen=True)
class Backend:
    """Where secrets would go, and whether Attaché may put them there."""

    name: str  # module.Class, as IT writes it in site.toml
    where: str  # for people: "Windows Credential Manager", "a plain-text file …"
    usable: bool
    reason: str = ""  # why not, when not usable
    allowed_by_site: bool = False

    def describe(self) -> str:
        """One truthful line for self-test and messages."""
        if not self.usable:
            return self.reason
        if self.allowed_by_site:
            return f"{self.where} ({self.name}; not an OS keyring, allowed by IT in site.toml)"
        return f"{self.where} ({self.name})"


def _storing_backend() -> object:
    """The backend a secret would be written to (the first of a chain)."""
    from keyring.backends.chainer import ChainerBackend

    backend = _keyring().get_keyring()
    if isinstance(backend, ChainerBackend) and backend.backends:
        return backend.backends[0]
    return backend


def _name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def current_backend() -> Backend:
    backend = _storing_backend()
    module, name = type(backend).__module__, _name(backend)
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return Backend(name, "no keyring", False, NO_BACKEND)
    for prefix, where in OS_KEYRINGS.items():
        if module == prefix or module.startswith(prefix + "."):
            return Backend(name, where, True)
    where = (f"a file ({getattr(backend, 'file_path', 'in your home folder')})"
             if hasattr(backend, "file_path") else "a store that is not an OS keyring")
    try:
        allowed = name in (siteconfig.load_site_config().defaults.get(SITE_KEY) or ())
    except KnownError:
        allowed = False
    if allowed:
        return Backend(name, where, True, allowed_by_site=True)
    path = getattr(backend, "file_path", None)
    at = f", {path}," if path else ""
    kind = (f"keeps secrets in a plain-text file{at} as base64, which anyone can decode"
            if "Plaintext" in name
            else f"keeps secrets in a file of its own{at} not in the OS keyring")
    return Backend(name, where, False, (
        f"the keyring backend {name} {kind}, so Attaché does not use it: anyone or anything "
        "that can read your files or their backups could read the tokens. Use the OS keyring "
        "(on Linux: GNOME Keyring or KWallet, unlocked), or IT can allow this backend in "
        f"site.toml ([defaults] {SITE_KEY} = [\"{name}\"])."))


def _usable_backend() -> Backend:
    backend = current_backend()
    if not backend.usable:
        raise KnownError(backend.reason)
    return backend


def keyring_available() -> bool:
    """Whether an OS keyring (or one IT allowed) can store secrets: not keyring's "fail" or
    null backends, nor a file backend IT did not allow."""
    return current_backend().usable


def set_secret(name: str, value: str) -> str:
    """Store ``value`` under ``name``; returns where it went, in words (for the message)."""
    if not name.strip() or not value:
        raise KnownError("a secret needs a name and a value")
    backend = _usable_backend()
    try:
        _keyring().set_password(SERVICE, name, value)
    except _keyring_errors() as exc:
        raise KnownError(f"{NO_BACKEND} ({type(exc).__name__})") from None
    names = sorted(set(_names()) | {name})
    _index_path().write_text(json.dumps(names), encoding="utf-8")
    log.info("stored secret %s in %s", name, backend.name)  # the name only, never the value
    return backend.where


def get_secret(*names: str) -> str | None:
    """The first of ``names`` that is stored; None if none is (or there is no keyring, or only
    one Attaché refuses: a token planted in a plain-text file is not read either)."""
    if not keyring_available():
        return None
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
    names = database_secret_names(bare)
    _keep({names[kind]: value for kind, value in found.items()}, DATABASE_NO_BACKEND,
          "there is no OS keyring to keep it safely (e.g. Linux without GNOME Keyring or "
          "KWallet).")
    return bare


def _keep(values: dict[str, str], refusal: str, no_keyring: str) -> None:
    """Store a URL's secrets, or nothing: ``refusal`` (with ``{reason}``) says why not."""
    if not keyring_available():
        raise KnownError(refusal.format(reason=no_keyring))
    try:
        for name, value in values.items():
            set_secret(name, value)
    except KnownError as exc:  # a locked or broken keyring
        raise KnownError(refusal.format(reason=f"the OS keyring refused it ({exc}).")) from None


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


# ---------------------------------------------------------------------------- proxy URLs

PROXY_NO_BACKEND = (
    "the proxy URL has a password, and {reason} Attaché never writes passwords to its "
    "settings file. Save the proxy without the password (http://user@proxy:8080) and ask IT "
    "to set HTTPS_PROXY for Attaché, or to set up a keyring.")


def proxy_secret_name(url: str) -> str | None:
    """The keyring name of the password of ``url``'s proxy user; None without a user."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if not parts.username:
        return None
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower(), "")
    return f"proxy:{parts.scheme.lower()}://{parts.username}@{(parts.hostname or '')}:{port}"


def store_proxy_secret(url: str) -> str:
    """Move ``url``'s password into the keyring; ``url`` without it (unchanged if none)."""
    from core.storage.urls import split_proxy_password

    bare, password = split_proxy_password(url)
    name = proxy_secret_name(bare)
    if password is None or name is None:
        return url
    _keep({name: password}, PROXY_NO_BACKEND, "there is no OS keyring to keep it safely.")
    return bare


def with_proxy_secret(url: str) -> str:
    """``url`` with its user's stored password, when it names a user and carries none."""
    from core.storage.urls import with_proxy_password

    try:
        name = proxy_secret_name(url)
    except ValueError:  # a bad port: the proxy check reports it where it is set
        return url
    return with_proxy_password(url, get_secret(name)) if name else url
