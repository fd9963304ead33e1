"""Team mode: the same code against a real PostgreSQL server (ATTACHE_TEST_PG_URL).

Skips locally without a server; CI starts one and fails these tests if it is unreachable.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.errors import DatabaseTooNewError
from core.feeds.items import list_items, mark_items
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import add_source, list_sources, remove_source
from core.net.fetch import Fetcher
from core.storage import migrate
from core.storage.backup import backup_database
from core.storage.check import check_database
from core.storage.database import Database
from desktop.cli import run
from tests.feedserver import FeedServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(pg_url: str) -> Database:
    database = Database(pg_url)
    migrate.ensure_schema(database)
    yield database
    database.dispose()


def test_migrations_create_the_schema_and_refuse_newer(pg: Database) -> None:
    assert migrate.schema_state(pg).up_to_date
    assert check_database(pg)["ok"]
    with pg.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff99'")
    with pytest.raises(DatabaseTooNewError):
        migrate.ensure_schema(pg)


def test_refresh_dedupe_update_and_search(pg: Database, server: FeedServer,
                                          fetcher: Fetcher) -> None:
    url = server.static("/feed.xml", "rss2.xml", etag='"v1"')
    cyr = server.static("/cp1251.xml", "cp1251.xml")
    source = add_source(pg, url)
    add_source(pg, cyr)
    refresher = FeedRefresher(pg, fetcher)
    first = refresher.refresh()
    assert sorted(r.new_items for r in first) == [3, 5]
    item = next(r for r in list_items(pg, source_id=source.id) if "002" in r["guid"])
    mark_items(pg, [item["id"]], "star")

    server.static("/feed.xml", "rss2_updated.xml", etag='"v2"')
    (again,) = refresher.refresh([source.id], force=True)
    assert (again.new_items, again.updated_items) == (1, 1)
    rows = list_items(pg, source_id=source.id, limit=0)
    assert len(rows) == 6
    updated = next(r for r in rows if r["id"] == item["id"])
    assert updated["starred"] and "UPDATED" in updated["content_text"]
    assert all(r["published"].tzinfo is not None for r in rows)

    assert {r["guid"] for r in list_items(pg, search="o'zbekiston")} == {
        r["guid"] for r in rows if "zbekiston" in r["title"]}
    assert len(list_items(pg, search="ПОСОЛЬСТВО")) >= 1  # case-insensitive Cyrillic
    assert list_items(pg, search='"broken query') == []

    assert {r["item_count"] for r in list_sources(pg)} == {3, 6}
    remove_source(pg, source.id)
    assert len(list_items(pg, limit=0)) == 3


def test_backup_with_pg_dump(pg: Database, tmp_path: Path) -> None:
    add_source(pg, "https://e.test/feed")
    target = backup_database(pg, tmp_path / "team.dump")
    assert target.stat().st_size > 0
    assert target.read_bytes().startswith(b"PGDMP")


def test_cli_against_postgres(pg_url: str, server: FeedServer, capsys) -> None:
    url = server.static("/feed.xml", "atom.xml", content_type="application/atom+xml")
    assert run(["sources", "add", url, "--db", pg_url]) == 0
    assert run(["refresh", "--db", pg_url, "--json"]) == 0
    assert run(["items", "list", "--db", pg_url, "--json", "--since",
                datetime(2000, 1, 1, tzinfo=UTC).isoformat()]) == 0
    out = capsys.readouterr().out
    assert '"new_items": 4' in out


def test_two_officers_editing_one_post_on_postgres(pg_url: str, pg: Database) -> None:
    """Team mode: two app instances on one server; the second stale save is refused."""
    from datetime import date

    from core.calendar.posts import ConflictError, PostFields, create_post, get_post, update_post

    post_id = create_post(pg, PostFields(title="Nowruz greeting", day=date(2027, 3, 21),
                                         body="Navro'z muborak!"))
    alice, bob = Database(pg_url), Database(pg_url)
    try:
        seen_by_alice = get_post(alice, post_id)["version"]
        seen_by_bob = get_post(bob, post_id)["version"]
        update_post(alice, post_id, PostFields(status="review"), expect_version=seen_by_alice)
        with pytest.raises(ConflictError) as conflict:
            update_post(bob, post_id, PostFields(body="Bob's version"),
                        expect_version=seen_by_bob)
        assert set(conflict.value.changed) == {"status"}
        assert get_post(pg, post_id)["body"] == "Navro'z muborak!"
        assert get_post(pg, post_id)["version"] == 2
    finally:
        alice.dispose()
        bob.dispose()


def test_other_programs_calendars_and_sheets_import_on_postgres(pg: Database,
                                                                 tmp_path) -> None:  # noqa: ANN001
    """Overrides (exdates column), skipped events and one-transaction writes on the server."""
    from pathlib import Path

    from core.calendar.icsimport import import_ics
    from core.calendar.posts import list_posts
    from core.calendar.tables import import_table

    fixtures = Path(__file__).resolve().parent / "fixtures"
    report = import_ics(pg, (fixtures / "calendar" / "google_overrides.ics").read_bytes(),
                        default_tz="UTC")
    assert report.created == 4
    series = next(p for p in list_posts(pg) if p["title"] == "Visa Q&A live")
    assert len(series["exdates"]) == 3
    skipped = import_ics(pg, (fixtures / "calendar" / "unrepresentable.ics").read_bytes(),
                         default_tz="UTC")
    assert (skipped.created, len(skipped.skipped)) == (1, 4)
    sheet = fixtures / "spreadsheets" / "libreoffice_ru_cp1251.csv"
    assert import_table(pg, sheet, default_tz="UTC").created == 3
    assert import_table(pg, sheet, default_tz="UTC").unchanged == 3
    assert import_ics(pg, (fixtures / "calendar" / "google_overrides.ics").read_bytes(),
                      default_tz="UTC").unchanged == 4


def test_a_big_sheet_imports_in_batches_on_postgres(pg: Database, tmp_path: Path) -> None:
    """More rows than one IN list or insertmanyvalues batch holds, edited and imported again
    (executemany UPDATEs guarded by version, rows locked FOR UPDATE), a NUL in a cell, and an
    Outlook zone of the file's own planned in its IANA equivalent."""
    import csv
    import io

    from core.calendar.icsimport import import_ics
    from core.calendar.posts import list_posts
    from core.calendar.tables import export_csv, import_table

    rows = [{"title": f"Пост {n}\x00", "date": f"2026-12-{n % 28 + 1:02d}",
             "time": "10:00" if n % 2 else "", "tz": "Asia/Tashkent",
             "campaign": f"Campaign {n % 3}", "rrule": "FREQ=WEEKLY;COUNT=2" if n % 5 == 0
             else ""} for n in range(1200)]
    sheet = tmp_path / "plan.csv"
    with sheet.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert import_table(pg, sheet, default_tz="UTC").created == 1200
    assert import_table(pg, sheet, default_tz="UTC").unchanged == 1200
    posts = list_posts(pg)
    assert len(posts) == 1200 and not any("\x00" in p["title"] for p in posts)
    exported = list(csv.DictReader(io.StringIO(export_csv(posts, []).decode("utf-8-sig"),
                                               newline="")))
    for row in exported:
        row["title"] += " ✓"
    edited = tmp_path / "edited.csv"
    with edited.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(exported[0]))
        writer.writeheader()
        writer.writerows(exported)
    assert import_table(pg, edited, default_tz="UTC").updated == 1200
    assert {p["version"] for p in list_posts(pg)} == {2}
    fixtures = Path(__file__).resolve().parent / "fixtures" / "calendar"
    import_ics(pg, (fixtures / "outlook_custom_zone.ics").read_bytes(), default_tz="UTC")
    briefing = next(p for p in list_posts(pg) if p["title"] == "Briefing")
    assert (briefing["tz"], briefing["start"]) == ("Europe/Berlin", "2026-03-02T10:00:00+01:00")
