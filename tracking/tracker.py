"""One call for the commands: build the register, align (honouring a links file), build history."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from councilpapers.corpus.store import Store
from councilpapers.errors import UsageError
from councilpapers.records import RecHistory
from councilpapers.tracking.align import Alignment, align, save_alignment
from councilpapers.tracking.history import build_history, find_history
from councilpapers.tracking.overrides import load_overrides
from councilpapers.tracking.register import build_register


@dataclass(frozen=True, slots=True)
class Tracking:
    alignment: Alignment
    histories: list[RecHistory]

    def history(self, key: str) -> RecHistory:
        found = find_history(self.histories, key)
        if found is None:
            known = ", ".join(h.recommendation.id for h in self.histories[:5])
            raise UsageError(
                f"no recommendation {key!r} in the register (try an id such as "
                f"{known or '…'}, or a number; `councilpapers recs` lists them)"
            )
        return found


def track(
    db_url: str, links: str | Path | None = None, read_reports: bool = True, save: bool = True
) -> Tracking:
    """Register, alignment and history of everything in the store."""
    overrides = load_overrides(links)
    with Store.open(db_url) as store:
        register = build_register(store, read_reports=read_reports)
        alignment = align(register, overrides)
        if save:
            save_alignment(store, alignment)
    if not register.entries:
        raise UsageError(
            f"{db_url}: no RAG snapshot, plan headings or inspection report lists "
            "stored: ingest improvement plans first"
        )
    return Tracking(alignment, build_history(alignment))
