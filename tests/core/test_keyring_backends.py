"""Issue 16 item 8: with keyrings.alt installed (some Linux distributions ship it), ``keyring``
picks its PlaintextKeyring wherever no Secret Service runs. Attaché refuses it — tokens would
sit in a plain file in the home folder — unless IT allows it in site.toml, and self-test says
which backend is in use. Real keyrings.alt backends, their files in the test's folder."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.chainer import ChainerBackend
from keyrings.alt.file import PlaintextKeyring
from keyrings.alt.multi import MultipartKeyringWrapper

from core import secrets
from core.selftest import check_keyring, run_check

TOKEN = "ya29.test-token-value"


@pytest.fixture
def plaintext(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "python_keyring" / "keyring_pass.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def allow_in_site_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    site = tmp_path / "site.toml"
    site.write_text(f'[defaults]\nallowed_keyring_backends = ["{name}"]\n', encoding="utf-8")
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(site))


def cli_with_stdin(cli, monkeypatch: pytest.MonkeyPatch, text: str, *args: str):  # noqa: ANN001, ANN201
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    return cli(*args)


def test_a_plaintext_keyring_is_refused_and_nothing_is_written(
        plaintext: PlaintextKeyring, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    code, out, err = cli_with_stdin(cli, monkeypatch, TOKEN + "\n", "secrets", "set", "youtube")
    assert code == 1 and "stored" not in out
    assert (f"keyrings.alt.file.PlaintextKeyring keeps secrets in a plain-text file, "
            f"{plaintext.file_path}, as base64, which anyone can decode, so Attaché does not "
            "use it:") in err
    assert "((" not in err and ") (" not in err  # once nested "(base64 …) (a file (…))"
    assert "allowed_keyring_backends" in err  # says how IT could allow it
    assert not Path(plaintext.file_path).exists()
    assert secrets.list_secret_names() == []


def test_a_token_planted_in_the_plaintext_file_is_not_read(plaintext: PlaintextKeyring) -> None:
    plaintext.set_password(secrets.SERVICE, "youtube", TOKEN)  # another program wrote it
    # Base64 in an INI file: readable by anyone who can read the file.
    stored = Path(plaintext.file_path).read_text(encoding="utf-8")
    assert base64.b64encode(TOKEN.encode()).decode() in stored
    assert secrets.get_secret("youtube") is None


def test_self_test_names_the_refused_backend(plaintext: PlaintextKeyring) -> None:
    check = run_check("keyring", lambda: check_keyring(None), required=False)
    assert not check.ok
    assert "plain-text file" in check.detail and "PlaintextKeyring" in check.detail
    assert plaintext.file_path in check.detail


def test_the_database_password_is_not_put_in_a_plaintext_keyring(
        plaintext: PlaintextKeyring, cli) -> None:  # noqa: ANN001
    code, _out, err = cli("config", "set", "database_url",
                          "postgresql+psycopg://attache:hunter22@db.mfa/attache")
    assert code == 1 and "hunter22" not in err
    assert not Path(plaintext.file_path).exists()
    from core.settings import Settings

    assert not Settings.path().exists() or "hunter22" not in Settings.path().read_text()


def test_any_other_non_os_backend_is_refused_too(plaintext: PlaintextKeyring) -> None:
    """keyrings.alt's wrapper that splits long secrets over entries of another backend: not an
    OS keyring either (its EncryptedKeyring needs pycryptodome, which this test env lacks)."""
    backend = MultipartKeyringWrapper(plaintext)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        found = secrets.current_backend()
        assert not found.usable and "not in the OS keyring" in found.reason
    finally:
        keyring.set_keyring(previous)


def test_a_chain_is_judged_by_the_backend_that_would_store(plaintext: PlaintextKeyring,
                                                          memory_keyring) -> None:  # noqa: ANN001
    class Chain(ChainerBackend):
        backends = [plaintext, memory_keyring]

    keyring.set_keyring(Chain())
    assert not secrets.keyring_available()
    Chain.backends = [memory_keyring, plaintext]
    assert secrets.keyring_available()


def test_it_can_allow_a_file_backend_in_site_toml(
        plaintext: PlaintextKeyring, cli, tmp_path: Path,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    allow_in_site_toml(tmp_path, monkeypatch, "keyrings.alt.file.PlaintextKeyring")
    code, out, err = cli_with_stdin(cli, monkeypatch, TOKEN + "\n", "secrets", "set", "youtube")
    assert code == 0, err
    assert out.strip() == f"stored youtube in a file ({plaintext.file_path})"  # not "OS keyring"
    assert secrets.get_secret("youtube") == TOKEN
    check = run_check("keyring", lambda: check_keyring(None), required=False)
    assert check.ok and "allowed by IT in site.toml" in check.detail
    code, out, _err = cli("self-test", "--json")
    keyring_check = next(c for c in json.loads(out) if c["name"] == "keyring")
    assert "not an OS keyring" in keyring_check["detail"]


def test_config_set_says_where_an_allowed_file_backend_keeps_the_proxy_password(
        plaintext: PlaintextKeyring, cli, tmp_path: Path,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With a backend IT allowed, the message claimed "kept in the OS keyring"."""
    allow_in_site_toml(tmp_path, monkeypatch, "keyrings.alt.file.PlaintextKeyring")
    code, out, err = cli("config", "set", "proxy", "http://officer:S3cret@proxy.example:8080")
    assert code == 0, err
    assert out.strip() == "proxy = 'http://officer@proxy.example:8080'"
    assert "kept in the OS keyring" not in err
    assert (f"the proxy password is kept in a file ({plaintext.file_path}) "
            "(keyrings.alt.file.PlaintextKeyring; not an OS keyring, allowed by IT in "
            "site.toml), not in settings.json") in err
