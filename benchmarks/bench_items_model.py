"""Monitor table benchmark: the shipped lazy ItemsTableModel against the same work done bare.

    .venv/bin/python -m benchmarks.bench_items_model [--items 100000] [--scroll 5000] [--rounds 5]

Builds a temporary SQLite database (SQLAlchemy Core executemany; the FTS triggers run as in
real use), then measures in interleaved rounds (min and median, ratios):

* **open** — what the Monitor does when it shows its table: ``ItemsTableModel.reload`` (every
  id in display order through ``item_ids``, then the first page's rows through
  ``items_by_ids``) and the first page painted in an offscreen QTableView — against the
  same work done bare: the same two SQL statements through Python's sqlite3, the same rows
  put in a QStandardItemModel, the same view painted. The ratio is what our model layer
  (SQLAlchemy, the lazy model, formatting) costs over the floor.
* **scroll** — the view reaching the bottom, one page of rows fetched and painted, up to
  ``--scroll`` rows: ours (fetchMore) against the bare model appending the next page.
* **memory** — Python's peak allocation of opening and scrolling, each (tracemalloc, in runs
  of their own so it does not slow the timings).

(The old baseline, every row with its content loaded up front, is nothing the app does.)
No thresholds are enforced: the numbers are for people, the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from benchmarks.measure import Samples, interleave, ratio_line
from core.feeds.items import item_ids, items_by_ids, list_items
from core.feeds.sources import add_source
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import ITEMS
from ui.models.lazy_table import BATCH as BATCH_ROWS

SOURCES = 20
INSERT_CHUNK = 10_000
BODY = ("<p>The U.S. Embassy in Tashkent announced that <b>applications</b> for the "
        "<a href=\"https://e.example/fulbright\">Fulbright Foreign Student Program</a> are "
        "open.</p><p>Посольство США объявило конкурс. O‘zbekiston yoshlari uchun "
        "imkoniyat.</p><img src=\"https://e.example/p.jpg\" width=\"600\" height=\"400\">")
TEXT = ("The U.S. Embassy in Tashkent announced that applications for the Fulbright Foreign "
        "Student Program are open. Посольство США объявило конкурс.")


def fill(db: Database, count: int) -> None:
    sources = [add_source(db, f"https://news{n}.example/feed", name=f"News {n}").id
               for n in range(SOURCES)]
    start = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    with db.write() as conn:
        for first in range(0, count, INSERT_CHUNK):
            rows = []
            for n in range(first, min(first + INSERT_CHUNK, count)):
                when = start - timedelta(minutes=7 * n)
                rows.append({
                    "source_id": sources[n % SOURCES], "guid": f"item-{n}",
                    "url": f"https://news{n % SOURCES}.example/{n}.html",
                    "title": f"Embassy update {n}: Fulbright & FLEX news", "author": "Press",
                    "published": when, "published_raw": None, "sort_date": when,
                    "fetched_at": start, "updated_at": None,
                    "content_html": f"{BODY}<p>Item {n}.</p>",
                    "content_text": f"{TEXT} Item {n}.", "content_hash": f"{n:064x}",
                    "read": n % 3 == 0, "starred": n % 50 == 0,
                })
            conn.execute(insert(ITEMS), rows)


def allocated(action: Callable[[], object]) -> float:
    """Peak Python allocation of ``action`` in MiB (its result kept alive until measured)."""
    tracemalloc.start()
    kept = action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del kept
    return peak / 2**20


# The statements item_ids and items_by_ids send for the default view (newest first), written
# out for Python's sqlite3.
BARE_IDS = "SELECT id FROM item ORDER BY sort_date DESC, id DESC"
BARE_ROWS = ("SELECT item.id, item.source_id, coalesce(source.title, source.url), item.title, "
             "item.author, item.published, item.sort_date, item.read, item.starred, item.url "
             "FROM item JOIN source ON source.id = item.source_id WHERE item.id IN ({})")


class BareTable:
    """The floor: the same statements, the same rows, a QStandardItemModel, the same view."""

    def __init__(self, path: Path, app: object) -> None:
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QTableView

        self.app = app
        self.conn = sqlite3.connect(path)
        self.model = QStandardItemModel(0, 4)
        self.model.setHorizontalHeaderLabels(["★", "Title", "Source", "Published"])
        self.view = QTableView()
        self.view.resize(1000, 700)
        self.ids: list[int] = []

    def _add_page(self) -> None:
        from PySide6.QtGui import QStandardItem

        page = self.ids[self.model.rowCount():self.model.rowCount() + BATCH_ROWS]
        rows = {r[0]: r for r in self.conn.execute(
            BARE_ROWS.format(",".join("?" * len(page))), page)}
        for item_id in page:
            r = rows[item_id]
            self.model.appendRow([QStandardItem("★" if r[8] else ""), QStandardItem(r[3]),
                                  QStandardItem(r[2]), QStandardItem(str(r[5] or r[6]))])

    def open(self) -> BareTable:
        self.ids = [r[0] for r in self.conn.execute(BARE_IDS)]
        self.model.removeRows(0, self.model.rowCount())
        self._add_page()
        self.view.setModel(self.model)
        self.view.show()
        self.app.processEvents()
        self.view.viewport().repaint()
        return self

    def scroll_one_page(self) -> None:
        self._add_page()
        self.view.scrollToBottom()
        self.view.doItemsLayout()
        self.view.viewport().repaint()

    def rows(self) -> int:
        return self.model.rowCount()

    def close(self) -> None:
        self.view.close()
        self.conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--scroll", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from ui.models.items_table import ItemsTableModel

    app = QApplication.instance() or QApplication([])
    scroll_to = min(args.scroll, args.items)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        db = Database(f"sqlite:///{path}")
        ensure_schema(db)
        began = time.perf_counter()
        fill(db, args.items)
        print(f"setup: {args.items:,} items inserted in {time.perf_counter() - began:.2f} s")
        list_items(db, limit=10)  # warm the connection pool and the page cache

        fetches: list[int] = []

        def fetch_rows(wanted: Sequence[int]) -> dict[int, dict]:
            fetches.append(len(wanted))
            return items_by_ids(db, wanted)

        def fetch_ids(order: str = "date", descending: bool = True) -> list[int]:
            return item_ids(db, order=order, descending=descending)

        class Shipped:
            """The Monitor's table as the app builds it."""

            def open(self) -> Shipped:
                self.model = ItemsTableModel(fetch_ids, fetch_rows)
                self.view = QTableView()
                self.view.resize(1000, 700)
                self.model.reload()
                self.view.setModel(self.model)
                self.view.show()
                app.processEvents()  # exposed and laid out
                self.view.viewport().repaint()  # paint now: data() for every visible cell
                return self

            def scroll_one_page(self) -> None:
                # The user reaches the bottom: the view itself calls fetchMore (scroll bar at
                # its maximum); then the layout is updated and the bottom rows painted.
                self.view.scrollToBottom()
                self.view.doItemsLayout()
                self.view.viewport().repaint()

            def rows(self) -> int:
                return self.model.rowCount()

            def close(self) -> None:
                self.view.close()

        def opened(table_type: Callable[[], object]) -> Callable[[], float]:
            def run() -> float:
                table = table_type()
                began = time.perf_counter()
                table.open()
                seconds = time.perf_counter() - began
                table.close()
                return seconds
            return run

        page_times: dict[str, list[float]] = {"ours": [], "bare": []}

        def scrolled(table_type: Callable[[], object], key: str) -> Callable[[], float]:
            def run() -> float:
                table = table_type().open()
                began = time.perf_counter()
                while table.rows() < scroll_to:
                    page = time.perf_counter()
                    table.scroll_one_page()
                    page_times[key].append(time.perf_counter() - page)
                seconds = time.perf_counter() - began
                table.close()
                return seconds
            return run

        bare = lambda: BareTable(path, app)  # noqa: E731
        open_ours, open_bare = Samples("open: ItemsTableModel (shipped)"), Samples(
            "open: same SQL + QStandardItemModel")
        interleave([(open_ours, opened(Shipped)), (open_bare, opened(bare))], args.rounds)
        scroll_ours, scroll_bare = (Samples(f"scroll to {scroll_to:,}: shipped"),
                                    Samples(f"scroll to {scroll_to:,}: bare"))
        fetches.clear()
        interleave([(scroll_ours, scrolled(Shipped, "ours")),
                    (scroll_bare, scrolled(bare, "bare"))], args.rounds)
        largest_fetch = max(fetches, default=0)

        def open_and_scroll(table_type: Callable[[], object]) -> Callable[[], object]:
            def run() -> object:
                table = table_type().open()
                for _ in range(max(0, -(-scroll_to // BATCH_ROWS) - 1)):
                    table.scroll_one_page()
                table.close()
                return table
            return run

        ours_mib = allocated(open_and_scroll(Shipped))
        bare_mib = allocated(open_and_scroll(bare))
        db.dispose()

    width = 40
    print(f"{args.items:,} items; {args.rounds} interleaved rounds; pages of {BATCH_ROWS} rows")
    for ours, base in ((open_ours, open_bare), (scroll_ours, scroll_bare)):
        print(ours.line(width))
        print(base.line(width))
        print(ratio_line(ours, base, width=width, label="shipped / bare"))
    for key in ("ours", "bare"):
        times = page_times[key]
        print(f"  one page ({key}): median {statistics.median(times) * 1000:.1f} ms, "
              f"max {max(times) * 1000:.1f} ms")
    print(f"  the shipped model asked for at most {largest_fetch} rows at a time")
    print(f"memory (Python, peak) opening and scrolling to {scroll_to:,}: shipped "
          f"{ours_mib:.1f} MiB, bare {bare_mib:.1f} MiB ({ours_mib / bare_mib:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
