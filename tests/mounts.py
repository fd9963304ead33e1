"""Real file systems that refuse writes, for tests that need one: a read-only bind mount (a
read-only disk or share) and a tiny tmpfs (a full disk). Both need root and ``mount``; the
tests that use them skip with the reason elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest


def can_mount() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def mounted(args: list[str], target: Path) -> Iterator[Path]:
    """``mount ARGS TARGET`` for the duration; skips (with mount's words) where it fails."""
    if not can_mount():
        pytest.skip("needs root to mount a file system")
    done = subprocess.run(["mount", *args, str(target)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.decode().strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def read_only_view(folder: Path, target: Path) -> AbstractContextManager[Path]:
    """``folder`` seen read-only at ``target`` (a bind mount)."""
    return mounted(["--bind", "-o", "ro", str(folder)], target)


def small_disk(target: Path, size: str = "1m") -> AbstractContextManager[Path]:
    """A ``size`` tmpfs at ``target``: a disk that really fills (ENOSPC)."""
    return mounted(["-t", "tmpfs", "-o", f"size={size}", "tmpfs"], target)
