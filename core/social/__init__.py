"""Social sources: one adapter per platform behind one interface (``core.social.base``).

Each adapter turns an account into items (its posts) and, for the embassy's own accounts,
replies. Adapters never touch the database: the refresher stores what they return in the
same one-transaction-per-source write as feeds.
"""
