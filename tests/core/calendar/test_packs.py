"""Observance packs: their contents, and syncing them into the observance table."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import insert, select, update

from core.calendar import rules
from core.calendar.packs import HOST_COUNTRIES, PACK_CATEGORIES, pack_observances, sync_packs
from core.storage.database import Database
from core.storage.models import Observance, PlannedPost

OBSERVANCES = Observance.__table__
POSTS = PlannedPost.__table__
ALL = set(PACK_CATEGORIES)
COUNTRIES = list(HOST_COUNTRIES)


@pytest.fixture(scope="module")
def every_row() -> list[dict]:
    return pack_observances(COUNTRIES, ALL)


def by_key(rows: list[dict]) -> dict[str, dict]:
    return {r["key"]: r for r in rows}


def test_keys_are_unique_and_rules_valid(every_row: list[dict]) -> None:
    keys = [r["key"] for r in every_row]
    assert len(keys) == len(set(keys))
    for row in every_row:
        rules.validate(json.loads(row["rule"]))
        assert row["rule"] == json.dumps(json.loads(row["rule"]), sort_keys=True)
        assert row["pack"] == row["category"]
        assert row["source_url"].startswith("https://")
        assert row["description"]


def test_un_pack(every_row: list[dict]) -> None:
    un = [r for r in every_row if r["category"] == "un"]
    assert len(un) >= 32
    assert all(r["key"].startswith("un:") and r["country"] is None for r in un)
    assert not any(r["estimated"] for r in un)
    assert all(r["source_url"].startswith("https://www.un.org/en/observances/") for r in un)
    days = {r["key"]: json.loads(r["rule"]) for r in un}
    assert days["un:human-rights-day"] == {"type": "fixed", "month": 12, "day": 10}
    assert days["un:press-freedom-day"] == {"type": "fixed", "month": 5, "day": 3}
    assert days["un:nowruz-day"] == {"type": "fixed", "month": 3, "day": 21}
    sixteen = days["un:16-days-of-activism"]
    assert rules.expand(sixteen, date(2026, 12, 1), date(2026, 12, 1)) == [
        rules.Occurrence(date(2026, 11, 25), date(2026, 12, 10), False)]


def test_every_host_country_has_its_holidays(every_row: list[dict]) -> None:
    rows = by_key(every_row)
    independence = {"UZ": date(2026, 9, 1), "KZ": date(2026, 12, 16), "KG": date(2026, 8, 31),
                    "TJ": date(2026, 9, 9), "TM": date(2026, 9, 27)}
    for country, day in independence.items():
        row = rows[f"host:{country.lower()}:independence-day"]
        assert row["category"] == "host" and row["country"] == country
        assert not row["estimated"]
        found = rules.expand(json.loads(row["rule"]), date(2026, 1, 1), date(2026, 12, 31))
        assert [o.start for o in found] == [day]


def test_eids_are_estimated_and_bridge_days_left_out(every_row: list[dict]) -> None:
    rows = by_key(every_row)
    assert rows["host:uz:eid-al-adha"]["estimated"]
    assert rows["host:tj:eid-al-fitr"]["estimated"]
    assert "host:kz:eid-al-fitr" not in rows  # not a public holiday in Kazakhstan
    names = [r["name"].lower() for r in every_row
             if r["category"] == "host" and json.loads(r["rule"])["type"] == "holidays"]
    assert not [n for n in names if "day off" in n or "non-working" in n]
    # They are listed under one "days off" observance per country instead (issue 13).
    days_off = [r for r in every_row if r["key"].endswith(":days-off")]
    assert sorted(r["country"] for r in days_off) == ["KG", "KZ", "TJ", "TM", "UZ"]


def test_us_pack(every_row: list[dict]) -> None:
    us = by_key([r for r in every_row if r["category"] == "us"])
    assert {"us:independence-day", "us:thanksgiving-day", "us:memorial-day",
            "us:juneteenth-national-independence-day"} <= set(us)
    assert all(r["country"] == "US" and not r["estimated"] for r in us.values())
    assert not [k for k in us if "observed" in k]
    thanksgiving = json.loads(us["us:thanksgiving-day"]["rule"])
    assert rules.expand(thanksgiving, date(2026, 1, 1), date(2026, 12, 31))[0].start == date(
        2026, 11, 26)


def test_programme_templates_per_country(every_row: list[dict]) -> None:
    programmes = [r for r in every_row if r["category"] == "programme"]
    for country in HOST_COUNTRIES:
        mine = [r for r in programmes if r["country"] == country]
        keys = {r["key"] for r in mine}
        assert f"programme:fulbright-foreign-student:{country.lower()}" in keys
        assert f"programme:flex:{country.lower()}" in keys
        for row in mine:
            assert row["estimated"]
            assert json.loads(row["rule"])["type"] == "template"
            assert "confirm" in row["description"]
    only_uz = pack_observances(["UZ"], {"programme"})
    assert only_uz and {r["country"] for r in only_uz} == {"UZ"}


def test_packs_filter_by_category_and_country() -> None:
    rows = pack_observances(["kg"], {"host"})
    assert rows and {(r["category"], r["country"]) for r in rows} == {("host", "KG")}
    assert pack_observances([], {"host", "programme"}) == []


@pytest.mark.parametrize(("countries", "categories", "message"), [
    (["RU"], {"host"}, "no packs for country 'RU'"),
    (["UZ"], {"custom"}, "no pack called 'custom'"),
])
def test_unknown_packs(countries: list[str], categories: set[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pack_observances(countries, categories)


# ---------------------------------------------------------------------------- sync

def stored(db: Database) -> dict[str, dict]:
    with db.read() as conn:
        return {r["key"]: dict(r) for r in conn.execute(select(OBSERVANCES)).mappings()}


def add_custom(db: Database, key: str = "custom:embassy-anniversary") -> None:
    with db.write() as conn:
        conn.execute(insert(OBSERVANCES).values(
            key=key, name="Embassy anniversary", category="custom", lead_days=10,
            rule=json.dumps({"type": "fixed", "month": 3, "day": 16}), estimated=False,
            pack=None))


def add_post(db: Database, observance_id: int) -> None:
    with db.write() as conn:
        conn.execute(insert(POSTS).values(
            uid="post-1@attache", title="Nowruz greetings", body="", status="idea",
            all_day=True, start_date=date(2027, 3, 21), tz="Asia/Tashkent", version=1,
            observance_id=observance_id))


def test_sync_is_idempotent_and_keeps_ids(db: Database) -> None:
    with db.write() as conn:
        first = sync_packs(conn, ["UZ", "KZ"], ALL)
    expected = pack_observances(["UZ", "KZ"], ALL)
    assert first == {"added": len(expected), "updated": 0, "removed": 0}
    before = {k: r["id"] for k, r in stored(db).items()}
    assert set(before) == {r["key"] for r in expected}

    with db.write() as conn:
        second = sync_packs(conn, ["UZ", "KZ"], ALL)
    assert second == {"added": 0, "updated": 0, "removed": 0}
    assert {k: r["id"] for k, r in stored(db).items()} == before


def test_sync_updates_changed_rows_in_place(db: Database) -> None:
    with db.write() as conn:
        sync_packs(conn, ["UZ"], {"un"})
        conn.execute(update(OBSERVANCES).where(OBSERVANCES.c.key == "un:human-rights-day")
                     .values(name="Old name", lead_days=3))
    row_id = stored(db)["un:human-rights-day"]["id"]
    with db.write() as conn:
        counts = sync_packs(conn, ["UZ"], {"un"})
    assert counts == {"added": 0, "updated": 1, "removed": 0}
    row = stored(db)["un:human-rights-day"]
    assert (row["id"], row["name"], row["lead_days"]) == (row_id, "Human Rights Day", 21)


def test_disabling_a_pack_removes_its_rows(db: Database) -> None:
    with db.write() as conn:
        sync_packs(conn, ["UZ", "TJ"], {"un", "host"})
    tajik = [k for k in stored(db) if k.startswith("host:tj:")]
    assert tajik
    with db.write() as conn:
        counts = sync_packs(conn, ["UZ"], {"un", "host"})
    assert counts == {"added": 0, "updated": 0, "removed": len(tajik)}
    assert not [k for k in stored(db) if k.startswith("host:tj:")]
    assert "host:uz:independence-day" in stored(db)


def test_a_referenced_pack_row_survives_disabling_its_pack(db: Database) -> None:
    with db.write() as conn:
        sync_packs(conn, ["UZ"], {"un", "host"})
    nowruz = stored(db)["host:uz:nowruz"]
    add_post(db, nowruz["id"])
    host_rows = [k for k in stored(db) if k.startswith("host:")]

    with db.write() as conn:
        counts = sync_packs(conn, ["UZ"], {"un"})
    assert counts == {"added": 0, "updated": 0, "removed": len(host_rows) - 1}
    rows = stored(db)
    assert rows["host:uz:nowruz"]["id"] == nowruz["id"]
    assert [k for k in rows if k.startswith("host:")] == ["host:uz:nowruz"]
    with db.read() as conn:
        assert conn.execute(select(POSTS.c.observance_id)).scalar_one() == nowruz["id"]

    # Still kept on the next sync; enabling the pack again adopts it with the same id.
    with db.write() as conn:
        assert sync_packs(conn, ["UZ"], {"un"})["removed"] == 0
        again = sync_packs(conn, ["UZ"], {"un", "host"})
    assert again["added"] == len(host_rows) - 1
    assert stored(db)["host:uz:nowruz"]["id"] == nowruz["id"]


def test_custom_rows_are_never_touched(db: Database) -> None:
    add_custom(db)
    # The user's own row that happens to use a pack's key is left alone too.
    add_custom(db, key="un:human-rights-day")
    before = stored(db)
    with db.write() as conn:
        counts = sync_packs(conn, ["UZ"], ALL)
        assert counts["added"] == len(pack_observances(["UZ"], ALL)) - 1
        sync_packs(conn, [], set())
    after = stored(db)
    assert set(after) == {"custom:embassy-anniversary", "un:human-rights-day"}
    assert after == before
