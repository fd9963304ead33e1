"""Issue 16 item 10: text PostgreSQL cannot hold (NUL) or no database can (lone surrogates)
never fails a feed, an import or a post; it is cleaned the same way on both databases, and an
error stored on a source is one readable sentence, never SQL.

The hostile inputs are what real peers send: JSON escapes ``\\u0000`` and ``\\ud800`` are valid
JSON (RFC 8259 §7 allows any code unit), so a JSON Feed or an API answer can carry them, and
Python's csv module reads NUL bytes in a cell.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.calendar.posts import PostFields, create_post, list_posts
from core.feeds.items import list_items
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import add_source, get_source, list_sources
from core.net.fetch import Fetcher
from core.social.base import SocialReply
from core.social.fileimport import import_replies_file
from core.social.replies import store_replies
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.text import REPLACEMENT, clean_parameters, storable
from tests.feedserver import FeedServer

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
HOSTILE_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Press\u0000 office",
    "items": [
        {"id": "nul-\u0000-1", "title": "Visa\u0000 news", "url": "https://e.test/1",
         "content_html": "<p>before\u0000after</p>", "date_published": "2026-11-30T10:00:00Z"},
        {"id": "lone-\ud800-2", "title": "Broken \udc00 emoji", "url": "https://e.test/2",
         "content_text": "half a pair", "date_published": "2026-11-30T11:00:00Z"},
        {"id": "plain-3", "title": "Nothing odd", "url": "https://e.test/3",
         "content_text": "ordinary", "date_published": "2026-11-30T12:00:00Z"},
    ],
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    url = (f"sqlite:///{tmp_path / 'text.db'}" if request.param == "sqlite"
           else request.getfixturevalue("pg_url"))
    database = Database(url)
    ensure_schema(database)
    yield database
    database.dispose()


def _no_bad_text(value: object) -> bool:
    return "\x00" not in str(value) and not any(0xD800 <= ord(c) <= 0xDFFF for c in str(value))


def test_storable_removes_nul_and_replaces_lone_surrogates() -> None:
    clean = "Ташкент — ok"
    assert storable(clean) is clean
    assert storable("a\x00b\x00") == "ab"
    assert storable("x\ud800y") == f"x{REPLACEMENT}y"
    row = {"a": "fine", "b": 3}
    assert clean_parameters(row, False) is row
    assert clean_parameters([("a\x00",), ("b",)], True) == [("a",), ("b",)]


def test_an_executemany_insert_returning_ids_is_cleaned_too(any_db: Database) -> None:
    """SQLAlchemy sends an executemany INSERT … RETURNING (and every executemany INSERT on
    PostgreSQL) as batches of one flat row each, still flagged executemany: the hook took the
    flat row for a list of rows and cleaned nothing — SQLite stored the NUL, PostgreSQL
    refused the whole statement."""
    from sqlalchemy import insert, select

    from core.storage.models import Campaign

    table = Campaign.__table__
    rows = [{"name": f"Campaign\x00 {n}\ud800", "hashtags": "[]", "created_at": NOW}
            for n in range(3)]
    with any_db.write() as conn:
        ids = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                           rows).scalars().all()
        conn.execute(insert(table), [{**row, "name": row["name"] + " again"} for row in rows])
    assert len(ids) == 3
    with any_db.read() as conn:
        names = sorted(conn.execute(select(table.c.name)).scalars())
    assert names == sorted([f"Campaign {n}{REPLACEMENT}" for n in range(3)]
                           + [f"Campaign {n}{REPLACEMENT} again" for n in range(3)])
    assert clean_parameters({"a": "x\x00"}, True) == {"a": "x"}
    assert clean_parameters(("x\x00", 1), True) == ("x", 1)


def test_a_hostile_json_feed_is_stored_and_refreshed_again(any_db: Database, server: FeedServer,
                                                         fetcher: Fetcher) -> None:
    body = json.dumps(HOSTILE_FEED).encode()  # ensure_ascii: \u0000 and \ud800 escapes
    assert b"\\u0000" in body and b"\\ud800" in body
    url = server.static("/hostile.json", body, content_type="application/feed+json")
    source = add_source(any_db, url)
    refresher = FeedRefresher(any_db, fetcher)
    (first,) = refresher.refresh()
    assert (first.status, first.new_items, first.error) == ("ok", 3, None)
    rows = list_items(any_db, source_id=source.id, limit=0)
    assert sorted(r["title"] for r in rows) == [f"Broken {REPLACEMENT} emoji", "Nothing odd",
                                                "Visa news"]
    assert all(_no_bad_text(r[key]) for r in rows for key in r)
    assert list_items(any_db, search="beforeafter")  # the search index has the clean text
    # Refreshing again finds the same items (the cleaned guids match), adds and breaks nothing.
    (again,) = refresher.refresh(force=True)
    assert (again.status, again.new_items, again.updated_items) == ("ok", 0, 0)
    assert get_source(any_db, source.id).title == "Press office"


def test_replies_with_nul_and_lone_surrogates_are_stored(any_db: Database) -> None:
    source = add_source(any_db, "https://mastodon.example/@embassy", own=True)
    from core.entries.entry import ParsedEntry
    from core.entries.store import store_entries

    replies = [SocialReply("r\x001", "post-1", None, "troll\x00", "Tr\udc00oll",
                           "<p>hi\x00</p>", "hi\x00 there", NOW),
               SocialReply("r2", "post-1", "r\x001", "u2", None, "<p>ok</p>", "ok", NOW)]
    with any_db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("post-1", None, "Post", None, NOW, None,
                                                    "", "")], NOW)
        first = store_replies(conn, source.id, "mastodon", replies, NOW)
    with any_db.write() as conn:
        again = store_replies(conn, source.id, "mastodon", replies, NOW)
    assert (first.new, again.new) == (2, 0)
    with any_db.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT platform_id, author_handle, author_name, text, parent_id FROM reply "
            "ORDER BY platform_id").all()
    assert [tuple(r[:4]) for r in rows] == [("r1", "troll", f"Tr{REPLACEMENT}oll", "hi there"),
                                            ("r2", "u2", None, "ok")]
    assert rows[1][4] is not None  # the reply to "r\x001" found its parent


def test_a_csv_import_with_nul_cells_imports(any_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"Tweet id,Conversation id,Username,Text,created_at\n"
                     b"101,900,alice\x00,Thanks\x00 for the visa news,2026-11-03T14:22:05Z\n"
                     b"102,900,bob,Plain,2026-11-03T14:25:00Z\n")
    summary = import_replies_file(any_db, path, "x")
    assert summary.replies_created == 2
    with any_db.read() as conn:
        texts = sorted(conn.exec_driver_sql("SELECT author_handle, text FROM reply").all())
    assert texts == [("alice", "Thanks for the visa news"), ("bob", "Plain")]


def test_sources_and_posts_with_nul_are_stored(any_db: Database) -> None:
    add_source(any_db, "https://e.test/feed.xml", name="Emb\x00assy", category="N\x00ews")
    (source,) = list_sources(any_db)
    assert (source["title"], source["category"]) == ("Embassy", "News")
    create_post(any_db, PostFields(title="Human\x00 Rights Day", body="b\x00ody\ud800",
                                   at=NOW, tz="UTC"))
    (post,) = list_posts(any_db)
    assert (post["title"], post["body"]) == ("Human Rights Day", f"body{REPLACEMENT}")


def test_an_error_stored_on_a_source_is_one_sentence_not_sql(db: Database, server: FeedServer,
                                                             fetcher: Fetcher) -> None:
    """Any failure while storing (here a trigger refusing every item) is recorded on the source
    as one sentence: never the statement, the fetched data or SQLAlchemy's link."""
    with db.write() as conn:
        conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON item "
                             "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END")
    url = server.static("/feed.json", json.dumps(HOSTILE_FEED).encode(),
                        content_type="application/feed+json")
    source = add_source(db, url)
    (result,) = FeedRefresher(db, fetcher).refresh()
    stored = get_source(db, source.id)
    assert result.status == "error" and stored.status == "error"
    assert stored.error == result.error
    for leak in ("INSERT", "SELECT", "sqlalche.me", "Visa", "[SQL", "\n", "refused by"):
        assert leak not in stored.error
    assert stored.error.startswith("could not store what was fetched (IntegrityError)")
