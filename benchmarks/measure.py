"""What every benchmark here needs to tell the truth on a shared, noisy machine.

* The same work, ours and the baseline's, measured in the same run and **interleaved**: round
  1 runs A then B, round 2 runs B then A, and so on, so a burst of load from someone else
  lands on both sides instead of on whichever ran second.
* Several rounds, reported as **min** (what the code costs when nothing interferes) and
  **median** (what a user typically waits), and the **ratio** of each.
* **CPU time beside wall time** (user + system, the process and every child it waited for,
  from ``wait4``): on a machine others are loading, wall time swings with their work while
  CPU time mostly does not, so a ratio of CPU times is the steadier view of "how much work".
* **Memory of child processes counted**: a command's peak is the peak of its whole process
  tree, summed over the processes alive at the same moment (a parser pool's workers included),
  sampled from /proc while it runs (:class:`Memory`).

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
try:
    _OWN_CMDLINE = (PROC / "self" / "cmdline").read_bytes()
except OSError:  # no /proc (Windows, macOS): no memory figures
    _OWN_CMDLINE = b""


@dataclass
class Samples:
    """One contender's rounds: seconds and peak memory (MiB) of each."""

    name: str
    seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds, when known

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def line(self, width: int = 34) -> str:
        seen = [m for m in self.peak_mib if m == m]  # NaN: a run too short to sample
        memory = f"  peak {max(seen):5.0f} MiB" if seen else ""
        cpu = (f"  CPU min {min(self.cpu):6.3f} median {statistics.median(self.cpu):6.3f} s"
               if self.cpu else "")
        return (f"{self.name:<{width}} min {self.min:7.3f} s  median {self.median:7.3f} s"
                f"{memory}{cpu}")


def ratio_line(ours: Samples, base: Samples, target: float | None = None,
               width: int = 34, label: str | None = None) -> str:
    """``ours / base`` for min and median (and the median of the per-round ratios)."""
    rounds = statistics.median(a / b for a, b in zip(ours.seconds, base.seconds, strict=True))
    goal = f"  (target <= {target:g}x)" if target is not None else ""
    name = f"  ratio {label or 'to ' + base.name}"
    cpu = ""
    if ours.cpu and base.cpu:
        cpu = (f"  CPU min {min(ours.cpu) / min(base.cpu):5.2f}x median "
               f"{statistics.median(ours.cpu) / statistics.median(base.cpu):5.2f}x")
    return (f"{name:<{width}} min {ours.min / base.min:5.2f}x  median "
            f"{ours.median / base.median:5.2f}x  per-round median {rounds:5.2f}x{goal}{cpu}")


Run = Callable[[], float | tuple[float, ...]]


def interleave(contenders: Sequence[tuple[Samples, Run]], rounds: int) -> None:
    """Run each contender once per round, the order reversed every other round. A run returns
    its seconds, or (seconds, peak MiB), or (seconds, peak MiB, CPU seconds)."""
    for number in range(rounds):
        order = contenders if number % 2 == 0 else list(reversed(contenders))
        for samples, run in order:
            result = run()
            if not isinstance(result, tuple):
                result = (result,)
            samples.seconds.append(result[0])
            if len(result) > 1:
                samples.peak_mib.append(result[1])
            if len(result) > 2:
                samples.cpu.append(result[2])


def _status(pid: int) -> dict[str, int]:
    """The memory lines of /proc/PID/status (KiB), with PPid; empty when it is gone."""
    try:
        text = (PROC / str(pid) / "status").read_text()
    except OSError:
        return {}
    found = {}
    for line in text.splitlines():
        key, _sep, value = line.partition(":")
        if key in ("PPid", "VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and every descendant alive now (KiB), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            status = _status(int(entry.name))
            if status:
                children.setdefault(status.get("PPid", 0), []).append(int(entry.name))
                rss[int(entry.name)] = status.get("VmRSS", 0)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


class Memory:
    """The peak memory of a command while it runs, sampled from /proc in a thread.

    Always: the process's own high-water mark (VmHWM, which the kernel keeps, so a sample
    late in the run sees the peak). With ``tree``: also the summed resident memory of the
    process and all its descendants alive at once (worker processes), scanning /proc each
    ``interval`` (a few milliseconds of CPU each time: only for long runs). Samples taken
    before the child has become ``command`` (between fork and exec it is a copy of us) are
    ignored. The kernel's own figure (``ru_maxrss``) is not used: it keeps the parent's size
    at fork, so every small command reads as big as the benchmark.
    """

    def __init__(self, pid: int, *, tree: bool, interval: float = 0.01) -> None:
        self.pid = pid
        self.tree = tree
        self.interval = max(interval, 0.05) if tree else interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Memory:
        if PROC.is_dir():
            self._thread.start()
        return self

    def _became_command(self) -> bool:
        """Whether the child has exec'd: its command line is no longer ours."""
        try:
            return (PROC / str(self.pid) / "cmdline").read_bytes() != _OWN_CMDLINE
        except OSError:
            return False

    def _run(self) -> None:
        execed = False
        while not self._stop.is_set():
            execed = execed or self._became_command()
            if execed:
                own = _status(self.pid).get("VmHWM", 0)
                tree = _tree_rss_kib(self.pid) if self.tree else 0
                self.peak_kib = max(self.peak_kib, own, tree)
            self._stop.wait(self.interval)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def peak_mib(self) -> float:
        """MiB; NaN when the run ended before a sample could be taken."""
        return self.peak_kib / 1024 if self.peak_kib else float("nan")


def run_command(command: Sequence[str], env: dict[str, str] | None = None,
                cwd: str | None = None, *,
                sample_tree: bool = False) -> tuple[float, float, float]:
    """Run ``command`` to completion: (wall seconds, peak MiB, CPU seconds).

    The peak is the process's own high-water mark, or with ``sample_tree`` the larger of that
    and its whole tree's summed resident memory (see :class:`Memory`). CPU is user + system
    time of the process and every child it waited for (``wait4``). Fails loudly on a non-zero
    exit: a benchmark of a command that broke measures nothing.
    """
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: no deadlock on a chatty run
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                                   stderr=errors)
        with Memory(process.pid, tree=sample_tree) as memory:
            _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} exited {code}: {tail}")
    return elapsed, memory.peak_mib, usage.ru_utime + usage.ru_stime
