"""Import every calendar (.ics/.csv/.xlsx) and OPML file in a folder and count the outcomes.

Why: issue 12 — Attaché's calendar import is judged against real files other programs wrote,
and the team keeps collecting such files (exports sent by colleagues, other projects' test
suites). This reruns the whole judgement on a folder in one command, each file imported into
its own throwaway database by the same function ``attache calendar import`` /
``attache opml import`` call, so the counts are what an officer would see:

- ``clean``      imported, nothing skipped (exit 0)
- ``skipped``    imported, some events skipped, each with its line and reason (exit 1)
- ``no-events``  nothing to import: no VEVENT (only to-dos, journal entries, free/busy or
                 time zones) — a calendar of events has none of its own; for OPML
                 (``no-feeds``): no outline with a feed address
- ``refused``    the whole file refused with a message (exit 1): a bug unless the file is
                 really broken (the message says why)
- ``crash``      a traceback: always a bug

With ``--roundtrip`` every file that imported is exported again (``calendar export``'s
writer) and the export is read by icalendar and, when installed, by the strict ``ical``
package and vobject (the test extras): ``export-invalid`` counts the ones they refuse.

    python scripts/interop_sweep.py DIR [--roundtrip] [--details] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import sys
import tempfile
import traceback
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.errors import KnownError  # noqa: E402
from core.storage.database import Database  # noqa: E402
from core.storage.migrate import ensure_schema  # noqa: E402

OUTCOMES = ("clean", "skipped", "no-events", "refused", "crash")
CALENDAR = (".ics", ".ical", ".ifb", ".icalendar", ".csv", ".xlsx")
OPML = (".opml",)
ZONE = "Asia/Tashkent"  # the officer's zone floating times are read in
_VARIABLE = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--roundtrip", action="store_true",
                        help="export what was imported and check it with strict readers")
    parser.add_argument("--details", action="store_true", help="one line per file")
    parser.add_argument("--json", action="store_true", help="every file's outcome as JSON")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.folder.rglob("*")
                   if p.is_file() and p.suffix.lower() in CALENDAR + OPML)
    if not files:
        print(f"no .ics/.csv/.xlsx/.opml files under {args.folder}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="attache-sweep-") as work:
        os.environ["ATTACHE_DATA_DIR"] = str(Path(work) / "data")  # never the real profile
        template = Path(work) / "template.db"
        database = Database(f"sqlite:///{template}")
        ensure_schema(database)
        database.dispose()
        results = [_one(path, template, Path(work), args.roundtrip) for path in files]
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return 0
    _print(results, args.folder, args.details)
    return 0


def _one(path: Path, template: Path, work: Path, roundtrip: bool) -> dict:
    """Import ``path`` into a copy of the empty ``template`` database; its outcome."""
    target = work / "one.db"
    shutil.copyfile(template, target)
    db = Database(f"sqlite:///{target}")
    result: dict = {"file": str(path), "kind": "opml" if path.suffix.lower() in OPML
                    else "calendar"}
    try:
        if result["kind"] == "opml":
            from core.feeds.opml import import_opml

            report = import_opml(db, path)
            result.update(outcome="clean" if report.added else "no-events",
                          added=len(report.added), invalid=len(report.invalid))
            return result
        from core.calendar.exchange import import_calendar

        report = import_calendar(db, path, default_tz=ZONE)
        saved = report.created + report.updated + report.unchanged + report.observances_added
        result.update(created=report.created, observances=report.observances_added,
                      warnings=report.warnings, skipped=[str(s) for s in report.skipped])
        if report.skipped:
            result["outcome"] = "skipped"
        elif saved == 0 and not _has_events(path):
            result["outcome"] = "no-events"
        else:
            result["outcome"] = "clean"
        if roundtrip and saved:
            problem = _roundtrip(db, work)
            if problem:
                result["export_invalid"] = problem
    except KnownError as exc:
        result.update(outcome="refused", reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - a crash is what this looks for
        result.update(outcome="crash", reason=f"{type(exc).__name__}: {exc}",
                      traceback=traceback.format_exc(limit=-4))
    finally:
        db.dispose()
    return result


def _has_events(path: Path) -> bool:
    if path.suffix.lower() not in (".ics", ".ical", ".ifb", ".icalendar"):
        return True
    return b"BEGIN:VEVENT" in path.read_bytes().upper()


def _roundtrip(db: Database, work: Path) -> str | None:
    """Export every post and observance of ``db`` as .ics; what a strict reader says of it."""
    from core.calendar.exchange import export_calendar

    out = work / "export.ics"
    export_calendar(db, out, "ics", first=date(1900, 1, 1), last=date(2199, 12, 31))
    data = out.read_bytes()
    try:
        from icalendar import Calendar

        calendar = Calendar.from_ical(data)
        if calendar.get_missing_tzids():
            return f"icalendar: no VTIMEZONE for {sorted(calendar.get_missing_tzids())}"
        for event in calendar.walk("VEVENT"):
            if getattr(event, "errors", None):
                return f"icalendar: {event.errors}"
    except Exception as exc:  # noqa: BLE001
        return f"icalendar: {type(exc).__name__}: {exc}"
    try:
        from ical.calendar_stream import IcsCalendarStream
    except ImportError:
        return None
    try:
        strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        list(itertools.islice(strict.timeline, 500))
    except Exception as exc:  # noqa: BLE001
        return f"ical (strict): {type(exc).__name__}: {str(exc)[:200]}"
    try:
        import vobject
    except ImportError:
        return None
    try:
        parsed = vobject.readOne(data.decode("utf-8"))
        for event in getattr(parsed, "vevent_list", []):
            if hasattr(event, "rrule"):
                list(itertools.islice(event.getrruleset(), 50))
    except Exception as exc:  # noqa: BLE001
        return f"vobject: {type(exc).__name__}: {str(exc)[:200]}"
    return None


def _reason(text: str) -> str:
    """A skip or refusal without its place and values: what kind of problem it is."""
    text = re.sub(r"^event \d+ \(UID [^)]*\): ", "", text)
    return _VARIABLE.sub("…", text.splitlines()[0])[:110]


def _print(results: list[dict], folder: Path, details: bool) -> None:
    counts = Counter(r["outcome"] for r in results)
    if details:
        for r in results:
            extra = r.get("reason") or "; ".join(r.get("skipped", [])[:3])
            print(f"{r['outcome']:<10} {Path(r['file']).relative_to(folder)}  {extra[:200]}")
        print()
    calendars = [r for r in results if r["kind"] == "calendar"]
    opml = [r for r in results if r["kind"] == "opml"]
    for name, group in (("calendar files", calendars), ("OPML files", opml)):
        if group:
            c = Counter(r["outcome"] for r in group)
            print(f"{len(group)} {name}: " + ", ".join(
                f"{c[o]} {'no-feeds' if group is opml and o == 'no-events' else o}"
                for o in OUTCOMES if group is calendars or o != "skipped"))
    events = sum(len(r.get("skipped", [])) for r in results)
    if events:
        print(f"\nskipped events ({events}), by reason:")
        for reason, n in Counter(_reason(s) for r in results
                                 for s in r.get("skipped", [])).most_common():
            print(f"  {n:>4}  {reason}")
    for outcome in ("refused", "crash"):
        if counts[outcome]:
            print(f"\n{outcome} files, by reason:")
            for reason, n in Counter(_reason(r["reason"]) for r in results
                                     if r["outcome"] == outcome).most_common():
                print(f"  {n:>4}  {reason}")
    invalid = [r for r in results if r.get("export_invalid")]
    if invalid:
        print(f"\nexports a strict reader refused: {len(invalid)}")
        for r in invalid:
            print(f"  {Path(r['file']).relative_to(folder)}: {r['export_invalid'][:150]}")


if __name__ == "__main__":
    raise SystemExit(main())
