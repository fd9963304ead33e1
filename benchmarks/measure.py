"""What every benchmark here needs to tell the truth on a shared, noisy machine.

* The same work, ours and the baseline's, measured in the same run and **interleaved**: round
  1 runs A then B, round 2 runs B then A, and so on, so a burst of load from someone else
  lands on both sides instead of on whichever ran second.
* Several rounds, reported as **min** (what the code costs when nothing interferes) and
  **median** (what a user typically waits), and the **ratio** of each.
* **Memory of child processes counted**: a command's peak is the peak of its whole process
  tree, summed over the processes alive at the same moment (a parser pool's workers included),
  sampled from /proc while it runs; where /proc is missing, the largest process's peak as the
  kernel reports it to ``wait4``.

No thresholds here: benchmarks print numbers for people; tests never time anything.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")


@dataclass
class Samples:
    """One contender's rounds: seconds and peak memory (MiB) of each."""

    name: str
    seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def line(self, width: int = 34) -> str:
        memory = f"  peak {max(self.peak_mib):5.0f} MiB" if self.peak_mib else ""
        return (f"{self.name:<{width}} min {self.min:7.3f} s  median {self.median:7.3f} s"
                f"{memory}")


def ratio_line(ours: Samples, base: Samples, target: float | None = None,
               width: int = 34) -> str:
    """``ours / base`` for min and median (and the median of the per-round ratios)."""
    rounds = statistics.median(a / b for a, b in zip(ours.seconds, base.seconds, strict=True))
    goal = f"  (target <= {target:g}x)" if target is not None else ""
    return (f"{'  ratio ' + ours.name + ' / ' + base.name:<{width}} min {ours.min / base.min:5.2f}x"
            f"  median {ours.median / base.median:5.2f}x  per-round median {rounds:5.2f}x{goal}")


def interleave(contenders: Sequence[tuple[Samples, Callable[[], float | tuple[float, float]]]],
               rounds: int) -> None:
    """Run each contender once per round, the order reversed every other round. A run returns
    its seconds, or (seconds, peak MiB)."""
    for number in range(rounds):
        order = contenders if number % 2 == 0 else list(reversed(contenders))
        for samples, run in order:
            result = run()
            if isinstance(result, tuple):
                samples.seconds.append(result[0])
                samples.peak_mib.append(result[1])
            else:
                samples.seconds.append(result)


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and every descendant alive now (KiB), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:  # gone meanwhile
            continue
        pid = int(entry.name)
        for line in status.splitlines():
            if line.startswith("PPid:"):
                children.setdefault(int(line.split()[1]), []).append(pid)
            elif line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


class TreeMemory:
    """Peak summed RSS of a process tree, sampled every ``interval`` seconds in a thread."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root = root
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        if PROC.is_dir():
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, _tree_rss_kib(self.root))
            self._stop.wait(self.interval)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def run_command(command: Sequence[str], env: dict[str, str] | None = None,
                cwd: str | None = None, *, sample_tree: bool = False) -> tuple[float, float]:
    """Run ``command`` to completion: (wall seconds, peak MiB).

    The peak is the largest process's (the kernel's count, children included), or with
    ``sample_tree`` the whole tree's summed RSS as sampled by :class:`TreeMemory` (for
    commands that run worker processes side by side; sampling costs a little CPU, so short
    start-up runs leave it off). Fails loudly on a non-zero exit: a benchmark of a command
    that broke measures nothing.
    """
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: no deadlock on a chatty run
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                                   stderr=errors)
        with TreeMemory(process.pid) if sample_tree else _Nothing() as memory:
            _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} exited {code}: {tail}")
    peak = max(memory.peak_mib, usage.ru_maxrss / 1024)  # a short run may finish unsampled
    return elapsed, peak


class _Nothing:
    peak_mib = 0.0

    def __enter__(self) -> _Nothing:
        return self

    def __exit__(self, *exc: object) -> None:
        pass
