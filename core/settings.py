"""User settings that core needs (proxy, fetch limits), kept as JSON in the config folder.

A plain file rather than QSettings so the CLI, the app and IT scripts read the same values.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from core import paths
from core.errors import KnownError


@dataclass
class Settings:
    proxy: str | None = None  # e.g. http://proxy.mfa.local:8080; None = from the environment
    ca_bundle: str | None = None  # IT's CA bundle for TLS-inspecting proxies; None = system
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    fetch_deadline: float = 60.0
    max_body_mib: float = 15.0
    workers: int = 8
    per_host: int = 2
    parse_in_processes: bool = True  # big refreshes parse on every core, off the GUI's GIL
    parse_processes: int = 0  # 0 = as many as cores, at most 4
    default_interval_minutes: int = 60

    @classmethod
    def path(cls) -> Path:
        return paths.config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        path = cls.path()
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KnownError(f"cannot read settings file {path}: {exc}") from exc
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self) -> None:
        self.path().write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")

    def set(self, key: str, value: str) -> None:
        """Set one setting from text (the CLI), converting to the field's type."""
        field = next((f for f in fields(self) if f.name == key), None)
        if field is None:
            names = ", ".join(f.name for f in fields(self))
            raise KnownError(f"unknown setting {key!r}; known settings: {names}")
        current = getattr(self, key)
        if value.lower() in ("", "none", "null"):
            converted = None if key in ("proxy", "ca_bundle") else type(current)()
        elif isinstance(current, bool):
            converted = value.lower() in ("1", "true", "yes", "on")
        elif isinstance(current, int):
            converted = int(value)
        elif isinstance(current, float):
            converted = float(value)
        else:
            converted = value
        setattr(self, key, converted)
