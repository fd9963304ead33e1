"""Sentiment on replies: language routing, analyzers, scoring and aggregates."""
