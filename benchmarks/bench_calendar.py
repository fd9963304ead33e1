"""Calendar benchmark: expanding every shipped observance, exporting and importing a big plan.

    .venv/bin/python -m benchmarks.bench_calendar [--years 5] [--from-year 2026] [--posts 2000]
                                                  [--import-rows 20000] [--rounds 3]
                                                  [--only-import]

Part 1 builds the rows of every pack (UN days, U.S. federal holidays, the public holidays of
UZ KZ KG TJ TM and their programme deadlines) and expands each rule over the years asked
for, twice: cold (the holidays package computing its tables) and warm (from the cache).
Part 2 plans ``--posts`` posts (timed in Asia/Tashkent, all-day, weekly recurring) in a
temporary SQLite database and exports them with the observance days as iCalendar, CSV and
XLSX; the baseline is bare icalendar serialising the same number of minimal VEVENTs.
Part 3 imports a ``--import-rows`` CSV as a planner's sheet (new rows: a third all-day, a
tenth weekly, twelve campaigns, Cyrillic text) into an empty database, imports it again
unchanged, then imports an export of it with every title edited (updates); the baseline is a
bare executemany INSERT of the same rows into planned_post. Rounds are interleaved (see
benchmarks/measure.py); besides the wall time, the time inside the import's write
transaction — how long the SQLite write lock is held, while every other writer waits — is
printed. No thresholds are enforced: the numbers are for people, the machine is shared and
noisy.
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
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only-import", action="store_true", help="run part 3 only")
    args = parser.parse_args(argv)
    if args.only_import:
        return import_benchmark(args.import_rows, args.rounds)
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
    imported = import_benchmark(args.import_rows, args.rounds)
    return 0 if len(warm) == len(occurrences) and exported == args.posts and not imported else 1


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


def planners_sheet(path, count: int) -> None:  # noqa: ANN001 - a Path
    """A CSV of ``count`` new posts as a planner writes one (no ids, no uids)."""
    import csv
    from datetime import timedelta

    columns = ("kind", "title", "status", "date", "time", "end_time", "all_day", "tz",
               "campaign", "owner", "body", "rrule")
    start = date(2026, 1, 1)
    with open(path, "w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        for n in range(count):
            day = (start + timedelta(days=n % 700)).isoformat()
            if n % 3 == 0:
                writer.writerow(("post", f"Пост {n}: O‘zbekiston", "draft", day, "", "", "yes",
                                 "Asia/Tashkent", f"Campaign {n % 12}", "Dilnoza",
                                 "Текст поста " * 20, ""))
            else:
                hour = 9 + n % 8
                writer.writerow(("post", f"Post {n}", "approved", day, f"{hour:02d}:00",
                                 f"{hour:02d}:30", "no", "Asia/Tashkent", f"Campaign {n % 12}",
                                 "", "Draft text " * 20,
                                 "FREQ=WEEKLY;COUNT=4" if n % 10 == 1 else ""))


def import_benchmark(count: int, rounds: int) -> int:
    """Part 3 (see the module docstring). Returns 0 when every import did what it should."""
    import csv
    import io
    import tempfile
    from contextlib import contextmanager
    from datetime import UTC, datetime
    from pathlib import Path

    from sqlalchemy import insert

    from benchmarks.measure import Samples, interleave, ratio_line
    from core.calendar import tables
    from core.calendar.posts import POSTS, list_posts
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    class TimedDatabase(Database):
        """Counts the seconds spent inside write transactions (the SQLite write lock)."""

        locked = 0.0

        @contextmanager
        def write(self):  # noqa: ANN202
            started = time.perf_counter()
            with super().write() as conn:
                yield conn
            self.locked += time.perf_counter() - started

    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = folder / "plan.csv"
        planners_sheet(sheet, count)
        made = iter(range(10 * rounds + 10))

        def fresh() -> TimedDatabase:
            db = TimedDatabase(f"sqlite:///{folder / f'plan-{next(made)}.db'}")
            ensure_schema(db)
            return db

        new, again, edited, bare = (Samples("import, new rows"),
                                    Samples("import again, unchanged"),
                                    Samples("import an edited export"),
                                    Samples("bare executemany INSERT"))
        locks: dict[str, list[float]] = {}

        def ours() -> float:
            nonlocal failures
            db = fresh()
            started = time.perf_counter()
            report = tables.import_table(db, sheet, default_tz="UTC")
            seconds = time.perf_counter() - started
            locks.setdefault(new.name, []).append(db.locked)
            failures += report.created != count
            db.locked, started = 0.0, time.perf_counter()
            report = tables.import_table(db, sheet, default_tz="UTC")
            again.seconds.append(time.perf_counter() - started)
            locks.setdefault(again.name, []).append(db.locked)
            failures += (report.created, report.updated) != (0, 0)
            exported = tables.export_csv(list_posts(db), [])
            rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"), newline="")))
            for row in rows:
                row["title"] += " (edited)"
            out = io.StringIO(newline="")
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
            changed = folder / "edited.csv"
            changed.write_bytes(out.getvalue().encode("utf-8-sig"))
            db.locked, started = 0.0, time.perf_counter()
            report = tables.import_table(db, changed, default_tz="UTC")
            edited.seconds.append(time.perf_counter() - started)
            locks.setdefault(edited.name, []).append(db.locked)
            failures += report.updated != count
            db.dispose()
            return seconds

        def baseline() -> float:
            db = fresh()
            now = datetime.now(UTC)
            rows = [{"uid": f"{n}@bench", "title": f"Post {n}", "body": "Draft text " * 20,
                     "status": "draft", "all_day": False, "tz": "UTC", "version": 1,
                     "start_at": now, "created_at": now, "updated_at": now}
                    for n in range(count)]
            started = time.perf_counter()
            with db.write() as conn:
                conn.execute(insert(POSTS), rows)
            seconds = time.perf_counter() - started
            db.dispose()
            return seconds

        interleave([(new, ours), (bare, baseline)], rounds)
    print(f"import a {count}-row planner's sheet (CSV), {rounds} interleaved rounds")
    for samples in (bare, new, again, edited):
        print(samples.line())
        if samples.name in locks:
            held = Samples("    of which write lock held", locks[samples.name])
            print(held.line())
    print(ratio_line(new, bare))
    if failures:
        print(f"{failures} import(s) did not do what they should")
    return failures


if __name__ == "__main__":
    sys.exit(main())
