"""Site configuration: defaults and locks that IT sets for every user of a workstation.

IT staff deploy a ``site.toml`` instead of editing each officer's settings. Two places are
read, later overriding earlier:

1. the system file — Linux ``/etc/attache/site.toml``, Windows
   ``%PROGRAMDATA%\\Attache\\site.toml``, macOS ``/Library/Application Support/Attache/site.toml``
   (``$ATTACHE_SITE_CONFIG`` names another file instead, for tests and unusual layouts);
2. ``site.toml`` next to the executable of a frozen build (a bundle or portable copy carries
   its own). A source checkout has no such file: the repository is not a site.

``[defaults]`` takes any setting (``core.settings_schema``) plus ``database_url`` (used when
neither ``--db`` nor ``$ATTACHE_DB_URL`` is given) and ``default_sources`` (an OPML file offered
on first run). ``[locked] keys = [...]`` are values the user's settings.json cannot change.
Relative paths (``default_sources``, ``ca_bundle``) are relative to the site.toml that names
them. Unknown keys are ignored with a logged warning, so a newer site.toml does not stop an
older Attaché. Nothing is cached: the files are tiny and tests change them freely.
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core import paths
from core.errors import KnownError
from core.settings_schema import builtin_defaults, check_setting

log = logging.getLogger("attache.siteconfig")

SITE_FILE = "site.toml"
ENV_VAR = "ATTACHE_SITE_CONFIG"
# Site-only keys, not user settings. allowed_keyring_backends: keyring backends that are not
# an OS keyring but IT allows for secrets (core.secrets; e.g. "keyrings.alt.file.…").
EXTRA_KEYS = ("database_url", "default_sources", "allowed_keyring_backends")
LIST_KEYS = ("allowed_keyring_backends",)
PATH_KEYS = ("default_sources", "ca_bundle")  # resolved against the file's folder
_TOP_LEVEL = ("defaults", "locked")


@dataclass(frozen=True)
class SiteConfig:
    """What the site files say, merged. ``origin`` names the file behind each value/lock."""

    defaults: dict[str, Any] = field(default_factory=dict)  # settings and EXTRA_KEYS
    locked: frozenset[str] = frozenset()
    files: tuple[Path, ...] = ()  # the files read, in order
    origin: dict[str, Path] = field(default_factory=dict)

    @property
    def settings_defaults(self) -> dict[str, Any]:
        # Lists are copied: a Settings object may change its own without touching these.
        return {k: list(v) if isinstance(v, list) else v for k, v in self.defaults.items()
                if k not in EXTRA_KEYS}

    def lock_message(self, key: str) -> str:
        where = self.origin.get(key) or (self.files[-1] if self.files else SITE_FILE)
        return f"{key} is set by your IT department (site.toml at {where})"


def system_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "Attache" / SITE_FILE
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Attache") / SITE_FILE
    return Path("/etc/attache") / SITE_FILE


def candidate_paths() -> list[Path]:
    """Where site.toml is looked for, in the order the files are applied."""
    found = [system_path()]
    exe = paths.executable_dir()
    if exe is not None:
        found.append(exe / SITE_FILE)
    return found


def load_site_config() -> SiteConfig:
    """Merge the site files that exist. Raises KnownError naming the file (and line) when one
    cannot be read or holds a value of the wrong kind."""
    defaults: dict[str, Any] = {}
    locked: set[str] = set()
    origin: dict[str, Path] = {}
    files: list[Path] = []
    for path in candidate_paths():
        if not path.is_file():
            continue
        raw = _read(path)
        files.append(path)
        file_defaults, file_locked = _validated(raw, path)
        defaults.update(file_defaults)
        origin.update(dict.fromkeys(file_defaults, path))
        locked |= file_locked
        origin.update(dict.fromkeys(file_locked, path))
    return SiteConfig(defaults, frozenset(locked), tuple(files), origin)


def database_url() -> str | None:
    url = load_site_config().defaults.get("database_url")
    return url or None


def starter_opml() -> Path:
    """The starter sources offered to a new user: IT's OPML if site.toml names one, else the
    curated list shipped in resources/."""
    from resources import DEFAULT_SOURCES_OPML

    return default_sources() or DEFAULT_SOURCES_OPML


def default_sources() -> Path | None:
    """The OPML file IT wants offered on first run, if site.toml names one that exists."""
    site = load_site_config()
    value = site.defaults.get("default_sources")
    if not value:
        return None
    path = Path(value)
    if not path.is_file():
        log.warning("default_sources %s (from %s) does not exist", path,
                    site.origin.get("default_sources"))
        return None
    return path


def _read(path: Path) -> dict[str, Any]:
    try:
        # utf-8-sig: Windows Notepad may save a byte order mark, which TOML does not allow.
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise KnownError(f"cannot read site configuration {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise KnownError(f"site configuration {path} is not UTF-8 text ({exc.reason} at "
                         f"byte {exc.start})") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message carries the place: "Invalid value (at line 3, column 9)".
        raise KnownError(f"site configuration {path} is not valid TOML: {exc}") from exc


def _validated(raw: dict[str, Any], path: Path) -> tuple[dict[str, Any], set[str]]:
    builtin = builtin_defaults()
    known = set(builtin) | set(EXTRA_KEYS)
    for key in raw:
        if key not in _TOP_LEVEL:
            hint = " (put it under [defaults])" if key in known else ""
            log.warning("%s: ignoring unknown key %r%s", path, key, hint)

    section = raw.get("defaults", {})
    if not isinstance(section, dict):
        raise KnownError(f"site configuration {path}: defaults must be a table ([defaults])")
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key not in known:
            log.warning("%s: ignoring unknown setting %r in [defaults]", path, key)
            continue
        values[key] = _converted(key, value, builtin.get(key), path)

    lock_section = raw.get("locked", {})
    keys = lock_section.get("keys", []) if isinstance(lock_section, dict) else None
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise KnownError(f"site configuration {path}: [locked] keys must be a list of setting "
                         'names, e.g. keys = ["proxy"]')
    if isinstance(lock_section, dict):
        for extra in set(lock_section) - {"keys"}:
            log.warning("%s: ignoring unknown key %r in [locked]", path, extra)
    locked = set()
    for key in keys:
        if key in known:
            locked.add(key)
        else:
            log.warning("%s: ignoring unknown setting %r in [locked] keys", path, key)
    return values, locked


def _converted(key: str, value: Any, default: Any, path: Path) -> Any:
    """The value as the setting's type, or KnownError naming the file and the key."""
    def wrong(kind: str) -> KnownError:
        return KnownError(f"site configuration {path}: {key} must be {kind}, not {value!r}")

    if key in LIST_KEYS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong('a list of text, e.g. ["keyrings.alt.file.EncryptedKeyring"]')
        return value
    if key in EXTRA_KEYS or default is None:  # text settings whose default is "none"
        if not isinstance(value, str):
            raise wrong("text")
        if key in PATH_KEYS and value:
            value = str((path.parent / Path(value).expanduser()).resolve())
    elif isinstance(default, bool):
        if not isinstance(value, bool):
            raise wrong("true or false")
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong("a whole number")
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise wrong("a number")
        value = float(value)
    elif isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong('a list of text, e.g. ["UZ"]')
    elif isinstance(default, str) and not isinstance(value, str):
        raise wrong("text")
    if key in EXTRA_KEYS:
        return value
    try:
        return check_setting(key, value)
    except (KnownError, ValueError) as exc:
        raise KnownError(f"site configuration {path}: {exc}") from exc
