"""Planned posts: time zones, recurrence, team conflicts, warnings and matching."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert

from core.calendar.campaigns import add_campaign, list_campaigns
from core.calendar.checks import check_plan
from core.calendar.matching import apply_matches, find_matches, similarity
from core.calendar.posts import (
    ConflictError,
    PostFields,
    create_post,
    delete_post,
    get_post,
    list_posts,
    update_post,
)
from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.errors import KnownError, NotFoundError
from core.feeds.sources import add_source
from core.storage.database import Database
from core.storage.models import Observance

TASHKENT = ZoneInfo("Asia/Tashkent")


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TASHKENT)


def test_a_tashkent_post_is_stored_in_utc_and_shown_in_its_zone(db: Database) -> None:
    post_id = create_post(db, PostFields(title="Q&A", at=at(2026, 12, 3), tz="Asia/Tashkent",
                                         duration_minutes=60))
    post = get_post(db, post_id)
    assert post["start"] == "2026-12-03T10:00:00+05:00"
    assert post["end"] == "2026-12-03T11:00:00+05:00"
    assert (post["tz"], post["all_day"], post["version"], post["status"]) == (
        "Asia/Tashkent", False, 1, "idea")
    assert datetime.fromisoformat(post["start"]).astimezone(UTC).hour == 5


def test_all_day_posts_and_validation(db: Database) -> None:
    post = get_post(db, create_post(db, PostFields(title="Human Rights Day",
                                                   day=date(2026, 12, 10))))
    assert (post["start"], post["all_day"]) == ("2026-12-10", True)
    with pytest.raises(KnownError, match="title"):
        create_post(db, PostFields(title=" ", day=date(2026, 12, 10)))
    with pytest.raises(KnownError, match="time"):
        create_post(db, PostFields(title="x"))
    with pytest.raises(KnownError, match="unknown status"):
        create_post(db, PostFields(title="x", day=date(2026, 1, 1), status="aproved"))
    with pytest.raises(KnownError, match="time zone"):
        create_post(db, PostFields(title="x", at=at(2026, 1, 1), tz="Mars/Olympus"))
    with pytest.raises(KnownError, match="RRULE"):
        create_post(db, PostFields(title="x", day=date(2026, 1, 1), rrule="FREQ=SOMETIMES"))
    with pytest.raises(NotFoundError, match="source 99"):
        create_post(db, PostFields(title="x", day=date(2026, 1, 1), channels=[99]))


def test_channels_campaigns_and_filters(db: Database) -> None:
    fb = add_source(db, "https://e.test/facebook").id
    tg = add_source(db, "https://e.test/telegram").id
    add_campaign(db, "16 Days", color="#7b2cbf", start=date(2026, 11, 25),
                 end=date(2026, 12, 10), hashtags=["OrangeTheWorld", "#16Days"])
    a = create_post(db, PostFields(title="Orange the World", day=date(2026, 11, 25),
                                   campaign="16 Days", channels=[fb, tg], status="approved"))
    b = create_post(db, PostFields(title="Visa update", at=at(2026, 12, 1), channels=[tg]))
    create_post(db, PostFields(title="January", day=date(2027, 1, 15)))
    assert list_campaigns(db)[0]["hashtags"] == ["#OrangeTheWorld", "#16Days"]
    december = list_posts(db, first=date(2026, 11, 1), last=date(2026, 12, 31))
    assert [p["id"] for p in december] == [a, b]  # soonest first, January excluded
    assert get_post(db, a)["channels"] == sorted([fb, tg])
    assert [p["id"] for p in list_posts(db, campaigns=["16 Days"])] == [a]
    assert [p["id"] for p in list_posts(db, statuses=["idea"], channels=[tg])] == [b]
    update_post(db, a, PostFields(campaign="Spring"))  # a new campaign on the fly
    assert get_post(db, a)["campaign"] == "Spring"
    update_post(db, a, PostFields(campaign=""))
    assert get_post(db, a)["campaign"] is None


def test_weekly_recurrence_keeps_wall_clock_time(db: Database) -> None:
    post_id = create_post(db, PostFields(title="Weekly Q&A", at=at(2026, 10, 22, 16),
                                         tz="Asia/Tashkent", rrule="FREQ=WEEKLY;BYDAY=TH"))
    assert [p["id"] for p in list_posts(db, first=date(2027, 3, 1), last=date(2027, 3, 7))] == [
        post_id]
    assert list_posts(db, first=date(2027, 3, 5), last=date(2027, 3, 10)) == []  # no Thursday
    ny = create_post(db, PostFields(title="Weekly NY", at=datetime(
        2026, 10, 29, 9, tzinfo=ZoneInfo("America/New_York")), tz="America/New_York",
        rrule="FREQ=WEEKLY;COUNT=3"))
    from core.calendar.posts import occurrences
    from core.storage.models import PlannedPost

    with db.read() as conn:
        row = conn.execute(PlannedPost.__table__.select().where(
            PlannedPost.__table__.c.id == ny)).mappings().one()
    spans = occurrences(dict(row), date(2026, 10, 1), date(2026, 12, 1))
    assert [s.start.hour for s in spans] == [9, 9, 9]  # across the DST change on 1 Nov
    assert [s.start.utcoffset() for s in spans][0] != spans[-1].start.utcoffset()


def test_update_bumps_version_and_refuses_a_stale_one(db: Database) -> None:
    post_id = create_post(db, PostFields(title="Draft", day=date(2026, 12, 10)))
    assert update_post(db, post_id, PostFields(status="review"), expect_version=1)["version"] == 2
    with pytest.raises(ConflictError) as conflict:
        update_post(db, post_id, PostFields(title="Mine"), expect_version=1)
    assert "status" in conflict.value.changed
    assert "'draft'" not in str(conflict.value) and "review" in str(conflict.value)
    assert get_post(db, post_id)["title"] == "Draft"  # nothing overwritten


def test_two_sessions_editing_the_same_post_on_sqlite(db_url: str, db: Database) -> None:
    """Two officers (two engines on one file) load version 1; the second save conflicts."""
    post_id = create_post(db, PostFields(title="Press release", day=date(2026, 12, 10),
                                         body="v1"))
    alice, bob = Database(db_url), Database(db_url)
    try:
        loaded_by_alice = get_post(alice, post_id)["version"]
        loaded_by_bob = get_post(bob, post_id)["version"]
        update_post(alice, post_id, PostFields(body="Alice's text", day=date(2026, 12, 11)),
                    expect_version=loaded_by_alice)
        with pytest.raises(ConflictError) as conflict:
            update_post(bob, post_id, PostFields(body="Bob's text"), expect_version=loaded_by_bob)
        assert set(conflict.value.changed) == {"body", "start", "end"}
        assert "Alice" in str(conflict.value)
        assert get_post(db, post_id)["body"] == "Alice's text"
    finally:
        alice.dispose()
        bob.dispose()


def test_delete(db: Database) -> None:
    post_id = create_post(db, PostFields(title="x", day=date(2026, 1, 1)))
    delete_post(db, post_id)
    with pytest.raises(NotFoundError):
        get_post(db, post_id)


def _programme(db: Database, deadline: str) -> int:
    with db.write() as conn:
        return conn.execute(insert(Observance.__table__).values(
            key="programme:flex:uz", name="FLEX deadline (Uzbekistan)", category="programme",
            country="UZ", lead_days=30, estimated=False, pack="programme",
            rule=json.dumps({"type": "dates", "dates": [deadline]}))).inserted_primary_key[0]


def test_plan_warnings(db: Database) -> None:
    fb = add_source(db, "https://e.test/facebook").id
    flex = _programme(db, "2026-10-15")
    first = create_post(db, PostFields(title="Morning", at=at(2026, 9, 2, 9), channels=[fb]))
    close = create_post(db, PostFields(title="Too soon", at=at(2026, 9, 2, 10), channels=[fb]))
    create_post(db, PostFields(title="Evening", at=at(2026, 9, 2, 18), channels=[fb]))
    holiday = create_post(db, PostFields(title="Independence", day=date(2026, 9, 1)))
    late = create_post(db, PostFields(title="Apply to FLEX!", day=date(2026, 10, 20),
                                      observance_id=flex))
    empty = create_post(db, PostFields(title="Approved, no text", day=date(2026, 9, 5),
                                       status="approved"))
    warnings = check_plan(db, date(2026, 9, 1), date(2026, 10, 31), gap_minutes=120,
                          countries=("UZ",))
    kinds = {(w.post_id, w.kind) for w in warnings}
    assert kinds == {(close, "channel_gap"), (holiday, "holiday"), (late, "after_deadline"),
                     (empty, "empty_body")}
    assert first not in {w.post_id for w in warnings}
    assert any("Independence Day" in w.message for w in warnings)


def test_published_items_are_matched_back_to_the_plan(db: Database) -> None:
    fb = add_source(db, "https://e.test/facebook").id
    planned = create_post(db, PostFields(
        title="Fulbright applications open", body="Apply for the Fulbright Foreign Student "
        "Program before 15 May", at=at(2026, 11, 20, 10), channels=[fb], status="scheduled"))
    unrelated = create_post(db, PostFields(title="Visa wait times", body="New appointment "
                                           "slots", at=at(2026, 11, 21, 10), channels=[fb],
                                           status="approved"))
    published = datetime(2026, 11, 20, 5, 20, tzinfo=UTC)
    with db.write() as conn:
        store_entries(conn, fb, [ParsedEntry(
            guid="fb-1", url="https://facebook.example/posts/1",
            title="Fulbright applications are open",
            author=None, published=published, published_raw=None, content_html="",
            content_text="Apply for the Fulbright Foreign Student Program before 15 May!")],
            published + timedelta(minutes=5))
    matches = find_matches(db)
    assert [(m.post_id, m.reason) for m in matches] == [(planned, "time+text")]
    assert apply_matches(db, matches) == 1
    post = get_post(db, planned)
    assert post["status"] == "published" and post["item_url"].endswith("/posts/1")
    assert get_post(db, unrelated)["item_id"] is None
    assert find_matches(db) == []  # nothing left to link
    assert similarity("Visa wait times", "Fulbright applications") < 0.5


def test_a_series_exceptions_move_with_its_start(db: Database) -> None:
    """Cancelled occurrences are kept as wall-clock moments: moving the series from 10:00 to
    11:00 (or a day later) made every cancelled occurrence happen again."""
    from core.calendar.posts import POSTS, occurrences

    def days(post_id: int) -> list[str]:
        with db.read() as conn:
            row = dict(conn.execute(POSTS.select().where(POSTS.c.id == post_id))
                       .mappings().one())
        return [f"{s.start:%d %H:%M}" for s in occurrences(row, date(2026, 1, 1),
                                                             date(2027, 1, 1))]

    almaty = ZoneInfo("Asia/Almaty")
    post = create_post(db, PostFields(
        title="Daily", at=datetime(2026, 12, 1, 10, 0, tzinfo=almaty), tz="Asia/Almaty",
        rrule="FREQ=DAILY;COUNT=5", exdates=[datetime(2026, 12, 2, 10, 0),
                                             datetime(2026, 12, 4, 10, 0)]))
    assert days(post) == ["01 10:00", "03 10:00", "05 10:00"]
    update_post(db, post, PostFields(at=datetime(2026, 12, 1, 11, 30, tzinfo=almaty)))
    assert days(post) == ["01 11:30", "03 11:30", "05 11:30"]
    update_post(db, post, PostFields(at=datetime(2026, 12, 2, 9, 0, tzinfo=almaty)))
    assert days(post) == ["02 09:00", "04 09:00", "06 09:00"]
    update_post(db, post, PostFields(day=date(2026, 12, 2)))  # made all-day
    assert get_post(db, post)["exdates"] == ["2026-12-03", "2026-12-05"]
    update_post(db, post, PostFields(title="Renamed"))  # nothing about time: kept as they are
    assert get_post(db, post)["exdates"] == ["2026-12-03", "2026-12-05"]


def test_a_batch_saves_the_same_posts_and_revisions_as_one_at_a_time(db: Database) -> None:
    """Imports write hundreds of posts in a few statements: each post, its channels and the
    revision a later conflict is compared with must be what create_post/update_post save."""
    from sqlalchemy import select

    from core.calendar.posts import REVISIONS, change_posts, insert_posts
    from core.feeds.sources import add_source

    channel = add_source(db, "https://t.me/s/usembassytashkent").id
    with db.write() as conn:
        store_entries(conn, channel, [ParsedEntry("g1", "https://t.me/usembassytashkent/1",
                                                  "x", None, None, None, "", "")],
                      datetime.now(UTC))
        item = conn.exec_driver_sql("SELECT id FROM item").scalar()
    tashkent = ZoneInfo("Asia/Tashkent")
    posts = [
        (PostFields(title=" Брифинг ", body="Текст\x00 с NUL", at=datetime(
            2026, 12, 10, 10, 0, tzinfo=tashkent), tz="Asia/Tashkent", duration_minutes=30,
            channels=[channel, channel], campaign="Права человека", owner="Dilnoza",
            item_id=item, rrule="FREQ=WEEKLY;COUNT=3",
            exdates=[datetime(2026, 12, 17, 10, 0)]), "a@test"),
        (PostFields(title="O‘zbekiston", day=date(2026, 12, 8), status="draft",
                    campaign="Права человека"), None),
        (PostFields(title="New campaign", day=date(2026, 12, 9), campaign="Other"), "c@test"),
    ]
    with db.write() as conn:
        ids = insert_posts(conn, posts)
    with db.write() as conn:
        versions = change_posts(conn, [
            (ids[0], PostFields(title="Брифинг (moved)", at=datetime(
                2026, 12, 11, 11, 0, tzinfo=tashkent)), 1),
            (ids[1], PostFields(channels=[channel], status="review"), None),
            (ids[0], PostFields(notes="twice in one batch"), 2)])
    assert versions == [2, 2, 3]
    with db.read() as conn:
        revisions = {(r.post_id, r.version): json.loads(r.data)
                     for r in conn.execute(select(REVISIONS))}
    for post_id, version in ((ids[0], 3), (ids[1], 2), (ids[2], 1)):
        assert revisions[(post_id, version)] == get_post(db, post_id)
    first = get_post(db, ids[0])
    assert (first["title"], first["body"], first["channels"], first["campaign"],
            first["item_url"], first["exdates"], first["notes"]) == (
        "Брифинг (moved)", "Текст с NUL", [channel], "Права человека",
        "https://t.me/usembassytashkent/1", ["2026-12-18T11:00:00"], "twice in one batch")
    assert [c["name"] for c in list_campaigns(db)] == ["Other", "Права человека"]
    with pytest.raises(ConflictError, match="changed by someone else since version 1"), \
            db.write() as conn:
        change_posts(conn, [(ids[2], PostFields(title="fine"), None),
                            (ids[1], PostFields(title="stale"), 1)])
    assert get_post(db, ids[2])["title"] == "New campaign"  # the batch rolled back whole


def test_a_batch_is_saved_where_sqlite_has_no_returning(db: Database,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite before 3.35 (an older distribution's Python) cannot return the new ids of an
    executemany INSERT: the posts are inserted one by one, and the same ids come back."""
    from core.calendar.posts import insert_posts

    with db.write() as conn:
        monkeypatch.setattr(conn.dialect, "insert_executemany_returning_sort_by_parameter_order",
                            False)
        ids = insert_posts(conn, [(PostFields(title=f"Post {n}", day=date(2026, 12, n + 1),
                                              channels=[]), None) for n in range(3)])
    assert [get_post(db, i)["title"] for i in ids] == ["Post 0", "Post 1", "Post 2"]
