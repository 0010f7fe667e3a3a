"""Corpus: the store (SQLite by default, PostgreSQL for teams), batches, alignment and history."""
