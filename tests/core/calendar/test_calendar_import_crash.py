"""Issue 16 #2: a calendar import killed half-way leaves nothing behind, and the next import
neither misses nor duplicates a post (the attack: kill -9 during a 20,000-row import left
thousands of posts, and the re-import doubled them)."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import PlannedPost

ROWS = 2000  # with long texts the transaction spills pages to the WAL before it commits


def post_count(url: str) -> int:
    db = Database(url)
    try:
        with db.read() as conn:
            return conn.execute(select(func.count()).select_from(PlannedPost.__table__)).scalar()
    finally:
        db.dispose()


def import_command(path: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "desktop.main", "calendar", "import", str(path), "--db", url]


def test_a_killed_import_leaves_nothing_and_the_next_one_no_duplicates(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    with plan.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["title", "date", "time", "tz", "body"])  # no id, no uid: new rows
        for n in range(ROWS):
            writer.writerow([f"Post {n}", f"2027-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                             f"{n % 24:02d}:{n % 60:02d}", "Asia/Tashkent", "Text " * 150])
    database = tmp_path / "plan.db"
    url = f"sqlite:///{database}"
    db = Database(url)
    ensure_schema(db)
    db.dispose()
    wal = Path(f"{database}-wal")
    env = dict(os.environ, ATTACHE_DATA_DIR=str(tmp_path / "data"))

    child = subprocess.Popen(import_command(plan, url), env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        # The write transaction is under way once its pages start reaching the WAL.
        while child.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > 512 * 1024:
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.01)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert post_count(url) == 0  # all or nothing: nothing

    done = subprocess.run(import_command(plan, url), env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"created {ROWS}, updated 0, unchanged 0")
    again = subprocess.run(import_command(plan, url), env=env, capture_output=True,
                           text=True, timeout=300, check=False)
    assert again.stdout.startswith(f"created 0, updated 0, unchanged {ROWS}")
    assert post_count(url) == ROWS
