"""Publishing on Bluesky against the loopback PDS in tests/fakes/bluesky.py: app-password
sessions kept in memory and refreshed, facets at UTF-8 byte offsets, images with alt text,
and the deterministic record key that makes a repeat impossible."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete

from core.calendar.posts import PostFields, get_post, update_post
from core.net.fetch import Fetcher, FetchLimits
from core.publish import bluesky
from core.publish.bluesky import tid_for
from core.publish.facets import detect, facets
from core.secrets import SERVICE
from core.storage.database import Database
from core.storage.models import Outbox
from tests.fakes.bluesky import DID, HANDLE, PASSWORD, FakeBluesky, tid_time, valid_tid
from tests.fakes.common import Scripted, Stall
from tests.feedserver import FeedServer
from tests.publishing import APPROVER, TASHKENT, due, image, own_source, planned

AT = datetime(2026, 12, 10, 9, 0, tzinfo=TASHKENT)


@pytest.fixture(autouse=True)
def no_sessions() -> Iterator[None]:
    bluesky.forget_sessions()
    yield
    bluesky.forget_sessions()


@pytest.fixture
def bsky(server: FeedServer, memory_keyring, monkeypatch: pytest.MonkeyPatch) -> FakeBluesky:  # noqa: ANN001
    fake = FakeBluesky(server)
    monkeypatch.setenv("ATTACHE_BLUESKY_PDS", fake.base)
    monkeypatch.setenv("ATTACHE_BLUESKY_APPVIEW", fake.base)
    memory_keyring.set_password(SERVICE, f"bluesky:{HANDLE}", PASSWORD)
    return fake


@pytest.fixture
def channel(db: Database, bsky: FakeBluesky) -> int:
    return own_source(db, "bluesky", f"https://bsky.app/profile/{HANDLE}", account_id=DID)


def only_record(fake: FakeBluesky) -> tuple[str, dict]:
    [(rkey, record)] = fake.records.items()
    return rkey, record


def test_a_post_is_created_once_under_a_record_key_of_its_own(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky, channel: int) -> None:
    post_id = planned(db, [channel], body="Happy Human Rights Day!", at=AT, language="en")
    [outcome] = due(db, fetcher, AT)
    rkey, record = only_record(bsky)
    assert valid_tid(rkey)
    assert outcome.status == "published"
    assert outcome.remote_id == f"at://{DID}/app.bsky.feed.post/{rkey}"
    assert outcome.url == f"https://bsky.app/profile/{HANDLE}/post/{rkey}"
    assert record["text"] == "Happy Human Rights Day!" and record["langs"] == ["en"]
    assert record["$type"] == "app.bsky.feed.post" and record["createdAt"].endswith("Z")
    assert get_post(db, post_id)["status"] == "published"
    assert due(db, fetcher, AT + timedelta(minutes=1)) == []
    assert len(bsky.creates()) == 1 and bsky.logins == 1


def test_the_record_key_is_a_tid_fixed_by_the_post_occurrence_and_channel() -> None:
    anchor = datetime(2026, 11, 30, 8, 15, 42, tzinfo=UTC)
    keys = {tid_for(f"post:uid-1@attache::{channel}", anchor) for channel in range(50)}
    assert len(keys) == 50 and all(valid_tid(k) for k in keys)
    assert tid_for("post:uid-1@attache::3", anchor) == tid_for("post:uid-1@attache::3", anchor)
    # Its time is the anchor's second (the post's creation): never in the future.
    for key in keys:
        assert anchor <= tid_time(key) < anchor + timedelta(seconds=1)


def test_a_lost_answer_is_looked_up_and_not_created_again(
        db: Database, bsky: FakeBluesky, channel: int) -> None:
    planned(db, [channel], body="Webinar today", at=AT)
    impatient = Fetcher(FetchLimits(connect_timeout=2, read_timeout=0.5, deadline=5))
    bsky.stall = Stall()
    [first] = due(db, impatient, AT)
    bsky.stall.release()
    bsky.stall = None
    assert first.status == "failed" and "may have reached Bluesky" in first.error
    [second] = due(db, impatient, AT + timedelta(minutes=2))
    rkey, _ = only_record(bsky)
    assert second.status == "published"
    assert second.remote_id == f"at://{DID}/app.bsky.feed.post/{rkey}"
    assert len(bsky.creates()) == 1  # looked up (getRecord), found, not created again
    assert bsky.server.hits("/xrpc/com.atproto.repo.getRecord")
    impatient.close()


def test_a_duplicate_the_pds_refuses_with_a_500_is_recognised_as_published(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky, channel: int) -> None:
    """The PDS wrote the record but a gateway lost the answer (502); a second attempt then
    meets the reference PDS's 500 for an existing key. Both end as one post."""
    post_id = planned(db, [channel], body="Visa Q&A", at=AT)
    bsky.gateway_error = 502
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "published"  # a 502 made it look first: the record was there
    assert len(bsky.records) == 1 and len(bsky.creates()) == 1
    bsky.gateway_error = None
    # Even a sender without the ledger's memory (a restored backup) cannot post it twice:
    # the same record key meets the PDS's refusal (a 500 today), and the post is found.
    with db.write() as conn:
        conn.execute(delete(Outbox.__table__))
    update_post(db, post_id, PostFields(status="approved"), policy=APPROVER)
    [again] = due(db, fetcher, AT + timedelta(minutes=1))
    assert (again.status, again.remote_id) == ("published", outcome.remote_id)
    assert len(bsky.records) == 1 and len(bsky.creates()) == 2


def test_facets_mark_links_tags_and_mentions_at_utf8_byte_offsets(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky, channel: int) -> None:
    text = ("Поздравляем с праздником 🎉🇺🇿 #Навруз! Подробности: "
            "https://uz.usembassy.gov/ru/navruz (спасибо @alisher.bsky.social, "
            "@nobody.bsky.social) #2026 #NavruzMuborak👍🏽")
    planned(db, [channel], body=text, at=AT)
    due(db, fetcher, AT)
    _, record = only_record(bsky)
    data = record["text"].encode("utf-8")
    found = [(data[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode("utf-8"),
              f["features"][0]) for f in record["facets"]]
    assert found == [
        ("#Навруз", {"$type": "app.bsky.richtext.facet#tag", "tag": "Навруз"}),
        ("https://uz.usembassy.gov/ru/navruz",
         {"$type": "app.bsky.richtext.facet#link", "uri": "https://uz.usembassy.gov/ru/navruz"}),
        ("@alisher.bsky.social", {"$type": "app.bsky.richtext.facet#mention",
                                  "did": "did:plc:alisher000000000000000000"}),
        ("#NavruzMuborak👍🏽", {"$type": "app.bsky.richtext.facet#tag",
                               "tag": "NavruzMuborak👍🏽"}),
    ]
    # The offsets are bytes, not characters: the tag starts after 22 Cyrillic letters
    # (2 bytes each), spaces and two emoji sequences (4 + 8 bytes).
    tag = record["facets"][0]["index"]
    assert tag["byteStart"] == len("Поздравляем с праздником 🎉🇺🇿 ".encode()) == 60
    assert tag["byteStart"] != len("Поздравляем с праздником 🎉🇺🇿 ")


def test_facet_detection_follows_the_official_rules() -> None:
    def found(text: str) -> list[tuple[str, str]]:
        data = text.encode("utf-8")
        return [(f.kind.rsplit("#", 1)[1], data[f.start:f.end].decode()) for f in detect(text)]

    assert found("see example.com/a, and https://x.org/b_(c).") == [
        ("link", "example.com/a"), ("link", "https://x.org/b_(c)")]
    assert found("(https://uz.usembassy.gov)") == [("link", "https://uz.usembassy.gov")]
    assert found("e.g. this, i.e. that; file.txt") == []
    assert found("#1 #12345 #ok1 #a.b. #Ўзбекистон, ＃fullwidth") == [
        ("tag", "#ok1"), ("tag", "#a.b"), ("tag", "#Ўзбекистон"), ("tag", "＃fullwidth")]
    assert found("mail me: user@example.com") == []  # not a mention: @ inside a word
    long_tag = "#" + "a" * 65
    assert found(long_tag) == [] and len(found("#" + "a" * 64)) == 1
    assert facets("hi @ghost.bsky.social", lambda handle: None) == []


def test_images_are_uploaded_as_blobs_with_their_alt_text(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky, channel: int) -> None:
    pictures = [image("one.png", "Ambassador at the Navruz fair"), image("two.png", "Sumalak")]
    planned(db, [channel], body="Navruz fair", at=AT, images=pictures)
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "published"
    _, record = only_record(bsky)
    embed = record["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    assert [i["alt"] for i in embed["images"]] == ["Ambassador at the Navruz fair", "Sumalak"]
    uploads = bsky.server.hits("/xrpc/com.atproto.repo.uploadBlob")
    assert [u.body for u in uploads] == [p.data for p in pictures]
    assert [u.headers["content-type"] for u in uploads] == ["image/png", "image/png"]


def test_an_image_over_bluesky_s_limit_is_refused_before_anything_is_sent(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky, channel: int) -> None:
    planned(db, [channel], body="Big", at=AT, images=[image(padding=1_000_100)])
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert "Bluesky accepts at most 977 KB per image" in outcome.error
    assert bsky.server.requests == []


def test_text_over_300_graphemes_is_refused_before_sending(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky, channel: int) -> None:
    planned(db, [channel], body="👍🏽" * 301, at=AT)  # 602 code points, 301 graphemes
    [outcome] = due(db, fetcher, AT)
    assert "too long for Bluesky: 301 of 300" in outcome.error
    assert bsky.server.requests == []
    planned(db, [channel], body="👍🏽" * 300, at=AT)  # 300 graphemes fit
    assert [o.status for o in due(db, fetcher, AT + timedelta(hours=1))] == ["failed",
                                                                          "published"]


def test_the_session_is_reused_refreshed_when_expired_and_never_written_to_a_file(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky, channel: int, tmp_path: Path) -> None:
    planned(db, [channel], body="First", at=AT)
    planned(db, [channel], body="Second", at=AT + timedelta(minutes=5))
    due(db, fetcher, AT)
    bsky.expire_tokens()
    due(db, fetcher, AT + timedelta(minutes=5))
    assert len(bsky.records) == 2
    assert bsky.logins == 1  # one login; the second post renewed the access token
    assert bsky.server.hits("/xrpc/com.atproto.server.refreshSession")
    tokens = [t.encode() for t in (*bsky.access, *bsky.refresh, PASSWORD)]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(token in content for token in tokens), path


def test_a_wrong_app_password_names_the_secret(db: Database, fetcher: Fetcher,
                                               bsky: FakeBluesky, channel: int,
                                               memory_keyring) -> None:  # noqa: ANN001
    memory_keyring.set_password(SERVICE, f"bluesky:{HANDLE}", "wrong-password")
    planned(db, [channel], body="Hello", at=AT)
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert "refused the app password" in outcome.error
    assert f"attache secrets set bluesky:{HANDLE}" in outcome.error
    assert bsky.records == {}


def test_a_missing_app_password_names_the_secret(db: Database, fetcher: Fetcher,
                                                 server: FeedServer, memory_keyring,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ATTACHE_BLUESKY_PDS", server.url(""))
    source = own_source(db, "bluesky", f"https://bsky.app/profile/{HANDLE}", account_id=DID)
    planned(db, [source], body="Hello", at=AT)
    [outcome] = due(db, fetcher, AT)
    assert f"needs an app password for {HANDLE}" in outcome.error
    assert f"attache secrets set bluesky:{HANDLE}" in outcome.error
    assert server.requests == []


def test_a_rate_limit_waits_for_ratelimit_reset(db: Database, fetcher: Fetcher,
                                               bsky: FakeBluesky, channel: int) -> None:
    planned(db, [channel], body="Later", at=AT)
    reset = AT + timedelta(minutes=20)
    bsky.throttle(int(reset.timestamp()))
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed" and "rate-limiting" in outcome.error
    assert due(db, fetcher, AT + timedelta(minutes=10)) == []
    [outcome] = due(db, fetcher, reset + timedelta(seconds=1))
    assert outcome.status == "published" and len(bsky.records) == 1


def test_an_invalid_record_is_reported_with_the_pds_s_words(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky, channel: int) -> None:
    planned(db, [channel], body="Refused", at=AT)
    bsky.script.append(Scripted(400, {"error": "InvalidRequest",
                                      "message": "Invalid app.bsky.feed.post record: bad"}))
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert "InvalidRequest: Invalid app.bsky.feed.post record: bad" in outcome.error
