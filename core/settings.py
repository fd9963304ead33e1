"""User settings that core needs (proxy, fetch limits), kept as JSON in the config folder.

A plain file rather than QSettings so the CLI, the app and IT scripts read the same values.
IT's site.toml (``core.siteconfig``) sits underneath: its ``[defaults]`` replace the built-in
defaults, and its ``[locked]`` keys are never taken from the user's file nor changed by ``set``.

The database password never goes into the file: ``save`` moves it into the OS keyring
(``core.secrets``) and writes the URL without it, and ``load`` moves one that an older build
wrote. ``core.database_url.resolve_db_url`` puts it back when the database is opened.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

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
_warned_plain_passwords: set[Path] = set()  # warn once per file and process, not per load


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
        legacy_url = _move_database_password(path, raw)
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
        settings._legacy_url = legacy_url
        return settings

    def _site_config(self) -> siteconfig.SiteConfig:
        site = getattr(self, "_site", None)
        if site is None:
            site = self._site = siteconfig.load_site_config()
        return site

    def save(self) -> None:
        """Write what the user chose: not locked keys, nor values that are IT's defaults (so a
        later change to site.toml reaches the user)."""
        site = self._site_config()
        self._keep_database_password_out(site)
        data = {k: v for k, v in asdict(self).items()
                if k not in site.locked and not (k in site.defaults and site.defaults[k] == v)}
        self.path().write_text(json.dumps(data, indent=2), encoding="utf-8")

    def _keep_database_password_out(self, site: siteconfig.SiteConfig) -> None:
        """Store database_url's password in the keyring (before anything is written) and keep
        the URL without it; no keyring is a KnownError, except for a URL an older build wrote
        that ``load`` could not move (refusing would block every other setting)."""
        url = self.database_url
        if not url or "database_url" in site.locked:
            return
        if url == getattr(self, "_legacy_url", None) and not secrets.keyring_available():
            return
        self.database_url = secrets.store_database_secrets(url)

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
            converted = value.lower() in ("1", "true", "yes", "on")
        elif isinstance(current, int):
            converted = int(value)
        elif isinstance(current, float):
            converted = float(value)
        else:
            converted = value
        setattr(self, key, check_setting(key, converted))


def _move_database_password(path: Path, raw: dict) -> str | None:
    """Move a password an older build wrote in settings.json into the keyring, and rewrite
    the file without it. Returns the URL still holding one when there is no keyring (it is
    then used as before, with a warning that never shows the password)."""
    url = raw.get("database_url")
    if not isinstance(url, str) or not url:
        return None
    try:
        _bare, found = split_secrets(url)
    except (ArgumentError, ValueError):
        return None  # not a URL: the check on save or the database will say so
    if not found:
        return None
    try:
        raw["database_url"] = secrets.store_database_secrets(url)
    except KnownError:
        if path not in _warned_plain_passwords:
            _warned_plain_passwords.add(path)
            log.warning("%s holds the database password in plain text and there is no OS "
                        "keyring to move it to; use a .pgpass file or PGPASSWORD instead, or "
                        "ask IT", path)
        return url
    try:
        path.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    except OSError as exc:
        log.warning("database password stored in the OS keyring, but %s could not be "
                    "rewritten without it: %s", path, exc.strerror or exc)
    else:
        log.info("moved the database password from %s to the OS keyring", path)
    return None
