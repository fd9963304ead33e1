"""Hostile .xlsx files made on the spot (issue 16 #12): small on disk, huge when unpacked.

An .xlsx is a zip of XML parts; these are the few parts openpyxl needs, written by hand so a
test controls what the zip declares and how many rows the sheet really has.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
          'package/2006/content-types"><Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
          '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
          '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
         'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
         'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
         '"xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
         '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
         'r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
              'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
              '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
              'Target="worksheets/sheet1.xml"/></Relationships>')


def _row(number: int, cells: Iterable[str]) -> str:
    return f'<row r="{number}">' + "".join(
        f'<c t="inlineStr"><is><t>{escape(c)}</t></is></c>' for c in cells) + "</row>"


def write_xlsx(path: Path, header: list[str], rows: Iterable[list[str]], *,
               dimension: str = "A1:E2", extra_part: tuple[str, int] | None = None) -> Path:
    """A workbook whose sheet has ``header`` and ``rows``, streamed into the zip (so a million
    rows cost no memory); ``extra_part`` adds a part of that many bytes of "a" (a zip bomb)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _BOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://'
                         'schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension '
                         f'ref="{dimension}"/><sheetData>').encode())
            sheet.write(_row(1, header).encode())
            for number, cells in enumerate(rows, start=2):
                sheet.write(_row(number, cells).encode())
            sheet.write(b"</sheetData></worksheet>")
        if extra_part:
            name, size = extra_part
            with archive.open(name, "w", force_zip64=True) as part:
                chunk = b"a" * (1024 * 1024)
                for _ in range(size // len(chunk)):
                    part.write(chunk)
    return path
