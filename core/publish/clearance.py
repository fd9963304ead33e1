"""Clearance: who may approve a post, and the record of every status change.

A press section's rule is that nothing goes out on the embassy's accounts on one person's
word. With the setting ``require_second_approver`` on, a post enters the cleared statuses
(approved, scheduled, published) only by the hand of someone other than its author, and a
cleared post whose content changes goes back to review, so an approval always covers the text
that is published. The author is who created the post (``created_by``); posts created before
Attaché recorded that fall back to their ``owner``; a post with neither has no known author and
can be approved by anyone (the history shows who did).

Who is acting comes from the ``user_name`` setting, else the computer's login name. That is an
honest label, not authentication: on a shared team database each officer's own Attaché says
who they are, and IT can lock ``require_second_approver`` in site.toml.

Every change of status, including creation and publishing, is written to
``post_status_change`` by the same transaction that changes the post.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select

from core.errors import KnownError
from core.settings import Settings
from core.storage.models import PostStatusChange
from core.storage.types import iso

HISTORY = PostStatusChange.__table__
CLEARED = ("approved", "scheduled", "published")
# What an approval vouches for: a change to any of these sends a cleared post back to review.
CONTENT = ("title", "body", "channels", "images", "language")
UNKNOWN_USER = "unknown"


class ClearanceError(KnownError):
    """The post needs another approver."""


@dataclass(frozen=True)
class Policy:
    actor: str
    require_second_approver: bool


def current_actor(settings: Settings | None = None) -> str:
    """The officer's name: the ``user_name`` setting, else this computer's login."""
    if settings is None:
        settings = _settings()
    if settings.user_name and settings.user_name.strip():
        return settings.user_name.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no login name (a container, a service)
        return UNKNOWN_USER


def _settings() -> Settings:
    try:
        return Settings.load()
    except KnownError:  # a broken settings file: the defaults (and the OS login)
        return Settings()


def current_policy() -> Policy:
    settings = _settings()
    return Policy(current_actor(settings), bool(settings.require_second_approver))


def author_of(post: dict) -> str | None:
    return post.get("created_by") or post.get("owner") or None


def check_transition(post: dict, new_status: str, policy: Policy) -> None:
    """Refuse, with the reason, a status change the clearance rule does not allow."""
    old = post.get("status")
    if not policy.require_second_approver or new_status not in CLEARED or old in CLEARED:
        return
    author = author_of(post)
    if author is not None and author.casefold() == policy.actor.casefold():
        raise ClearanceError(
            f"post {post['id']} was written by {author}, and clearance requires a second "
            f"approver: someone other than {author} must set it to {new_status} (the setting "
            "require_second_approver is on; each officer's name is the user_name setting)")


def record_changes(conn: Connection, changes: list[tuple[int, str | None, str, str | None]],
                   actor: str, when: datetime) -> None:
    """Many ``(post id, old, new, note)`` changes by one officer, in one statement."""
    if changes:
        conn.execute(insert(HISTORY), [
            {"post_id": post_id, "old_status": old, "new_status": new, "actor": actor,
             "at": when, "note": note} for post_id, old, new, note in changes])


def history(conn: Connection, post_id: int) -> list[dict]:
    """The post's status changes, oldest first."""
    rows = conn.execute(select(HISTORY).where(HISTORY.c.post_id == post_id)
                        .order_by(HISTORY.c.at, HISTORY.c.id)).mappings()
    return [{"from": r["old_status"], "to": r["new_status"], "by": r["actor"],
             "at": iso(r["at"]), "note": r["note"]} for r in rows]
