"""The ``attache`` CLI contract: commands, flags, JSON keys and exit codes scripts rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import run
from tests.feedserver import FeedServer

SOURCE_KEYS = {"id", "url", "kind", "title", "category", "status", "error", "last_fetched",
               "next_fetch", "item_count"}
REFRESH_KEYS = {"source_id", "url", "status", "http_status", "new_items", "updated_items",
                "error"}
ITEM_KEYS = {"id", "source_id", "guid", "url", "title", "author", "published", "content_html",
             "content_text", "read", "starred"}


class Cli:
    """Runs the CLI in-process against one database and returns (code, stdout, stderr)."""

    def __init__(self, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_url = db_url
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = run([*args, "--db", self.db_url])
        except SystemExit as usage:  # argparse exits 2 on usage errors
            code = usage.code
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> list[dict]:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        data = json.loads(out)
        assert isinstance(data, list)
        return data


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_url, capsys)


def many_items_feed(count: int) -> bytes:
    items = "".join(
        f"<item><guid>g{i}</guid><title>Item {i}</title><link>https://e.test/{i}</link>"
        f"<pubDate>{1 + i % 28:02d} Oct 2026 {i % 24:02d}:00:00 +0000</pubDate></item>"
        for i in range(count))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>{items}'
            "</channel></rss>").encode()


def test_add_refresh_list_items_and_mark(cli: Cli, server: FeedServer) -> None:
    server.static("/feeds/rss2.xml", "rss2.xml")
    page = server.static("/news.html", "page_with_feed.html", content_type="text/html")
    code, out, _ = cli("sources", "add", page, "--category", "Embassy", "--interval", "30")
    assert code == 0 and "added source 1" in out

    (source,) = cli.json("sources", "list")
    assert SOURCE_KEYS <= source.keys()
    assert source["url"] == server.url("/feeds/rss2.xml")  # autodiscovered
    assert (source["status"], source["category"], source["item_count"]) == ("new", "Embassy", 0)
    assert source["last_fetched"] is None

    results = cli.json("refresh")
    assert len(results) == 1 and REFRESH_KEYS <= results[0].keys()
    assert (results[0]["status"], results[0]["http_status"], results[0]["new_items"]) == (
        "ok", 200, 5)

    (source,) = cli.json("sources", "list")
    assert source["status"] == "ok" and source["item_count"] == 5
    assert source["last_fetched"].endswith("+00:00") and source["next_fetch"]

    items = cli.json("items", "list")
    assert len(items) == 5 and ITEM_KEYS <= items[0].keys()
    published = [i["published"] for i in items]
    assert published == sorted(published, reverse=True)  # newest first
    assert all(p.endswith("+00:00") for p in published)

    code, out, _ = cli("items", "mark", str(items[0]["id"]), str(items[1]["id"]), "--read")
    assert code == 0
    assert len(cli.json("items", "list", "--unread")) == 3
    cli("items", "mark", str(items[2]["id"]), "--star")
    assert [i["starred"] for i in cli.json("items", "list") if i["id"] == items[2]["id"]] == [True]
    code, _, err = cli("items", "mark", "99999", "--read")
    assert code == 1 and "99999" in err


def test_refresh_progress_on_stderr_and_exit_1_when_a_source_fails(
        cli: Cli, server: FeedServer) -> None:
    good = server.static("/good.xml", "rss2.xml")
    bad = server.static("/bad.txt", "not_a_feed.txt", content_type="text/plain")
    cli("sources", "add", good)
    cli("sources", "add", bad, "--no-check")
    code, out, err = cli("refresh")
    assert code == 1
    assert "[1/2]" in err and "[2/2]" in err and "not a feed" in err
    assert "1 failed" in out

    code, out, err = cli("refresh", "--force", "--json")
    assert code == 1 and err == ""  # no progress lines with --json
    by_url = {r["url"]: r for r in json.loads(out)}
    assert by_url[good]["status"] == "ok" and by_url[good]["error"] is None
    assert by_url[bad]["status"] == "error" and "not a feed" in by_url[bad]["error"]

    sources = {s["url"]: s for s in cli.json("sources", "list")}
    assert sources[bad]["status"] == "error" and "not a feed" in sources[bad]["error"]


def test_refresh_single_source_and_force(cli: Cli, server: FeedServer) -> None:
    first = server.static("/a.xml", "rss2.xml", etag='"a"')
    second = server.static("/b.xml", "atom.xml", content_type="application/atom+xml")
    cli("sources", "add", first)
    cli("sources", "add", second)
    assert [r["source_id"] for r in cli.json("refresh", "--source", "2")] == [2]
    assert [r["source_id"] for r in cli.json("refresh")] == [1]  # 2 is not due any more
    assert cli.json("refresh") == []
    forced = cli.json("refresh", "--force", "--source", "1")
    assert forced[0]["http_status"] == 304 and forced[0]["new_items"] == 0
    code, _, err = cli("refresh", "--source", "42")
    assert code == 1 and "no source 42" in err


def test_items_limit_since_and_search(cli: Cli, server: FeedServer) -> None:
    cli("sources", "add", server.static("/many.xml", many_items_feed(150)))
    cli("refresh")
    assert len(cli.json("items", "list")) == 100  # default limit
    assert len(cli.json("items", "list", "--limit", "0")) == 150
    assert len(cli.json("items", "list", "--limit", "7")) == 7
    since = cli.json("items", "list", "--limit", "0", "--since", "2026-10-27")
    assert len(since) == 10 and all(i["published"] >= "2026-10-27" for i in since)
    assert [i["title"] for i in cli.json("items", "list", "--search", "item 149")] == ["Item 149"]
    code, _, err = cli("items", "list", "--since", "yesterday-ish")
    assert code == 2 and "ISO date" in err


def test_remove_and_enable(cli: Cli, server: FeedServer) -> None:
    gone = server.status("/gone.xml", 410)
    cli("sources", "add", gone, "--no-check")
    code, _, _ = cli("refresh")
    assert code == 1
    assert cli.json("sources", "list")[0]["status"] == "gone"
    assert cli.json("refresh", "--force") == []  # never polled again...
    assert cli("sources", "enable", "1")[0] == 0  # ...until the user re-enables it
    assert cli.json("sources", "list")[0]["status"] == "new"
    code, out, _ = cli("sources", "remove", "1")
    assert code == 0 and "removed source 1" in out
    assert cli.json("sources", "list") == []
    code, _, err = cli("sources", "remove", "1")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_opml_import_and_export(cli: Cli, tmp_path: Path) -> None:
    starter = Path(__file__).resolve().parents[2] / "resources" / "default_sources.opml"
    code, out, _ = cli("opml", "import", str(starter))
    assert code == 0 and "imported" in out
    sources = cli.json("sources", "list")
    assert len(sources) >= 8 and all(s["category"] for s in sources)
    code, out, _ = cli("opml", "import", "--starter")  # the same file, shipped in the package
    assert code == 0 and "imported 0 feeds" in out and str(len(sources)) in out
    target = tmp_path / "out.opml"
    assert cli("opml", "export", str(target))[0] == 0
    assert all(s["url"].replace("&", "&amp;") in target.read_text() for s in sources)
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline xmlUrl='x'></body></opml>")
    code, _, err = cli("opml", "import", str(bad))
    assert code == 1 and "line 1" in err


def test_db_commands(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("db", "upgrade")
    from core.storage.migrate import head_revision

    assert code == 0 and head_revision() in out
    (report,) = cli.json("db", "check")
    assert report["ok"] and report["schema_version"] == report["code_version"]
    target = tmp_path / "backup.db"
    code, out, _ = cli("db", "backup", str(target))
    assert code == 0 and target.exists()
    code, _, err = cli("db", "backup", str(target))
    assert code == 1 and "already exists" in err


def test_newer_database_is_refused_with_a_clear_line(cli: Cli, db_url: str) -> None:
    cli("db", "upgrade")
    import sqlite3

    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff99'")
    code, _, err = cli("sources", "list")
    assert code == 1 and "newer Attaché" in err and "Traceback" not in err


def test_bad_url_and_usage_errors(cli: Cli, server: FeedServer) -> None:
    code, _, err = cli("sources", "add", "ftp://example.org/feed")
    assert code == 1 and "not a web address" in err
    code, _, err = cli("sources", "add", server.url("/missing.xml"))
    assert code == 1 and "404" in err
    with pytest.raises(SystemExit) as usage:
        run(["items", "mark", "1"])
    assert usage.value.code == 2


def test_database_location_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    # Default: SQLite in the data folder.
    assert run(["sources", "add", "https://e.test/a", "--no-check"]) == 0
    assert (Path(os.environ["ATTACHE_DATA_DIR"]) / "attache.db").exists()
    # ATTACHE_DB_URL moves it; --db wins over both.
    env_db = tmp_path / "env.db"
    monkeypatch.setenv("ATTACHE_DB_URL", f"sqlite:///{env_db}")
    assert run(["sources", "add", "https://e.test/b", "--no-check"]) == 0
    flag_db = tmp_path / "flag.db"
    assert run(["--db", f"sqlite:///{flag_db}", "sources", "list", "--json"]) == 0
    capsys.readouterr()
    assert run(["sources", "list", "--json"]) == 0
    assert [s["url"] for s in json.loads(capsys.readouterr().out)] == ["https://e.test/b"]
    assert flag_db.exists()


def test_config_proxy_setting(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["config", "set", "proxy", "http://proxy.local:8080"]) == 0
    capsys.readouterr()
    assert run(["config", "show"]) == 0
    assert json.loads(capsys.readouterr().out)["proxy"] == "http://proxy.local:8080"
    assert run(["config", "set", "workers", "many"]) == 1
    assert run(["config", "set", "nonsense", "1"]) == 1


def test_installed_console_script(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("attache")
    env = dict(os.environ, ATTACHE_DATA_DIR=str(tmp_path))
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env,
                          check=False)
    assert done.returncode == 0 and done.stdout.startswith("attache ")
    done = subprocess.run([str(exe), "sources", "list", "--json"], capture_output=True,
                          text=True, env=env, check=False)
    assert done.returncode == 0 and json.loads(done.stdout) == []


@pytest.mark.parametrize(("argv", "gui"), [
    ([], True), (["--debug"], True), (["--db", "sqlite:///x.db"], True),
    (["--db=sqlite:///x.db", "--debug"], True), (["sources", "list"], False),
    (["--version"], False), (["--db", "sqlite:///x.db", "refresh"], False), (["--db"], False),
])
def test_no_command_opens_the_window_without_the_cli(argv: list[str], gui: bool) -> None:
    from desktop.main import wants_gui

    assert wants_gui(argv) is gui


def test_config_never_echoes_a_password(capsys: pytest.CaptureFixture[str],
                                       memory_keyring) -> None:  # noqa: ANN001
    url = "postgresql+psycopg://u:s3cret@db.local/attache?sslpassword=k3y-secret"
    assert run(["config", "set", "database_url", url]) == 0
    out, err = capsys.readouterr()
    assert "s3cret" not in out + err and "k3y-secret" not in out + err
    assert "database_url = 'postgresql+psycopg://u@db.local/attache'" in out
    assert "OS keyring" in err
    assert run(["config", "set", "proxy", "http://me:pa55word@proxy.local:8080"]) == 0
    assert "pa55word" not in capsys.readouterr().out
    assert run(["config", "show"]) == 0
    out = capsys.readouterr().out
    shown = json.loads(out)
    # Both passwords are in the keyring (issue 16): settings.json, and so "show", have none.
    assert (shown["database_url"], shown["proxy"]) == (
        "postgresql+psycopg://u@db.local/attache", "http://me@proxy.local:8080")
    assert "s3cret" not in out and "pa55word" not in out
    from core import database_url
    from core.settings import Settings

    # The database password and key passphrase are in the keyring, not in settings.json.
    text = Settings.path().read_text(encoding="utf-8")
    assert "s3cret" not in text and "k3y-secret" not in text
    assert "pa55word" not in text
    assert sorted(memory_keyring.store.values()) == ["k3y-secret", "pa55word", "s3cret"]
    stored = Settings.load()
    assert (stored.database_url, stored.proxy) == (
        "postgresql+psycopg://u@db.local/attache", "http://me@proxy.local:8080")
    assert stored.proxy_url() == "http://me:pa55word@proxy.local:8080"
    assert database_url.resolve_db_url() == (
        "postgresql+psycopg://u:s3cret@db.local/attache?sslpassword=k3y-secret")


def test_config_refuses_a_database_password_without_a_keyring(
        capsys: pytest.CaptureFixture[str]) -> None:
    import keyring
    from keyring.backends import fail

    from core.settings import Settings

    previous = keyring.get_keyring()  # another test's memory keyring may be the default
    keyring.set_keyring(fail.Keyring())
    try:
        code = run(["config", "set", "database_url", "postgresql+psycopg://u:s3cret@db/attache"])
    finally:
        keyring.set_keyring(previous)
    out, err = capsys.readouterr()
    assert code == 1 and "s3cret" not in out + err
    assert ".pgpass" in err and "PGPASSWORD" in err and "Traceback" not in err
    assert not Settings.path().exists()


def test_config_refuses_a_database_url_with_a_bad_port(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["config", "set", "database_url", "postgresql+psycopg://u:p@h:abc/db"]) == 1
    err = capsys.readouterr().err
    assert "port" in err and "not a number" in err and "Traceback" not in err
