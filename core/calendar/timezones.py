"""IANA time zones: validating the officer's zone and finding this computer's.

Posts are stored in UTC with the zone they were planned in, so "10:00 in Tashkent" stays
10:00 in Tashkent when exported, whatever zone the planner's laptop is in.
"""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.errors import KnownError


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise KnownError(f"unknown time zone {name!r} (use an IANA name such as "
                         "Asia/Tashkent, Asia/Almaty, Asia/Bishkek, Asia/Dushanbe, "
                         "Asia/Ashgabat)") from None


def local_zone_name() -> str:
    """This computer's IANA zone name, or UTC when it cannot be told."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env and _valid(env):
        return env
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if _valid(name):
            return name
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        name = ""
    return name if name and _valid(name) else "UTC"


def default_zone_name(setting: str | None) -> str:
    return setting or local_zone_name()


def _valid(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
