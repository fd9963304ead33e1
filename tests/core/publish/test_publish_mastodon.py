"""Publishing on Mastodon, against the loopback instance in tests/fakes/mastodon.py, and the
exactly-once ledger underneath: what is sent, once, and what is refused before sending."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from core.calendar.posts import get_post, post_details
from core.net.fetch import Fetcher, FetchLimits
from core.publish import ledger
from core.publish.runner import publish_post
from core.secrets import SERVICE
from core.storage.database import Database
from core.storage.models import Outbox
from tests.fakes.mastodon import FakeMastodon
from tests.feedserver import FeedServer
from tests.publishing import (
    TASHKENT,
    due,
    image,
    own_source,
    planned,
    published_for_a_while,
    run,
)

AT = datetime(2026, 12, 10, 9, 0, tzinfo=TASHKENT)
OUTBOX = Outbox.__table__


@pytest.fixture
def masto(server: FeedServer, memory_keyring) -> FakeMastodon:  # noqa: ANN001
    fake = FakeMastodon(server)
    memory_keyring.set_password(SERVICE, f"mastodon:{fake.host}", fake.token)
    return fake


@pytest.fixture
def channel(db: Database, masto: FakeMastodon) -> int:
    return own_source(db, "mastodon", masto.profile, account_id="109000000000000001")


def test_only_approved_and_scheduled_posts_go_out_and_each_once(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    for status in ("idea", "draft", "review", "cancelled"):
        planned(db, [channel], body=f"A {status} post", at=AT, status=status)
    approved = planned(db, [channel], body="Happy Human Rights Day!", at=AT)
    scheduled = planned(db, [channel], body="Join our webinar", at=AT, status="scheduled")
    assert due(db, fetcher, AT - timedelta(minutes=1)) == []  # not yet
    outcomes = due(db, fetcher, AT + timedelta(minutes=1))
    assert sorted((o.post_id, o.status) for o in outcomes) == [
        (approved, "published"), (scheduled, "published")]
    assert sorted(s["text_sent"] for s in masto.statuses) == [
        "Happy Human Rights Day!", "Join our webinar"]
    assert len(masto.status_posts()) == 2
    # Again, and again a minute later: nothing more is sent.
    assert due(db, fetcher, AT + timedelta(minutes=1)) == []
    assert due(db, fetcher, AT + timedelta(minutes=2)) == []
    assert len(masto.status_posts()) == 2


def test_a_published_post_records_the_remote_id_address_and_history(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    post_id = planned(db, [channel], body="Пресс-релиз посольства", at=AT)
    [outcome] = due(db, fetcher, AT)
    status = masto.statuses[0]
    assert (outcome.status, outcome.remote_id, outcome.url) == (
        "published", status["id"], status["url"])
    post = post_details(db, post_id)
    assert post["status"] == "published"
    assert [(h["from"], h["to"], h["by"]) for h in post["history"]] == [
        (None, "review", "author"), ("review", "approved", "approver"),
        ("approved", "published", "publisher")]
    # Every attempt carried the same key, derived from the post's occurrence and channel.
    [request] = masto.status_posts()
    assert request.headers["idempotency-key"] == ledger.Target(
        f"post:{post['uid']}::{channel}", "post", channel, "mastodon").idem_key
    assert status["language"] == "ru"  # detected: the post names no language
    assert status["visibility"] == "public"


def test_the_post_language_is_sent(db: Database, fetcher: Fetcher, masto: FakeMastodon,
                                   channel: int) -> None:
    planned(db, [channel], body="Salom! Elchixona yangiliklari", at=AT, language="uz")
    due(db, fetcher, AT)
    assert masto.statuses[0]["language"] == "uz"


def test_images_are_uploaded_with_their_alt_text(db: Database, fetcher: Fetcher,
                                                 masto: FakeMastodon, channel: int) -> None:
    planned(db, [channel], body="Our new consular hall", at=AT,
            images=[image("hall.png", "The new consular hall with six windows"),
                    image("queue.png", "Visitors waiting, seated")])
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "published"
    [status] = masto.statuses
    assert [(m["filename"], m["description"]) for m in status["media_attachments"]] == [
        ("hall.png", "The new consular hall with six windows"),
        ("queue.png", "Visitors waiting, seated")]


def test_text_too_long_is_refused_before_anything_is_sent(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    planned(db, [channel], body="Слово " * 90, at=AT)  # 540 characters
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert "too long for Mastodon: 539 of 500 characters" in outcome.error
    assert "nothing was sent" in outcome.error
    assert masto.server.requests == []


def test_a_missing_token_names_the_secret_and_the_scopes(
        db: Database, fetcher: Fetcher, server: FeedServer, memory_keyring) -> None:  # noqa: ANN001
    fake = FakeMastodon(server)
    source = own_source(db, "mastodon", fake.profile)
    planned(db, [source], body="Hello", at=AT)
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert f"attache secrets set mastodon:{fake.host.split(':')[0]}" in outcome.error
    assert "write:statuses and write:media" in outcome.error
    assert server.requests == []


def test_a_refused_token_and_a_missing_scope_say_what_to_do(
        db: Database, fetcher: Fetcher, server: FeedServer, memory_keyring) -> None:  # noqa: ANN001
    fake = FakeMastodon(server, scopes=("read",))
    memory_keyring.set_password(SERVICE, f"mastodon:{fake.host}", "revoked")
    source = own_source(db, "mastodon", fake.profile)
    planned(db, [source], body="Hello", at=AT)
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert "refused the token (The access token is invalid)" in outcome.error
    memory_keyring.set_password(SERVICE, f"mastodon:{fake.host}", fake.token)
    [outcome] = due(db, fetcher, AT + timedelta(hours=1))  # past the back-off
    assert "may not publish (This action is outside the authorized scopes)" in outcome.error
    assert fake.statuses == []


def test_a_rate_limit_waits_for_the_reset_and_then_sends_once(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    post_id = planned(db, [channel], body="Visa appointments open", at=AT)
    masto.throttle(AT + timedelta(minutes=30))
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed" and "rate-limiting" in outcome.error
    with db.read() as conn:
        row = conn.execute(select(OUTBOX)).mappings().one()
    assert row["state"] == "failed" and row["retry_at"] == AT + timedelta(minutes=30)
    assert due(db, fetcher, AT + timedelta(minutes=5)) == []  # waits, says nothing
    assert len(masto.status_posts()) == 1
    [outcome] = due(db, fetcher, row["retry_at"] + timedelta(seconds=1))
    assert outcome.status == "published"
    assert len(masto.statuses) == 1 and get_post(db, post_id)["status"] == "published"


def test_an_image_the_instance_finds_too_big_is_reported_and_no_status_is_sent(
        db: Database, fetcher: Fetcher, server: FeedServer, memory_keyring) -> None:  # noqa: ANN001
    fake = FakeMastodon(server, max_image_bytes=2000)
    memory_keyring.set_password(SERVICE, f"mastodon:{fake.host}", fake.token)
    source = own_source(db, "mastodon", fake.profile)
    planned(db, [source], body="A big photo", at=AT, images=[image(padding=5000)])
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert "File file size must be less than" in outcome.error
    assert fake.status_posts() == []


def test_a_lost_answer_is_sent_again_with_the_same_key_and_creates_one_status(
        db: Database, masto: FakeMastodon, channel: int) -> None:
    from tests.fakes.common import Stall

    planned(db, [channel], body="Webinar at 15:00", at=AT)
    impatient = Fetcher(FetchLimits(connect_timeout=2, read_timeout=0.5, deadline=5))
    masto.stall = Stall()  # the status is created, its answer held past the read timeout
    [outcome] = due(db, impatient, AT)
    masto.stall.release()
    assert outcome.status == "failed" and "may have reached Mastodon" in outcome.error
    masto.stall = None
    [outcome] = due(db, impatient, AT + timedelta(minutes=2))
    assert outcome.status == "published"
    assert len(masto.statuses) == 1 and len(masto.status_posts()) == 2
    assert outcome.remote_id == masto.statuses[0]["id"]
    impatient.close()


def test_a_recurring_post_publishes_each_occurrence_once(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    post_id = planned(db, [channel], body="Weekly visa Q&A", at=AT,
                      rrule="FREQ=WEEKLY;COUNT=3")
    for week in range(3):
        when = AT + timedelta(weeks=week, minutes=1)
        assert [o.status for o in due(db, fetcher, when)] == ["published"]
        assert due(db, fetcher, when + timedelta(minutes=5)) == []
    assert len(masto.statuses) == 3
    assert get_post(db, post_id)["status"] == "approved"  # it keeps going until its end
    with db.read() as conn:
        occurrences = conn.execute(select(OUTBOX.c.occurrence).order_by(OUTBOX.c.id)).scalars()
        assert list(occurrences) == [(AT + timedelta(weeks=w)).isoformat() for w in range(3)]


def test_a_missed_post_is_reported_once_and_not_sent_by_itself(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    post_id = planned(db, [channel], body="Happy Independence Day", at=AT)
    [outcome] = due(db, fetcher, AT + timedelta(hours=13))
    assert outcome.status == "skipped" and outcome.error.startswith("missed: due at")
    assert f"attache publish post {post_id}" in outcome.error
    assert due(db, fetcher, AT + timedelta(hours=14)) == []
    assert masto.server.requests == []
    [outcome] = publish_post(run(db, fetcher, AT + timedelta(hours=14)), post_id)
    assert outcome.status == "published" and len(masto.statuses) == 1


def test_publish_post_sends_now_and_once(db: Database, fetcher: Fetcher, masto: FakeMastodon,
                                         channel: int) -> None:
    post_id = planned(db, [channel], body="Early", at=AT + timedelta(days=3))
    [first] = publish_post(run(db, fetcher, AT), post_id)
    [again] = publish_post(run(db, fetcher, AT), post_id)
    assert first.status == "published"
    assert (again.status, again.error, again.remote_id) == (
        "skipped", "already published", first.remote_id)
    assert len(masto.statuses) == 1
    assert due(db, fetcher, AT + timedelta(days=3)) == []  # its time comes: nothing more


def test_a_dry_run_sends_nothing_and_shows_what_would_go_out(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    planned(db, [channel], body="Line one\nLine two", at=AT, images=[image()])
    [outcome] = publish_due(run(db, fetcher, AT, dry_run=True))
    assert outcome.status == "would_publish"
    assert outcome.text == "Line one\nLine two"
    assert outcome.images == [{"filename": "flag.png", "alt": "The flags of both countries",
                               "size": len(image().data)}]
    assert masto.server.requests == []
    with db.read() as conn:
        assert conn.execute(select(OUTBOX)).first() is None


def test_channels_that_are_not_own_or_not_publishable_are_skipped_with_the_reason(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    feed = own_source(db, "rss", "https://uz.usembassy.gov/feed/")
    theirs = own_source(db, "mastodon", masto.server.url("/@someone"), own=False)
    post_id = planned(db, [channel, feed, theirs], body="Hello", at=AT)
    outcomes = {o.channel_id: o for o in due(db, fetcher, AT)}
    assert outcomes[channel].status == "published"
    assert outcomes[feed].status == "skipped" and "publishing to rss is not supported" in \
        outcomes[feed].error
    assert outcomes[theirs].status == "skipped" and "not marked as one of the embassy's own" \
        in outcomes[theirs].error
    assert get_post(db, post_id)["status"] == "published"  # every publishable channel has it


def publish_due(r):  # noqa: ANN001, ANN201 - the runner's entry point, named as the CLI's
    from core.publish.runner import publish_due as entry

    return entry(r)


def test_a_plain_retry_after_is_honoured(db: Database, fetcher: Fetcher, masto: FakeMastodon,
                                         channel: int) -> None:
    """A proxy or an older instance says only Retry-After (seconds): the next try waits."""
    from datetime import UTC

    from tests.fakes.common import Scripted

    now = datetime.now(UTC)
    published_for_a_while(db)
    planned(db, [channel], body="Behind a proxy", at=now - timedelta(minutes=1))
    masto.script.append(Scripted(429, {"error": "Too many requests"}, {"Retry-After": "120"}))
    [outcome] = due(db, fetcher, now)
    assert outcome.status == "failed"
    with db.read() as conn:
        retry_at = conn.execute(select(OUTBOX.c.retry_at)).scalar_one()
    assert timedelta(seconds=110) < retry_at - now < timedelta(seconds=130)
    assert due(db, fetcher, now + timedelta(seconds=60)) == []
    [outcome] = due(db, fetcher, retry_at + timedelta(seconds=1))
    assert outcome.status == "published" and len(masto.statuses) == 1


def test_a_repeat_is_safe_only_within_the_key_s_hour_counted_from_the_lost_answer(
        db: Database, masto: FakeMastodon, channel: int, fetcher: Fetcher) -> None:
    """Refusals do not start the hour (nothing was created); a lost answer does, and after
    the hour the send is left for an officer rather than repeated with a forgotten key."""
    from tests.fakes.common import Stall

    planned(db, [channel], body="Hour", at=AT)
    masto.throttle(AT + timedelta(hours=2))
    assert due(db, fetcher, AT)[0].status == "failed"  # refused: nothing created
    impatient = Fetcher(FetchLimits(connect_timeout=2, read_timeout=0.5, deadline=5))
    masto.stall = Stall()
    later = AT + timedelta(hours=2, seconds=1)
    [lost] = due(db, impatient, later)  # two hours after the first attempt: still repeatable
    masto.stall.release()
    masto.stall = None
    impatient.close()
    assert lost.status == "failed" and "may have reached Mastodon" in lost.error
    with db.read() as conn:
        assert conn.execute(select(OUTBOX.c.uncertain_since)).scalar_one() == later
    # The app was closed for an hour and more: the key may be forgotten; no repeat.
    [asked] = due(db, fetcher, later + timedelta(minutes=70))
    assert asked.status == "unconfirmed" and "can no longer recognise a repeat" in asked.error
    assert len(masto.status_posts()) == 2 and len(masto.statuses) == 1


def test_posts_due_before_the_database_published_are_not_sent_by_themselves(
        db: Database, fetcher: Fetcher, masto: FakeMastodon, channel: int) -> None:
    """An upgrade: an approved post due ten minutes before it was posted by hand then; the
    first tick reports it as missed instead of posting it a second time."""
    from datetime import UTC

    from core.publish.runner import publishing_since

    since = publishing_since(db)
    assert since is not None and datetime.now(UTC) - since < timedelta(minutes=5)
    due_at = since - timedelta(minutes=10)
    post_id = planned(db, [channel], body="Posted by hand at 09:00", at=due_at)
    [outcome] = due(db, fetcher, since + timedelta(minutes=1))
    assert outcome.status == "skipped"
    assert outcome.error.startswith(f"missed: due at {due_at.astimezone(TASHKENT).isoformat()}"
                                    ", before this database published")
    assert masto.server.requests == []
    [sent] = publish_post(run(db, fetcher, since + timedelta(minutes=2)), post_id)
    assert sent.status == "published"
