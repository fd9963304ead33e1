"""Observance packs: the UN days, U.S. federal holidays, host-country public holidays and
exchange-programme deadlines Attaché ships, and keeping the ``observance`` table in step.

A pack row is identified by its ``key`` (``un:human-rights-day``, ``host:uz:independence-day``)
and carries its pack name in ``pack``; the user's own observances have ``pack`` None and are
never touched here. Syncing updates rows in place so ids — and the planned posts pointing at
them — stay stable.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from core.calendar import rules
from core.storage.models import OBSERVANCES, PlannedPost
from resources import RESOURCES

log = logging.getLogger("attache.calendar.packs")

PACK_CATEGORIES = ("un", "us", "host", "programme")
HOST_COUNTRIES = ("UZ", "KZ", "KG", "TJ", "TM")
# Holiday names are collected over these years: wide enough to see every Eid marked
# estimated and holidays introduced recently (Kazakhstan's Republic Day from 2022).
PACK_YEARS = (2024, 2035)

OBSERVANCE_DIR = RESOURCES / "observances"
OPM_URL = "https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/"
# The holidays package's implementation for each host country lists the laws and decrees it
# follows; it is the one source that says exactly what the pack contains.
_HOLIDAYS_SOURCE = "https://github.com/vacanza/holidays/blob/dev/holidays/countries/{}.py"
COUNTRY_NAMES = {"UZ": "Uzbekistan", "KZ": "Kazakhstan", "KG": "Kyrgyzstan",
                 "TJ": "Tajikistan", "TM": "Turkmenistan", "US": "United States"}

# Bridge and substitute days off are public holidays (holiday_dates warns about them) but not
# moments to plan a post around: one "days off" observance per host country lists them.
_NOT_OBSERVANCES = rules.NOT_HOLIDAYS
_LEAD_DAYS = {("US", "Independence Day"): 30}  # the embassy's Fourth of July reception
_FIELDS = ("name", "rule", "category", "country", "lead_days", "description", "source_url",
           "estimated", "pack")

PLANNED_POSTS = PlannedPost.__table__


def slug(text: str) -> str:
    """A key part: ``"Washington's Birthday"`` -> ``"washingtons-birthday"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")


def pack_observances(countries: list[str], categories: set[str]) -> list[dict]:
    """Rows for the ``observance`` table from the enabled packs, sorted by key.

    ``countries`` are the host countries (ISO2, any of UZ KZ KG TJ TM) whose public holidays
    and programme deadlines are wanted; ``categories`` any of un, us, host, programme.
    """
    wanted = [c.upper() for c in countries]
    unknown = [c for c in wanted if c not in HOST_COUNTRIES]
    if unknown:
        raise ValueError(f"no packs for country {unknown[0]!r}; one of "
                         f"{', '.join(HOST_COUNTRIES)}")
    bad = sorted(set(categories) - set(PACK_CATEGORIES))
    if bad:
        raise ValueError(f"no pack called {bad[0]!r}; one of {', '.join(PACK_CATEGORIES)}")
    rows: list[dict] = []
    if "un" in categories:
        rows += [_row(entry, category="un", country=None, estimated=False)
                 for entry in _load("un.json")]
    if "programme" in categories:
        rows += [_row(entry, category="programme", country=entry["country"], estimated=True)
                 for entry in _load("programmes.json") if entry["country"] in wanted]
    if "us" in categories:
        rows += _holiday_rows("US", category="us", key_prefix="us", source_url=OPM_URL)
    if "host" in categories:
        for country in dict.fromkeys(wanted):
            source_url = _HOLIDAYS_SOURCE.format(COUNTRY_NAMES[country].lower())
            rows += _holiday_rows(country, category="host", key_prefix=f"host:{country.lower()}",
                                  source_url=source_url)
            rows.append(_days_off_row(country, source_url))
    rows.sort(key=lambda r: r["key"])
    return rows


@functools.cache
def _load(name: str) -> tuple[dict, ...]:
    with open(OBSERVANCE_DIR / name, encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        try:
            rules.validate(entry["rule"])
        except ValueError as exc:
            raise ValueError(f"{name}: {entry.get('key')}: {exc}") from None
    return tuple(entries)


def _row(entry: dict, *, category: str, country: str | None, estimated: bool) -> dict:
    return {
        "key": entry["key"], "name": entry["name"],
        "rule": json.dumps(entry["rule"], sort_keys=True), "category": category,
        "country": country, "lead_days": entry["lead_days"],
        "description": entry["description"], "source_url": entry["source_url"],
        "estimated": estimated, "pack": category,
    }


def _holiday_rows(country: str, *, category: str, key_prefix: str,
                  source_url: str) -> list[dict]:
    names = rules.holiday_names(country, *PACK_YEARS)
    country_name = COUNTRY_NAMES[country]
    kind = "U.S. federal holiday" if country == "US" else f"Public holiday in {country_name}"
    rows = []
    for name, estimated in sorted(names.items()):
        if _NOT_OBSERVANCES.match(name):
            continue
        description = f"{kind}, as the holidays package implements it."
        if estimated:
            description += (" Dates follow the lunar calendar and are estimates until the "
                            "government announces them.")
        rows.append({
            "key": f"{key_prefix}:{slug(name)}", "name": name,
            "rule": json.dumps({"type": "holidays", "country": country, "name": name},
                               sort_keys=True),
            "category": category, "country": country,
            "lead_days": _LEAD_DAYS.get((country, name), 14), "description": description,
            "source_url": source_url, "estimated": estimated, "pack": category,
        })
    return rows


def _days_off_row(country: str, source_url: str) -> dict:
    """Observed and substituted days off: public holidays the plan checks warn about, so the
    calendar and ``observances list`` show them too."""
    return {
        "key": f"host:{country.lower()}:days-off", "name": f"Day off in {COUNTRY_NAMES[country]}",
        "rule": json.dumps({"type": "days_off", "country": country}, sort_keys=True),
        "category": "host", "country": country, "lead_days": 0,
        "description": ("A public day off that is no holiday of its own: a holiday moved off a "
                        "weekend, or a working day swapped for a rest day by decree."),
        "source_url": source_url, "estimated": False, "pack": "host",
    }


def sync_packs(conn: Connection, countries: list[str], categories: set[str]) -> dict[str, int]:
    """Bring the pack rows of the ``observance`` table in line with the enabled packs.

    New rows are inserted, changed ones updated in place (ids stay), and pack rows no longer
    wanted are deleted unless a planned post refers to them. Rows with ``pack`` None — the
    user's own — are left alone, even when one has a pack's key.
    Returns ``{"added": n, "updated": n, "removed": n}``.
    """
    desired = {row["key"]: row for row in pack_observances(countries, categories)}
    existing = {row["key"]: dict(row) for row in conn.execute(
        select(OBSERVANCES.c.id, OBSERVANCES.c.key, *(OBSERVANCES.c[f] for f in _FIELDS)))
        .mappings()}
    counts = {"added": 0, "updated": 0, "removed": 0}

    new_rows = []
    for key, row in desired.items():
        current = existing.get(key)
        if current is None:
            new_rows.append(row)
        elif current["pack"] is None:
            log.warning("observance %s is the user's own; the %s pack leaves it alone",
                        key, row["pack"])
        else:
            changed = {f: row[f] for f in _FIELDS if _differs(current[f], row[f])}
            if changed:
                conn.execute(update(OBSERVANCES).where(OBSERVANCES.c.id == current["id"])
                             .values(**changed))
                counts["updated"] += 1
    if new_rows:
        conn.execute(insert(OBSERVANCES), new_rows)
        counts["added"] = len(new_rows)

    stale = [row["id"] for key, row in existing.items()
             if row["pack"] is not None and key not in desired]
    referenced = _referenced(conn, stale)
    removable = [i for i in stale if i not in referenced]
    if removable:
        conn.execute(delete(OBSERVANCES).where(OBSERVANCES.c.id.in_(removable)))
        counts["removed"] = len(removable)
    if referenced:
        log.info("kept %d observances of disabled packs: planned posts refer to them",
                 len(referenced))
    return counts


def _differs(stored: Any, wanted: Any) -> bool:
    if isinstance(wanted, bool):  # some databases hand booleans back as 0/1
        return bool(stored) != wanted
    return stored != wanted


def _referenced(conn: Connection, ids: Iterable[int]) -> set[int]:
    ids = list(ids)
    if not ids:
        return set()
    return set(conn.execute(
        select(PLANNED_POSTS.c.observance_id).distinct()
        .where(PLANNED_POSTS.c.observance_id.in_(ids))).scalars())
