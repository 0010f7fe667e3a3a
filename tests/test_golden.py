"""Golden files: what extraction makes of the bundled samples, compared exactly.

Regenerate deliberately with UPDATE_GOLDEN=1 after a reviewed change; never in CI.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from councilpapers.extract.tables import find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.records import Table
from tests.conftest import UPDATE_GOLDEN, check_golden, sample_pdfs


def _table_json(table: Table) -> dict[str, Any]:
    return {
        "kind": table.kind,
        "columns": list(table.columns),
        "headers": list(table.headers),
        "plan": [table.plan.version, table.plan.date],
        "title": table.title,
        "pages": [table.page_first, table.page_last],
        "rows": [
            {
                "section": [row.section.number, row.section.title, row.section.group],
                "pages": [row.page_first, row.page_last],
                "fields": {name: cell.text for name, cell in row.fields.items()},
                "where": {
                    name: [[s.page, *s.bbox] for s in cell.spans]
                    for name, cell in row.fields.items()
                    if name == "ref"
                },
            }
            for row in table.rows
        ],
    }


@pytest.mark.parametrize("pdf", sample_pdfs(), ids=lambda p: p.stem)
def test_sample_tables_match_golden(pdf: Path) -> None:
    tables = find_tables(read_document(pdf))
    check_golden(f"tables-{pdf.stem}", [_table_json(t) for t in tables])


def test_golden_switch_is_off_in_ci() -> None:
    assert not (UPDATE_GOLDEN and os.environ.get("CI")), "UPDATE_GOLDEN must not be set in CI"
