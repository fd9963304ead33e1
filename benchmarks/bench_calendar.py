"""Calendar benchmark: expanding every shipped observance, and exporting a big plan.

    .venv/bin/python -m benchmarks.bench_calendar [--years 5] [--from-year 2026] [--posts 2000]

Part 1 builds the rows of every pack (UN days, U.S. federal holidays, the public holidays of
UZ KZ KG TJ TM and their programme deadlines) and expands each rule over the years asked
for, twice: cold (the holidays package computing its tables) and warm (from the cache).
Part 2 plans ``--posts`` posts (timed in Asia/Tashkent, all-day, weekly recurring) in a
temporary SQLite database and exports them with the observance days as iCalendar, CSV and
XLSX; the baseline is bare icalendar serialising the same number of minimal VEVENTs.
No thresholds are enforced: the numbers are for people, the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date

from core.calendar import rules
from core.calendar.packs import HOST_COUNTRIES, PACK_CATEGORIES, pack_observances


def expand_all(rows: list[dict], first: date, last: date) -> list[tuple[dict, rules.Occurrence]]:
    """Every occurrence of every row in [first, last], as (row, occurrence) pairs."""
    return [(row, occurrence)
            for row in rows
            for occurrence in rules.expand(json.loads(row["rule"]), first, last)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--from-year", type=int, default=date.today().year)
    parser.add_argument("--posts", type=int, default=2000)
    args = parser.parse_args(argv)
    first, last = date(args.from_year, 1, 1), date(args.from_year + args.years - 1, 12, 31)

    # ---- Part 1: expansion ------------------------------------------------------------
    started = time.perf_counter()
    rows = pack_observances(list(HOST_COUNTRIES), set(PACK_CATEGORIES))
    build_time = time.perf_counter() - started

    rules._year_holidays.cache_clear()  # building the rows filled it; measure from cold
    started = time.perf_counter()
    occurrences = expand_all(rows, first, last)
    cold_time = time.perf_counter() - started

    started = time.perf_counter()
    warm = expand_all(rows, first, last)
    warm_time = time.perf_counter() - started

    by_category: dict[str, int] = {}
    for row, _ in occurrences:
        by_category[row["category"]] = by_category.get(row["category"], 0) + 1
    estimated = sum(o.estimated or row["estimated"] for row, o in occurrences)
    print(f"packs: {len(rows)} observances ({', '.join(PACK_CATEGORIES)}; "
          f"{' '.join(HOST_COUNTRIES)} + US), {first} .. {last}")
    print(f"build pack rows             {build_time * 1000:8.1f} ms")
    print(f"expand, cold                {cold_time * 1000:8.1f} ms  {len(occurrences)} "
          f"occurrences ({estimated} estimated)")
    print(f"expand, warm                {warm_time * 1000:8.1f} ms  {len(warm)} occurrences")
    print("  by category: " + ", ".join(f"{k} {v}" for k, v in sorted(by_category.items())))

    # ---- Part 2: a big plan exported -------------------------------------------------
    exported = export_benchmark(args.posts, first, last)
    return 0 if len(warm) == len(occurrences) and exported == args.posts else 1


def export_benchmark(count: int, first: date, last: date) -> int:
    import tempfile
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    from core.calendar import ics, tables
    from core.calendar.observances import ensure_packs, list_occurrences
    from core.calendar.posts import PostFields, create_post, list_posts
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    tashkent = ZoneInfo("Asia/Tashkent")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'plan.db'}")
        ensure_schema(db)
        ensure_packs(db, list(HOST_COUNTRIES), list(PACK_CATEGORIES))
        started = time.perf_counter()
        for n in range(count):
            day = first + timedelta(days=n % 365)
            if n % 3 == 0:
                fields = PostFields(title=f"Пост {n}: O‘zbekiston", day=day, status="draft",
                                    campaign=f"Campaign {n % 12}")
            else:
                fields = PostFields(title=f"Post {n}", body="Draft text " * 20, tz="Asia/Tashkent",
                                    at=datetime(day.year, day.month, day.day, 9 + n % 8,
                                                tzinfo=tashkent),
                                    duration_minutes=30, status="approved",
                                    rrule="FREQ=WEEKLY;COUNT=4" if n % 10 == 1 else None)
            create_post(db, fields)
        plan_time = time.perf_counter() - started

        started = time.perf_counter()
        posts = list_posts(db, first=first, last=last)
        occurrences = list_occurrences(db, first, last)
        query_time = time.perf_counter() - started

        timings = {}
        for name, export in (("ics", ics.export_ics), ("csv", tables.export_csv),
                             ("xlsx", tables.export_xlsx)):
            started = time.perf_counter()
            data = export(posts, occurrences)
            timings[name] = (time.perf_counter() - started, len(data))

        started = time.perf_counter()
        bare = Calendar()
        for n in range(len(posts) + len(occurrences)):
            event = Event()
            event.add("uid", f"{n}@bench")
            event.add("summary", f"Post {n}")
            event.add("dtstart", datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n))
            event.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
            bare.add_component(event)
        bare.to_ical()
        baseline = time.perf_counter() - started
        db.dispose()

    print(f"plan {count} posts (create_post each) {plan_time:6.2f} s  "
          f"({count / plan_time:.0f} posts/s)")
    print(f"list posts + observance days    {query_time:6.2f} s  {len(posts)} posts, "
          f"{len(occurrences)} observance days")
    print(f"bare icalendar, same event count {baseline:6.2f} s")
    for name, (seconds, size) in timings.items():
        ratio = f"  ratio {seconds / baseline:.2f}x" if name == "ics" else ""
        print(f"export {name:<4}                     {seconds:6.2f} s  {size / 1e6:.1f} MB{ratio}")
    return len(posts)


if __name__ == "__main__":
    sys.exit(main())
