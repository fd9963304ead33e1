"""Publishing on a Facebook Page through the Graph API (tests/fakes/graph.py): text, one photo,
several photos as one post, with alt text; Graph's error codes as what to do; a lost answer
and a duplicate left for an officer to confirm, never sent again by itself."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from core.calendar.posts import get_post
from core.net.fetch import Fetcher, FetchLimits
from core.secrets import SERVICE
from core.storage.database import Database
from tests.fakes.common import Stall
from tests.fakes.graph import ENGAGE, PAGE, PAGE_ID, TOKEN, FakeGraph, graph_error
from tests.feedserver import FeedServer
from tests.publishing import TASHKENT, due, image, own_source, planned

AT = datetime(2026, 12, 10, 9, 0, tzinfo=TASHKENT)


@pytest.fixture
def fb(server: FeedServer, memory_keyring, monkeypatch: pytest.MonkeyPatch) -> FakeGraph:  # noqa: ANN001
    fake = FakeGraph(server)
    monkeypatch.setenv("ATTACHE_GRAPH_API", fake.base)
    monkeypatch.delenv("ATTACHE_GRAPH_VERSION", raising=False)
    memory_keyring.set_password(SERVICE, f"facebook:{PAGE}", TOKEN)
    return fake


@pytest.fixture
def channel(db: Database, fb: FakeGraph) -> int:
    return own_source(db, "facebook", f"https://www.facebook.com/{PAGE}", account_id=PAGE_ID)


def test_a_text_post_goes_to_the_page_feed_once(db: Database, fetcher: Fetcher,
                                                fb: FakeGraph, channel: int) -> None:
    post_id = planned(db, [channel], body="Happy Independence Day, Uzbekistan!", at=AT)
    [outcome] = due(db, fetcher, AT)
    [post] = fb.posts
    assert (outcome.status, outcome.remote_id) == ("published", post["id"])
    assert outcome.url == f"https://www.facebook.com/{PAGE_ID}/posts/{post['id'].split('_')[1]}"
    assert post["message"] == "Happy Independence Day, Uzbekistan!"
    assert get_post(db, post_id)["status"] == "published"
    assert due(db, fetcher, AT + timedelta(minutes=5)) == []
    [write] = fb.writes()
    assert write.path == f"/v21.0/{PAGE_ID}/feed"
    assert write.headers["authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in write.path and b"access_token" not in write.body


def test_one_photo_is_a_photo_post_with_its_caption_and_alt_text(
        db: Database, fetcher: Fetcher, fb: FakeGraph, channel: int) -> None:
    planned(db, [channel], body="Our team at the fair", at=AT,
            images=[image("fair.png", "Five embassy staff at a stand with flags")])
    [outcome] = due(db, fetcher, AT)
    [post] = fb.posts
    assert outcome.remote_id == post["id"] and post["message"] == "Our team at the fair"
    [photo] = post["photos"]
    assert photo["alt_text_custom"] == "Five embassy staff at a stand with flags"
    assert photo["published"] is True


def test_several_photos_are_uploaded_unpublished_then_attached_to_one_post(
        db: Database, fetcher: Fetcher, fb: FakeGraph, channel: int) -> None:
    planned(db, [channel], body="Photo report", at=AT,
            images=[image("a.png", "First"), image("b.png", "Second"), image("c.png", "Third")])
    [outcome] = due(db, fetcher, AT)
    [post] = fb.posts
    assert outcome.status == "published" and outcome.remote_id == post["id"]
    assert [p["alt_text_custom"] for p in post["photos"]] == ["First", "Second", "Third"]
    assert all(not p["published"] for p in post["photos"])
    feed = fb.writes()[-1]
    assert feed.path.endswith("/feed")
    assert b"attached_media%5B0%5D" in feed.body


def test_a_missing_permission_names_it_and_the_secret(
        db: Database, fetcher: Fetcher, server: FeedServer, memory_keyring,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeGraph(server, permissions=("pages_read_engagement", ENGAGE))
    monkeypatch.setenv("ATTACHE_GRAPH_API", fake.base)
    memory_keyring.set_password(SERVICE, f"facebook:{PAGE}", TOKEN)
    source = own_source(db, "facebook", f"https://www.facebook.com/{PAGE}", account_id=PAGE_ID)
    planned(db, [source], body="Hello", at=AT)
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert "lacks the pages_manage_posts and pages_read_engagement permissions" in outcome.error
    assert f"attache secrets set facebook:{PAGE}" in outcome.error


def test_an_expired_token_and_a_missing_one_say_what_to_do(
        db: Database, fetcher: Fetcher, fb: FakeGraph, channel: int, memory_keyring) -> None:  # noqa: ANN001
    planned(db, [channel], body="Hello", at=AT)
    memory_keyring.delete_password(SERVICE, f"facebook:{PAGE}")
    [outcome] = due(db, fetcher, AT)
    assert "needs a Page access token with pages_manage_posts" in outcome.error
    assert f"attache secrets set facebook:{PAGE}" in outcome.error
    assert fb.writes() == []
    memory_keyring.set_password(SERVICE, f"facebook:{PAGE}", "EAAG-expired")
    [outcome] = due(db, fetcher, AT + timedelta(minutes=1))
    assert "the Facebook token has expired or was revoked" in outcome.error
    assert "EAAG-expired" not in outcome.error


def test_a_duplicate_status_is_left_for_an_officer_to_confirm(
        db: Database, fetcher: Fetcher, fb: FakeGraph, channel: int) -> None:
    planned(db, [channel], body="Same words", at=AT - timedelta(minutes=30))
    planned(db, [channel], body="Same words", at=AT)
    first, second = due(db, fetcher, AT)
    assert first.status == "published"
    assert second.status == "unconfirmed" and "duplicate status, code 506" in second.error
    assert due(db, fetcher, AT + timedelta(minutes=10))[0].status == "unconfirmed"
    assert len(fb.posts) == 1 and len(fb.writes()) == 2


def test_a_lost_answer_is_unconfirmed_and_never_sent_again(
        db: Database, fb: FakeGraph, channel: int, fetcher: Fetcher) -> None:
    planned(db, [channel], body="Once", at=AT)
    impatient = Fetcher(FetchLimits(connect_timeout=2, read_timeout=0.5, deadline=5))
    fb.stall = Stall()
    [outcome] = due(db, impatient, AT)
    fb.stall.release()
    fb.stall = None
    impatient.close()
    assert outcome.status == "unconfirmed"
    [again] = due(db, fetcher, AT + timedelta(hours=1))
    assert again.status == "unconfirmed"
    assert len(fb.writes()) == 1 and len(fb.posts) == 1


def test_the_page_request_limit_waits_for_the_time_graph_gives(
        db: Database, fetcher: Fetcher, fb: FakeGraph, channel: int) -> None:
    planned(db, [channel], body="Throttled", at=AT)
    fb.throttle(minutes=15)
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed" and "rate-limiting" in outcome.error
    assert fb.posts == []
    assert due(db, fetcher, AT + timedelta(minutes=5)) == []
    [outcome] = due(db, fetcher, AT + timedelta(minutes=16))
    assert outcome.status == "published" and len(fb.posts) == 1


def test_an_unknown_graph_error_is_uncertain_and_a_plain_refusal_is_failed(
        db: Database, fetcher: Fetcher, fb: FakeGraph, channel: int) -> None:
    planned(db, [channel], body="One", at=AT)
    fb.script.append(graph_error(1, "(#1) An unknown error occurred", 500))
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "unconfirmed"
    planned(db, [channel], body="Two", at=AT + timedelta(hours=1))
    fb.script.append(graph_error(100, "(#100) Invalid parameter"))
    [_, outcome] = due(db, fetcher, AT + timedelta(hours=1))
    assert outcome.status == "failed" and "(#100) Invalid parameter" in outcome.error
    assert json.dumps(outcome.to_json())  # the CLI can print it
