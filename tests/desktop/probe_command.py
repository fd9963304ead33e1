"""A command for tests/desktop/test_cli_startup.py: says whether the collector is on."""

from __future__ import annotations

import argparse
import gc

from desktop.cli_support import Subcommands, command


def add_probe(sub: Subcommands, name: str, help_text: str) -> None:
    command(sub, name, run_probe, help_text)


def run_probe(args: argparse.Namespace) -> int:
    print("collector on" if gc.isenabled() else "collector off")
    return 0
