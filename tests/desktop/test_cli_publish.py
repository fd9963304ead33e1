"""``attache publish`` and ``posts --image/--alt`` as the issue's contract writes them, and the
exactly-once promise under the worst conditions: a sender killed with SIGKILL between the
platform creating the post and Attaché recording it, and two senders at once on one database
(SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import select

from core.calendar.posts import get_post, post_details
from core.net.fetch import Fetcher, FetchLimits
from core.secrets import SERVICE
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import Outbox
from tests.fakes.common import Stall
from tests.fakes.mastodon import FakeMastodon
from tests.feedserver import FeedServer
from tests.publishing import TASHKENT, due, image, own_source, planned, png

AT = datetime(2026, 12, 10, 9, 0, tzinfo=TASHKENT)
NOW = (AT + timedelta(minutes=1)).isoformat()
KEYS = {"post_id", "occurrence", "channel_id", "platform", "status", "remote_id", "url", "error"}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def masto(server: FeedServer, memory_keyring) -> FakeMastodon:  # noqa: ANN001
    fake = FakeMastodon(server)
    memory_keyring.set_password(SERVICE, f"mastodon:{fake.host}", fake.token)
    return fake


def test_publish_due_json_keys_and_exit_codes(cli, db: Database, masto: FakeMastodon) -> None:  # noqa: ANN001
    source = own_source(db, "mastodon", masto.profile)
    ok = planned(db, [source], body="Short and fine", at=AT)
    code, out, err = cli("publish", "due", "--now", NOW, "--json")
    assert code == 0, err
    [row] = json.loads(out)
    assert KEYS <= set(row)
    assert (row["post_id"], row["channel_id"], row["platform"], row["status"]) == (
        ok, source, "mastodon", "published")
    assert row["occurrence"] == AT.isoformat() and row["error"] is None
    assert row["remote_id"] == masto.statuses[0]["id"] and row["url"] == masto.statuses[0]["url"]
    too_long = planned(db, [source], body="x" * 501, at=AT)
    code, out, _ = cli("publish", "due", "--now", NOW, "--json")
    assert code == 1
    [row] = json.loads(out)
    assert (row["post_id"], row["status"]) == (too_long, "failed")
    assert "501 of 500" in row["error"]
    assert len(masto.statuses) == 1


def test_publish_due_dry_run_sends_nothing(cli, db: Database, masto: FakeMastodon) -> None:  # noqa: ANN001
    source = own_source(db, "mastodon", masto.profile)
    planned(db, [source], body="Tomorrow's text", at=AT)
    code, out, _ = cli("publish", "due", "--now", NOW, "--dry-run", "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row["status"] == "would_publish" and row["text"] == "Tomorrow's text"
    code, out, _ = cli("publish", "due", "--now", NOW, "--dry-run")
    assert "would_publish" in out and "| Tomorrow's text" in out
    assert masto.server.requests == []


def test_publish_post_and_status(cli, db: Database, masto: FakeMastodon) -> None:  # noqa: ANN001
    source = own_source(db, "mastodon", masto.profile)
    post_id = planned(db, [source], body="Now, please", at=AT + timedelta(days=1))
    code, out, _ = cli("publish", "post", str(post_id), "--json")
    assert code == 0 and json.loads(out)[0]["status"] == "published"
    code, out, _ = cli("publish", "status", str(post_id), "--json")
    [state] = json.loads(out)
    assert (state["channel_id"], state["state"], state["attempts"]) == (source, "published", 1)
    code, out, err = cli("publish", "post", "999")
    assert code == 1 and "there is no planned post 999" in err
    draft = planned(db, [source], body="Not yet", at=AT, status="review")
    code, _, err = cli("publish", "post", str(draft))
    assert code == 1 and "is review; only approved or scheduled posts are published" in err


def test_posts_take_images_with_alt_text(cli, db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    one.write_bytes(png())
    two.write_bytes(png(3, 3))
    code, out, err = cli("posts", "add", "--title", "Photos", "--at", "2026-12-10 09:00",
                         "--tz", "Asia/Tashkent", "--image", str(one), "--alt", "First",
                         "--image", str(two), "--alt", "Second")
    assert code == 0, err
    post_id = int(out)
    post = post_details(db, post_id)
    assert [(i["filename"], i["alt"], i["mime"]) for i in post["images"]] == [
        ("one.png", "First", "image/png"), ("two.png", "Second", "image/png")]
    code, _, err = cli("posts", "update", str(post_id), "--image", str(one))
    assert code == 1 and "image 1 (one.png) has no alt text" in err
    code, _, err = cli("config", "set", "require_alt_text", "false")
    code, _, err = cli("posts", "update", str(post_id), "--image", str(one))
    assert code == 0, err
    assert [i["alt"] for i in post_details(db, post_id)["images"]] == [""]
    (tmp_path / "notes.txt").write_text("not an image")
    code, _, err = cli("posts", "update", str(post_id), "--image", str(tmp_path / "notes.txt"))
    assert code == 1 and "notes.txt is not a JPEG, PNG, GIF or WebP image" in err
    paths = [str(one)] * 5
    code, _, err = cli("posts", "update", str(post_id),
                       *[a for p in paths for a in ("--image", p, "--alt", "x")])
    assert code == 1 and "at most 4 images, not 5" in err
    code, _, err = cli("posts", "update", str(post_id), "--no-images")
    assert code == 0 and post_details(db, post_id)["images"] == []


# ---------------------------------------------------------------------------- killed sender

def _subprocess_env(tmp_path: Path, masto: FakeMastodon) -> dict[str, str]:
    """A real ``attache`` in its own process, its token in a keyring file IT allowed."""
    site = tmp_path / "site.toml"
    site.write_text('[defaults]\nallowed_keyring_backends = '
                    '["keyrings.alt.file.PlaintextKeyring"]\n', encoding="utf-8")
    xdg = tmp_path / "xdg"
    backend = PlaintextKeyring()
    backend.file_path = str(xdg / "python_keyring" / "keyring_pass.cfg")
    backend.set_password(SERVICE, f"mastodon:{masto.host}", masto.token)
    return dict(os.environ, ATTACHE_SITE_CONFIG=str(site), XDG_DATA_HOME=str(xdg),
                PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
                ATTACHE_DATA_DIR=str(tmp_path / "sub-data"), NO_PROXY="127.0.0.1",
                PYTHONPATH=str(ROOT))


def _attache(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "desktop.main", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_between_request_and_bookkeeping_then_rerun_creates_nothing_twice(
        cli, db: Database, db_url: str, masto: FakeMastodon, tmp_path: Path) -> None:  # noqa: ANN001
    source = own_source(db, "mastodon", masto.profile)
    post_id = planned(db, [source], body="Exactly once", at=AT, images=[image()])
    masto.stall = Stall()
    sender = _attache(_subprocess_env(tmp_path, masto), "publish", "due", "--db", db_url,
                      "--now", NOW, "--json")
    try:
        assert masto.stall.reached.wait(60), sender.stderr.read() if sender.poll() else ""
        # Mastodon has created the status; its answer has not left: kill the sender now.
        sender.send_signal(signal.SIGKILL)
        sender.communicate(timeout=30)  # reaped, its pipes closed
    finally:
        masto.stall.release()
        if sender.poll() is None:
            sender.kill()
            sender.communicate(timeout=30)
    assert sender.returncode == -signal.SIGKILL
    assert len(masto.statuses) == 1
    with db.read() as conn:
        row = conn.execute(select(Outbox.__table__)).mappings().one()
    assert row["state"] == "sending"  # the claim was committed before the request
    masto.stall = None
    code, out, err = cli("publish", "due", "--now", NOW, "--json")
    assert code == 0, err
    [outcome] = json.loads(out)
    assert outcome["status"] == "published"
    assert outcome["remote_id"] == masto.statuses[0]["id"]
    assert len(masto.statuses) == 1  # the repeat carried the same Idempotency-Key
    assert len(masto.status_posts()) == 2
    code, out, _ = cli("publish", "due", "--now", NOW, "--json")
    assert json.loads(out) == [] and len(masto.status_posts()) == 2
    assert get_post(db, post_id)["status"] == "published"


@pytest.mark.skipif(sys.platform == "win32", reason="runs the CLI twice at once")
def test_two_publish_due_processes_at_once_send_once(
        db: Database, db_url: str, masto: FakeMastodon, tmp_path: Path) -> None:
    source = own_source(db, "mastodon", masto.profile)
    planned(db, [source], body="Two runs, one post", at=AT)
    masto.stall = Stall()
    env = _subprocess_env(tmp_path, masto)
    first = _attache(env, "publish", "due", "--db", db_url, "--now", NOW, "--json")
    assert masto.stall.reached.wait(60)
    second = _attache(env, "publish", "due", "--db", db_url, "--now", NOW, "--json")
    out2, err2 = second.communicate(timeout=60)  # runs while the first holds its claim
    masto.stall.release()
    out1, err1 = first.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, (err1, err2)
    assert [o["status"] for o in json.loads(out1)] == ["published"]
    [other] = json.loads(out2)
    assert other["status"] == "skipped" and "another sender" in other["error"]
    assert len(masto.statuses) == 1 and len(masto.status_posts()) == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_senders_racing_for_one_post_send_it_once(
        backend: str, request: pytest.FixtureRequest, server: FeedServer,
        memory_keyring) -> None:  # noqa: ANN001
    url = request.getfixturevalue("db_url" if backend == "sqlite" else "pg_url")
    fake = FakeMastodon(server)
    memory_keyring.set_password(SERVICE, f"mastodon:{fake.host}", fake.token)
    first_db, second_db = Database(url), Database(url)
    ensure_schema(first_db)
    fetchers = [Fetcher(FetchLimits(connect_timeout=5, read_timeout=10, deadline=20))
                for _ in range(2)]
    try:
        source = own_source(first_db, "mastodon", fake.profile)
        for n in range(5):
            planned(first_db, [source], body=f"Post number {n}", at=AT)
        results: list = [None, None]
        start = threading.Barrier(2)

        def sender(i: int, db: Database) -> None:
            start.wait()
            results[i] = due(db, fetchers[i], AT + timedelta(minutes=1))

        threads = [threading.Thread(target=sender, args=(i, d))
                   for i, d in enumerate((first_db, second_db))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        published = [o for r in results for o in r if o.status == "published"]
        assert sorted(o.post_id for o in published) == [1, 2, 3, 4, 5]
        assert len(fake.statuses) == 5 and len(fake.status_posts()) == 5
        assert sorted(s["text_sent"] for s in fake.statuses) == [f"Post number {n}"
                                                                for n in range(5)]
    finally:
        for f in fetchers:
            f.close()
        first_db.dispose()
        second_db.dispose()


def test_publish_confirm_resolves_an_unconfirmed_send(cli, db: Database, server: FeedServer,  # noqa: ANN001
                                                      memory_keyring,  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fakes.common import Scripted
    from tests.fakes.telegram import CHANNEL, TOKEN, FakeTelegram

    fake = FakeTelegram(server)
    monkeypatch.setenv("ATTACHE_TELEGRAM_BOT_API", fake.base)
    memory_keyring.set_password(SERVICE, f"telegram-bot:{CHANNEL}", TOKEN)
    source = own_source(db, "telegram", f"https://t.me/{CHANNEL}", account_id=CHANNEL)
    post_id = planned(db, [source], body="Did it go out?", at=AT)
    fake.script.append(Scripted(504, {"ok": False, "error_code": 504,
                                      "description": "Gateway Timeout"}))
    code, out, _ = cli("publish", "due", "--now", NOW, "--json")
    [row] = json.loads(out)
    assert code == 0 and row["status"] == "unconfirmed"  # nothing failed: it needs a person
    code, _, err = cli("publish", "confirm", str(post_id), str(source))
    assert code == 2 and "--published" in err  # one of the two answers is required
    code, out, err = cli("publish", "confirm", str(post_id), str(source), "--published",
                         f"https://t.me/{CHANNEL}/4242")
    assert code == 0, err
    assert f"published https://t.me/{CHANNEL}/4242" in out
    code, out, _ = cli("publish", "status", str(post_id), "--json")
    [state] = json.loads(out)
    assert (state["state"], state["remote_id"]) == ("published", f"{CHANNEL}/4242")
    assert get_post(db, post_id)["status"] == "published"
    code, _, err = cli("publish", "confirm", str(post_id), str(source), "--not-published")
    assert code == 1 and "is not unconfirmed (published)" in err
    assert fake.messages == []
