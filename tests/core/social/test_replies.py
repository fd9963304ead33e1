"""The reply store: exactly once per platform id, parents linked, edits in place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.social.base import SocialReply
from core.social.replies import list_replies, reply_json, store_replies
from core.storage.database import Database

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def reply(rid: str, parent: str | None, text: str, likes: int = 0,
          minutes: int = 0) -> SocialReply:
    return SocialReply(rid, "post-1", parent, f"user{rid}", None, f"<p>{text}</p>", text,
                       NOW + timedelta(minutes=minutes), likes, f"https://e.test/r/{rid}")


def test_nested_replies_keep_parents_across_batches(db: Database) -> None:
    source = add_source(db, "https://e.test/own", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("post-1", "https://e.test/p", "Post", None,
                                                    NOW, None, "", "")], NOW)
        # The grandchild arrives before its parent (another page), the parent later.
        first = store_replies(conn, source.id, "mastodon",
                              [reply("a", None, "Rahmat!"), reply("c", "b", "Согласен", 1, 2),
                               reply("a", None, "Rahmat!")], NOW)  # a repeat is one reply
        second = store_replies(conn, source.id, "mastodon", [reply("b", "a", "Qachon?", 0, 1)],
                               NOW)
    assert (first.new, second.new) == (2, 1)
    rows = {r["platform_id"]: r for r in list_replies(db, limit=0)}
    assert rows["a"]["parent_id"] is None
    assert rows["b"]["parent_id"] == rows["a"]["id"]
    assert rows["c"]["parent_id"] == rows["b"]["id"]  # linked once its parent arrived
    assert [r["platform_id"] for r in list_replies(db)] == ["c", "b", "a"]  # newest first
    payload = reply_json(rows["c"])
    assert payload.keys() >= {"id", "item_id", "parent_id", "source_id", "platform",
                              "platform_id", "author", "text", "published", "language", "url",
                              "likes"}
    assert payload["language"] is None and payload["text"] == "Согласен"


def test_edits_update_in_place_and_orphans_are_skipped(db: Database) -> None:
    source = add_source(db, "https://e.test/own", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("post-1", None, "Post", None, NOW, None,
                                                    "", "")], NOW)
        store_replies(conn, source.id, "bluesky", [reply("a", None, "first", likes=1)], NOW)
        edited = store_replies(conn, source.id, "bluesky",
                               [reply("a", None, "first (edited)", likes=5)], NOW)
        same = store_replies(conn, source.id, "bluesky",
                             [reply("a", None, "first (edited)", likes=5)], NOW)
        orphan = SocialReply("z", "no-such-post", None, "u", None, "", "?", NOW)
        skipped = store_replies(conn, source.id, "bluesky", [orphan], NOW)
    assert (edited.new, edited.updated, same.updated, skipped.orphaned) == (0, 1, 0, 1)
    (row,) = list_replies(db)
    assert (row["text"], row["likes"]) == ("first (edited)", 5)
    assert row["updated_at"] is not None


def test_reply_targets_are_recent_posts_newest_first_once() -> None:
    from core.social.base import SyncRequest, reply_targets

    old, mid, new = (NOW - timedelta(days=40), NOW - timedelta(days=3), NOW - timedelta(hours=1))
    request = SyncRequest(url="x", account_id=None, own=True, state={},
                          replies_since=NOW - timedelta(days=30),
                          recent_posts=[("stored-mid", mid), ("fetched-new", new),
                                        ("stored-old", old)])
    fetched = [ParsedEntry("fetched-new", None, "", None, new, None, "", ""),
               ParsedEntry("undated", None, "", None, None, None, "", "")]
    assert reply_targets(request, fetched) == ["fetched-new", "stored-mid"]
    assert reply_targets(request, fetched, undated_are_new=True)[0] == "undated"
