"""Extract: Document -> Table, Row, Cell, Section records (ruled and unruled tables)."""
