"""Shared fixtures: an isolated data folder, migrated databases, the loopback feed server."""

from __future__ import annotations

import os

# Qt must never look for a display in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from core.net.fetch import Fetcher, FetchLimits  # noqa: E402
from core.storage.database import Database  # noqa: E402
from core.storage.migrate import ensure_schema  # noqa: E402
from tests.feedserver import FeedServer  # noqa: E402

# The team's shared corpora (feedparser's test corpus, the sentiment sets): beside the
# project, or where ATTACHE_SHARED says (a clone elsewhere; .ci/run looks for them).
SHARED = Path(os.environ.get("ATTACHE_SHARED")
              or Path(__file__).resolve().parents[1].parent / "shared")
SENTIMENT_CORPORA = SHARED / "corpora" / "sentiment"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip where the shared corpora are not (naming the file and how to point at them)."""
    return pytest.mark.skipif(not path.exists(), reason=(
        f"{path} is not here (set ATTACHE_SHARED to the team's shared folder)"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data/config/log folders; nothing touches the real profile."""
    folder = tmp_path / "attache-data"
    monkeypatch.setenv("ATTACHE_DATA_DIR", str(folder))
    monkeypatch.delenv("ATTACHE_DB_URL", raising=False)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY",
                "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    # A real /etc/attache/site.toml or a portable marker must not leak into tests.
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(tmp_path / "no-site.toml"))
    monkeypatch.delenv("ATTACHE_PORTABLE_DIR", raising=False)
    return folder


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    ensure_schema(database)
    yield database
    database.dispose()


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]):  # noqa: ANN201
    """Run ``attache ARGS --db <test db>`` in-process: returns (exit code, stdout, stderr)."""
    from desktop.cli import run

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = run([*args, "--db", db_url])
        except SystemExit as usage:  # argparse exits 2 on usage errors
            code = usage.code
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[FeedServer, str]]:
    """The loopback server behind TLS with a self-signed certificate for 127.0.0.1, and the
    certificate's path (for ``Fetcher(ca_bundle=...)``)."""
    server = FeedServer()
    cert = server.use_tls(tmp_path)
    server.start()
    server.static("/feed.xml", "rss2.xml")
    yield server, cert
    server.stop()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    f = Fetcher(FetchLimits(connect_timeout=5, read_timeout=5, deadline=10))
    yield f
    f.close()


# ---------------------------------------------------------------------------- PostgreSQL

def _pg_admin_url() -> str | None:
    return os.environ.get("ATTACHE_TEST_PG_URL")


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """The admin URL of a real PostgreSQL server; skips locally, fails in CI, when absent."""
    url = _pg_admin_url()
    reason = None
    if not url:
        reason = "ATTACHE_TEST_PG_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1/postgres)"
    else:
        try:
            from sqlalchemy import create_engine

            engine = create_engine(url)
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            engine.dispose()
        except Exception as exc:  # noqa: BLE001 - any failure means "no server"
            reason = f"PostgreSQL at {url} is not reachable: {exc}"
    if reason:
        if IN_CI:
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason=reason)
    return url


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty database on the test server for one test, dropped afterwards."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"attache_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


# ---------------------------------------------------------------------------- keyring

class MemoryKeyring:
    """A real keyring backend (keyring's API) that keeps secrets in memory, for tests."""

    priority = 10

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def no_os_keyring() -> Iterator[None]:
    """No test reads or writes the developer's real keyring: every test starts with keyring's
    "no backend" (what CI has); ``memory_keyring`` swaps in an in-memory one."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(no_os_keyring: None,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    import keyring
    from keyring.backend import KeyringBackend

    from core import secrets

    # Attaché only trusts OS keyrings (core.secrets.OS_KEYRINGS); this one stands in for them.
    monkeypatch.setitem(secrets.OS_KEYRINGS, __name__, "the test keyring (in memory)")

    previous = keyring.get_keyring()  # before the class exists: keyring must not pick it

    class Backend(MemoryKeyring, KeyringBackend):
        pass

    backend = Backend()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
