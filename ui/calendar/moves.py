"""Rescheduling a post as an undoable step (Edit → Undo, Ctrl+Z).

The move itself is made before the command is pushed — so a refused move never lands on the
undo stack — and the command's first ``redo`` (which QUndoStack.push calls) does nothing.
Undo and redo each say which version they expect: if a colleague saved the post in between,
core refuses, the command reports it and drops itself from the stack rather than overwriting
their work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ui.calendar.data import MoveRefused, Reschedule


@dataclass(frozen=True)
class Placement:
    """Where a post sits: an aware datetime (with its duration, 0 = none) or a date."""

    when: datetime | date
    duration_minutes: int | None = None


class MovePostCommand(QUndoCommand):
    def __init__(self, reschedule: Reschedule, post_id: int, title: str, before: Placement,
                 after: Placement, version: int, *, on_moved: Callable[[], None],
                 on_refused: Callable[[MoveRefused], None]) -> None:
        super().__init__(QCoreApplication.translate("Calendar", "Move “{0}”").format(title))
        self.reschedule = reschedule
        self.post_id = post_id
        self.before = before
        self.after = after
        self.version = version  # the post's version once the move was made
        self.on_moved = on_moved
        self.on_refused = on_refused
        self._done = True  # the caller already moved it; push's redo must not move it again

    def redo(self) -> None:
        if self._done:
            return
        self._apply(self.after)
        self._done = True

    def undo(self) -> None:
        self._apply(self.before)
        self._done = False

    def _apply(self, target: Placement) -> None:
        try:
            self.version = self.reschedule(self.post_id, target.when, self.version,
                                           target.duration_minutes)
        except MoveRefused as refusal:
            self.setObsolete(True)  # QUndoStack then removes it: there is nothing to reverse
            self.on_refused(refusal)
            return
        self.on_moved()
