"""Ingest: files -> Document records (pages, words with positions, ruling lines, fills)."""
