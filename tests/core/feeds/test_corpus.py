"""Every document of feedparser's own test corpus goes through parse and store without a crash.

The corpus (~2,100 small RSS/Atom/CDF/JSON documents, many deliberately broken or hostile) lives
in ``shared/corpora/feedparser-tests``. A ``ParseError`` is an accepted outcome; anything else is
a bug. All stored entries land in one migrated SQLite database, one source per file, so the
per-source guid dedupe cannot hide an entry that failed to store.
"""

from __future__ import annotations

import re
import traceback
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.entries.store import store_entries
from core.feeds.parse import ParseError, parse_feed
from core.feeds.sources import add_source
from core.storage.database import Database
from core.storage.models import Item
from tests.conftest import IN_CI, SHARED

CORPUS = SHARED / "corpora" / "feedparser-tests"
ITEMS = Item.__table__
# Files that contain an item/entry element; every one of them that parses must store something.
HAS_ENTRY = re.compile(rb"<(?:\w+:)?(?:item|entry)\b")
# ~1,190 corpus files carry entries (most of the rest test feed-level fields only), so this is
# a floor that catches "most files silently stored nothing", not a target.
MIN_FILES_WITH_ENTRIES = 1_150


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        reason = f"feedparser test corpus not found at {CORPUS}"
        if IN_CI:
            pytest.fail(f"CI must run the corpus test: {reason}")
        pytest.skip(reason=reason)
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "LICENSE")


def test_whole_corpus_parses_and_stores_without_crashing(db: Database) -> None:
    files = corpus_files()
    assert len(files) > 2_000
    fetched_at = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    crashes: list[str] = []
    parse_errors: list[str] = []
    stored_nothing: list[str] = []
    file_of_source: dict[int, str] = {}
    files_with_entries = 0
    entries_total = 0
    for index, path in enumerate(files):
        name = str(path.relative_to(CORPUS))
        body = path.read_bytes()
        try:
            feed = parse_feed(body, "", f"http://corpus.test/{index}/feed.xml")
        except ParseError as exc:
            parse_errors.append(f"{name}: {exc}")
            continue
        except Exception:  # noqa: BLE001 - collecting every crash, reported below
            crashes.append(f"parse {name}: {traceback.format_exc(limit=3)}")
            continue
        try:
            source = add_source(db, f"http://corpus.test/{index}")
            with db.write() as conn:
                counts = store_entries(conn, source.id, feed.entries, fetched_at)
        except Exception:  # noqa: BLE001
            crashes.append(f"store {name}: {traceback.format_exc(limit=3)}")
            continue
        file_of_source[source.id] = name
        assert counts.new == len(feed.entries), name  # distinct guids, fresh source
        entries_total += counts.new
        if counts.new:
            files_with_entries += 1
        elif HAS_ENTRY.search(body):
            stored_nothing.append(name)

    assert not crashes, f"{len(crashes)} corpus files crashed:\n" + "\n".join(crashes[:30])
    assert not stored_nothing, "files with entries stored none:\n" + "\n".join(stored_nothing)
    assert files_with_entries >= MIN_FILES_WITH_ENTRIES, (files_with_entries, parse_errors[:20])
    # Parse errors are fine one by one, but a parser that rejects everything is not.
    assert len(parse_errors) < 50, parse_errors[:50]

    with db.read() as conn:
        assert conn.execute(select(func.count()).select_from(ITEMS)).scalar_one() == entries_total
        scripted = conn.execute(
            select(ITEMS.c.source_id).distinct().where(
                func.lower(ITEMS.c.content_html).like("%<script%")
                | func.lower(ITEMS.c.content_html).like("%javascript:%")
                | func.lower(ITEMS.c.content_html).like("%<iframe%")
            )
        ).scalars().all()
    unsafe = sorted(file_of_source[source_id] for source_id in scripted)
    assert not unsafe, "stored content_html with script/iframe/javascript:\n" + "\n".join(unsafe)
