"""The one rule for links Attaché may open, applied where links are stored (issue 16, item 1)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.links import _parsed_link, openable_link, stored_link
from core.social.base import SocialReply
from core.social.fileimport import import_replies_file
from core.social.replies import store_replies
from core.storage.database import Database
from core.storage.models import Item, Reply

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)

# What the adversarial pass fed to "Open reply in browser", and friends.
HOSTILE = [
    "file:///C:/Windows/System32/calc.exe",
    "FILE:///etc/passwd",
    "ms-msdt:/id PCWDiagnostic /skip force /param \"IT_BrowseForFile=calc\"",
    "search-ms:query=invoice&crumb=location:\\\\evil.example\\share",
    "smb://evil.example/share",
    "\\\\evil.example\\share\\x.exe",
    "javascript:alert(1)",
    " JavaScript:alert(document.cookie)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://e.test/f",
    "ssh://root@e.test",
    "tg://resolve?domain=x",
    "http:evil.example",
    "https:///no-host",
    "http://",
    "https://e.test\\@evil.example/",
    "https://good.example\u202e/moc.live",
    "https://e.test/\x00",
    "https://e.test:notaport/",
    "mailto:",
    "mailto:no-at-sign",
    "relative/page.html",
    "//e.test/protocol-relative",
    "https://e.test/" + "a" * 5000,
    "",
    None,
    42,
]
SAFE = [
    "https://e.test/a",
    "http://e.test/b?x=1#frag",
    "HTTPS://E.TEST/CAPS",
    "https://t.me/embassy/123",
    "https://xn--80ak6aa92e.xn--p1ai/путь",
    "mailto:press@e.test",
    "mailto:press@e.test?subject=Hello",
]


@pytest.mark.parametrize("link", HOSTILE)
def test_hostile_links_are_never_openable(link: object) -> None:
    assert openable_link(link) is None
    assert stored_link(link) is None


@pytest.mark.parametrize("link", SAFE)
def test_web_and_mail_links_are_openable(link: str) -> None:
    assert openable_link(link) == link
    assert openable_link(f"  {link}\n") == link  # surrounding blanks from a CSV cell


def test_feed_items_with_unsafe_links_are_stored_without_a_link(db: Database) -> None:
    source = add_source(db, "https://feeds.example/news.xml")
    with db.write() as conn:
        store_entries(conn, source.id, [
            ParsedEntry("bad", "file:///C:/Windows/System32/calc.exe", "Bad", None, NOW, None,
                        "", ""),
            ParsedEntry("good", "https://feeds.example/story", "Good", None, NOW, None, "",
                        ""),
        ], NOW)
    with db.read() as conn:
        urls = dict(conn.execute(select(Item.guid, Item.url)).all())
    assert urls == {"bad": None, "good": "https://feeds.example/story"}

    # An update from the feed is checked as well.
    with db.write() as conn:
        store_entries(conn, source.id, [
            ParsedEntry("good", "ms-msdt:/id PCWDiagnostic", "Good, edited", None, NOW, None,
                        "", "changed")], NOW)
    with db.read() as conn:
        assert conn.execute(select(Item.url).where(Item.guid == "good")).scalar_one() is None


def test_replies_from_a_hostile_instance_are_stored_without_a_link(db: Database) -> None:
    source = add_source(db, "https://mastodon.example/@embassy", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("p1", "https://mastodon.example/p1", "Post",
                                                     None, NOW, None, "", "")], NOW)
        store_replies(conn, source.id, "mastodon", [
            SocialReply("r1", "p1", None, "evil", None, "<p>hi</p>", "hi", NOW,
                        url="smb://evil.example/share"),
            SocialReply("r2", "p1", None, "kind", None, "<p>ok</p>", "ok", NOW,
                        url="https://mastodon.example/@kind/r2"),
        ], NOW)
    with db.read() as conn:
        urls = dict(conn.execute(select(Reply.platform_id, Reply.url)).all())
    assert urls == {"r1": None, "r2": "https://mastodon.example/@kind/r2"}


def test_an_imported_csv_cannot_plant_a_link(db: Database, tmp_path: Path) -> None:
    export = tmp_path / "x.csv"
    export.write_text(
        "Tweet id,Tweet permalink,Tweet text,time,Username,in_reply_to_status_id\n"
        "11,file:///C:/Windows/System32/calc.exe,first,2026-11-03 14:40 +0000,a,100\n"
        "12,ms-msdt:/id PCWDiagnostic,second,2026-11-03 14:41 +0000,b,100\n"
        "13,https://x.com/c/status/13,third,2026-11-03 14:42 +0000,c,100\n",
        encoding="utf-8")
    import_replies_file(db, export, "x")
    with db.read() as conn:
        urls = dict(conn.execute(select(Reply.platform_id, Reply.url)).all())
    assert urls == {"11": None, "12": None, "13": "https://x.com/c/status/13"}


@pytest.mark.parametrize("link", [
    "http://e.test", "https://news.e.test/2026/11/item-1.html?utm=a&b=c#top", "HTTP://E.TEST/",
    "http://./", "https://a-b.e.test/x/[y]/~z", "http://e.test/a\\b", "http://e.test:80/",
    "http://e.test:99999/", "http://user@e.test/", "http://e.test/a b", "https:e.test",
    "http://e.test/\u0444", "http://e.test/\x7f", "https://xn--80ak6aa92e.xn--p1ai/",
])
def test_plain_web_shortcut_agrees_with_the_full_check(link: str) -> None:
    # Most feed links take a shortcut (one regular expression) instead of being parsed.
    assert openable_link(link) == _parsed_link(link)
