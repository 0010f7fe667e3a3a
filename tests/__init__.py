"""Tests: unit, golden-file, CLI and gold-scored tests (see tests/conftest.py for fixtures)."""
