"""Calendar benchmark: how long expanding every shipped observance takes.

    .venv/bin/python -m benchmarks.bench_calendar [--years 5] [--from-year 2026]

Part 1 builds the rows of every pack (UN days, U.S. federal holidays, the public holidays of
UZ KZ KG TJ TM and their programme deadlines) and expands each rule over the years asked
for, twice: cold (the holidays package computing its tables) and warm (from the cache).
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

    # ---- Part 2: ICS export of these occurrences (to be added) ------------------------

    return 0 if len(warm) == len(occurrences) else 1


if __name__ == "__main__":
    sys.exit(main())
