"""The social CLI contract: sources add --kind/--own, replies, watch, secrets."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.core.social.test_mastodon import serve_instance
from tests.feedserver import FeedServer

REPLY_KEYS = {"id", "item_id", "parent_id", "source_id", "platform", "platform_id", "author",
              "text", "published", "language", "url", "likes"}
HIT_KEYS = {"term", "kind", "id", "title_or_text", "published"}
EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "social" / "exports"




def test_own_mastodon_account_replies_and_watch(cli, server: FeedServer) -> None:  # noqa: ANN001
    serve_instance(server)
    code, out, err = cli("sources", "add", server.url("/@embassy"), "--own")
    assert code == 0, err
    assert "(mastodon, own account)" in out
    code, out, _ = cli("sources", "list", "--json")
    (source,) = json.loads(out)
    assert (source["kind"], source["own"], source["status"]) == ("mastodon", True, "new")

    code, out, _ = cli("watch", "add", "#Fulbright")
    assert code == 0 and "watching" in out
    code, out, err = cli("refresh", "--json")
    assert code == 0, err
    (result,) = json.loads(out)
    assert result["status"] == "ok" and result["new_items"] > 0
    assert {"source_id", "url", "status", "http_status", "new_items", "updated_items",
            "error"} <= result.keys()

    code, out, _ = cli("replies", "list", "--json", "--limit", "0")
    replies = json.loads(out)
    # Fixture replies are from March 2026: outside the default 30-day window of "now", so an
    # own account's old posts bring no replies — the window is what keeps refreshes cheap.
    assert all(REPLY_KEYS <= r.keys() for r in replies)
    code, out, _ = cli("watch", "list", "--json")
    (term,) = json.loads(out)
    assert (term["term"], term["kind"]) == ("#Fulbright", "hashtag")
    code, out, _ = cli("watch", "hits", "--json")
    assert all(HIT_KEYS <= h.keys() for h in json.loads(out))
    code, out, _ = cli("watch", "remove", str(term["id"]))
    assert code == 0


def test_replies_import_and_list(cli) -> None:  # noqa: ANN001
    code, out, err = cli("replies", "import", str(EXPORTS / "x_replies.csv"), "--platform", "x")
    assert code == 0, err
    assert "imported" in out
    code, out, _ = cli("replies", "list", "--json", "--limit", "0")
    replies = json.loads(out)
    assert replies and all(REPLY_KEYS <= r.keys() for r in replies)
    assert all(r["platform"] == "x" for r in replies)
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in r["text"]) for r in replies)
    code, out, _ = cli("replies", "import", str(EXPORTS / "x_replies.csv"), "--platform", "x")
    assert "imported 0 new replies" in out  # idempotent
    code, _, err = cli("replies", "import", str(EXPORTS / "broken.csv"), "--platform",
                       "generic")
    assert code == 1 and "line 3" in err and "line 5" in err
    code, _, err = cli("replies", "import", "nope.csv", "--platform", "x")
    assert code == 1 and "no such file" in err


def test_secrets_go_to_the_keyring_and_are_listed_by_name(
        cli, memory_keyring, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("sys.stdin", io.StringIO("EAAB-secret-token\n"))
    code, out, _ = cli("secrets", "set", "facebook:usembassytashkent")
    assert code == 0 and "EAAB" not in out
    assert ("Attaché", "facebook:usembassytashkent") in memory_keyring.store
    assert memory_keyring.store[("Attaché", "facebook:usembassytashkent")] == "EAAB-secret-token"
    code, out, _ = cli("secrets", "list")
    assert out.strip() == "facebook:usembassytashkent"
    cli("secrets", "remove", "facebook:usembassytashkent")
    assert memory_keyring.store == {}


def test_no_keyring_is_a_clear_refusal(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("token\n"))
    try:
        code, _, err = cli("secrets", "set", "youtube")
    finally:
        keyring.set_keyring(previous)
    assert code == 1 and "keyring" in err and "plain-text" in err


def test_social_kind_errors(cli) -> None:  # noqa: ANN001
    code, _, err = cli("sources", "add", "@embassy@mastodon.example", "--no-check")
    assert code == 1 and "looked up online" in err
    code, _, err = cli("sources", "add", "x", "--kind", "myspace")
    assert code == 2
