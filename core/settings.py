"""User settings that core needs (proxy, fetch limits), kept as JSON in the config folder.

A plain file rather than QSettings so the CLI, the app and IT scripts read the same values.
IT's site.toml (``core.siteconfig``) sits underneath: its ``[defaults]`` replace the built-in
defaults, and its ``[locked]`` keys are never taken from the user's file nor changed by ``set``.

Passwords never go into the file — the database's and the proxy's: ``save`` moves them into
the OS keyring (``core.secrets``) and writes the URLs without them, and ``load`` moves one that
an older build wrote. ``core.database_url.resolve_db_url`` puts the database password back when
the database is opened, ``Settings.proxy_url`` the proxy's when the network is used.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.exc import ArgumentError

from core import paths, secrets, siteconfig
from core.errors import KnownError
from core.settings_schema import (
    HOST_COUNTRIES,
    MINIMUMS,
    OPTIONAL_TEXT,
    PACKS,
    PROXY_SCHEMES,
    SettingsFields,
    check_setting,
)
from core.storage.urls import split_secrets

# Re-exported: callers check values with core.settings.check_setting as before.
__all__ = ["HOST_COUNTRIES", "MINIMUMS", "OPTIONAL_TEXT", "PACKS", "PROXY_SCHEMES", "Settings",
           "check_setting"]

log = logging.getLogger("attache.settings")
# Warn once per file, setting and process, not per load.
_warned_plain_passwords: set[tuple[Path, str]] = set()


@dataclass
class Settings(SettingsFields):
    """The settings in force: built-in defaults, then site.toml's, then the user's file."""

    @classmethod
    def path(cls) -> Path:
        return paths.config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """Built-in defaults, then site.toml's, then the user's file except locked keys.

        A settings file written before IT deployed site.toml holds every setting, most at their
        built-in defaults; such a value does not hide a site default (so a user cannot choose
        the built-in value over IT's — they can choose any other).
        """
        site = siteconfig.load_site_config()
        values = site.settings_defaults
        path = cls.path()
        raw: dict = {}
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise KnownError(f"cannot read settings file {path}: {exc}") from exc
        legacy = {key: url for key in SECRET_URLS if (url := _move_password(path, raw, key))}
        plain = cls()
        for spec in fields(cls):
            if spec.name not in raw:
                continue
            value = raw[spec.name]
            if spec.name in site.locked:
                if value != values.get(spec.name, getattr(plain, spec.name)):
                    log.info("%s in %s ignored: %s", spec.name, path,
                             site.lock_message(spec.name))
            elif spec.name not in values or value != getattr(plain, spec.name):
                values[spec.name] = value
        settings = cls(**values)
        settings._site = site
        settings._legacy = legacy
        return settings

    def proxy_url(self) -> str | None:
        """The proxy to use, with its user's password from the keyring put back."""
        return secrets.with_proxy_secret(self.proxy) if self.proxy else None

    def _site_config(self) -> siteconfig.SiteConfig:
        site = getattr(self, "_site", None)
        if site is None:
            site = self._site = siteconfig.load_site_config()
        return site

    def save(self) -> None:
        """Write what the user chose: not locked keys, nor values that are IT's defaults (so a
        later change to site.toml reaches the user)."""
        site = self._site_config()
        self._keep_passwords_out(site)
        data = {k: v for k, v in asdict(self).items()
                if k not in site.locked and not (k in site.defaults and site.defaults[k] == v)}
        self.path().write_text(json.dumps(data, indent=2), encoding="utf-8")

    def _keep_passwords_out(self, site: siteconfig.SiteConfig) -> None:
        """Store the passwords of URL settings in the keyring (before anything is written)
        and keep the URLs without them; no keyring is a KnownError, except for a URL an older
        build wrote that ``load`` could not move (refusing would block every other setting)."""
        for key, (_has_password, store, _advice) in SECRET_URLS.items():
            url = getattr(self, key)
            if not url or key in site.locked:
                continue
            if url == getattr(self, "_legacy", {}).get(key) and not secrets.keyring_available():
                continue
            setattr(self, key, store(url))

    def set(self, key: str, value: str) -> None:
        """Set one setting from text (the CLI), converting to the field's type."""
        site = self._site_config()
        if key in site.locked:
            raise KnownError(site.lock_message(key))
        spec = next((f for f in fields(self) if f.name == key), None)
        if spec is None:
            names = ", ".join(f.name for f in fields(self))
            raise KnownError(f"unknown setting {key!r}; known settings: {names}")
        current = getattr(self, key)
        if value.lower() in ("", "none", "null"):
            converted = None if key in OPTIONAL_TEXT else type(current)()
        elif isinstance(current, list):
            converted = [part.strip() for part in value.split(",") if part.strip()]
        elif isinstance(current, bool):
            if value.lower() not in YES + NO:
                raise KnownError(f"{key} must be yes or no (true/false, on/off, 1/0), "
                                 f"not {value!r}")  # "maybe" used to mean no, silently
            converted = value.lower() in YES
        elif isinstance(current, int):
            try:
                converted = int(value)
            except ValueError:
                raise KnownError(f"{key} must be a whole number, not {value!r}") from None
        elif isinstance(current, float):
            try:
                converted = float(value)
            except ValueError:
                raise KnownError(f"{key} must be a number, not {value!r}") from None
        else:
            converted = value
        setattr(self, key, check_setting(key, converted))


YES = ("1", "true", "yes", "on")
NO = ("0", "false", "no", "off")


def _database_url_has_password(url: str) -> bool:
    try:
        return bool(split_secrets(url)[1])
    except (ArgumentError, ValueError):
        return False  # not a URL: the check on save or the database will say so


def _proxy_has_password(url: str) -> bool:
    try:
        return urlsplit(url).password is not None
    except ValueError:
        return False


# Settings holding a URL whose password belongs in the keyring: (has one?, move it to the
# keyring and return the URL without it, what to do instead when there is no keyring).
SECRET_URLS: dict[str, tuple[Callable[[str], bool], Callable[[str], str], str]] = {
    "database_url": (_database_url_has_password, secrets.store_database_secrets,
                     "use a .pgpass file or PGPASSWORD instead, or ask IT"),
    "proxy": (_proxy_has_password, secrets.store_proxy_secret,
              "ask IT to set HTTPS_PROXY for Attaché instead"),
}


def _move_password(path: Path, raw: dict, key: str) -> str | None:
    """Move a password an older build wrote in settings.json into the keyring, and rewrite
    the file without it. Returns the URL still holding one when there is no keyring (it is
    then used as before, with a warning that never shows the password)."""
    url = raw.get(key)
    has_password, store, advice = SECRET_URLS[key]
    if not isinstance(url, str) or not url or not has_password(url):
        return None
    try:
        raw[key] = store(url)
    except KnownError:
        if (path, key) not in _warned_plain_passwords:
            _warned_plain_passwords.add((path, key))
            log.warning("%s holds the %s password in plain text and there is no OS keyring "
                        "to move it to; %s", path, key, advice)
        return url
    try:
        path.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    except OSError as exc:
        log.warning("%s password stored in the OS keyring, but %s could not be rewritten "
                    "without it: %s", key, path, exc.strerror or exc)
    else:
        log.info("moved the %s password from %s to the OS keyring", key, path)
    return None
