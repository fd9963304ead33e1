"""Uzbek in either script: "toshkent" finds "Тошкент" and "ўзбекистон" finds "O‘zbekiston",
in the app's search (``list_items``), in ``attache items list --search`` and in the Listen
page's reply search (``reply_ids``), on SQLite and on PostgreSQL. Spellings follow the 1995
Uzbek Latin alphabet and its Cyrillic counterpart."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.items import list_items
from core.feeds.sources import add_source
from core.storage import migrate
from core.storage.database import Database
from core.uzbek_script import spellings, to_cyrillic, to_latin

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NEWS = {
    "cyr-city": ("Тошкентда янги кутубхона очилди", "Ўзбекистон пойтахтида"),
    "lat-city": ("Toshkent shahrida konsert", "O‘zbekiston Respublikasi madaniyat kuni"),
    "lat-ascii": ("Fulbright dasturi", "O'zbekistonlik talabalar uchun"),
    "cyr-info": ("Элчихона маълумоти", "Виза бўйича янгиликлар"),
    "russian": ("Посольство США в Ташкенте", "объявляет конкурс"),
    "english": ("Fulbright deadline", "apply now"),
}


@pytest.mark.parametrize(("word", "latin", "cyrillic"), [
    ("Тошкент", "toshkent", None), ("ўзбекистон", "o'zbekiston", None),
    ("маълумот", "ma'lumot", None), ("Ереван", "yerevan", None), ("шаҳар", "shahar", None),
    ("toshkent", None, "тошкент"), ("O‘zbekiston", None, "ўзбекистон"),
    ("elchixona", None, "элчихона"), ("ma'lumot", None, "маълумот"), ("g'alaba", None, "ғалаба"),
    ("yangiliklar", None, "янгиликлар"),
])
def test_words_are_spelled_in_the_other_script(word: str, latin: str | None,
                                               cyrillic: str | None) -> None:
    if latin is not None:
        assert to_latin(word) == latin
    if cyrillic is not None:
        assert to_cyrillic(word) == cyrillic


def test_words_uzbek_does_not_write_keep_only_their_own_spelling() -> None:
    assert spellings("Windows") == ["windows"]  # no w in Uzbek Latin
    assert spellings("щука") == ["щука"]
    assert spellings("Toshkent") == ["toshkent", "тошкент"]


def seed(db: Database) -> None:
    source = add_source(db, "https://e.test/feed")
    with db.write() as conn:
        store_entries(conn, source.id, [
            ParsedEntry(guid=guid, url=f"https://e.test/{guid}", title=title, author=None,
                        published=NOW, published_raw=None, content_html=f"<p>{text}</p>",
                        content_text=text)
            for guid, (title, text) in NEWS.items()], NOW)


CASES = [
    ("toshkent", {"cyr-city", "lat-city"}),          # Latin finds Cyrillic (prefix: -da)
    ("Тошкент", {"cyr-city", "lat-city"}),           # and back
    ("o'zbekiston", {"cyr-city", "lat-city", "lat-ascii"}),
    ("ўзбекистон", {"cyr-city", "lat-city", "lat-ascii"}),
    ("Oʻzbekiston", {"cyr-city", "lat-city", "lat-ascii"}),
    ("ma'lumot", {"cyr-info"}),
    ("elchixona", {"cyr-info"}),
    ("toshkent konsert", {"lat-city"}),              # every word must still match
    ("fulbright", {"lat-ascii", "english"}),
    ("посольство", {"russian"}),
    ('"o\'zbekiston', {"cyr-city", "lat-city", "lat-ascii"}),  # a stray quote breaks nothing
]


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path) -> Iterator[Database]:  # noqa: ANN001
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'search.db'}"
    else:
        request.applymarker(pytest.mark.postgres)
        url = request.getfixturevalue("pg_url")
    db = Database(url)
    migrate.ensure_schema(db)
    seed(db)
    yield db
    db.dispose()


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_search_finds_either_script(database: Database, query: str, expected: set[str]) -> None:
    assert {r["guid"] for r in list_items(database, search=query)} == expected


def test_items_list_search_on_the_command_line(database: Database,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import run

    url = database.engine.url.render_as_string(hide_password=False)
    for query, expected in (("toshkent", {"cyr-city", "lat-city"}),
                            ("ўзбекистон", {"cyr-city", "lat-city", "lat-ascii"})):
        capsys.readouterr()
        assert run(["items", "list", "--search", query, "--json", "--db", url]) == 0
        assert {row["guid"] for row in json.loads(capsys.readouterr().out)} == expected


REPLIES = {
    "cyr-thanks": "Раҳмат, жуда фойдали маълумот!",
    "lat-thanks": "Rahmat, juda foydali ma’lumot bo‘ldi",
    "lat-country": "Oʻzbekistonda ham shunday bo'lsin",
    "cyr-country": "Ўзбекистон учун катта иш",
    "russian": "Спасибо, Ташкент ждёт!",
}


@pytest.mark.parametrize(("query", "expected"), [
    ("rahmat", {"cyr-thanks", "lat-thanks"}),
    ("РАҲМАТ", {"cyr-thanks", "lat-thanks"}),
    ("ma'lumot", {"cyr-thanks", "lat-thanks"}),        # any apostrophe, either script
    ("ўзбекистон", {"lat-country", "cyr-country"}),
    ("o‘zbekiston", {"lat-country", "cyr-country"}),
    ("rahmat foydali", {"cyr-thanks", "lat-thanks"}),  # every word, each in either script
    ("rahmat иш", set()),
    ("спасибо", {"russian"}),
])
def test_reply_search_finds_either_script(database: Database, query: str,
                                          expected: set[str]) -> None:
    from core.social.replies import replies_by_ids, reply_ids
    from tests.core.sentiment.test_sentiment import seed as seed_replies

    seed_replies(database, {"post": list(REPLIES.values())})
    by_text = {text: key for key, text in REPLIES.items()}
    found = replies_by_ids(database, reply_ids(database, search=query))
    assert {by_text[row["text"]] for row in found.values()} == expected
