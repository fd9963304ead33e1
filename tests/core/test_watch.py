"""Watch terms: matching rules, hits on arrival and over history, per-day counts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.errors import KnownError, NotFoundError
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import add_source
from core.net.fetch import Fetcher
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.storage.database import Database
from core.watch import (
    add_term,
    compile_term,
    hits_per_day,
    list_hits,
    list_terms,
    normalise,
    remove_term,
)
from tests.feedserver import FeedServer

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("term", "text", "expected"), [
    ("#Fulbright", "Apply now #Fulbright!", True),
    ("#Fulbright", "Congratulations #Fulbrighter", False),  # whole-token hashtags
    ("#fulbright", "#FULBRIGHT 2027", True),
    ("#ThinkBeforeYouShare", "x#ThinkBeforeYouShare", False),
    ("@usembassy", "thanks @usembassy.", True),
    ("@usembassy", "thanks @usembassytashkent", False),
    ("visa", "Visa wait times", True),
    ("visa", "visas", False),
    ("виз*", "выдача визы", True),  # prefix for inflected words
    ("Посольство", "ПОСОЛЬСТВО США", True),  # Cyrillic case-insensitive
    ("O'zbekiston", "Oʻzbekiston yangiliklari", True),  # apostrophe variants are one
    ("US Embassy", "the US\n Embassy in Tashkent", True),  # phrases across whitespace
    ("US Embassy", "US Embassyroom", False),
])
def test_matching_rules(term: str, text: str, expected: bool) -> None:
    assert bool(compile_term(term).search(normalise(text))) is expected


def entry(guid: str, title: str, text: str = "") -> ParsedEntry:
    return ParsedEntry(guid=guid, url=f"https://e.test/{guid}", title=title, author=None,
                       published=NOW, published_raw=None, content_html="", content_text=text)


def test_adding_a_term_matches_history_and_new_arrivals(db: Database) -> None:
    source = add_source(db, "https://e.test/own", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [entry("p1", "Fulbright 2027 is open", "#Fulbright")],
                      NOW)
        store_replies(conn, source.id, "feed", [SocialReply(
            "r1", "p1", None, "aziz", "Aziz", "", "Qachon #fulbright natijalari?", NOW)], NOW)
    term_id, found = add_term(db, "#Fulbright")
    assert found == 2  # the post and the reply already stored
    with pytest.raises(KnownError, match="already watching"):
        add_term(db, "#fulbright")
    hits = list_hits(db, term_id=term_id)
    assert {(h["kind"], h["title_or_text"][:8]) for h in hits} == {
        ("item", "Fulbrigh"), ("reply", "Qachon #")}
    assert hits[0].keys() >= {"term", "kind", "id", "title_or_text", "published"}
    (listed,) = list_terms(db)
    assert (listed["term"], listed["kind"], listed["hits"]) == ("#Fulbright", "hashtag", 2)
    assert hits_per_day(db) == [{"term_id": term_id, "day": "2026-11-20", "hits": 2}]
    remove_term(db, term_id)
    assert list_hits(db) == [] and list_terms(db) == []
    with pytest.raises(NotFoundError):
        remove_term(db, term_id)


def test_refresh_records_hits_for_new_and_changed_items(db: Database, server: FeedServer,
                                                        fetcher: Fetcher) -> None:
    url = server.static("/feed.xml", "rss2.xml")
    add_source(db, url)
    term_id, found = add_term(db, "O'zbekiston")
    assert found == 0
    FeedRefresher(db, fetcher).refresh()
    hits = list_hits(db, term_id=term_id)
    assert len(hits) == 1 and "zbekiston" in hits[0]["title_or_text"]
    FeedRefresher(db, fetcher).refresh(force=True)
    assert len(list_hits(db, term_id=term_id)) == 1  # counted once, not per refresh
