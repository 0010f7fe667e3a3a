"""The demo: what the samples bundled with the package gave (the `demo` command ingests them into a
store first), where the store is and three commands to try on it."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

import pandas as pd
from rich.console import Group, RenderableType
from rich.text import Text

from councilpapers.outputs import report
from councilpapers.outputs.frames import action_frame


def sample_paths() -> list[Path]:
    folder = resources.files("councilpapers.samples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".pdf"))


def _sample(frame: pd.DataFrame) -> pd.DataFrame:
    """The first two rows of each (document, table kind)."""
    return frame.groupby(["doc", "table_kind"], sort=False).head(2)


def demo_store(keep: Path | None = None) -> Path:
    """`keep`, or demo.sqlite in a new folder under the system's temporary folder."""
    return keep or Path(tempfile.mkdtemp(prefix="councilpapers-demo-")) / "demo.sqlite"


def next_steps(db: Path) -> list[str]:
    """Three commands to try on the demo store."""
    where = str(db) if " " not in str(db) else f'"{db}"'
    return [
        f"councilpapers query --db {where} --theme workforce",
        f"councilpapers export actions --db {where} -o actions.xlsx",
        f"councilpapers history 1 --db {where} -f table",
    ]


def describe_demo(db: Path, headline: str) -> RenderableType:
    """What the samples ingested into `db` gave (`headline`: the batch's summary line)."""
    frame = action_frame(str(db))
    parts: list[RenderableType] = [
        Text(headline),
        report.plans_table(frame),
        report.rows_table(
            _sample(frame),
            columns=("ref", "leads", "due_date", "status_norm", "rag", "themes"),
            title=f"two rows of each table kind, of {len(frame)} rows (tags by the NLP stage)",
        ),
        Text(f"The demo store is {db}. Try next:"),
        *(Text("  " + line) for line in next_steps(db)),
    ]
    return Group(*parts)
