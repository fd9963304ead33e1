"""Every module the code imports by a string is one build.spec bundles: a new
``importlib.import_module("…")`` that no record names fails here before it is missing from a
bundle. And the self-test's "desktop modules" check fails for a record whose module is gone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from desktop.named_modules import check_desktop_modules, every_named

ROOT = Path(__file__).resolve().parents[2]
# Where a module name is computed from a record (a platform, a format, a command, a page) or
# read from a constant that desktop/named_modules.py reads too.
READS_RECORDS = {"core/social/registry.py", "core/publish/registry.py",
                 "core/reports/formats.py", "desktop/cli.py", "desktop/app.py",
                 "desktop/screenshots.py", "desktop/page_calendar.py",
                 "core/named_modules.py"}  # resolves the names this test checks


def _string_imports() -> list[tuple[str, int, ast.expr]]:
    found = []
    for package in ("core", "desktop", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and node.args
                        and getattr(node.func, "attr", getattr(node.func, "id", None))
                        in ("import_module", "__import__")):
                    found.append((path.relative_to(ROOT).as_posix(), node.lineno, node.args[0]))
    return found


def test_every_module_imported_by_a_string_is_one_the_bundle_collects() -> None:
    modules = {named.module for named in every_named()}
    imports = _string_imports()
    assert len(imports) >= 8  # the scan sees the registries, the CLI, the pages
    for where, line, argument in imports:
        if isinstance(argument, ast.Constant):
            assert argument.value in modules, f"{where}:{line} imports {argument.value!r}"
        else:
            assert where in READS_RECORDS, f"{where}:{line} imports a computed name"


def test_every_command_and_page_module_is_named() -> None:
    modules = {named.module for named in every_named()}
    on_disk = {f"desktop.{p.stem}" for p in (ROOT / "desktop").glob("cli_*.py")}
    on_disk |= {f"desktop.{p.stem}" for p in (ROOT / "desktop").glob("page_*.py")}
    # cli_support is the commands' shared code; the Monitor page is imported by the app.
    assert on_disk - modules == {"desktop.cli_support", "desktop.page_monitor"}


def test_a_command_whose_module_is_missing_fails_the_self_test(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import commands

    assert check_desktop_modules().ok
    monkeypatch.setitem(commands.COMMANDS, "ghost", ("haunts", "desktop.cli_ghost:add_ghost"))
    check = check_desktop_modules()
    assert not check.ok and check.required
    assert check.detail.startswith("the ghost command (desktop.cli_ghost:add_ghost): "
                                   "ModuleNotFoundError")
