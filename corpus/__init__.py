"""Corpus: the store (SQLite by default, PostgreSQL for teams), migrations, reader, batch."""
