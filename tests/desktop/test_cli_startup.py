"""``attache`` starts by parsing, then imports only the chosen command's code.

Each case runs in a fresh interpreter (what a script calling ``attache`` in a loop gets) and
reports which of the heavy libraries ended up in ``sys.modules``. Timing is the benchmark's
job (benchmarks/bench_startup.py); this checks the cause: what was imported.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import COMMANDS, build_parser, chosen_command

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "requests", "feedparser", "holidays", "PySide6",
         "icalendar", "openpyxl", "keyring", "textblob", "vaderSentiment", "py3langid")
RUN = """
import json, sys
heavy = json.loads(sys.argv[2])
sys.argv = ["attache", *json.loads(sys.argv[1])]
from desktop.main import main
code = 0
try:
    main()
except SystemExit as done:
    code = done.code
print(json.dumps([name for name in heavy if name in sys.modules]), file=sys.stderr)
sys.exit(code)
"""


def _run(argv: list[str], tmp_path: Path) -> tuple[int, str, list[str]]:
    """``attache ARGV`` in a new process: exit code, stdout, heavy modules it imported."""
    # The environment of the test (its own data folder and site configuration: conftest).
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", RUN, json.dumps(argv), json.dumps(HEAVY)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    return done.returncode, done.stdout, loaded


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["-h"]])
def test_help_and_version_import_no_database_network_calendar_or_qt(
        argv: list[str], tmp_path: Path) -> None:
    code, out, loaded = _run(argv, tmp_path)
    assert code == 0
    assert out.startswith(("usage: attache", "attache "))
    assert loaded == []


def test_help_lists_every_command_without_importing_them(tmp_path: Path) -> None:
    code, out, _loaded = _run(["--help"], tmp_path)
    assert code == 0
    for name, (help_text, _target) in COMMANDS.items():
        assert name in out
        assert help_text.split()[0] in out


def test_listing_sources_on_a_current_database_loads_no_alembic_network_or_calendar(
        tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    code, out, _ = _run(["sources", "list", "--json", "--db", db], tmp_path)  # creates it
    assert (code, json.loads(out)) == (0, [])
    code, out, loaded = _run(["--db", db, "sources", "list", "--json"], tmp_path)
    assert (code, json.loads(out)) == (0, [])
    assert "sqlalchemy" in loaded  # it did reach the database
    assert not {"alembic", "requests", "feedparser", "holidays", "PySide6", "icalendar",
                "textblob"} & set(loaded)


def test_a_command_help_imports_only_its_own_module(tmp_path: Path) -> None:
    code, out, loaded = _run(["watch", "--help"], tmp_path)
    assert code == 0 and "usage: attache watch" in out
    assert not {"PySide6", "holidays", "feedparser", "requests", "alembic"} & set(loaded)


@pytest.mark.parametrize("argv, name", [
    (["sources", "list"], "sources"),
    (["--db", "sqlite:///x.db", "items", "list"], "items"),
    (["--db=sqlite:///x.db", "--debug", "refresh"], "refresh"),
    (["--debug"], None),
    (["--db", "refresh"], None),  # "refresh" is the database URL here, not a command
    (["--help"], None),
])
def test_the_chosen_command_is_the_first_word_that_is_not_an_option(
        argv: list[str], name: str | None) -> None:
    assert chosen_command(argv) == name


def test_every_command_in_the_table_builds_and_has_a_handler() -> None:
    parser = build_parser("*")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == list(COMMANDS)
    for name in COMMANDS:
        alone = build_parser(name)
        with pytest.raises(SystemExit) as usage:
            alone.parse_args([name, "--help"])
        assert usage.value.code == 0
        # Every leaf command has something to run.
        leaves = [sub.choices[name]]
        while leaves:
            p = leaves.pop()
            actions = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
            if actions:
                leaves += list(actions[0].choices.values())
            else:
                assert callable(p.get_default("func")), f"{p.prog} runs nothing"


def test_an_unknown_command_is_a_usage_error_naming_the_choices(
        capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import run

    with pytest.raises(SystemExit) as usage:
        run(["sauces", "list"])
    assert usage.value.code == 2
    assert "invalid choice: 'sauces'" in capsys.readouterr().err


def test_a_command_runs_with_the_garbage_collector_on(tmp_path: Path) -> None:
    """desktop.main switches collection off while modules load; a command's own work (a long
    refresh) must run with it on again."""
    code = ("import gc, sys\nfrom desktop import cli\n"
            "cli.COMMANDS['probe'] = ('x', 'tests.desktop.probe_command:add_probe')\n"
            "gc.disable()\nsys.exit(cli.run(['probe']))\n")
    probe = ROOT / "tests" / "desktop" / "probe_command.py"
    assert probe.exists()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env=dict(os.environ), timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "collector on"), done.stderr


@pytest.mark.parametrize("argv", [["replies", "list", "--json"],
                                  ["sentiment", "summary", "--json"],
                                  ["items", "list", "--json"]])
def test_reading_commands_load_no_network_or_parser(argv: list[str], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    _run(["sources", "list", "--db", db], tmp_path)  # creates the database
    code, out, loaded = _run([*argv, "--db", db], tmp_path)
    assert (code, json.loads(out)) == (0, [])
    assert not {"requests", "feedparser", "holidays", "PySide6", "alembic"} & set(loaded)
