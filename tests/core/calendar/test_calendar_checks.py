"""The status workflow and the warnings on a post being edited (``check_draft``)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.calendar.checks import check_draft, check_plan
from core.calendar.posts import (
    WORKFLOW,
    PostFields,
    create_post,
    get_post,
    next_statuses,
    update_post,
)
from core.errors import KnownError
from core.feeds.sources import add_source
from core.storage.database import Database
from core.storage.models import POST_STATUSES
from tests.core.calendar.test_posts import _programme

TASHKENT = ZoneInfo("Asia/Tashkent")


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TASHKENT)


# ------------------------------------------------------------------------------ workflow

def test_the_workflow_covers_every_status_and_leads_only_to_known_ones() -> None:
    assert set(WORKFLOW) == set(POST_STATUSES)
    for status, targets in WORKFLOW.items():
        assert set(targets) <= set(POST_STATUSES) and status not in targets
    assert next_statuses("draft") == ("idea", "review", "cancelled")
    assert "published" in next_statuses("approved")
    assert next_statuses("published") == ()
    assert next_statuses("no such status") == ()


def test_the_workflow_only_guides_core_takes_any_status(db: Database) -> None:
    post_id = create_post(db, PostFields(title="Imported", day=date(2026, 9, 1),
                                         status="published"))
    assert "idea" not in next_statuses("published")
    update_post(db, post_id, PostFields(status="idea"))  # an import may set any status
    assert get_post(db, post_id)["status"] == "idea"


# ------------------------------------------------------------------------------ check_draft

def test_a_draft_is_warned_like_the_saved_plan(db: Database) -> None:
    fb = add_source(db, "https://e.test/facebook").id
    flex = _programme(db, "2026-10-15")
    create_post(db, PostFields(title="Morning", at=at(2026, 9, 2, 9), channels=[fb]))
    draft = PostFields(title="Too soon", at=at(2026, 9, 2, 10), tz="Asia/Tashkent",
                       channels=[fb], status="draft")
    [gap] = check_draft(db, draft, gap_minutes=120, countries=("UZ",))
    assert gap.kind == "channel_gap" and gap.post_id == 0 and gap.date == "2026-09-02"
    assert gap.message == ("“Too soon” goes out 60 min after “Morning” on channel "
                           f"{fb} (gap setting: 120 min)")
    # The same words check_plan gives once the draft is saved.
    saved = create_post(db, draft)
    [planned] = [w for w in check_plan(db, date(2026, 9, 1), date(2026, 9, 30),
                                       gap_minutes=120, countries=("UZ",)) if w.post_id == saved]
    assert planned.message == gap.message

    late = PostFields(title="Apply to FLEX!", day=date(2026, 10, 20), tz="Asia/Tashkent",
                      observance_id=flex, status="approved", body=" ")
    assert [w.kind for w in check_draft(db, late, countries=("UZ",))] == [
        "after_deadline", "empty_body"]
    holiday = PostFields(title="Independence", day=date(2026, 9, 1), tz="Asia/Tashkent")
    [warning] = check_draft(db, holiday, countries=("UZ",))
    assert warning.kind == "holiday" and "Independence Day" in warning.message


def test_the_saved_version_of_the_edited_post_is_not_a_collision(db: Database) -> None:
    x = add_source(db, "https://e.test/x").id
    post_id = create_post(db, PostFields(title="Visa Q&A", at=at(2026, 11, 5), channels=[x]))
    moved = PostFields(title="Visa Q&A", at=at(2026, 11, 5, 10, 30), tz="Asia/Tashkent",
                       channels=[x])
    assert check_draft(db, moved, post_id) == []
    assert [w.kind for w in check_draft(db, moved)] == ["channel_gap"]  # as a new post


def test_channels_are_named_and_cancelled_neighbours_ignored(db: Database) -> None:
    x = add_source(db, "https://e.test/x").id
    create_post(db, PostFields(title="Gone", at=at(2026, 11, 5), channels=[x],
                               status="cancelled"))
    create_post(db, PostFields(title="Weekly", at=at(2026, 10, 1, 9, 45), channels=[x],
                               rrule="FREQ=WEEKLY;COUNT=10"))
    draft = PostFields(title="", at=at(2026, 11, 5), tz="Asia/Tashkent", channels=[x])
    [gap] = check_draft(db, draft, channel_label=lambda c: f"X — account {c}")
    assert gap.message.startswith("“New post” goes out 15 min after “Weekly” on X — account")


def test_a_cancelled_draft_is_not_checked_and_a_dateless_one_is_refused(db: Database) -> None:
    assert check_draft(db, PostFields(title="Old", day=date(2026, 9, 1), status="cancelled"),
                       countries=("UZ",)) == []
    with pytest.raises(KnownError, match="needs a date"):
        check_draft(db, PostFields(title="Someday"))
