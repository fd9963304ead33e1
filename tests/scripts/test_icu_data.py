"""scripts/icu_data.py: the bundle's smaller ICU data library. The package it writes is one
ICU reads (the Qt that loads it sorts, upper-cases and names time zones in our languages as
with the full data), and it keeps what Qt reads and drops what Qt never asks for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.icu_data import build_library, data_symbol, read_package, trimmed, write_package

QT_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"
FULL = next(iter(sorted(QT_LIB.glob("libicudata.so.*"))), None)
LANGUAGES = ("en", "ru", "uk", "kk", "uz", "ky", "tg", "tk")
needs_icu = pytest.mark.skipif(
    FULL is None or not all(shutil.which(t) for t in ("readelf", "ld", "objcopy")),
    reason="a Linux PySide6 wheel (its ICU) and binutils")


def _package(library: Path) -> bytes:
    _symbol, offset, size = data_symbol(library)
    blob = library.read_bytes()
    return blob[offset:offset + size] if size else blob[offset:]


@needs_icu
def test_a_package_written_back_holds_the_same_items() -> None:
    header, items = read_package(_package(FULL))
    assert len(items) > 3000 and [n for n, _ in items] == sorted(n for n, _ in items)
    again_header, again = read_package(write_package(header, items))
    assert again_header == header
    assert [(n, d.rstrip(b"\0")) for n, d in again] == [(n, d.rstrip(b"\0")) for n, d in items]


@needs_icu
def test_what_qt_reads_stays_and_what_it_never_asks_for_goes() -> None:
    _header, items = read_package(trimmed(_package(FULL), LANGUAGES))
    names = {n.split("/", 1)[1] for n, _ in items}
    for kept in ("coll/root.res", "coll/res_index.res", "coll/ru.res", "coll/kk.res",
                 "coll/ucadata.icu", "zone/ru.res", "zone/root.res", "uz_Cyrl.res", "root.res",
                 "res_index.res", "pool.res", "zoneinfo64.res", "metaZones.res",
                 "timezoneTypes.res", "cnvalias.icu", "ibm-5347_P100-1998.cnv",  # windows-1251
                 "ibm-878_P100-1996.cnv"):  # KOI8-R
        assert kept in names, kept
    for dropped in ("coll/zh.res", "coll/de.res", "zone/fr.res", "de.res", "gb18030.cnv",
                    "brkitr/cjdict.dict", "lang/ru.res", "curr/ru.res", "unit/ru.res",
                    "translit/root.res"):
        assert dropped not in names, dropped
    assert not any(n.startswith(("brkitr/", "rbnf/", "region/")) for n in names)


PROBE = """
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
words = ["ёж", "ель", "Ель", "яблоко", "абрикос", "Ўзбекистон", "Қазақстан", "zebra", "Ähre"]
for code in ("ru", "kk", "en"):
    print(sorted(words, key=QCollator(QLocale(code)).sortKey))
print(QLocale("ru").toUpper("ёлка"), QLocale("tr").toUpper("istanbul"))
zone = QTimeZone(b"Asia/Tashkent")
for code in ("ru", "kk", "uz", "en"):
    print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName,
                           QLocale(code)))
print([QStringDecoder(name).isValid() for name in ("windows-1251", "KOI8-R", "Shift_JIS")])
print([line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line][0])
"""


def _probe(library_dir: Path | None) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if library_dir is not None:  # searched before libicuuc's RUNPATH ($ORIGIN)
        env["LD_LIBRARY_PATH"] = str(library_dir)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True).stdout
    return out.splitlines()


@needs_icu
def test_qt_on_the_small_library_answers_as_on_the_full_one(tmp_path: Path) -> None:
    small = build_library(FULL, tmp_path / FULL.name, LANGUAGES)
    assert small.stat().st_size < FULL.stat().st_size / 4
    full, trim = _probe(None), _probe(tmp_path)
    assert trim[-1] == str(small) and full[-1] != trim[-1]  # each loaded the one meant
    assert trim[:-2] == full[:-2]  # collation, case, zone names: the same
    assert trim[0].startswith("['абрикос', 'ёж', 'ель'")
    assert "Узбекистан" in trim[4]
    # Single-byte code pages still decode; the multi-byte East Asian ones are gone.
    assert full[-2] == "[True, True, True]" and trim[-2] == "[True, True, False]"
