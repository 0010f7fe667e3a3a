"""Outputs: frames, exports (CSV, JSON, Parquet, Excel) and readable reports."""
