"""Spreadsheets people send us (CSV and XLSX): read safely, in the forms Excel really writes.

Shared by the calendar import (core/calendar/tables.py) and the replies import
(core/social/fileimport.py), because both meet the same files and the same attacks:

- **Encodings.** Excel's "CSV UTF-8" starts with a byte-order mark; plain "CSV" is saved in
  the Windows code page — windows-1251 on a Russian or Uzbek desktop — with ``;`` between
  cells (the list separator of those locales). UTF-8 is tried first (it is never mistaken:
  other encodings almost never form valid UTF-8); otherwise windows-1251 is assumed when the
  bytes read as Cyrillic words (or are punctuation every Windows code page writes alike, as in
  an Uzbek Latin "O‘zbekiston"), and said so. Bytes that are neither are refused with the line,
  rather than guessed (a Western "ANSI" file would come out as Cyrillic nonsense).
- **Zip bombs.** An .xlsx is a zip of XML; 1 MB can unpack to gigabytes. The sizes the zip
  declares are checked before anything is unpacked (Python's zipfile stops at the declared
  size), the sheet is streamed (openpyxl's read-only mode) and the row limit is counted while
  streaming, so a file over a limit is refused at once, naming the limit.
- **Formulas.** A cell beginning with ``= + - @`` (or tab / carriage return) is run as a
  formula by Excel and LibreOffice when the CSV is opened (OWASP "CSV injection"). Our CSV
  exports prefix such cells with ``'``, and our imports take that prefix off again, so a round
  trip changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import KnownError

MAX_FILE_BYTES = 64 * 1024 * 1024  # a CSV, or an .xlsx as it is on disk
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all the parts of an .xlsx together, unpacked
MAX_PART_BYTES = 128 * 1024 * 1024  # one part (a sheet, the shared strings)
MAX_COLUMNS = 256
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CYRILLIC = re.compile(r"[А-Яа-яЁёЎўҚқҒғҲҳІіЇїЄє]{2,}")
# Bytes windows-1251 and windows-1252 read alike: the typographic punctuation Excel writes
# (‘ ’ “ ” – — … « »), e.g. the ‘ of O‘zbekiston. They do not tell the two code pages apart.
_SHARED = bytes(b for b in range(0x80, 0x100)
                if bytes([b]).decode("cp1251", "replace") == bytes([b]).decode("cp1252", "replace")
                and "\ufffd" not in bytes([b]).decode("cp1251", "replace"))
_HIGH = re.compile(b"[^\x00-\x7f" + re.escape(_SHARED) + b"]")


@dataclass(frozen=True)
class CsvText:
    text: str
    encoding: str  # "UTF-8", "UTF-8 with BOM", "UTF-16", "windows-1251"
    delimiter: str

    def assumed(self) -> str | None:
        """What was assumed about the file, when it is not Excel's "CSV UTF-8" with commas."""
        if self.encoding.startswith("UTF-8") and self.delimiter == ",":
            return None
        names = {",": "commas", ";": "semicolons", "\t": "tabs"}
        return f"read as {self.encoding} text with {names[self.delimiter]} between cells"


def read_csv(path: Path, known_headers: Sequence[str] = ()) -> CsvText:
    """The text of a CSV file, its encoding and separator (see the module docstring)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise KnownError(f"{path.name} is {size // (1024 * 1024)} MiB; at most "
                             f"{MAX_FILE_BYTES // (1024 * 1024)} MiB can be imported")
        raw = path.read_bytes()
    except OSError as exc:
        raise KnownError(f"cannot read {path}: {exc.strerror}") from None
    text, encoding = decode(raw, path.name)
    return CsvText(text, encoding, delimiter(text, known_headers))


def decode(raw: bytes, name: str) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return _utf8(raw[3:], name), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"  # Excel's "Unicode text"
        except UnicodeDecodeError:
            raise KnownError(f"{name} says it is UTF-16 text but is not") from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1251", "replace")
    unexplained = _not_cyrillic_line(raw, text)
    if unexplained is not None:
        raise KnownError(
            f"{name} line {unexplained}: the text is neither UTF-8 nor Cyrillic windows-1251, "
            "so its letters cannot be told; in Excel use Save As → “CSV UTF-8 (Comma "
            "delimited)” and import that file")
    return text, "windows-1251"


def _utf8(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise KnownError(f"{name} line {line}: it starts as UTF-8 text (a byte-order mark) "
                         "but this line is not UTF-8") from None


def _not_cyrillic_line(raw: bytes, text: str) -> int | None:
    """The first line whose non-ASCII bytes do not read as Cyrillic words in windows-1251."""
    for number, (raw_line, line) in enumerate(zip(raw.split(b"\n"), text.split("\n"),
                                                  strict=False), start=1):
        high = len(_HIGH.findall(raw_line))
        if not high:
            continue
        cyrillic = sum(len(word) for word in _CYRILLIC.findall(line))
        if cyrillic < high * 0.8:  # mostly letters in runs: words, not stray accents
            return number
    return None


def delimiter(text: str, known_headers: Sequence[str] = ()) -> str:
    """The separator of the header line: the one that splits it into the most known column
    names, else the most frequent of , ; and tab (quoted cells are not counted)."""
    first = text.split("\n", 1)[0].strip("\r")
    known = {h.lower() for h in known_headers}
    best, best_score = ",", (-1, -1)
    for candidate in (",", ";", "\t"):
        try:
            cells = next(csv.reader([first], delimiter=candidate))
        except (csv.Error, StopIteration):
            continue
        recognised = sum(1 for c in cells if c.strip().lower() in known)
        score = (recognised, len(cells))
        if score > best_score:
            best, best_score = candidate, score
    return best


def csv_rows(data: CsvText, name: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of every record; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(data.text, newline=""), delimiter=data.delimiter)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise KnownError(f"{name} line {reader.line_num}: not readable CSV ({exc})") from None


# ------------------------------------------------------------------------------ XLSX

def xlsx_rows(path: Path, max_rows: int) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cell values) of the first sheet, streamed; ``KnownError`` as soon as a
    size or the row limit is passed (counted while reading, not after)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_xlsx_sizes(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError,
            TypeError) as exc:
        raise KnownError(f"{path.name} is not a readable .xlsx file ({exc})") from None
    try:
        if not book.worksheets:
            raise KnownError(f"{path.name} has no sheet")
        sheet = book.worksheets[0]
        # The <dimension> a file declares may say A1:XFD1048576: never pad rows to it.
        sheet.reset_dimensions()
        number = 0
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > max_rows + 1:  # the header and max_rows data rows
                raise KnownError(f"{path.name} has more than {max_rows} rows; at most "
                                 f"{max_rows} can be imported at once")
            yield number, list(cells[:MAX_COLUMNS])
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, TypeError) as exc:
        raise KnownError(f"{path.name} is not a readable .xlsx file ({exc})") from None
    finally:
        book.close()


def check_xlsx_sizes(path: Path) -> None:
    """Refuse an .xlsx whose parts unpack to more than the limits, before unpacking any."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise KnownError(f"{path.name} is {size // (1024 * 1024)} MiB; at most "
                             f"{MAX_FILE_BYTES // (1024 * 1024)} MiB can be imported")
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile:
        raise KnownError(f"{path.name} is not a readable .xlsx file (not a zip archive)") \
            from None
    except OSError as exc:
        raise KnownError(f"cannot read {path}: {exc.strerror}") from None
    total = 0
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise KnownError(
                f"{path.name}: its part {part.filename} unpacks to "
                f"{part.file_size // (1024 * 1024)} MiB; at most "
                f"{MAX_PART_BYTES // (1024 * 1024)} MiB per part can be read (a zip bomb, "
                "or a sheet too large to import at once)")
        total += part.file_size
    if total > MAX_UNPACKED_BYTES:
        raise KnownError(f"{path.name} unpacks to {total // (1024 * 1024)} MiB; at most "
                         f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MiB can be read")


# ------------------------------------------------------------------------------ formulas

def neutral_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula (OWASP): ``'`` before ``= + - @``,
    tab and carriage return — and before text that would otherwise lose a ``'`` on import,
    so that ``restored_cell`` always gives the text back."""
    if text.startswith(FORMULA_STARTS) or restored_cell(text) != text:
        return "'" + text
    return text


def restored_cell(text: str) -> str:
    """The inverse of ``neutral_cell``: the ``'`` it put before a formula character (or before
    another such ``'``) is taken off; any other apostrophe is the text's own ('Tis)."""
    if text[:1] == "'" and text[1:2] and text[1:2] in (*FORMULA_STARTS, "'"):
        return text[1:]
    return text
