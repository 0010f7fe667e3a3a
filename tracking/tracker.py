"""One call for the commands: the register, links and history, computed at ingest, read after.

`refresh_tracking(store)` runs at the end of each ingest batch (and when an officer passes a links
file explicitly): it builds the register, aligns every plan version and saves register, links and
the links file's text. `load_tracking(store)` is what read commands call on a store opened
read-only: it rebuilds the history from the saved links without writing anything. A store whose
documents changed since the last refresh (or an older store) is aligned in memory instead.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from councilpapers.corpus.store import Store
from councilpapers.corpus.trackstore import (
    documents_fingerprint,
    load_links,
    load_memo,
    load_register,
    load_state,
    save_tracking,
)
from councilpapers.errors import UsageError
from councilpapers.records import Link, RecHistory, Recommendation
from councilpapers.tracking.align import Alignment, align, restore
from councilpapers.tracking.history import build_history
from councilpapers.tracking.ofsted_lists import scan_unscanned
from councilpapers.tracking.overrides import Overrides, load_overrides, overrides_from_text
from councilpapers.tracking.register import build_register
from councilpapers.tracking.scopefit import Memo
from councilpapers.vocabularies import SOURCE_KINDS

DEFAULT_KINDS = SOURCE_KINDS.flagged("default")


@dataclass(frozen=True, slots=True)
class Tracking:
    """The alignment and every entry's history; `histories` holds the chosen source kinds."""

    alignment: Alignment
    histories: list[RecHistory]
    every: list[RecHistory]

    def history(self, key: str) -> RecHistory:
        return resolve_recommendation(self.histories, key)

    def review(self) -> list[Link]:
        """Section links to check, in the plans of the chosen entries."""
        scopes = {h.recommendation.scope for h in self.histories}
        return [link for link in self.alignment.review() if link.scope in scopes]

    @property
    def hidden(self) -> int:
        """Entries of other source kinds left out (committee decisions, plans' own headings)."""
        return len(self.every) - len(self.histories)


def refresh_tracking(store: Store, overrides: Overrides | None = None) -> Alignment:
    """Register, alignment and links of everything stored, saved (call after an ingest batch).

    Without `overrides`, the links file saved by the last refresh (if any) is honoured again."""
    scan_unscanned(store)
    text = overrides.text if overrides is not None else _saved_overrides(store)
    memo = Memo(load_memo(store))
    alignment = _aligned(store, overrides, text, memo)
    links = [*alignment.sections, *alignment.rows]
    save_tracking(store, list(alignment.register.entries.values()), links, text, memo.used)
    return alignment


def load_tracking(
    store: Store,
    overrides: Overrides | None = None,
    kinds: Collection[str] | None = DEFAULT_KINDS,
) -> Tracking:
    """The register and histories from the store, writing nothing (`kinds` None: every kind)."""
    alignment = None
    state = load_state(store)
    if overrides is None and state and state[0] == documents_fingerprint(store):
        alignment = _restored(store)
    if alignment is None:
        alignment = _aligned(store, overrides, state[1] if state else None)
    every = build_history(alignment)
    if not every:
        raise UsageError(
            "no recommendations stored (no RAG snapshot, plan headings or inspection report "
            "lists): ingest improvement plans first"
        )
    chosen = [h for h in every if kinds is None or h.recommendation.source_kind in kinds]
    return Tracking(alignment, chosen, every)


def _restored(store: Store) -> Alignment | None:
    """The alignment the last refresh saved, over the register as stored."""
    register = build_register(store)
    saved = {e.id: e for e in load_register(store)}
    register.entries = saved | {k: v for k, v in register.entries.items() if k not in saved}
    return restore(register, load_links(store))


def _aligned(
    store: Store, overrides: Overrides | None, saved: str | None, memo: Memo | None = None
) -> Alignment:
    """Align afresh: with the given links file, else the one saved with the store. A saved one
    that no longer fits the register (its entries left with a replaced document) is set
    aside rather than stopping an ingest. Similarities come from, and go to, `memo`."""
    memo = memo if memo is not None else Memo(load_memo(store))
    if overrides is not None:
        return align(build_register(store, memo), overrides)
    try:
        given = overrides_from_text(saved, "links saved in the store")
        return align(build_register(store, memo), given)
    except UsageError:
        return align(build_register(store, memo), Overrides())


def track(
    db_url: str,
    links: str | Path | None = None,
    kinds: Collection[str] | None = DEFAULT_KINDS,
    save: bool = False,
) -> Tracking:
    """Open the store (read-only unless `save`) and load its tracking; `save` refreshes it first
    (an explicit links file the officer wants kept)."""
    overrides = load_overrides(links) if links is not None else None
    if save:
        with Store.open(db_url) as store:
            refresh_tracking(store, overrides)
            return load_tracking(store, None, kinds)
    with Store.open(db_url, readonly=True) as store:
        return load_tracking(store, overrides, kinds)


def resolve_recommendation(histories: Sequence[RecHistory], key: str) -> RecHistory:
    """A history by full id, by number, or by a unique id suffix (or prefix).

    Raises UsageError naming the candidates when the key fits several, or none."""
    key = key.strip()
    exact = [h for h in histories if h.recommendation.id == key]
    if exact:
        return exact[0]
    for fits in (
        lambda r: str(r.number) == key,
        lambda r: r.id.endswith((":" + key, "-" + key)),
        lambda r: r.id.endswith(key) or r.id.startswith(key),
    ):
        found = [h for h in histories if fits(h.recommendation)]
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(_ambiguous(key, [h.recommendation for h in found]))
    known = ", ".join(h.recommendation.id for h in histories[:5])
    raise UsageError(
        f"no recommendation {key!r} in the register (try an id such as {known or '…'}, "
        "or a number; `councilpapers recs` lists them)"
    )


def _ambiguous(key: str, candidates: list[Recommendation]) -> str:
    lines = [f"  {r.id}  {r.text[:70]}" for r in candidates[:20]]
    more = f"\n  … and {len(candidates) - 20} more" if len(candidates) > 20 else ""
    return (
        f"{key!r} fits {len(candidates)} recommendations; give one of these ids:\n"
        + "\n".join(lines)
        + more
    )


def _saved_overrides(store: Store) -> str | None:
    state = load_state(store)
    return state[1] if state else None
