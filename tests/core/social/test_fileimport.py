"""Importing replies from CSV and XLSX exports into a migrated database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from core.errors import KnownError
from core.social.fileimport import LineError, detect_columns, import_replies_file, parse_date
from core.storage.database import Database
from core.storage.models import Item, Reply, Source

EXPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "social" / "exports"
X_POST = "1853400000000000000"


def replies(db: Database) -> dict[str, dict]:
    with db.read() as conn:
        rows = conn.execute(select(Reply.__table__)).mappings()
        return {r["platform_id"]: dict(r) for r in rows}


def items(db: Database) -> dict[str, dict]:
    with db.read() as conn:
        rows = conn.execute(select(Item.__table__)).mappings()
        return {r["guid"]: dict(r) for r in rows}


def sources(db: Database) -> list[dict]:
    with db.read() as conn:
        return [dict(r) for r in conn.execute(select(Source.__table__)).mappings()]


def count(db: Database, table: object) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


# ---------------------------------------------------------------------------- X

def test_x_export_is_recognised_and_imported(db: Database) -> None:
    summary = import_replies_file(db, EXPORTS / "x_replies.csv", "x")
    assert (summary.items_created, summary.replies_created, summary.replies_updated) == (2, 5, 0)
    assert summary.skipped_lines == []

    [source] = sources(db)
    assert (source["url"], source["kind"], source["title"], source["own"]) == (
        "import:x", "import", "X (imported)", True)
    posts = items(db)
    assert sorted(posts) == [X_POST, "1853400000000000099"]
    assert posts[X_POST]["title"] == "(imported post)"
    assert posts[X_POST]["url"] == f"https://x.com/i/status/{X_POST}"

    rows = replies(db)
    first = rows["1853412345678900001"]
    assert first["platform"] == "x"
    assert first["text"] == "Спасибо за поздравление! С праздником 🌷"
    assert first["author_handle"] == "dilnoza_k" and first["author_name"] == "Дильноза"
    assert first["published"] == datetime(2026, 11, 3, 14, 40, tzinfo=UTC)
    assert first["url"] == "https://x.com/dilnoza_k/status/1853412345678900001"
    assert first["item_id"] == posts[X_POST]["id"] and first["parent_id"] is None
    uzbek = rows["1853412345678900002"]["text"]
    assert uzbek == "Rahmat! Oʻzbekiston bilan hamkorlik uchun tashakkur. Gʻalaba!"
    answer = rows["1853412345678900003"]
    assert answer["parent_id"] == first["id"]  # in_reply_to a reply, in the same conversation
    assert answer["likes"] == 1204
    assert "Ўзбекистон, қўшиқ, ғалаба" in answer["text"]
    assert answer["published"] == datetime(2026, 11, 3, 15, 30, tzinfo=UTC)  # X's API format
    assert rows["1853412345678900005"]["likes"] is None


def test_html_in_a_reply_stays_text(db: Database) -> None:
    import_replies_file(db, EXPORTS / "x_replies.csv", "x")
    hostile = replies(db)["1853412345678900004"]
    assert hostile["text"].startswith('<script>alert("x")</script>')
    assert hostile["text"].endswith("\nsecond line")
    assert "<script" not in hostile["html"] and "<img" not in hostile["html"]
    assert "&lt;script&gt;" in hostile["html"] and "<br>" in hostile["html"]


def test_reimporting_the_same_file_changes_nothing(db: Database) -> None:
    import_replies_file(db, EXPORTS / "x_replies.csv", "x")
    before = replies(db)
    again = import_replies_file(db, EXPORTS / "x_replies.csv", "x")
    assert (again.items_created, again.replies_created, again.replies_updated) == (0, 0, 0)
    assert replies(db) == before
    assert len(sources(db)) == 1 and count(db, Item.__table__) == 2


# ---------------------------------------------------------------------------- Meta

def test_meta_business_suite_comments_with_semicolons(db: Database) -> None:
    summary = import_replies_file(db, EXPORTS / "meta_comments.csv", "facebook")
    assert (summary.items_created, summary.replies_created) == (2, 3)
    [source] = sources(db)
    assert (source["url"], source["title"]) == ("import:facebook", "Facebook (imported)")

    posts = items(db)
    navruz = posts["104512345678901_900000000000011"]
    assert navruz["title"] == "Navro'z muborak! Happy Navruz from the Embassy team."
    assert navruz["url"] == "https://www.facebook.com/usembassytashkent/posts/pfbid0Navruz"
    assert posts["104512345678901_900000000000012"]["title"] == "(imported post)"

    rows = replies(db)
    top = rows["900000000000011_1200000000000001"]
    assert top["author_name"] == "Dilnoza Karimova" and top["likes"] == 4
    assert top["published"] == datetime(2026, 11, 3, 14, 40, tzinfo=UTC)  # month first
    assert rows["900000000000011_1200000000000002"]["parent_id"] == top["id"]
    question = rows["900000000000012_1200000000000010"]
    assert question["text"] == "Когда объявят результаты; и где смотреть?"
    assert question["published"] == datetime(2026, 11, 2, 9, 7, tzinfo=UTC)


# ---------------------------------------------------------------------------- bad lines

def test_bad_lines_are_named_and_nothing_is_written(db: Database) -> None:
    with pytest.raises(KnownError) as caught:
        import_replies_file(db, EXPORTS / "broken.csv", "generic")
    message = str(caught.value)
    assert "2 line(s)" in message
    assert "line 3: the reply text is empty" in message
    assert "line 5: the date 'yesterday' is not understood" in message
    assert "line 2" not in message and "line 4" not in message
    assert "--skip-bad" in message
    assert sources(db) == [] and count(db, Reply.__table__) == 0


def test_skip_bad_imports_the_good_lines(db: Database) -> None:
    summary = import_replies_file(db, EXPORTS / "broken.csv", "generic", skip_bad=True)
    assert summary.replies_created == 3 and summary.items_created == 2
    assert [line.split(":")[0] for line in summary.skipped_lines] == ["line 3", "line 5"]
    assert sorted(replies(db)) == ["r1", "r3", "r5"]
    assert replies(db)["r3"]["published"] == datetime(2026, 11, 3, 14, 24, tzinfo=UTC)
    [source] = sources(db)
    assert source["title"] == "Imported replies"


def test_many_bad_lines_are_summarised(db: Database, tmp_path: Path) -> None:
    lines = ["id,post_id,text,likes"] + [f"r{n},p1,hello,lots" for n in range(30)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(KnownError) as caught:
        import_replies_file(db, path, "generic")
    message = str(caught.value)
    assert "line 21: likes 'lots'" in message and "line 22:" not in message
    assert "and 10 more" in message


def test_line_numbers_count_lines_inside_quoted_cells(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "multiline.csv"
    path.write_text('id,post_id,text\nr1,p1,"two\nlines"\nr2,p1,\n', encoding="utf-8")
    with pytest.raises(KnownError, match="line 4: the reply text is empty"):
        import_replies_file(db, path, "generic")


# ---------------------------------------------------------------------------- columns

def test_map_overrides_and_fills_unrecognised_columns(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "custom.csv"
    path.write_text("Ответ,Пост,Кто,Когда\nспасибо,post-1,anvar,2026-11-03 10:00\n",
                    encoding="utf-8")
    with pytest.raises(KnownError, match="no column with the reply text"):
        import_replies_file(db, path, "generic")
    mapping = {"ответ": "text", "Пост": "post_id", "Кто": "author", "Когда": "published"}
    summary = import_replies_file(db, path, "generic", mapping=mapping)
    assert summary.replies_created == 1
    [reply] = replies(db).values()
    assert reply["platform_id"].startswith("import-")  # no id column: derived, stable
    assert reply["author_handle"] == "anvar" and reply["text"] == "спасибо"
    again = import_replies_file(db, path, "generic", mapping=mapping)
    assert again.replies_created == 0


def test_map_beats_auto_detection() -> None:
    headers = ["Tweet id", "Tweet text", "Translated text", "conversation_id"]
    assert detect_columns(headers, "x")["text"] == 1
    assert detect_columns(headers, "x", {"Translated text": "text"})["text"] == 2


@pytest.mark.parametrize("mapping, expected", [
    ({"Nope": "text"}, "the file has no column 'Nope'"),
    ({"Tweet text": "body"}, "'body' is not a field"),
])
def test_map_mistakes_are_explained(mapping: dict[str, str], expected: str) -> None:
    with pytest.raises(KnownError, match=expected):
        detect_columns(["Tweet id", "Tweet text", "conversation_id"], "x", mapping)


def test_a_file_that_names_no_post_is_refused(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "nopost.csv"
    path.write_text("id,text\n1,hi\n", encoding="utf-8")
    with pytest.raises(KnownError, match="which post each reply answers"):
        import_replies_file(db, path, "generic")


def test_x_post_taken_from_a_status_link(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text("Tweet id,Tweet text,Original tweet URL\n"
                    "11,hi,https://twitter.com/usembassytas/status/1853400000000000000\n",
                    encoding="utf-8")
    import_replies_file(db, path, "x")
    assert list(items(db)) == [X_POST]


# ---------------------------------------------------------------------------- XLSX

def test_generic_xlsx(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "post_id", "post_url", "parent_id", "author", "author_name", "text",
                  "published", "likes", "url"])
    sheet.append(["c1", "p-77", "https://t.me/usembassy/77", None, "@timur", "Тимур",
                  "Отличная новость!", datetime(2026, 11, 3, 12, 0), 7, None])
    sheet.append(["c2", "p-77", None, "c1", "@lola", None, "Qo'shilaman", "2026-11-03 12:30",
                  2.0, None])
    sheet.append([None, None, None, None, None, None, None, None, None, None])  # blank row
    path = tmp_path / "replies.xlsx"
    book.save(path)

    summary = import_replies_file(db, path, "generic")
    assert (summary.items_created, summary.replies_created) == (1, 2)
    rows = replies(db)
    assert rows["c1"]["published"] == datetime(2026, 11, 3, 12, 0, tzinfo=UTC)
    assert rows["c1"]["likes"] == 7 and rows["c2"]["likes"] == 2
    assert rows["c2"]["parent_id"] == rows["c1"]["id"]
    assert items(db)["p-77"]["url"] == "https://t.me/usembassy/77"


def test_xlsx_bad_line_is_named_by_row(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["id", "post_id", "text", "likes"])
    book.active.append(["c1", "p1", "ok", 1])
    book.active.append(["c2", "p1", "ok", "a few"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(KnownError, match="line 3: likes 'a few' is not a whole number"):
        import_replies_file(db, path, "generic")


def test_ids_excel_shortened_are_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("Tweet id,Tweet text,conversation_id\n1.85341E+18,hi,1.85340E+18\n",
                    encoding="utf-8")
    with pytest.raises(KnownError, match="shortened by Excel"):
        import_replies_file(db, path, "x")


def test_ids_stored_as_numbers_in_xlsx_are_refused(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["Tweet id", "Tweet text", "conversation_id"])
    book.active.append([1853412345678900001, "hi", "1853400000000000000"])
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    with pytest.raises(KnownError, match="line 2: the id .* was shortened by Excel"):
        import_replies_file(db, path, "x")


def test_files_that_cannot_be_read(db: Database, tmp_path: Path) -> None:
    western = tmp_path / "cp1252.csv"
    western.write_bytes("id,post_id,text\n1,p,Très bien\n".encode("cp1252"))
    with pytest.raises(KnownError, match="line 2: the text is neither UTF-8 nor Cyrillic"):
        import_replies_file(db, western, "generic")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(KnownError, match="not a readable .xlsx"):
        import_replies_file(db, fake, "generic")
    with pytest.raises(KnownError, match="no such file"):
        import_replies_file(db, tmp_path / "missing.csv", "generic")
    with pytest.raises(KnownError, match="unknown platform"):
        import_replies_file(db, EXPORTS / "broken.csv", "tiktok")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(KnownError, match="is empty"):
        import_replies_file(db, empty, "generic")


def test_utf16_tab_separated_text_from_excel(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_text("id\tpost_id\ttext\nr1\tp1\tСалом\n", encoding="utf-16")
    assert import_replies_file(db, path, "generic").replies_created == 1
    assert replies(db)["r1"]["text"] == "Салом"


# ---------------------------------------------------------------------------- dates

@pytest.mark.parametrize("raw, expected", [
    ("2026-11-03T14:22:05Z", datetime(2026, 11, 3, 14, 22, 5, tzinfo=UTC)),
    ("2026-11-03 14:22:05", datetime(2026, 11, 3, 14, 22, 5, tzinfo=UTC)),
    ("2026-11-03T19:22:05+05:00", datetime(2026, 11, 3, 14, 22, 5, tzinfo=UTC)),
    ("Tue Nov 03 14:22:05 +0000 2026", datetime(2026, 11, 3, 14, 22, 5, tzinfo=UTC)),
    ("2026-11-03 14:22 +0000", datetime(2026, 11, 3, 14, 22, tzinfo=UTC)),
    ("11/03/2026 14:22", datetime(2026, 11, 3, 14, 22, tzinfo=UTC)),
    ("11/03/2026 2:22 PM", datetime(2026, 11, 3, 14, 22, tzinfo=UTC)),
    ("03.11.2026 14:22", datetime(2026, 11, 3, 14, 22, tzinfo=UTC)),
])
def test_dates(raw: str, expected: datetime) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["yesterday", "31/12/2026 10:00", "2026-13-01"])
def test_dates_not_understood(raw: str) -> None:
    with pytest.raises(LineError, match="not understood"):
        parse_date(raw)


# ---------------------------------------------------------------------------- encodings, --post

def test_a_russian_windows_csv_is_read_and_says_so(db: Database, tmp_path: Path) -> None:
    legacy = tmp_path / "cp1251.csv"
    legacy.write_bytes("id;post_id;text\n1;p;Привет, посольство!\n".encode("cp1251"))
    summary = import_replies_file(db, legacy, "generic")
    assert summary.replies_created == 1 and replies(db)["1"]["text"] == "Привет, посольство!"
    assert summary.notes == ["cp1251.csv was read as windows-1251 text with semicolons "
                             "between cells"]


def _own_item(db: Database) -> int:
    from core.storage.types import utcnow

    with db.write() as conn:
        source = conn.execute(Source.__table__.insert().values(
            url="https://mastodon.example/@embassy", kind="mastodon", title="Embassy",
            own=True, enabled=True, status="ok", error_count=0,
            created_at=utcnow())).inserted_primary_key[0]
        now = utcnow()
        return conn.execute(Item.__table__.insert().values(
            source_id=source, guid="112000000000000050", title="Visa Q&A",
            url="https://mastodon.example/@embassy/112000000000000050", fetched_at=now,
            sort_date=now, content_html="", content_text="")).inserted_primary_key[0]


COMMENTS = "Commenter,Comment,Date\nali,Thank you!,2026-11-03 14:22\nbobur,When?,2026-11-03 15:00\n"


def test_post_attaches_a_sheet_without_post_column_to_an_own_item(db: Database,
                                                                   tmp_path: Path) -> None:
    item_id = _own_item(db)
    path = tmp_path / "comments.csv"
    path.write_text(COMMENTS, encoding="utf-8")
    with pytest.raises(KnownError, match="give the post with --post ITEM_ID_OR_URL"):
        import_replies_file(db, path, "facebook")
    summary = import_replies_file(db, path, "facebook", post=str(item_id))
    assert (summary.items_created, summary.replies_created) == (0, 2)
    with db.read() as conn:
        attached = set(conn.execute(select(Reply.__table__.c.item_id)).scalars())
    assert attached == {item_id}
    again = import_replies_file(db, path, "facebook",
                                post="https://mastodon.example/@embassy/112000000000000050")
    assert (again.replies_created, again.replies_updated) == (0, 0)  # the same post by link


def test_post_with_a_link_not_seen_yet_makes_an_imported_post(db: Database,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_text(COMMENTS, encoding="utf-8")
    summary = import_replies_file(db, path, "facebook",
                                  post="https://www.facebook.com/usembassy/posts/123")
    assert (summary.items_created, summary.replies_created) == (1, 2)
    assert items(db)["https://www.facebook.com/usembassy/posts/123"]["url"] == \
        "https://www.facebook.com/usembassy/posts/123"


def test_post_refuses_items_that_are_not_the_embassys(db: Database, tmp_path: Path) -> None:
    item_id = _own_item(db)
    with db.write() as conn:
        conn.execute(Source.__table__.update().values(own=False))
    path = tmp_path / "comments.csv"
    path.write_text(COMMENTS, encoding="utf-8")
    with pytest.raises(KnownError, match="is not a post of the embassy's own accounts"):
        import_replies_file(db, path, "facebook", post=str(item_id))
    with pytest.raises(KnownError, match="there is no item 999"):
        import_replies_file(db, path, "facebook", post="999")
    with pytest.raises(KnownError, match="neither an item id nor an http"):
        import_replies_file(db, path, "facebook", post="javascript:alert(1)")


def test_replies_cli_post_option(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "comments.csv"
    path.write_text(COMMENTS, encoding="utf-8")
    code, out, err = cli("replies", "import", str(path), "--platform", "facebook", "--post",
                         "https://www.facebook.com/usembassy/posts/123")
    assert code == 0, err
    assert out.strip() == "imported 2 new replies (0 updated) to 1 new posts"


# ---------------------------------------------------------------------------- issue 16 #12

def test_an_xlsx_with_too_many_rows_is_refused_while_streaming(db: Database,
                                                               tmp_path: Path) -> None:
    from core.social.fileimport import MAX_LINES
    from tests.xlsxcraft import write_xlsx

    path = write_xlsx(tmp_path / "rows.xlsx", ["id", "post_id", "text"],
                      ([str(n), "p", "hi"] for n in range(MAX_LINES + 100)))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(KnownError, match=f"more than {MAX_LINES} rows"):
        import_replies_file(db, path, "generic")
    assert count(db, Reply.__table__) == 0


def test_an_xlsx_zip_bomb_is_refused_before_unpacking(db: Database, tmp_path: Path) -> None:
    from tests.xlsxcraft import write_xlsx

    path = write_xlsx(tmp_path / "bomb.xlsx", ["id", "post_id", "text"], [["1", "p", "hi"]],
                      extra_part=("xl/sharedStrings.xml", 300 * 1024 * 1024))
    assert path.stat().st_size < 2_000_000
    with pytest.raises(KnownError, match="unpacks to 300 MiB; at most 128 MiB per part"):
        import_replies_file(db, path, "generic")
