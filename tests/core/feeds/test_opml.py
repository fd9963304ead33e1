"""OPML import and export (core/feeds/opml.py): folders as categories, hostile XML refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import KnownError
from core.feeds.opml import OpmlFeed, export_opml, import_opml, read_opml
from core.feeds.sources import add_source, list_sources
from core.storage.database import Database
from core.storage.migrate import ensure_schema

STARTER = Path(__file__).resolve().parents[3] / "resources" / "default_sources.opml"

NESTED = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Press section</title></head>
  <body>
    <outline type="rss" text="Top level" xmlUrl="https://top.example/feed"/>
    <outline text="Central Asia">
      <outline text="Uzbekistan">
        <outline type="rss" text="Gazeta" title="Gazeta.uz" xmlUrl="https://gazeta.example/rss"
                 htmlUrl="https://gazeta.example/"/>
        <outline text="Regions">
          <outline type="rss" text="Samarkand" xmlUrl="https://samarkand.example/rss"/>
        </outline>
      </outline>
      <outline type="rss" text="Kazakhstan news" xmlUrl="https://kz.example/rss"/>
    </outline>
    <outline title="Titled folder">
      <outline type="rss" text="Only text" xmlUrl="  https://titled.example/rss  "/>
    </outline>
  </body>
</opml>
"""


def write(tmp_path: Path, text: str, name: str = "feeds.opml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def second_db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'b.db'}")
    ensure_schema(database)
    yield database
    database.dispose()


def test_starter_opml() -> None:
    feeds = read_opml(STARTER)
    assert len(feeds) >= 8
    assert all(f.category for f in feeds)
    assert all(f.url.startswith("https://") for f in feeds)
    assert all(f.title for f in feeds)
    assert len({f.url for f in feeds}) == len(feeds)
    assert {f.category for f in feeds} == {"US Government", "Regional news", "International"}


def test_starter_opml_imports_into_an_empty_database(db: Database) -> None:
    report = import_opml(db, STARTER)
    assert len(report.added) == len(read_opml(STARTER))
    assert report.invalid == [] and report.already_present == []
    rows = list_sources(db)
    assert all(r["status"] == "new" and r["enabled"] and r["item_count"] == 0 for r in rows)


def test_nested_folders_become_joined_categories(tmp_path: Path) -> None:
    feeds = read_opml(write(tmp_path, NESTED))
    assert feeds == [
        OpmlFeed("https://top.example/feed", "Top level", None, None),
        OpmlFeed("https://gazeta.example/rss", "Gazeta.uz", "Central Asia / Uzbekistan",
                 "https://gazeta.example/"),
        OpmlFeed("https://samarkand.example/rss", "Samarkand",
                 "Central Asia / Uzbekistan / Regions", None),
        OpmlFeed("https://kz.example/rss", "Kazakhstan news", "Central Asia", None),
        OpmlFeed("https://titled.example/rss", "Only text", "Titled folder", None),
    ]


def test_import_then_reimport_adds_nothing(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, NESTED)
    first = import_opml(db, path, interval_minutes=30)
    assert len(first.added) == 5
    assert first.already_present == [] and first.invalid == []
    by_url = {r["url"]: r for r in list_sources(db)}
    assert by_url["https://gazeta.example/rss"]["category"] == "Central Asia / Uzbekistan"
    assert by_url["https://gazeta.example/rss"]["title"] == "Gazeta.uz"
    assert by_url["https://gazeta.example/rss"]["site_url"] == "https://gazeta.example/"
    assert by_url["https://top.example/feed"]["category"] is None
    assert {r["interval_minutes"] for r in by_url.values()} == {30}

    second = import_opml(db, path)
    assert second.added == []
    assert sorted(second.already_present) == sorted(first.added)
    assert len(list_sources(db)) == 5


def test_import_skips_sources_added_by_hand_and_duplicates_in_the_file(
        db: Database, tmp_path: Path) -> None:
    add_source(db, "https://kz.example/rss")
    path = write(tmp_path, NESTED.replace(
        "</body>", '<outline text="again" xmlUrl="https://top.example/feed"/></body>'))
    report = import_opml(db, path)
    assert report.already_present == ["https://kz.example/rss"]
    # The same feed twice in the file is one source (its outlines are merged).
    assert report.added.count("https://top.example/feed") == 1
    assert len(report.added) == 4
    assert len(list_sources(db)) == 5


def test_invalid_urls_are_reported_not_added(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, """<?xml version="1.0"?>
<opml version="2.0"><body>
  <outline text="ftp" xmlUrl="ftp://x"/>
  <outline text="feed scheme" xmlUrl="feed://x.example/rss"/>
  <outline text="no host" xmlUrl="https://"/>
  <outline text="good" xmlUrl="https://good.example/rss"/>
  <outline text="bare" xmlUrl="bare.example/rss"/>
</body></opml>""")
    report = import_opml(db, path)
    assert report.invalid == ["ftp://x", "feed://x.example/rss", "https://"]
    assert report.added == ["https://good.example/rss", "https://bare.example/rss"]
    assert sorted(r["url"] for r in list_sources(db)) == sorted(report.added)


def test_export_then_import_round_trip(db: Database, second_db: Database,
                                       tmp_path: Path) -> None:
    import_opml(db, write(tmp_path, NESTED))
    add_source(db, "https://hand.example/rss", name="Added by hand",
               category="Central Asia / Uzbekistan")
    before = {(r["url"], r["title"], r["category"], r["site_url"]) for r in list_sources(db)}

    exported = tmp_path / "export.opml"
    assert export_opml(db, exported) == 6
    assert exported.read_bytes().startswith(b"<?xml")
    report = import_opml(second_db, exported)
    assert len(report.added) == 6 and not report.invalid

    after = {(r["url"], r["title"], r["category"], r["site_url"])
             for r in list_sources(second_db)}
    assert after == before
    # One folder per path: the nested folder is not written twice.
    assert exported.read_text(encoding="utf-8").count('text="Uzbekistan"') == 1


def test_export_of_empty_database(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "empty.opml"
    assert export_opml(db, path) == 0
    assert read_opml(path) == []


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?>\n<opml version="2.0"><body>\n<outline text="a">\n</body></opml>',
        "<opml><body><outline text='a & b' xmlUrl='https://x.example/'/></body></opml>",
        "this is not xml at all",
        "",
    ],
)
def test_malformed_xml_names_line_and_column(tmp_path: Path, text: str) -> None:
    with pytest.raises(KnownError, match="line \\d+, column \\d+"):
        read_opml(write(tmp_path, text))


def test_not_opml(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="not an OPML file"):
        read_opml(write(tmp_path, "<rss version='2.0'><channel/></rss>"))
    with pytest.raises(KnownError, match="not an OPML file"):
        read_opml(write(tmp_path, "<opml version='2.0'><head/></opml>"))


def test_missing_file_and_folder_are_known_errors(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="no such file"):
        read_opml(tmp_path / "nope.opml")
    with pytest.raises(KnownError, match="cannot read"):
        read_opml(tmp_path)


def test_entity_expansion_is_refused(db: Database, tmp_path: Path) -> None:
    lols = "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    path = write(tmp_path, f"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY lol0 "lol">{lols}]>
<opml version="2.0"><body>
  <outline text="&lol9;" xmlUrl="https://lol.example/rss"/>
</body></opml>""")
    with pytest.raises(KnownError, match="unsafe"):
        read_opml(path)
    with pytest.raises(KnownError, match="unsafe"):
        import_opml(db, path)
    assert list_sources(db) == []


def test_external_entity_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://x.example/rss"/></body></opml>""")
    with pytest.raises(KnownError, match="unsafe"):
        read_opml(path)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "mailto:press@e.test",
                                 "data:text/html,x", "https://host:notaport/feed"])
def test_non_web_addresses_in_opml_are_reported_invalid(db, tmp_path: Path, url: str) -> None:
    path = tmp_path / "x.opml"
    path.write_text(f'<opml version="2.0"><body><outline text="x" xmlUrl="{url}"/></body></opml>',
                    encoding="utf-8")
    report = import_opml(db, path)
    assert (report.added, report.invalid) == ([], [url])


def test_a_title_in_square_brackets_is_a_title(db, tmp_path: Path) -> None:  # noqa: ANN001
    """NetNewsWire's test subscriptions have ``text="[macoscope blog]"``: comparing the title
    with the feed's address read "[…]" as an IPv6 literal and crashed the whole import."""
    path = tmp_path / "subs.opml"
    path.write_text('<opml version="1.1"><body><outline text="[Embassy blog]" '
                    'title="[Embassy blog]" type="rss" htmlUrl="https://embassy.example/blog" '
                    'xmlUrl="https://embassy.example/blog/feed/"/></body></opml>',
                    encoding="utf-8")
    report = import_opml(db, path)
    assert report.added == ["https://embassy.example/blog/feed/"]
    assert [s["title"] for s in list_sources(db)] == ["[Embassy blog]"]
