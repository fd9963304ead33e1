"""Issue 16 item 9: the proxy password lives in the OS keyring, never in settings.json — set
from the CLI, migrated from a file an older build wrote, and put back when the network is used
(checked end to end through a proxy on 127.0.0.1 that demands the password)."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import keyring
import pytest
from keyring.backends import fail

from core.net.fetch import Fetcher
from core.secrets import SERVICE
from core.settings import Settings
from tests.feedserver import FeedServer, send

FEED = "http://feed.example/rss.xml"  # never resolved: the proxy answers for it
USER, PASSWORD = "officer", "pr0xy-pa55"


@pytest.fixture
def proxy(server: FeedServer) -> Iterator[FeedServer]:
    """The loopback server as an HTTP proxy that wants Basic credentials (RFC 9110 §11.7.1)."""
    wanted = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    def handler(req: BaseHTTPRequestHandler) -> None:
        if req.headers.get("Proxy-Authorization") != wanted:
            send(req, 407, b"", "text/plain", {"Proxy-Authenticate": 'Basic realm="mfa"'})
            return
        body = (b"<rss version='2.0'><channel><title>Via proxy</title><item><guid>1</guid>"
                b"<title>Through the proxy</title></item></channel></rss>")
        send(req, 200, body, "application/rss+xml")

    server.route(FEED, handler)
    yield server


def proxy_url(server: FeedServer, password: str | None = PASSWORD) -> str:
    secret = f":{password}" if password else ""
    return f"http://{USER}{secret}@127.0.0.1:{server.port}"


def test_config_set_keeps_the_password_in_the_keyring_and_the_proxy_still_works(
        cli, proxy: FeedServer, memory_keyring) -> None:  # noqa: ANN001
    code, out, err = cli("config", "set", "proxy", proxy_url(proxy))
    assert code == 0 and PASSWORD not in out + err
    assert "proxy password is kept in the OS keyring" in err
    text = Settings.path().read_text(encoding="utf-8")
    assert PASSWORD not in text
    assert json.loads(text)["proxy"] == proxy_url(proxy, None)
    assert memory_keyring.store == {
        (SERVICE, f"proxy:http://{USER}@127.0.0.1:{proxy.port}"): PASSWORD}
    settings = Settings.load()
    assert settings.proxy == proxy_url(proxy, None)
    fetcher = Fetcher.from_settings(settings)
    try:
        result = fetcher.fetch(FEED)
    finally:
        fetcher.close()
    assert result.status == 200 and b"Through the proxy" in result.body
    code, out, _err = cli("config", "show")
    assert code == 0 and PASSWORD not in out


def test_without_the_stored_password_the_proxy_refuses(proxy: FeedServer,
                                                        memory_keyring) -> None:  # noqa: ANN001
    settings = Settings.load()
    settings.set("proxy", proxy_url(proxy, None))  # a user but no password anywhere
    settings.save()
    fetcher = Fetcher.from_settings(Settings.load())
    try:
        assert fetcher.fetch(FEED).status == 407
    finally:
        fetcher.close()


def test_an_older_settings_file_is_migrated_on_load(proxy: FeedServer,
                                                    memory_keyring, caplog) -> None:  # noqa: ANN001
    Settings.path().write_text(json.dumps({"proxy": proxy_url(proxy), "workers": 4}),
                               encoding="utf-8")
    with caplog.at_level(logging.INFO):
        settings = Settings.load()
    assert settings.proxy == proxy_url(proxy, None) and settings.workers == 4
    assert PASSWORD not in Settings.path().read_text(encoding="utf-8")
    assert settings.proxy_url() == proxy_url(proxy)
    assert PASSWORD not in caplog.text


def test_no_keyring_refuses_and_writes_nothing(cli, proxy: FeedServer) -> None:  # noqa: ANN001
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code, out, err = cli("config", "set", "proxy", proxy_url(proxy))
    finally:
        keyring.set_keyring(previous)
    assert code == 1 and PASSWORD not in out + err
    assert "never writes passwords to its settings file" in err
    assert not Settings.path().exists() or PASSWORD not in Settings.path().read_text()


def test_an_older_file_without_a_keyring_still_works_with_a_warning(
        proxy: FeedServer, caplog) -> None:  # noqa: ANN001
    Settings.path().write_text(json.dumps({"proxy": proxy_url(proxy)}), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = Settings.load()
        settings.workers = 3
        settings.save()  # other settings can still be changed
    assert settings.proxy_url() == proxy_url(proxy)
    assert "holds the proxy password in plain text" in caplog.text
    assert PASSWORD not in caplog.text
