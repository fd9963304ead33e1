"""desktop/ and ui/ modules must not import each other in a circle (issue 15: desktop/cli.py ↔
cli_social.py/cli_sentiment.py did, for ``command`` and ``parse_since``; they now live in
desktop/cli_support.py).

The same detector as core's (tests/test_core_import_cycles.py: every import counts, deferred
ones too, ``TYPE_CHECKING`` ones not), plus the imports desktop/cli.py makes by name: its
``COMMANDS`` table imports each command's module when that command runs, which an AST cannot
see, and a command module importing desktop.cli back would close the old circle again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import COMMANDS
from tests.test_core_import_cycles import ROOT, cycles, import_graph


def _modules(package: str, root: Path = ROOT) -> dict[str, Path]:
    return {".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): p
            for p in sorted((root / package).rglob("*.py"))}


def desktop_graph(root: Path = ROOT) -> dict[str, set[str]]:
    graph = import_graph(_modules("desktop", root))
    graph["desktop.cli"] |= {target.partition(":")[0] for _help, target in COMMANDS.values()}
    return graph


@pytest.mark.parametrize("package", ["desktop", "ui"])
def test_modules_import_each_other_in_no_circle(package: str) -> None:
    graph = desktop_graph() if package == "desktop" else import_graph(_modules(package))
    assert len(graph) > 10
    assert cycles(graph) == []


def test_the_command_table_counts_as_imports() -> None:
    graph = desktop_graph()
    assert {"desktop.cli_feeds", "desktop.cli_social", "desktop.cli_sentiment"} <= graph[
        "desktop.cli"]
    # Only the entry point imports the dispatcher; commands share desktop/cli_support.py.
    assert [name for name, targets in graph.items() if "desktop.cli" in targets] == [
        "desktop.main"]


def test_the_old_circle_would_be_found(tmp_path: Path) -> None:
    """cli_social importing parse_since from desktop.cli inside a function, as it did."""
    package = tmp_path / "desktop"
    package.mkdir()
    for name in ("__init__", *{t.partition(":")[0].rpartition(".")[2]
                               for _h, t in COMMANDS.values()}):
        (package / f"{name}.py").write_text("")
    (package / "cli.py").write_text("import argparse\n")
    (package / "cli_social.py").write_text(
        "def add_replies(sub):\n    from desktop.cli import parse_since\n")
    assert ["desktop.cli", "desktop.cli_social"] in cycles(desktop_graph(tmp_path))
