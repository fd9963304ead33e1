"""Where pymorphy3's Russian dictionary is: its package's folder, or — in the bundle — an
archive unpacked once into the cache folder.

The dictionary is 13 MB of files that compress to 5.5 MB with LZMA, and the bundle has a size
limit (README "Building the bundle"). So the bundle carries ``pymorphy3_dicts_ru/data.zip``
instead of the folder (``build.spec`` writes it), and the first Russian reply of an
installation unpacks it into ``<cache>/pymorphy3-dicts-ru-<version>/`` (about a second, once).
Unpacking goes to a temporary folder renamed into place when complete, so a second process
starting at the same moment, or a crash half-way, never leaves a half dictionary behind. Run
from source, the package's own folder is used as is.
"""

from __future__ import annotations

import logging
import lzma  # noqa: F401 - the archive is LZMA; imported so that the bundle includes it
import os
import shutil
import tempfile
import threading
import zipfile
from pathlib import Path

from core import paths
from core.errors import KnownError

log = logging.getLogger("attache.sentiment.russian")

ARCHIVE = "data.zip"
# Written last into an unpacked folder: a folder without it is not trusted.
COMPLETE = ".complete"
# What pymorphy3 opens (core/sentiment/russian.py turns its probability table off); the
# archive holds these, the bundle nothing else of the package's data.
FILES = ("grammemes.json", "gramtab-opencorpora-int.json", "meta.json", "paradigms.array",
         "prediction-suffixes-0.dawg", "prediction-suffixes-1.dawg",
         "prediction-suffixes-2.dawg", "suffixes.json", "words.dawg")

_lock = threading.Lock()


def dictionary_path() -> str:
    """The folder to open pymorphy3's Russian dictionary from."""
    import pymorphy3_dicts_ru

    folder = Path(pymorphy3_dicts_ru.get_path())
    if all((folder / name).is_file() for name in FILES):
        return str(folder)
    archive = Path(pymorphy3_dicts_ru.__file__).parent / ARCHIVE
    if not archive.is_file():
        raise KnownError("the Russian dictionary (pymorphy3-dicts-ru) is missing from this "
                         "installation; reinstall Attaché")
    target = paths.cache_dir() / f"pymorphy3-dicts-ru-{pymorphy3_dicts_ru.__version__}"
    with _lock:
        if not (target / COMPLETE).is_file():
            unpack(archive, target)
    return str(target)


def unpack(archive: Path, target: Path) -> None:
    """Unpack ``archive`` into ``target`` all at once (a temporary folder renamed into place)."""
    log.info("unpacking the Russian dictionary into %s (once)", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=target.parent))
    try:
        with zipfile.ZipFile(archive) as source:
            names = set(source.namelist())
            missing = [name for name in FILES if name not in names]
            if missing:
                raise KnownError(f"the Russian dictionary archive {archive} lacks "
                                 f"{', '.join(missing)}; reinstall Attaché")
            for name in FILES:  # only the expected plain names: nothing lands outside
                (staging / name).write_bytes(source.read(name))
        (staging / COMPLETE).write_text("ok\n", encoding="utf-8")
        if target.exists():  # a stale, incomplete folder from an interrupted run
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.replace(staging, target)
        except OSError:
            if not (target / COMPLETE).is_file():  # not another process's finished copy
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_archive(source: Path, archive: Path) -> Path:
    """The archive the bundle carries, from the package's folder (``build.spec``)."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_LZMA) as out:
        for name in FILES:
            out.write(source / name, name)
    return archive
