"""``attache self-test``: every check passes on a good install, and a broken one is reported.

The broken cases are the ones a frozen bundle really produces: a lexicon left out (TextBlob then
scores 0.0 without an error), a data package that raises, no keyring, a Qt that aborts.
"""

from __future__ import annotations

import json

import pytest

from core import selftest
from core.selftest import Check, passed, run_check, run_self_test
from desktop import cli_admin

CORE_CHECKS = ["folders", "site configuration", "database", "feeds", "language detection",
               "sentiment", "textblob lexicon", "calendar rules", "observance packs",
               "icalendar export", "calendar formats", "named modules", "reports",
               "postgresql driver", "keyring"]


def _self_test(*argv: str) -> int:
    """``attache self-test ARGS`` through the parser desktop/cli.py builds for it."""
    from desktop.cli import build_parser

    args = build_parser("self-test").parse_args(["self-test", *argv])
    return args.func(args)


@pytest.fixture
def fake_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip the Qt child process where a test is about something else (it takes a second)."""
    import desktop.selftest_qt

    monkeypatch.setattr(desktop.selftest_qt, "check_qt",
                        lambda: Check("qt", True, "platform offscreen (fake)", 0.0))
    monkeypatch.setattr(desktop.selftest_qt, "check_qt_desktop",
                        lambda: Check("qt-desktop", True, "xcb finds its libraries (fake)",
                                      0.0))


def test_every_check_passes_on_this_install(memory_keyring: object) -> None:
    seen: list[str] = []
    checks = run_self_test(on_check=lambda c: seen.append(c.name))
    assert [c.name for c in checks] == CORE_CHECKS == seen
    failed = {c.name: c.detail for c in checks if not c.ok}
    assert failed == {}
    assert passed(checks)
    by_name = {c.name: c for c in checks}
    assert by_name["keyring"].required is False
    assert by_name["postgresql driver"].required is False
    assert by_name["postgresql driver"].detail.startswith("psycopg 3.")  # the test extra has it
    assert "ПОСОЛЬСТВО" in by_name["feeds"].detail
    assert all(c.seconds >= 0 for c in checks)


def test_a_broken_check_fails_alone_and_the_run_reports_it(monkeypatch: pytest.MonkeyPatch,
                                                           memory_keyring: object) -> None:
    from core.calendar import packs
    from core.sentiment import analyzers

    # A bundle without textblob/en/en-sentiment.xml: TextBlob answers 0.0, silently.
    monkeypatch.setattr(analyzers.TextBlobAnalyzer, "analyze", lambda self, text: (0.0, 0.0))

    def missing_data(*args: object) -> list[dict]:
        raise FileNotFoundError("holidays/countries/uzbekistan.py")

    monkeypatch.setattr(packs, "pack_observances", missing_data)
    checks = {c.name: c for c in run_self_test()}
    assert list(checks) == CORE_CHECKS  # the rest still ran
    assert not checks["textblob lexicon"].ok
    assert "en-sentiment.xml" in checks["textblob lexicon"].detail
    assert checks["observance packs"].detail == (
        "FileNotFoundError: holidays/countries/uzbekistan.py")
    assert [n for n, c in checks.items() if not c.ok] == ["textblob lexicon", "observance packs"]
    assert not passed(list(checks.values()))


def test_no_keyring_is_a_warning_not_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    from core.secrets import NO_BACKEND

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        check = run_check("keyring", lambda: selftest.check_keyring(None), required=False)
    finally:
        keyring.set_keyring(previous)
    assert not check.ok and not check.required
    assert check.detail.startswith(NO_BACKEND)
    assert cli_admin.format_check(check).startswith("warn keyring ")
    good = Check("database", True, "", 0.1)
    assert passed([good, check])
    assert not passed([good, Check("feeds", False, "x", 0.1)])


def test_cli_json_lists_every_check_and_exits_0(capsys: pytest.CaptureFixture[str],
                                                memory_keyring: object) -> None:
    assert _self_test("--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == [*CORE_CHECKS, "desktop modules", "qt", "qt-desktop"]
    assert all(set(r) == {"name", "ok", "required", "detail", "seconds"} for r in rows)
    qt = rows[-2]
    assert qt["ok"] and qt["required"], qt["detail"]
    assert "QtCharts loads" in qt["detail"] and "offscreen" in qt["detail"]


def test_cli_exits_1_when_a_required_check_fails(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str],
                                                 fake_qt: None, memory_keyring: object) -> None:
    from core.sentiment import analyzers

    monkeypatch.setattr(analyzers.TextBlobAnalyzer, "analyze", lambda self, text: (0.0, 0.0))
    assert _self_test() == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ok   folders ")
    assert any(line.startswith("FAIL textblob lexicon ") and "(0." in line for line in lines)
    assert lines[-1] == "1 required check(s) failed: textblob lexicon"

    assert _self_test("--json") == 1
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["textblob lexicon"]["ok"] is False and rows["sentiment"]["ok"] is True


def test_cli_exits_0_with_only_warnings(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str],
                                        fake_qt: None) -> None:
    monkeypatch.setattr(selftest, "CHECKS", tuple(
        (name, _no_keyring if name == "keyring" else func, required)
        for name, func, required in selftest.CHECKS))
    assert _self_test() == 0
    out = capsys.readouterr().out
    assert "warn keyring " in out
    assert out.splitlines()[-1] == "all required checks passed (1 warning(s): keyring)"


def _no_keyring(_workspace: object) -> str:
    raise selftest.CheckFailed("no OS keyring")


def test_a_qt_that_aborts_is_reported_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.selftest_qt import check_qt

    # Qt calls abort() when no platform plugin loads; the check runs in a child for this.
    monkeypatch.setenv("QT_QPA_PLATFORM", "no-such-platform")
    check = check_qt()
    assert not check.ok and check.required
    assert "Qt could not start" in check.detail


def test_the_desktop_plugin_is_checked_even_when_this_run_is_headless(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.qt_platform import missing_libraries
    from desktop.selftest_qt import check_qt_desktop

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    check = check_qt_desktop()
    assert not check.required  # a server's bundle is not failed for a desktop it never shows
    missing = missing_libraries("xcb")
    assert check.ok == (not missing)
    assert all(name in check.detail for name in missing)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")  # the window would use it: now required
    assert check_qt_desktop().required


def test_attache_self_test_is_wired_into_the_cli(cli, fake_qt: None,  # noqa: ANN001
                                                 memory_keyring: object) -> None:
    code, out, _err = cli("self-test", "--json")
    assert code == 0
    assert [r["name"] for r in json.loads(out)] == [*CORE_CHECKS, "desktop modules", "qt",
                                                    "qt-desktop"]


def test_a_copy_without_the_postgresql_driver_says_what_it_cannot_do(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # what an install without the extra has
    check = run_check("postgresql driver", lambda: selftest.check_postgres_driver(None))
    assert not check.ok
    assert "only its own SQLite database" in check.detail and "attache[postgres]" in check.detail
