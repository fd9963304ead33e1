"""Settings → Secrets lists each own channel's publishing secret under the very name a send
asks for when it is missing (core/publish/registry.channel_secrets)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.net.fetch import Fetcher
from core.publish.channel_secrets import channel_secrets
from core.publish.runner import publish_post
from core.storage.database import Database
from tests.publishing import own_source, planned, published_for_a_while, run

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)


def test_each_channel_s_secret_is_the_one_its_refused_send_names(db: Database,
                                                                 fetcher: Fetcher) -> None:
    published_for_a_while(db)
    channels = [
        own_source(db, "mastodon", "https://mastodon.social/@USEmbassyTashkent"),
        own_source(db, "bluesky", "https://bsky.app/profile/usembassytashkent.bsky.social"),
        own_source(db, "telegram", "https://t.me/usembassytashkent"),
        own_source(db, "facebook", "https://www.facebook.com/usembassytashkent"),
        own_source(db, "vk", "https://vk.com/usembassytashkent"),  # no publisher: not listed
    ]
    own_source(db, "rss", "https://uz.usembassy.gov/feed/")  # own, but nothing to publish on
    own_source(db, "mastodon", "https://mastodon.social/@other", own=False)  # not ours
    listed = channel_secrets(db)
    assert [(name, platform) for name, platform, _channel in listed] == [
        ("mastodon:mastodon.social", "mastodon"),
        ("bluesky:usembassytashkent.bsky.social", "bluesky"),
        ("telegram-bot:usembassytashkent", "telegram"),
        ("facebook:usembassytashkent", "facebook")]
    assert all(channel == f"Embassy on {platform}" for _n, platform, channel in listed)

    post = planned(db, channels[:4], body="Human Rights Day", at=NOW - timedelta(minutes=1))
    outcomes = publish_post(run(db, fetcher, NOW), post)  # no keyring: every one refused
    refusals = {o.platform: o.error for o in outcomes}
    for name, platform, _channel in listed:
        assert f"attache secrets set {name}" in refusals[platform], refusals[platform]


def test_a_second_channel_with_the_same_secret_is_listed_once(db: Database) -> None:
    own_source(db, "mastodon", "https://mastodon.social/@USEmbassyTashkent")
    own_source(db, "mastodon", "https://mastodon.social/@USEmbassyTashkent_ru")
    assert [name for name, _p, _c in channel_secrets(db)] == ["mastodon:mastodon.social"]
