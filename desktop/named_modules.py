"""Every module Attaché imports by a name written in a record: core's (adapters, publishers,
report writers: core/named_modules.py) and the desktop's own — each command's module
(``COMMANDS``, desktop/commands.py), each page's (``desktop.page_<key>``), the dialogs the
screenshots open by module, and the post dialogs the Calendar page loads on first use.

A bundler follows ``import`` statements, not these names. build.spec bundles every module
listed here and ``attache self-test`` imports each one ("named modules"), so a record whose
module was left out of a bundle fails the self-test instead of a click or a command later.
The lists are read from the records; nothing is repeated here.
"""

from __future__ import annotations

from core.named_modules import Named, core_named, missing
from core.selftest import Check, CheckFailed, run_check


def desktop_named() -> tuple[Named, ...]:
    from desktop.app import PAGES
    from desktop.commands import COMMANDS
    from desktop.page_calendar import POST_DIALOGS
    from desktop.screenshots import WINDOW_DIALOG_MODULES

    found = [Named(f"the {name} command", target) for name, (_, target) in COMMANDS.items()]
    found += [Named(f"the {key} page", f"desktop.page_{key}:build") for key in PAGES]
    found += [Named(f"{module} dialogs", f"{module}:screenshot_extras")
              for module in WINDOW_DIALOG_MODULES]
    found.append(Named("the post editor", f"{POST_DIALOGS}:open_post_editor"))
    return tuple(found)


def every_named() -> tuple[Named, ...]:
    """Core's and the desktop's: what build.spec bundles."""
    return core_named() + desktop_named()


def _desktop_modules() -> str:
    named = desktop_named()
    problems = missing(named)
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"{len(named)} command, page and dialog modules import"


def check_desktop_modules() -> Check:
    """The self-test's check of the desktop's named modules (core's are checked by core)."""
    return run_check("desktop modules", _desktop_modules)
