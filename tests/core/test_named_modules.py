"""The modules records name as strings: every one imports, and the self-test notices when one
does not (what a bundle that left it out would do) or when a calendar format does not read
back what it wrote."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from core import formats, platforms, selftest
from core.named_modules import core_named, missing
from core.reports.formats import FORMATS


def _run(check: object, folder: Path) -> selftest.Check:
    workspace = selftest._Workspace(folder)
    try:
        return selftest.run_check("check", lambda: check(workspace))
    finally:
        workspace.close()


def test_every_adapter_publisher_and_report_writer_is_listed_and_imports() -> None:
    named = core_named()
    targets = {n.target for n in named}
    for record in platforms.PLATFORMS:
        assert record.adapter is None or record.adapter in targets
        assert record.publisher is None or record.publisher in targets
    assert {f"{f.module}:write" for f in FORMATS} <= targets
    assert missing(named) == []
    assert all(callable(n.resolve()) for n in named)


def test_a_record_naming_a_module_that_is_not_there_fails_the_self_test(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ghost = platforms.Platform("ghost", "Ghost", publisher="core.publish.ghost:GhostPublisher")
    typo = dataclasses.replace(platforms.PLATFORMS[1],
                               adapter="core.social.mastodon:MastodonAdaptor")
    monkeypatch.setattr(platforms, "PLATFORMS", (*platforms.PLATFORMS, ghost, typo))
    check = _run(selftest.check_named_modules, tmp_path)
    assert not check.ok
    assert "Ghost publisher (core.publish.ghost:GhostPublisher): ModuleNotFoundError" \
        in check.detail
    assert "(core.social.mastodon:MastodonAdaptor): AttributeError" in check.detail


def test_every_calendar_format_reads_back_what_it_wrote(tmp_path: Path) -> None:
    check = _run(selftest.check_calendar_formats, tmp_path)
    assert check.ok, check.detail
    for fmt in formats.CALENDAR_FORMATS:
        assert f"{fmt.key} written" in check.detail


def test_a_format_that_does_not_read_back_its_own_file_fails(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    csv = formats.writer_of("csv")

    def renaming(posts: list[dict], days: list[dict]) -> bytes:  # loses the title on the way
        return csv.writer([{**post, "title": post["title"] + " (copy)"} for post in posts], days)

    broken = dataclasses.replace(csv, key="lossy", writer=renaming)
    monkeypatch.setattr(formats, "CALENDAR_FORMATS", (*formats.CALENDAR_FORMATS, broken))
    check = _run(selftest.check_calendar_formats, tmp_path)
    assert not check.ok
    assert check.detail.startswith("lossy: reading back its own export gave 0 new, 1 changed")
