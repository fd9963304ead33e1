"""Publishing the approved plan to the embassy's own accounts, and answering replies.

The parts, each in its own module:

- ``clearance``: who is acting (a setting, else the OS login), the second-approver rule, and
  the status history every change of a post's status writes.
- ``ledger``: the outbox, the exactly-once bookkeeping. A send is claimed in its own committed
  transaction before any request leaves, so two senders on one database (the app and IT's
  scheduled ``attache publish due``) cannot both start it, and a sender killed mid-request
  leaves a row that says so.
- ``text``/``facets``/``images``: what goes out per platform, checked before sending.
- ``mastodon``, ``bluesky``, ``telegram``, ``facebook``: one publisher per platform, using what
  the platform offers against duplicates (an Idempotency-Key, a deterministic record key) and
  saying when the outcome is unknown where it offers nothing.
- ``runner``: which posts are due, and the loop that claims, sends and records.
- ``answers``: answering a reply in its thread, with the same ledger.
"""
