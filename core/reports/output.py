"""Writing a report file all at once or not at all.

A report goes to a temporary file beside the target and is renamed over it only when complete,
so a full disk, a crash or a cancel never leaves half a document under the officer's file
name (Word would open it as "corrupt"), and an existing file is replaced only by a whole one.
The target is checked before the (possibly slow) report is built: an unwritable path is a
one-line error at once, not after a minute of work.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from core.errors import KnownError

PART_PREFIX = ".attache-report-"


def check_target(path: Path) -> Path:
    """The absolute target if a file can be written there; KnownError saying why not."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise KnownError(f"{target} is a folder; give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise KnownError(f"cannot write {target}: there is no folder {folder}")
    if target.exists() and not os.access(target, os.W_OK):
        raise KnownError(f"cannot write {target}: the file is read-only")
    try:
        probe = tempfile.NamedTemporaryFile(dir=folder, prefix=PART_PREFIX, suffix=".part",
                                            delete=False)
    except OSError as exc:
        raise KnownError(f"cannot write {target}: {_reason(exc)}") from None
    probe.close()
    Path(probe.name).unlink(missing_ok=True)
    return target.absolute()


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file renamed over it."""
    target = check_target(path)
    fd, part = _create_part(target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise KnownError(f"cannot write {target}: {_reason(exc)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise
    return target


def _create_part(folder: Path) -> tuple[int, str]:
    """A new temporary file in ``folder`` with the permissions a new file gets there (the
    umask's), not mkstemp's owner-only: the report is a document to share."""
    for _ in range(100):
        name = str(folder / f"{PART_PREFIX}{secrets.token_hex(6)}.part")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                           0o666), name
        except FileExistsError:
            continue
    raise KnownError(f"cannot write in {folder}: no free temporary name")


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).rstrip(".").lower()
