"""The store alone (SQLite by default, PostgreSQL for teams): store, backends, migrations, reads."""
