"""The part of ``desktop.tasks.TaskRunner`` a page uses, so ui/ can type it without desktop/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Runner(Protocol):
    """Runs ``job`` off the GUI thread; the callbacks come back on it."""

    def run(self, job: Callable[[Any], Any], *, on_done: Callable[[Any], None] | None,
            on_error: Callable[[BaseException], None] | None = ...,
            kind: str = ..., name: str = ...) -> object: ...
