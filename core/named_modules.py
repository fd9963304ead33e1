"""The modules core imports by a name written in a record, listed from the records themselves.

Platform records name their adapter and publisher as ``"module:Class"`` (core/platforms.py)
and report formats their writer module (core/reports/formats.py); they are imported with
``importlib`` when first used, so start-up pays for none of them. A bundler cannot see those
imports: build.spec reads this list to put every named module in the bundle, and
``attache self-test`` imports each one, so a record whose module did not travel fails there
and not in an officer's hands. Adding a record adds its module to both; nothing to edit here.

The calendar's formats (core/formats.py) hold functions, not names: their imports are plain
``import`` statements a bundler follows, and the self-test writes and reads each format.
(desktop/named_modules.py lists the desktop's own: commands, pages, dialogs.)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Named:
    """One name a record gives: ``what`` says which record (for the self-test's message)."""

    what: str
    target: str  # "package.module:attribute"

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def resolve(self) -> object:
        """The named attribute, imported (ImportError/AttributeError when it is not there)."""
        module, _, attribute = self.target.partition(":")
        return getattr(importlib.import_module(module), attribute)


def core_named() -> tuple[Named, ...]:
    """Every adapter and publisher the platform records name, every report format's writer."""
    from core.platforms import PLATFORMS
    from core.reports.formats import FORMATS

    found: list[Named] = []
    for platform in PLATFORMS:
        if platform.adapter is not None:
            found.append(Named(f"{platform.name} adapter", platform.adapter))
        if platform.publisher is not None:
            found.append(Named(f"{platform.name} publisher", platform.publisher))
    found += [Named(f"{fmt.key} report writer", f"{fmt.module}:write") for fmt in FORMATS]
    return tuple(found)


def missing(named: tuple[Named, ...]) -> list[str]:
    """``what (target): error`` for each name that does not resolve; empty when all do."""
    problems = []
    for item in named:
        try:
            item.resolve()
        except (ImportError, AttributeError) as exc:
            problems.append(f"{item.what} ({item.target}): {type(exc).__name__}: {exc}")
    return problems
