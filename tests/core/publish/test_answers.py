"""Answering replies from the inbox: in the thread, on Mastodon, Bluesky and Facebook, once;
stored as the embassy's own reply; the original marked answered; the dashboard measures it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.dashboard import account_ladder
from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.refresh import FeedRefresher
from core.net.fetch import Fetcher
from core.publish import bluesky as bluesky_publisher
from core.publish.answers import answer_reply
from core.publish.runner import Run
from core.secrets import SERVICE
from core.settings import Settings
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.storage.database import Database
from core.storage.models import Reply
from tests.fakes import bluesky as fake_bsky
from tests.fakes import graph as fake_graph
from tests.fakes.bluesky import FakeBluesky
from tests.fakes.graph import FakeGraph
from tests.fakes.mastodon import FakeMastodon
from tests.feedserver import FeedServer
from tests.publishing import TASHKENT, due, own_source, planned

AT = datetime(2026, 12, 10, 9, 0, tzinfo=TASHKENT)
REPLIES = Reply.__table__


def run(db: Database, fetcher: Fetcher, now: datetime = AT + timedelta(hours=2)) -> Run:
    return Run(db, fetcher, Settings(), now, actor="dilnoza")


def reply_row(db: Database, **where: object) -> dict:
    with db.read() as conn:
        query = select(REPLIES)
        for column, value in where.items():
            query = query.where(REPLIES.c[column] == value)
        return dict(conn.execute(query).mappings().one())


@pytest.fixture
def masto(server: FeedServer, memory_keyring) -> FakeMastodon:  # noqa: ANN001
    fake = FakeMastodon(server)
    memory_keyring.set_password(SERVICE, f"mastodon:{fake.host}", fake.token)
    return fake


def test_a_mastodon_reply_is_answered_in_its_thread_once(
        db: Database, fetcher: Fetcher, masto: FakeMastodon) -> None:
    source = own_source(db, "mastodon", masto.profile, account_id="109000000000000001")
    planned(db, [source], body="Visa appointments open on Monday", at=AT)
    [posted] = due(db, fetcher, AT)
    theirs = masto.add_reply(posted.remote_id, "alisher@mastodon.uz",
                             "Will there be slots in Samarkand?")
    FeedRefresher(db, fetcher, clock=lambda: AT + timedelta(hours=1)).refresh(force=True)
    original = reply_row(db, platform_id=theirs["id"])
    text = "Yes: Samarkand slots open on Wednesday."
    outcome = answer_reply(run(db, fetcher), original["id"], text)
    assert outcome.status == "published", outcome.error
    mine = masto.statuses[-1]
    assert mine["in_reply_to_id"] == theirs["id"]
    assert mine["text_sent"] == f"@alisher@mastodon.uz {text}"  # they are told
    assert (outcome.remote_id, outcome.url) == (mine["id"], mine["url"])
    stored = reply_row(db, id=outcome.answer_id)
    assert (stored["own"], stored["parent_id"], stored["item_id"]) == (
        True, original["id"], original["item_id"])
    assert stored["text"] == text
    original = reply_row(db, id=original["id"])
    assert original["answered_by"] == "dilnoza"
    assert original["answered_at"] == AT + timedelta(hours=2)
    # The same answer again sends nothing; the next refresh brings it back without a copy.
    again = answer_reply(run(db, fetcher), original["id"], text)
    assert (again.status, again.error, again.remote_id) == (
        "skipped", "already answered with this text", mine["id"])
    FeedRefresher(db, fetcher, clock=lambda: AT + timedelta(hours=3)).refresh(force=True)
    with db.read() as conn:
        assert conn.execute(select(REPLIES.c.id).where(
            REPLIES.c.platform_id == mine["id"])).scalars().all() == [outcome.answer_id]
    assert reply_row(db, id=outcome.answer_id)["own"] is True
    assert len(masto.status_posts()) == 2  # the post and one answer
    # The public's sentiment counts the public: the embassy's answer is not a reaction.
    from core.sentiment.aggregates import summary

    [per_post] = summary(db, by="item")
    assert per_post["total"] == 1


def test_answers_and_the_dashboard_ladder(db: Database, fetcher: Fetcher,
                                         masto: FakeMastodon) -> None:
    source = own_source(db, "mastodon", masto.profile, account_id="109000000000000001")
    planned(db, [source], body="Fulbright deadline is near", at=AT)
    [posted] = due(db, fetcher, AT)
    asked = [masto.add_reply(posted.remote_id, f"user{n}@mastodon.uz", f"Question {n}?")
             for n in range(4)]
    FeedRefresher(db, fetcher, clock=lambda: AT + timedelta(minutes=30)).refresh(force=True)
    for n, hours in ((0, 1), (1, 3)):
        row = reply_row(db, platform_id=asked[n]["id"])
        published = row["published"]
        answer_reply(run(db, fetcher, published + timedelta(hours=hours)), row["id"],
                     f"Answer {n}")
    [rung] = account_ladder(db, AT + timedelta(days=1))
    assert (rung.replies, rung.answered, rung.answered_share) == (4, 2, 0.5)
    assert rung.median_hours_to_answer == 2.0
    assert rung.replies_per_post == 4.0  # the embassy's answers are not replies to itself


def test_answering_where_it_is_not_supported_says_so(db: Database, fetcher: Fetcher) -> None:
    source = own_source(db, "telegram", "https://t.me/usembassy_uz", account_id="usembassy_uz")
    with db.write() as conn:
        store_entries(conn, source, [ParsedEntry("usembassy_uz/5", None, "Post", None,
                                                 AT, None, "", "")], AT)
        store_replies(conn, source, "telegram", [SocialReply(
            "usembassy_uz/5?comment=9", "usembassy_uz/5", None, "someone", None, "<p>Hi</p>",
            "Hi", AT)], AT)
    reply_id = reply_row(db, platform="telegram")["id"]
    outcome = answer_reply(run(db, fetcher), reply_id, "Hello")
    assert outcome.status == "failed"
    assert "answering on Telegram is not supported (Attaché answers on Mastodon, Bluesky and " \
        "Facebook)" in outcome.error
    with pytest.raises(Exception, match="there is no reply 999"):
        answer_reply(run(db, fetcher), 999, "Hello")
    with pytest.raises(Exception, match="needs some text"):
        answer_reply(run(db, fetcher), reply_id, "   ")


# ---------------------------------------------------------------------------- Bluesky

@pytest.fixture
def bsky(server: FeedServer, memory_keyring, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
         ) -> Iterator[FakeBluesky]:
    bluesky_publisher.forget_sessions()
    fake = FakeBluesky(server)
    monkeypatch.setenv("ATTACHE_BLUESKY_PDS", fake.base)
    monkeypatch.setenv("ATTACHE_BLUESKY_APPVIEW", fake.base)
    memory_keyring.set_password(SERVICE, f"bluesky:{fake_bsky.HANDLE}", fake_bsky.PASSWORD)
    yield fake
    bluesky_publisher.forget_sessions()


def test_a_bluesky_answer_points_at_its_root_and_parent(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky) -> None:
    source = own_source(db, "bluesky", f"https://bsky.app/profile/{fake_bsky.HANDLE}",
                        account_id=fake_bsky.DID)
    planned(db, [source], body="Navruz concert tonight", at=AT)
    [posted] = due(db, fetcher, AT)
    theirs = "at://did:plc:alisher000000000000000000/app.bsky.feed.post/3lalisher00aa"
    bsky.add_other_post(theirs, "Is it free to attend?")
    with db.write() as conn:
        store_entries(conn, source, [ParsedEntry(posted.remote_id, posted.url, "Navruz",
                                                 None, AT, None, "", "")], AT)
        store_replies(conn, source, "bluesky", [SocialReply(
            theirs, posted.remote_id, None, "alisher.bsky.social", "Alisher",
            "<p>Is it free to attend?</p>", "Is it free to attend?",
            AT + timedelta(minutes=20))], AT + timedelta(minutes=30))
    original = reply_row(db, platform_id=theirs)
    outcome = answer_reply(run(db, fetcher), original["id"], "Yes, free — see you there! 🎶")
    assert outcome.status == "published", outcome.error
    rkey = outcome.remote_id.rsplit("/", 1)[1]
    record = bsky.records[rkey]
    assert record["reply"] == {
        "root": {"uri": posted.remote_id, "cid": bsky.cids[posted.remote_id]},
        "parent": {"uri": theirs, "cid": bsky.cids[theirs]}}
    assert record["text"] == "Yes, free — see you there! 🎶"
    assert reply_row(db, id=original["id"])["answered_at"] is not None
    # A lost answer and a retry would write the same key: it is fixed by reply and text.
    again = answer_reply(run(db, fetcher), original["id"], "Yes, free — see you there! 🎶")
    assert again.status == "skipped" and len(bsky.records) == 2


def test_a_bluesky_answer_read_back_is_the_same_own_reply_and_app_answers_count(
        db: Database, fetcher: Fetcher, bsky: FakeBluesky) -> None:
    source = own_source(db, "bluesky", f"https://bsky.app/profile/{fake_bsky.HANDLE}",
                        account_id=fake_bsky.DID)
    planned(db, [source], body="Navruz concert tonight", at=AT)
    [posted] = due(db, fetcher, AT)
    theirs, other = (f"at://did:plc:alisher000000000000000000/app.bsky.feed.post/{k}"
                     for k in ("3lalisher00aa", "3lalisher00bb"))
    for uri, text, minutes in ((theirs, "Is it free to attend?", 20),
                               (other, "Where is it?", 25)):
        bsky.add_other_post(uri, text, parent=posted.remote_id,
                            when=(AT + timedelta(minutes=minutes)).isoformat())
    FeedRefresher(db, fetcher, clock=lambda: AT + timedelta(hours=1)).refresh(force=True)
    original = reply_row(db, platform_id=theirs)
    outcome = answer_reply(run(db, fetcher), original["id"], "Yes, free — see you there!")
    assert outcome.status == "published", outcome.error
    # Then the officer answers the other one in the Bluesky app itself.
    typed_at = AT + timedelta(hours=2, minutes=30)
    typed = bsky.add_own_post("3lappanswer22", {
        "$type": "app.bsky.feed.post", "text": "At the Navoi theatre, 19:00.",
        "createdAt": typed_at.isoformat(),
        "reply": {"parent": {"uri": other, "cid": bsky.cids[other]},
                  "root": {"uri": posted.remote_id, "cid": bsky.cids[posted.remote_id]}}})
    FeedRefresher(db, fetcher, clock=lambda: AT + timedelta(hours=3)).refresh(force=True)

    with db.read() as conn:  # the answer read back is the row stored when it was sent
        assert conn.execute(select(REPLIES.c.id).where(
            REPLIES.c.platform_id == outcome.remote_id)).scalars().all() == [outcome.answer_id]
    mine = reply_row(db, id=outcome.answer_id)
    assert mine["own"] is True and mine["parent_id"] == original["id"]
    assert reply_row(db, id=original["id"])["answered_by"] == "dilnoza"
    in_app = reply_row(db, platform_id=typed)
    assert in_app["own"] is True and in_app["sentiment_label"] is None
    answered = reply_row(db, platform_id=other)
    assert answered["answered_at"] == typed_at and answered["answered_by"] is None
    from core.sentiment.aggregates import summary

    [per_post] = summary(db, by="item")
    assert per_post["total"] == 2  # Alisher's two; the embassy's two answers are not counted
    [rung] = account_ladder(db, AT + timedelta(days=1))
    assert (rung.replies, rung.answered, rung.answered_share) == (2, 2, 1.0)


# ---------------------------------------------------------------------------- Facebook

def _facebook(db: Database, server: FeedServer, memory_keyring, monkeypatch,  # noqa: ANN001
              **fake: object) -> tuple[FakeGraph, int]:
    graph = FakeGraph(server, **fake)  # type: ignore[arg-type]
    monkeypatch.setenv("ATTACHE_GRAPH_API", graph.base)
    memory_keyring.set_password(SERVICE, f"facebook:{fake_graph.PAGE}", fake_graph.TOKEN)
    source = own_source(db, "facebook", f"https://www.facebook.com/{fake_graph.PAGE}",
                        account_id=fake_graph.PAGE_ID)
    post = f"{fake_graph.PAGE_ID}_900000000000011"
    with db.write() as conn:
        store_entries(conn, source, [ParsedEntry(post, None, "Post", None, AT, None, "", "")],
                      AT)
        store_replies(conn, source, "facebook", [SocialReply(
            f"{post.split('_')[1]}_5551", post, None, "Madina", "Madina", "<p>When?</p>",
            "When?", AT)], AT)
    return graph, reply_row(db, platform="facebook")["id"]


def test_a_facebook_comment_is_answered_with_a_comment_reply(
        db: Database, fetcher: Fetcher, server: FeedServer, memory_keyring,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    graph, reply_id = _facebook(db, server, memory_keyring, monkeypatch)
    outcome = answer_reply(run(db, fetcher), reply_id, "On Friday at 10:00.")
    assert outcome.status == "published", outcome.error
    [comment] = graph.comments
    assert {k: comment[k] for k in ("id", "parent", "message")} == {
        "id": outcome.remote_id, "parent": "900000000000011_5551",
        "message": "On Friday at 10:00."}
    assert [w.path for w in graph.writes()] == ["/v21.0/900000000000011_5551/comments"]


def test_a_facebook_answer_read_back_is_the_same_own_comment_and_page_answers_count(
        db: Database, fetcher: Fetcher, server: FeedServer, memory_keyring,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    graph, _ = _facebook(db, server, memory_keyring, monkeypatch)
    post = f"{fake_graph.PAGE_ID}_900000000000011"
    asked = graph.add_comment(post, "Is the visa centre open on Saturday?", "Bekzod",
                              "6100000000000001", AT + timedelta(minutes=5))
    other = graph.add_comment(post, "Rahmat!", "Nodira", "6100000000000002",
                              AT + timedelta(minutes=8))
    FeedRefresher(db, fetcher, clock=lambda: AT + timedelta(hours=1)).refresh(force=True)
    original = reply_row(db, platform_id=asked["id"])
    outcome = answer_reply(run(db, fetcher), original["id"], "No, Monday to Friday.")
    assert outcome.status == "published", outcome.error
    # The Page answers Nodira in Facebook itself, then the next refresh reads both answers.
    page = graph.add_comment(other["id"], "Sizga ham rahmat!", "U.S. Embassy Tashkent",
                             fake_graph.PAGE_ID, AT + timedelta(hours=2, minutes=45))
    FeedRefresher(db, fetcher, clock=lambda: AT + timedelta(hours=3)).refresh(force=True)
    with db.read() as conn:
        assert conn.execute(select(REPLIES.c.id).where(
            REPLIES.c.platform_id == outcome.remote_id)).scalars().all() == [outcome.answer_id]
    mine = reply_row(db, id=outcome.answer_id)
    assert mine["own"] is True and mine["parent_id"] == original["id"]
    assert reply_row(db, id=original["id"])["answered_by"] == "dilnoza"
    typed = reply_row(db, platform_id=page["id"])
    assert typed["own"] is True and typed["parent_id"] == reply_row(
        db, platform_id=other["id"])["id"]
    assert reply_row(db, platform_id=other["id"])["answered_at"] == AT + timedelta(
        hours=2, minutes=45)


def test_a_facebook_token_without_engagement_names_the_permission(
        db: Database, fetcher: Fetcher, server: FeedServer, memory_keyring,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    graph, reply_id = _facebook(db, server, memory_keyring, monkeypatch,
                                permissions=(fake_graph.PUBLISH,))
    outcome = answer_reply(run(db, fetcher), reply_id, "On Friday.")
    assert outcome.status == "failed"
    assert "lacks the pages_manage_engagement permission" in outcome.error
    assert f"attache secrets set facebook:{fake_graph.PAGE}" in outcome.error
    assert graph.comments == []
    assert reply_row(db, id=reply_id)["answered_at"] is None


def test_replies_answer_cli_contract(cli, db: Database, masto: FakeMastodon,  # noqa: ANN001
                                     fetcher: Fetcher) -> None:
    import json

    source = own_source(db, "mastodon", masto.profile, account_id="109000000000000001")
    planned(db, [source], body="Open day", at=AT)
    [posted] = due(db, fetcher, AT)
    theirs = masto.add_reply(posted.remote_id, "guest", "What time?")
    FeedRefresher(db, fetcher, clock=lambda: datetime.now(UTC)).refresh(force=True)
    reply_id = reply_row(db, platform_id=theirs["id"])["id"]
    code, out, err = cli("replies", "answer", str(reply_id), "--text", "From 10:00.", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {"reply_id", "platform", "status", "remote_id", "url", "error"} <= set(data)
    assert (data["reply_id"], data["platform"], data["status"]) == (reply_id, "mastodon",
                                                                    "published")
    assert data["remote_id"] == masto.statuses[-1]["id"]
    code, out, _ = cli("replies", "list", "--json")
    listed = {r["id"]: r for r in json.loads(out)}
    assert listed[reply_id]["answered_at"] and listed[data["answer_id"]]["own"] is True
    code, out, _ = cli("replies", "list")  # the text listing marks the embassy's own
    [line] = [x for x in out.splitlines() if "From 10:00." in x]
    assert line.split()[3] == "EMB"
    code, _, err = cli("replies", "answer", str(reply_id), "--text", "x" * 600)
    assert code == 1 and "too long for Mastodon" in err
