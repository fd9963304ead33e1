"""``attache report …``, ``items mark --summary`` and ``demo --no-window``: the CLI contract of
issue 17 (commands, flags, JSON keys, exit codes), run in-process against real databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from core.storage import migrate
from core.storage.database import Database
from tests import reportdata as data
from tests.reportdata import KK_TITLE, RU_TITLE, UZ_TITLE

DAY = data.DAY.isoformat()


@pytest.fixture
def filled(db: Database) -> dict[str, int]:
    return data.fill(db)


def test_items_mark_summary_with_a_note_and_list_it(cli, filled) -> None:  # noqa: ANN001
    item = filled["item:ru2"]
    code, out, err = cli("items", "mark", str(item), "--summary", "--note",
                         "  Petrol up 5%: a cost-of-living story.  ")
    assert code == 0 and "with the note" in out, err
    code, out, _ = cli("items", "list", "--summary", "--json", "--limit", "0")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows[item]["summary"] is True
    assert rows[item]["summary_note"] == "Petrol up 5%: a cost-of-living story."
    assert {"summary", "summary_note"} <= rows[item].keys()
    code, _, _ = cli("items", "mark", str(item), "--no-summary")
    assert code == 0
    code, out, _ = cli("items", "list", "--json", "--limit", "0")
    row = next(r for r in json.loads(out) if r["id"] == item)
    assert row["summary"] is False
    assert row["summary_note"] == "Petrol up 5%: a cost-of-living story."  # kept for next time
    code, _, err = cli("items", "mark", str(item), "--star", "--note", "x")
    assert code == 1 and "goes with marking items for the summary" in err
    code, _, err = cli("items", "mark", str(item), "99999", "--summary")
    assert code == 1 and "no item with id 99999; nothing changed" in err
    code, _, err = cli("items", "mark", str(item), "--summary", "--note", "x" * 2001)
    assert code == 1 and "keep it under 2000" in err


def test_report_summary_in_every_format(cli, filled, tmp_path: Path) -> None:  # noqa: ANN001
    for fmt in ("docx", "pdf", "html", "txt"):
        target = tmp_path / f"summary.{fmt}"
        code, out, err = cli("report", "summary", "--from", DAY, "--to", DAY, "--by", "term",
                             "--marked", "--format", fmt, "-o", str(target),
                             "--classification", "Unclassified")
        assert code == 0, err
        assert out.startswith("wrote the media summary for 4 December 2026 (4 items in 3 "
                              "groups) to ") and target.stat().st_size > 500
    document = Document(str(tmp_path / "summary.docx"))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert {RU_TITLE, UZ_TITLE, KK_TITLE} <= set(titles) and len(titles) == 4
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF-")


def test_report_summary_json_and_rules(cli, filled, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "watch.html"  # the suffix says the format
    code, out, err = cli("report", "summary", "--from", DAY, "--to", DAY, "--watch",
                         "Fulbright", "hamkorlik", "--by", "source", "-o", str(target), "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer == {"path": str(target.absolute()), "report": "summary", "format": "html",
                      "first": DAY, "last": DAY, "empty": False, "items": 2, "groups": 2,
                      "matched": 2}
    code, _, err = cli("report", "summary", "--from", DAY, "--watch", "nope", "-o",
                       str(tmp_path / "x.txt"))
    assert code == 1 and err.startswith("attache: not a watch term: nope")
    assert not (tmp_path / "x.txt").exists()


def test_an_empty_range_is_not_an_error(cli, filled, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "empty.docx"
    code, out, err = cli("report", "summary", "--from", "2026-01-01", "--to", "2026-01-02",
                         "-o", str(target))
    assert code == 0, err
    assert "empty: No items were marked for the summary in 1–2 January 2026." in out
    text = [p.text for p in Document(str(target)).paragraphs]
    assert "No items were marked for the summary in 1–2 January 2026." in text
    target = tmp_path / "empty.xlsx"
    code, out, err = cli("report", "period", "--from", "2026-01-01", "--to", "2026-01-31",
                         "--format", "xlsx", "-o", str(target))
    assert code == 0 and "empty: Nothing was published" in out, err
    assert "Report" in load_workbook(target).sheetnames


def test_an_unwritable_path_is_one_line_and_leaves_nothing(cli, filled,  # noqa: ANN001
                                                           tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    for args in (["summary", "--from", DAY], ["period", "--from", DAY, "--to", DAY]):
        code, out, err = cli("report", *args, "--format", "pdf", "-o",
                             str(blocker / "r.pdf"))
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and err.startswith("attache: cannot write ")
    code, _, err = cli("report", "period", "--from", DAY, "--to", DAY, "-o",
                       str(tmp_path / "missing" / "r.docx"))
    assert code == 1 and "there is no folder" in err
    assert [p.name for p in tmp_path.iterdir()
            if not p.name.startswith(("test.db", "attache-data"))] == ["not-a-folder"]
    assert blocker.read_text() == "x"


def test_report_period_formats_and_filters(cli, filled, tmp_path: Path) -> None:  # noqa: ANN001
    code, out, err = cli("report", "period", "--from", DAY, "--to", DAY, "--channel",
                         str(filled["own"]), "--format", "xlsx", "-o",
                         str(tmp_path / "p.xlsx"), "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert (answer["posts"], answer["replies"], answer["empty"]) == (2, 3, False)
    book = load_workbook(tmp_path / "p.xlsx")
    assert {"Report", "Posts per week", "Replies", "Languages", "Top by replies",
            "Watch terms", "Observances"} <= set(book.sheetnames)
    code, out, err = cli("report", "period", "--from", DAY, "--to", DAY, "--campaign",
                         "16 Days 2026", "-o", str(tmp_path / "p.html"))
    assert code == 0 and "1 posts, 1 replies" in out, err
    code, _, err = cli("report", "period", "--from", DAY, "--to", DAY, "--format", "pdf",
                       "-o", str(tmp_path / "p.pdf"))
    assert code == 0, err
    code, _, err = cli("report", "period", "--from", DAY, "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "--to" in err  # the period needs both ends


def test_the_summary_note_survives_an_upgrade_from_0005(db_url: str) -> None:
    old = Database(db_url)
    migrate.upgrade(old, "0005")
    with old.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO source (id, url, kind, interval_minutes, enabled, status, error_count,"
            " own, replies_days) VALUES (1, 'https://e.test/feed', 'feed', 60, 1, 'ok', 0, 0,"
            " 30)")
        conn.exec_driver_sql(
            "INSERT INTO item (source_id, guid, title, sort_date, fetched_at, content_html, "
            "content_text, content_hash, read, starred) VALUES (1, 'a', 'Визы', "
            "'2026-11-22 09:00:00', '2026-11-22 09:00:00', '', '', '', 0, 0)")
    migrate.ensure_schema(old)
    from core.feeds.items import items_by_ids, mark_items

    (row,) = items_by_ids(old, [1]).values()
    assert (row["summary"], row["summary_note"]) == (False, None)
    mark_items(old, [1], "summary", note="A note in English on a Russian story.")
    assert items_by_ids(old, [1])[1]["summary_note"] == "A note in English on a Russian story."
    old.dispose()


def test_demo_no_window_creates_then_refreshes(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATTACHE_DATA_DIR=str(tmp_path / "d"))

    def demo() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop.main", "demo", "--keep",
                               str(folder), "--no-window"], env=env, capture_output=True,
                              text=True, timeout=180, check=False)

    done = demo()
    assert done.returncode == 0, done.stderr
    url = f"sqlite:///{(folder / 'attache-demo.db').resolve().as_posix()}"
    assert done.stdout == f"--db {url}\n"
    db = Database(url)
    with db.write() as conn:  # an officer's change to the kept demo …
        conn.exec_driver_sql("DELETE FROM item")
    db.dispose()
    done = demo()  # … is replaced by fresh sample content
    assert done.returncode == 0 and done.stdout == f"--db {url}\n", done.stderr
    report = subprocess.run([sys.executable, "-m", "desktop.main", "--db", url, "report",
                             "summary", "-o", str(tmp_path / "s.txt"), "--json"], env=env,
                            capture_output=True, text=True, timeout=180, check=False)
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["items"] >= 3  # the demo's marked items
    text = (tmp_path / "s.txt").read_text(encoding="utf-8")
    assert "Газета.uz" in text and "Note: " in text
    # Nothing left of the rebuild (the CLI's daily backup folder may sit beside it).
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".attache-demo-")]
    assert (folder / "attache-demo.db").is_file()


def test_no_window_needs_keep(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import run

    assert run(["demo", "--no-window"]) == 1
    assert "--no-window needs --keep DIR" in capsys.readouterr().err


def test_the_cli_offers_cores_choices() -> None:
    """The formats come from their records; the groupings are restated (parsing imports no
    report code): they must stay equal."""
    from core.reports.formats import keys_for
    from core.reports.summary import GROUPINGS
    from desktop import cli_report
    from desktop.cli import build_parser

    reports = build_parser("report")._subparsers._group_actions[0].choices["report"]
    kinds = reports._subparsers._group_actions[0].choices
    for kind in ("summary", "period"):
        offered = next(a.choices for a in kinds[kind]._actions if a.dest == "format")
        assert tuple(offered) == tuple(keys_for(kind))
    assert cli_report.SUMMARY_GROUPINGS == GROUPINGS
