"""Monitor table benchmark: the lazy ItemsTableModel over 100,000 items vs loading them all.

    .venv/bin/python -m benchmarks.bench_items_model [--items 100000] [--scroll 5000]

Builds a temporary SQLite database (SQLAlchemy Core executemany; the FTS triggers run as in
real use), then reports, in one run:
  * the baseline: ``list_items(limit=0)``, every row with its content, which is what a naive
    model that loads everything up front would do before showing anything,
  * ``item_ids`` for all items (what ``ItemsTableModel.reload`` asks for),
  * opening: model reload + the first page painted in an offscreen QTableView (target
    <= 0.5 s for 100k items),
  * scrolling: fetchMore, scroll to the bottom and paint, page after page up to ``--scroll``
    rows (the time per page of 200),
  * Python memory allocated by the baseline load vs by opening and scrolling (tracemalloc,
    in separate runs so it does not slow the timings).
No thresholds are enforced: the numbers are for people, the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from core.feeds.items import ITEMS, item_ids, items_by_ids, list_items
from core.feeds.sources import add_source
from core.storage.database import Database
from core.storage.migrate import ensure_schema

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


def timed(action: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """Best of ``repeat`` wall-clock runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - began)
    return best, result


def allocated(action: Callable[[], object]) -> float:
    """Peak Python allocation of ``action`` in MiB (its result kept alive until measured)."""
    tracemalloc.start()
    kept = action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del kept
    return peak / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--scroll", type=int, default=5_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from ui.models.items_table import BATCH, ItemsTableModel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        ensure_schema(db)
        began = time.perf_counter()
        fill(db, args.items)
        print(f"setup: {args.items:,} items inserted in {time.perf_counter() - began:.2f} s")
        list_items(db, limit=10)  # warm the connection pool and the page cache

        naive, rows = timed(lambda: list_items(db, limit=0))
        assert len(rows) == args.items
        del rows
        ids_time, ids = timed(lambda: item_ids(db))
        assert len(ids) == args.items

        fetches: list[int] = []

        def fetch_rows(wanted: Sequence[int]) -> dict[int, dict]:
            fetches.append(len(wanted))
            return items_by_ids(db, wanted)

        def fetch_ids(order: str = "date", descending: bool = True) -> list[int]:
            return item_ids(db, order=order, descending=descending)

        def open_table() -> tuple[ItemsTableModel, QTableView]:
            model = ItemsTableModel(fetch_ids, fetch_rows)
            view = QTableView()
            view.resize(1000, 700)
            model.reload()
            view.setModel(model)
            view.show()
            app.processEvents()  # exposed and laid out
            view.viewport().repaint()  # paint now: data() for every visible cell
            return model, view

        def scroll_one_page(model: ItemsTableModel, view: QTableView) -> None:
            # The user reaches the bottom: the view itself calls fetchMore (scroll bar at its
            # maximum); then the layout is updated and the bottom rows painted, synchronously.
            view.scrollToBottom()
            view.doItemsLayout()
            view.viewport().repaint()

        open_time, (model, view) = timed(open_table)
        assert fetches and model.rowCount() == min(BATCH, args.items), model.rowCount()

        pages: list[float] = []
        fetches.clear()
        while model.rowCount() < min(args.scroll, args.items):
            began = time.perf_counter()
            scroll_one_page(model, view)
            pages.append(time.perf_counter() - began)
        scrolled = model.rowCount()
        page_fetches = list(fetches)
        view.close()

        naive_mib = allocated(lambda: list_items(db, limit=0))

        def open_and_scroll() -> object:
            model, view = open_table()
            while model.rowCount() < min(args.scroll, args.items):
                scroll_one_page(model, view)
            view.close()
            return model

        lazy_mib = allocated(open_and_scroll)
        db.dispose()

    print(f"baseline  list_items(limit=0), all {args.items:,} rows: {naive * 1000:8.1f} ms")
    print(f"item_ids, all {args.items:,} ids:                 {ids_time * 1000:8.1f} ms"
          f"   ({naive / ids_time:.1f}x faster than the baseline)")
    print(f"open: reload + first page painted:          {open_time * 1000:8.1f} ms"
          f"   ({naive / open_time:.1f}x faster; target <= 500 ms)")
    if pages:
        print(f"scroll to {scrolled:,} rows: {len(pages)} pages of {BATCH}, "
              f"median {statistics.median(pages) * 1000:.1f} ms, "
              f"max {max(pages) * 1000:.1f} ms per page; fetch_rows called {len(page_fetches)} "
              f"times (largest {max(page_fetches, default=0)} ids)")
    print(f"memory (Python, peak): baseline {naive_mib:.1f} MiB, "
          f"open + scroll to {scrolled:,} rows {lazy_mib:.1f} MiB"
          f"   ({naive_mib / lazy_mib:.1f}x less)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
