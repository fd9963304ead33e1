"""scripts/interop_sweep.py: the team reruns the real-file judgement of issue 12 with it, so
its classification must be the importer's own outcome, file by file."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "calendar"
sys.path.insert(0, str(ROOT / "scripts"))

import interop_sweep  # noqa: E402


def test_each_file_is_classified_as_its_import_ends(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "real"
    folder.mkdir()
    for name in ("google_overrides.ics", "unrepresentable.ics", "mixed_parts.ics"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "todo.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Tasks//EN\r\nBEGIN:VTODO\r\n"
        b"UID:t1@example\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Order flags\r\nEND:VTODO\r\n"
        b"END:VCALENDAR\r\n")
    (folder / "notes.ics").write_bytes(b"meeting notes, not a calendar\n")
    (folder / "feeds.opml").write_text(
        '<opml version="2.0"><body><outline text="[Blog]" xmlUrl="https://e.example/feed"/>'
        "</body></opml>", encoding="utf-8")
    assert interop_sweep.main([str(folder), "--json", "--roundtrip"]) == 0
    results = {Path(r["file"]).name: r for r in json.loads(capsys.readouterr().out)}
    assert {name: r["outcome"] for name, r in results.items()} == {
        "google_overrides.ics": "clean", "unrepresentable.ics": "skipped",
        "mixed_parts.ics": "clean", "todo.ics": "no-events", "notes.ics": "refused",
        "feeds.opml": "clean"}
    assert len(results["unrepresentable.ics"]["skipped"]) == 4
    assert all("line" in s for s in results["unrepresentable.ics"]["skipped"])
    assert not any(r.get("export_invalid") for r in results.values())
    assert interop_sweep.main([str(folder)]) == 0
    summary = capsys.readouterr().out
    assert "5 calendar files: 2 clean, 1 skipped, 1 no-events, 1 refused, 0 crash" in summary
    assert "1 OPML files: 1 clean, 0 no-feeds, 0 refused, 0 crash" in summary
