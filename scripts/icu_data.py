"""A smaller ICU data library for the Linux bundle: 32 MB of ICU data → about 2 MB.

Qt Core links ICU (libicuuc, libicui18n) and ICU's data library (libicudata.so.NN: one
``icudtNN_dat`` symbol holding a "common data" package of ~3,900 items). What Qt asks ICU for
is exactly what libQt6Core imports from it (``readelf --dyn-syms``): collation (``ucol_*``,
behind QCollator and locale-aware string comparison), case mapping (``u_strToUpper/Lower``,
whose data is compiled into libicuuc), time zones (``ucal_*``: canonical IDs and display
names) and converters (``ucnv_*``, QStringConverter's encodings beyond the UTF and Latin-1
ones Qt implements itself). Qt formats numbers, dates and language names from its own CLDR
tables, and finds word and line breaks itself.

So the package keeps every item that is not tied to a locale (the root data, the alias table
``cnvalias.icu``, ``zoneinfo64``, ``metaZones``, ``supplementalData``, normalization…) and,
of the per-locale trees Qt reads (the main tree, ``coll/``, ``zone/``), the root and the
interface languages' locales; it drops what Qt never calls for: the multi-byte converter
tables (East Asian and EBCDIC double-byte code pages, 4.7 MB; Attaché decodes feeds in
Python, never through Qt; the single-byte ones — windows-1251, KOI8-R, CP866, ISO 8859 —
stay, 0.4 MB), break-iterator rules and dictionaries,
transliterators, spell-out rules, and the unit, currency, language and region display names.
A Qt that asks for a dropped locale's collation gets the root collation (Unicode's default
order), as ICU does for any locale it has no tailoring for.

The package is then wrapped into a shared library with the same soname and symbol, using
binutils' ``ld`` and ``objcopy`` only (the CI installs binutils for ``strip``).

    python scripts/icu_data.py LIBICUDATA OUT [LANG ...]   → writes OUT, prints the sizes
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# Item trees Qt never reads: converter tables are matched by suffix below.
UNUSED_TREES = ("brkitr/", "translit/", "rbnf/", "unit/", "curr/", "lang/", "region/")
LOCALE_TREES = ("", "coll/", "zone/")  # per-locale items Qt reads: keep ours and the root
# A locale's bundle: af.res, uz_Cyrl_UZ.res, de__PHONEBOOK.res; not pool.res, res_index.res.
LOCALE = re.compile(r"^(?!res_index\.)([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, data) items of an ICU common data package ("CmnD")."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise ValueError("not a little-endian ICU common data package")
    count = struct.unpack_from("<I", blob, header_size)[0]
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start:blob.index(b"\0", start)].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(blob) - header_size
        items.append((name, blob[header_size + data_offset:header_size + end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package with these items, in the order given (ICU binary-searches the names:
    keep them sorted), each item 16-byte aligned as ICU requires."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    first = table_size + len(names)
    first += -(len(header) + first) % 16
    toc, data, name_offset, data_offset = [struct.pack("<I", len(items))], [], table_size, first
    for name, item in items:
        item += b"\0" * (-len(item) % 16)
        toc.append(struct.pack("<II", name_offset, data_offset))
        name_offset += len(name) + 1
        data_offset += len(item)
        data.append(item)
    table = b"".join(toc) + names
    return header + table + b"\0" * (first - len(table)) + b"".join(data)


def single_byte(item: bytes) -> bool:
    """A converter table for a single-byte code page (its static data's maxBytesPerChar)."""
    header_size = struct.unpack_from("<H", item, 0)[0]
    return item[header_size + 71] == 1


def wanted(name: str, item: bytes, languages: tuple[str, ...]) -> bool:
    """Whether Qt can read item ``name`` ("icudt73l/coll/ru.res") for these languages."""
    path = name.split("/", 1)[1]
    if path.endswith(".cnv"):
        return single_byte(item)
    if path.startswith(UNUSED_TREES):
        return False
    tree, _, leaf = path.rpartition("/")
    tree = tree + "/" if tree else ""
    found = LOCALE.match(leaf)
    if tree in LOCALE_TREES and found:
        return found.group(1) in languages
    return True


def trimmed(blob: bytes, languages: tuple[str, ...]) -> bytes:
    header, items = read_package(blob)
    return write_package(header, [(n, d) for n, d in items if wanted(n, d, languages)])


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} (binutils) is needed to build the ICU data library")
    return found


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The ``icudtNN_dat`` symbol of an ICU data library: name, file offset, size."""
    symbols = _run(_tool("readelf"), "-Ws", "--dyn-syms", str(library))
    found = re.search(r":\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+(?:OBJECT|NOTYPE)\s+GLOBAL\s+"
                      r"\S+\s+(\d+)\s+(icudt\d+_dat)\b", symbols)
    if found is None:
        raise ValueError(f"{library} has no icudtNN_dat symbol")
    address, size, section = int(found.group(1), 16), int(found.group(2), 0), found.group(3)
    sections = _run(_tool("readelf"), "-SW", str(library))
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if row is None:
        raise ValueError(f"{library}: section {section} not found")
    return found.group(4), address - int(row.group(1), 16) + int(row.group(2), 16), size


def build_library(source: Path, target: Path, languages: tuple[str, ...]) -> Path:
    """``target``: ``source`` (an ICU data library) with only the items Qt reads for these
    languages; same soname, same symbol."""
    symbol, offset, size = data_symbol(source)
    soname = re.search(r"\(SONAME\).*\[(.+)\]", _run(_tool("readelf"), "-d", str(source)))
    package = trimmed(source.read_bytes()[offset:offset + size], languages)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "icudata").write_bytes(package)
        # ld names the symbols after the input file: _binary_icudata_start.
        subprocess.run([_tool("ld"), "-r", "-b", "binary", "-o", "data.o", "icudata"],
                       check=True, cwd=folder)
        subprocess.run([_tool("objcopy"), "--rename-section",
                        ".data=.rodata,alloc,load,readonly,data,contents",
                        "--set-section-alignment", ".data=16",
                        "--redefine-sym", f"_binary_icudata_start={symbol}",
                        "--strip-symbol", "_binary_icudata_end",
                        "--strip-symbol", "_binary_icudata_size",
                        "data.o", "data16.o"], check=True, cwd=folder)
        subprocess.run([_tool("ld"), "-shared", "-z", "noexecstack", "-soname",
                        soname.group(1) if soname else source.name, "-o", str(target.resolve()),
                        "data16.o"], check=True, cwd=folder)
    return target


if __name__ == "__main__":
    source, target, *langs = sys.argv[1:]
    built = build_library(Path(source), Path(target), tuple(langs) or ("en", "ru"))
    print(f"{source}: {Path(source).stat().st_size:,} bytes → {built}: "
          f"{built.stat().st_size:,} bytes")
