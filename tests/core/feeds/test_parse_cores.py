"""How many parser processes, and whether the command line uses any: by the cores this process
may use (its affinity), not the machine's count."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
ONE_CORE = ("import os\nos.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})\n"
            "from core.feeds.parsepool import default_processes, processes_pay_off, "
            "usable_cores\n"
            "print(usable_cores(), default_processes(), processes_pay_off(), "
            "processes_pay_off(2))\n")


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_one_usable_core_means_one_process_and_threads_on_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-c", ONE_CORE], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    # One core: one process at most, the CLI parses in threads unless parse_processes says so.
    assert done.stdout.split() == ["1", "1", "False", "True"]


def test_every_usable_core_counts_up_to_four() -> None:
    from core.feeds.parsepool import default_processes, usable_cores

    assert default_processes() == max(1, min(usable_cores(), 4))
    if hasattr(os, "sched_getaffinity"):
        assert usable_cores() == len(os.sched_getaffinity(0))
