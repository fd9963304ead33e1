"""Clearance: with ``require_second_approver`` on, nobody clears their own post; every status
change is recorded with who and when; an approval covers the text that goes out. And a
published post is tied to the item its channel brings back, by the platform's id."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from core.calendar.posts import PostFields, create_post, get_post, post_details, update_post
from core.feeds.refresh import FeedRefresher
from core.net.fetch import Fetcher
from core.publish.clearance import ClearanceError, Policy, current_actor
from core.secrets import SERVICE
from core.settings import Settings
from core.storage.database import Database
from core.storage.models import Item, Outbox
from tests.fakes.mastodon import FakeMastodon
from tests.feedserver import FeedServer
from tests.publishing import TASHKENT, due, own_source

AT = datetime(2026, 12, 10, 9, 0, tzinfo=TASHKENT)
ALICE, BOB = Policy("alice", True), Policy("bob", True)


def draft(db: Database, policy: Policy = ALICE, **fields: object) -> int:
    return create_post(db, PostFields(title="Navruz greeting", body="Navruz muborak!", at=AT,
                                      tz="Asia/Tashkent", status="review", **fields),
                       policy=policy)


def test_the_author_cannot_approve_and_someone_else_can(db: Database) -> None:
    post_id = draft(db)
    with pytest.raises(ClearanceError, match="written by alice, and clearance requires a "
                                             "second approver: someone other than alice"):
        update_post(db, post_id, PostFields(status="approved"), policy=ALICE)
    for status in ("scheduled", "published"):  # no way round it
        with pytest.raises(ClearanceError):
            update_post(db, post_id, PostFields(status=status), policy=ALICE)
    assert get_post(db, post_id)["status"] == "review"
    update_post(db, post_id, PostFields(status="approved"), policy=BOB)
    update_post(db, post_id, PostFields(status="scheduled"), policy=ALICE)  # already cleared
    history = post_details(db, post_id)["history"]
    assert [(h["from"], h["to"], h["by"]) for h in history] == [
        (None, "review", "alice"), ("review", "approved", "bob"),
        ("approved", "scheduled", "alice")]
    assert all(datetime.fromisoformat(h["at"]).tzinfo for h in history)


def test_an_author_cannot_create_a_post_already_cleared(db: Database) -> None:
    with pytest.raises(ClearanceError):
        create_post(db, PostFields(title="Sneaky", at=AT, status="approved"), policy=ALICE)
    with pytest.raises(ClearanceError):  # names are compared without case
        update_post(db, draft(db), PostFields(status="approved"), policy=Policy("ALICE", True))


def test_without_the_setting_anyone_may_approve_but_it_is_recorded(db: Database) -> None:
    post_id = draft(db, Policy("alice", False))
    update_post(db, post_id, PostFields(status="approved"), policy=Policy("alice", False))
    assert post_details(db, post_id)["history"][-1]["by"] == "alice"


def test_a_content_change_after_approval_sends_the_post_back_to_review(db: Database,
                                                                       tmp_path) -> None:  # noqa: ANN001
    post_id = draft(db)
    update_post(db, post_id, PostFields(status="approved"), policy=BOB)
    update_post(db, post_id, PostFields(notes="checked with the ambassador"), policy=ALICE)
    assert get_post(db, post_id)["status"] == "approved"  # notes are not the content
    update_post(db, post_id, PostFields(body="Navruz muborak! 🌷"), policy=ALICE)
    post = post_details(db, post_id)
    assert post["status"] == "review"
    assert post["history"][-1] == {**post["history"][-1], "from": "approved", "to": "review",
                                   "by": "alice",
                                   "note": "content changed after approval: it needs "
                                           "approving again"}
    with pytest.raises(ClearanceError):
        update_post(db, post_id, PostFields(status="approved"), policy=ALICE)


def test_posts_from_before_authors_were_recorded_use_their_owner(db: Database) -> None:
    post_id = draft(db, owner="carol")
    with db.write() as conn:  # as a database written before 0009 has it
        from sqlalchemy import update

        from core.storage.models import PlannedPost

        conn.execute(update(PlannedPost.__table__).values(created_by=None))
    with pytest.raises(ClearanceError, match="written by carol"):
        update_post(db, post_id, PostFields(status="approved"), policy=Policy("carol", True))
    update_post(db, post_id, PostFields(status="approved"), policy=BOB)


def test_the_officer_is_the_user_name_setting_else_the_login(monkeypatch) -> None:  # noqa: ANN001
    import getpass

    assert current_actor(Settings(user_name="  Dilnoza  ")) == "Dilnoza"
    monkeypatch.setattr(getpass, "getuser", lambda: "dilnoza.k")
    assert current_actor(Settings()) == "dilnoza.k"


def test_posts_update_status_approved_is_refused_for_the_author(cli, db: Database) -> None:  # noqa: ANN001
    assert cli("config", "set", "user_name", "alice")[0] == 0
    code, out, _ = cli("posts", "add", "--title", "Q&A", "--at", "2026-12-10 09:00",
                       "--tz", "Asia/Tashkent", "--status", "review")
    post_id = out.strip()
    assert cli("config", "set", "require_second_approver", "true")[0] == 0
    code, _, err = cli("posts", "update", post_id, "--status", "approved")
    assert code == 1
    assert "clearance requires a second approver: someone other than alice" in err
    assert cli("config", "set", "user_name", "bob")[0] == 0
    code, out, err = cli("posts", "update", post_id, "--status", "approved")
    assert code == 0, err
    code, out, _ = cli("posts", "show", post_id)
    assert "alice: new → review" in out and "bob: review → approved" in out


# ---------------------------------------------------------------------------- linking

def test_the_published_item_is_linked_when_the_refresh_brings_it_back(
        db: Database, fetcher: Fetcher, server: FeedServer, memory_keyring) -> None:  # noqa: ANN001
    masto = FakeMastodon(server)
    memory_keyring.set_password(SERVICE, f"mastodon:{masto.host}", masto.token)
    source = own_source(db, "mastodon", masto.profile, account_id="109000000000000001")
    other = create_post(db, PostFields(title="Unrelated", body="Navruz muborak!", at=AT,
                                       tz="Asia/Tashkent", channels=[source],
                                       status="draft"), policy=ALICE)
    post_id = create_post(db, PostFields(title="Greeting", body="Navruz muborak!", at=AT,
                                         tz="Asia/Tashkent", channels=[source],
                                         status="review"), policy=ALICE)
    update_post(db, post_id, PostFields(status="approved"), policy=BOB)
    [outcome] = due(db, fetcher, AT)
    version = get_post(db, post_id)["version"]
    FeedRefresher(db, fetcher, clock=lambda: AT + timedelta(minutes=5)).refresh(force=True)
    with db.read() as conn:
        item = conn.execute(select(Item.__table__).where(
            Item.__table__.c.guid == outcome.remote_id)).mappings().one()
        row = conn.execute(select(Outbox.__table__)).mappings().one()
    post = get_post(db, post_id)
    assert post["item_id"] == item["id"] == row["item_id"]
    assert post["item_url"] == masto.statuses[0]["url"]
    assert post["version"] == version + 1  # an editor open on the old version is told
    assert get_post(db, other)["item_id"] is None  # same text, but not what was published
