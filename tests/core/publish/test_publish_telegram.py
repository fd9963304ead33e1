"""Publishing on a Telegram channel through the Bot API (tests/fakes/telegram.py): text escaped
for the parse mode, photos and albums, and no repeat where Telegram cannot recognise one — an
unknown outcome waits for an officer's confirmation."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from core.calendar.posts import get_post
from core.errors import KnownError
from core.net.fetch import Fetcher, FetchLimits
from core.publish import ledger
from core.publish.confirm import confirm_send, send_states
from core.secrets import SERVICE
from core.storage.database import Database
from core.storage.models import Outbox
from tests.fakes.common import Stall
from tests.fakes.telegram import CHANNEL, TOKEN, FakeTelegram
from tests.feedserver import FeedServer
from tests.publishing import TASHKENT, due, image, own_source, planned

AT = datetime(2026, 12, 10, 9, 0, tzinfo=TASHKENT)
OUTBOX = Outbox.__table__


@pytest.fixture
def tg(server: FeedServer, memory_keyring, monkeypatch: pytest.MonkeyPatch) -> FakeTelegram:  # noqa: ANN001
    fake = FakeTelegram(server)
    monkeypatch.setenv("ATTACHE_TELEGRAM_BOT_API", fake.base)
    memory_keyring.set_password(SERVICE, f"telegram-bot:{CHANNEL}", TOKEN)
    return fake


@pytest.fixture
def channel(db: Database, tg: FakeTelegram) -> int:
    return own_source(db, "telegram", f"https://t.me/{CHANNEL}", account_id=CHANNEL)


TRICKY = "Q&A <today> at 5 > 3 p.m. — *not bold* _nor italic_ [link](x) #tag 1+1=2 {ok}!"


@pytest.mark.parametrize("mode", ["HTML", "MarkdownV2", "none"])
def test_the_text_is_escaped_for_the_parse_mode_and_shows_as_written(
        mode: str, db: Database, fetcher: Fetcher, tg: FakeTelegram, channel: int) -> None:
    post_id = planned(db, [channel], body=TRICKY, at=AT)
    [outcome] = due(db, fetcher, AT, telegram_parse_mode=mode)
    assert outcome.status == "published", outcome.error
    [message] = tg.messages
    assert message["text"] == TRICKY
    assert outcome.remote_id == f"{CHANNEL}/{message['message_id']}"
    assert outcome.url == f"https://t.me/{CHANNEL}/{message['message_id']}"
    assert get_post(db, post_id)["status"] == "published"
    [request] = tg.sends()
    assert TOKEN not in (outcome.error or "") and request.path.endswith("/sendMessage")


def test_one_photo_goes_with_its_caption_and_an_album_with_the_caption_on_top(
        db: Database, fetcher: Fetcher, tg: FakeTelegram, channel: int) -> None:
    planned(db, [channel], body="One photo", at=AT, images=[image()])
    planned(db, [channel], body="An album", at=AT, images=[image("a.png"), image("b.png"),
                                                           image("c.png")])
    outcomes = due(db, fetcher, AT)
    assert [o.status for o in outcomes] == ["published", "published"]
    photo, *album = tg.messages
    assert photo["caption"] == "One photo"
    assert [m["caption"] for m in album] == ["An album", "", ""]
    assert len({m["media_group_id"] for m in album}) == 1
    assert outcomes[1].remote_id == f"{CHANNEL}/{album[0]['message_id']}"
    assert [r.path.rsplit("/", 1)[1] for r in tg.sends()] == ["sendPhoto", "sendMediaGroup"]


def test_a_caption_over_1024_characters_under_images_is_refused_before_sending(
        db: Database, fetcher: Fetcher, tg: FakeTelegram, channel: int) -> None:
    planned(db, [channel], body="я" * 1025, at=AT, images=[image()])
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed"
    assert "too long for a Telegram caption under images: 1025 of 1024" in outcome.error
    assert tg.sends() == []


def test_an_unknown_outcome_is_never_sent_again_and_an_officer_confirms_it(
        db: Database, tg: FakeTelegram, channel: int, fetcher: Fetcher) -> None:
    post_id = planned(db, [channel], body="Exactly once", at=AT)
    impatient = Fetcher(FetchLimits(connect_timeout=2, read_timeout=0.5, deadline=5))
    tg.stall = Stall()
    [outcome] = due(db, impatient, AT)
    tg.stall.release()
    tg.stall = None
    impatient.close()
    assert outcome.status == "unconfirmed"
    assert "attache publish confirm" in outcome.error
    for minutes in (1, 30, 600):  # later runs say so, and send nothing
        [again] = due(db, fetcher, AT + timedelta(minutes=minutes))
        assert again.status == "unconfirmed"
    assert len(tg.sends()) == 1 and len(tg.messages) == 1
    url = f"https://t.me/{CHANNEL}/{tg.messages[0]['message_id']}"
    row = confirm_send(db, post_id, channel, published=url)
    assert (row["state"], row["remote_id"], row["url"]) == (
        "published", f"{CHANNEL}/{tg.messages[0]['message_id']}", url)
    assert get_post(db, post_id)["status"] == "published"
    assert due(db, fetcher, AT + timedelta(hours=11)) == []
    assert len(tg.sends()) == 1


def test_confirmed_not_published_is_sent_by_the_next_run(
        db: Database, fetcher: Fetcher, tg: FakeTelegram, channel: int) -> None:
    post_id = planned(db, [channel], body="Try again", at=AT)
    tg.script.append(_bad_gateway())
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "unconfirmed"
    with pytest.raises(KnownError, match="there is no source 100"):
        confirm_send(db, post_id, channel + 99, published=None)
    row = confirm_send(db, post_id, channel, published=None)
    assert row["state"] == "failed"
    with pytest.raises(KnownError, match=r"is not unconfirmed \(failed\); nothing to confirm"):
        confirm_send(db, post_id, channel, published=None)
    [outcome] = due(db, fetcher, AT + timedelta(minutes=1))
    assert outcome.status == "published" and len(tg.messages) == 1
    states = send_states(db, post_id)
    assert [(s["state"], s["attempts"]) for s in states] == [("published", 2)]


def _bad_gateway():  # noqa: ANN202
    from tests.fakes.common import Scripted

    return Scripted(502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})


def test_an_interrupted_sender_s_claim_becomes_unconfirmed_without_a_request(
        db: Database, fetcher: Fetcher, tg: FakeTelegram, channel: int) -> None:
    """A sender killed mid-request left its claim; its process is gone."""
    planned(db, [channel], body="Killed mid-request", at=AT)
    [dry] = due(db, fetcher, AT, telegram_parse_mode="HTML")  # publishes; then pretend not
    assert dry.status == "published"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with db.write() as conn:
        conn.execute(update(OUTBOX).values(
            state="sending", remote_id=None, url=None, claim="x",
            claimed_by=f"{socket.gethostname()}/{gone.pid}", claimed_at=AT))
    assert not ledger.process_alive(gone.pid) and ledger.process_alive(os.getpid())
    from core.calendar.posts import PostFields, update_post
    from tests.publishing import APPROVER

    update_post(db, 1, PostFields(status="approved"), policy=APPROVER)
    [outcome] = due(db, fetcher, AT + timedelta(minutes=1))
    assert outcome.status == "unconfirmed" and "was interrupted" in outcome.error
    assert len(tg.sends()) == 1
    with db.read() as conn:
        assert conn.execute(select(OUTBOX.c.state)).scalar_one() == "unconfirmed"


def test_a_claim_held_by_a_live_sender_is_left_alone(
        db: Database, fetcher: Fetcher, tg: FakeTelegram, channel: int) -> None:
    planned(db, [channel], body="Being sent", at=AT)
    target = ledger.Target(f"post:{get_post(db, 1)['uid']}::{channel}", "post", channel,
                           "telegram", post_id=1)
    claim = ledger.claim(db, target, AT, actor="other", resend_window=None)
    assert isinstance(claim, ledger.Claim)
    [outcome] = due(db, fetcher, AT + timedelta(minutes=1))
    assert outcome.status == "skipped" and "another sender" in outcome.error
    assert tg.sends() == []


@pytest.mark.parametrize(("setup", "expected"), [
    ("token", "does not know the bot's token"),
    ("admin", "make it an administrator of the channel with the right to post messages"),
    ("unknown", "chat not found"),
])
def test_refusals_say_what_to_do(setup: str, expected: str, db: Database, fetcher: Fetcher,
                                 server: FeedServer, memory_keyring,
                                 monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    fake = FakeTelegram(server, channels={"otherchannel": True} if setup == "unknown"
                        else {CHANNEL: setup != "admin"})
    monkeypatch.setenv("ATTACHE_TELEGRAM_BOT_API", fake.base)
    memory_keyring.set_password(SERVICE, f"telegram-bot:{CHANNEL}",
                                "999:wrong" if setup == "token" else TOKEN)
    source = own_source(db, "telegram", f"https://t.me/{CHANNEL}", account_id=CHANNEL)
    planned(db, [source], body="Hello", at=AT)
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed" and expected in outcome.error
    assert "999:wrong" not in outcome.error and TOKEN not in outcome.error
    assert fake.messages == []


def test_a_missing_bot_token_names_the_secret(db: Database, fetcher: Fetcher,
                                             server: FeedServer, memory_keyring) -> None:  # noqa: ANN001
    source = own_source(db, "telegram", f"https://t.me/{CHANNEL}", account_id=CHANNEL)
    planned(db, [source], body="Hello", at=AT)
    [outcome] = due(db, fetcher, AT)
    assert f"attache secrets set telegram-bot:{CHANNEL}" in outcome.error
    assert "administrator of the channel" in outcome.error


def test_retry_after_is_honoured(db: Database, fetcher: Fetcher, tg: FakeTelegram,
                                 channel: int) -> None:
    planned(db, [channel], body="Slowly", at=AT)
    tg.throttle(120)
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed" and "retry after 120" in outcome.error
    with db.read() as conn:
        assert conn.execute(select(OUTBOX.c.retry_at)).scalar_one() == AT + timedelta(
            seconds=120)
    assert due(db, fetcher, AT + timedelta(seconds=60)) == []
    [outcome] = due(db, fetcher, AT + timedelta(seconds=121))
    assert outcome.status == "published" and len(tg.messages) == 1


def test_a_photo_telegram_finds_too_large_is_reported(db: Database, fetcher: Fetcher,
                                                     tg: FakeTelegram, channel: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.fakes.telegram as fake_module

    monkeypatch.setattr(fake_module, "MAX_PHOTO", 1000)  # a bot API server with a lower limit
    planned(db, [channel], body="Large", at=AT, images=[image(padding=2000)])
    [outcome] = due(db, fetcher, AT)
    assert outcome.status == "failed" and "Request Entity Too Large" in outcome.error
    assert tg.messages == []
