"""The demo: ingest the samples bundled with the package into a store and summarise them."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

import pandas as pd
from rich.console import Group, RenderableType
from rich.text import Text

from councilpapers.corpus.batch import ingest_paths
from councilpapers.corpus.store import Store
from councilpapers.outputs import report
from councilpapers.outputs.frames import action_frame


def sample_paths() -> list[Path]:
    folder = resources.files("councilpapers.samples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".pdf"))


def _sample(frame: pd.DataFrame) -> pd.DataFrame:
    """The first two rows of each (document, table kind)."""
    return frame.groupby(["doc", "table_kind"], sort=False).head(2)


def run_demo(keep: Path | None = None) -> RenderableType:
    """Ingest the samples (into `keep`, or a temporary store) and describe what was found."""
    with tempfile.TemporaryDirectory() as scratch:
        db = str(keep) if keep else str(Path(scratch) / "demo.sqlite")
        with Store.open(db) as store:
            batch = ingest_paths(sample_paths(), store, jobs=1)
        frame = action_frame(db)
    parts: list[RenderableType] = [
        Text(report.batch_summary(batch)),
        report.plans_table(frame),
        report.rows_table(
            _sample(frame),
            columns=("ref", "leads", "due_date", "status_norm", "rag", "themes"),
            title=f"two rows of each table kind, of {len(frame)} rows (tags by the NLP stage)",
        ),
    ]
    if keep:
        parts.append(Text(f"store kept at {keep}; try: councilpapers export actions --db {keep}"))
    return Group(*parts)
