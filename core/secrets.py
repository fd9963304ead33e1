"""Platform tokens in the OS keyring (Windows Credential Manager, macOS Keychain, Secret
Service): never in our files, never in logs. Only the *names* are kept in the config folder,
because keyrings cannot list what an application stored.

Names adapters look up: ``mastodon:<instance host>``, ``youtube`` (Data API key),
``facebook:<page>`` then ``facebook``, ``instagram:<account>`` then ``instagram``.
"""

from __future__ import annotations

import json
import logging

import keyring
from keyring.errors import KeyringError, NoKeyringError

from core import paths
from core.errors import KnownError

SERVICE = "Attaché"
log = logging.getLogger("attache.secrets")

NO_BACKEND = ("no OS keyring is available to store secrets safely. On Windows and macOS it is "
              "built in; on Linux install and unlock a Secret Service (GNOME Keyring or "
              "KWallet), or ask IT. Attaché does not fall back to a plain-text file.")


def _index_path():  # noqa: ANN202
    return paths.config_dir() / "secret-names.json"


def _names() -> list[str]:
    try:
        return json.loads(_index_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _usable_backend() -> None:
    backend = keyring.get_keyring()
    if backend.priority <= 0 or type(backend).__module__.startswith("keyring.backends.fail"):
        raise KnownError(NO_BACKEND)


def set_secret(name: str, value: str) -> None:
    if not name.strip() or not value:
        raise KnownError("a secret needs a name and a value")
    _usable_backend()
    try:
        keyring.set_password(SERVICE, name, value)
    except (NoKeyringError, KeyringError) as exc:
        raise KnownError(f"{NO_BACKEND} ({type(exc).__name__})") from None
    names = sorted(set(_names()) | {name})
    _index_path().write_text(json.dumps(names), encoding="utf-8")
    log.info("stored secret %s", name)  # the name only


def get_secret(*names: str) -> str | None:
    """The first of ``names`` that is stored; None if none is (or there is no keyring)."""
    for name in names:
        try:
            value = keyring.get_password(SERVICE, name)
        except (NoKeyringError, KeyringError):
            return None
        if value:
            return value
    return None


def delete_secret(name: str) -> None:
    try:
        keyring.delete_password(SERVICE, name)
    except (NoKeyringError, KeyringError):
        pass
    names = [n for n in _names() if n != name]
    _index_path().write_text(json.dumps(names), encoding="utf-8")


def list_secret_names() -> list[str]:
    return _names()
