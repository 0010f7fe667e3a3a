"""History: each recommendation through every plan version, and what changed between versions.

Per version: where the plan answers it (document, pages, section number as printed), the snapshot
RAG rating, and its rows with status and progress text. Between consecutive versions the rows are
followed (by their text, and their number within the section) and the changes summarised: RAG up
or down, status changed, rows added, removed or moved to the completed part, new evidence, a
deadline pushed back without explanation, and progress text repeated word for word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from councilpapers.nlp.dates import parse_due
from councilpapers.nlp.status import normalise_status
from councilpapers.records import (
    HistoryRow,
    Link,
    PlanRow,
    PlanSection,
    RecHistory,
    Recommendation,
    RowChange,
    VersionDiff,
    VersionEntry,
)
from councilpapers.tracking.align import Alignment
from councilpapers.tracking.planheads import row_ref
from councilpapers.tracking.register import Rating, Register
from councilpapers.tracking.rowmatch import follow_rows
from councilpapers.tracking.textdiff import added_words, changed, word_diff

RAG_ORDER = {"Red": 0, "Amber": 1, "Green": 2, "Blue": 3}
NEW_EVIDENCE_WORDS = 3  # progress text gaining at least this many words is new evidence
EXPLAINED = re.compile(
    r"\b(delay|slipp|postpon|defer|resched|revis|extend|moved|pushed back"
    r"|because|owing to|awaiting|pending|re-?profil)",
    re.IGNORECASE,
)


def build_history(alignment: Alignment) -> list[RecHistory]:
    """The history of every register entry, in register order."""
    register = alignment.register
    placed, headed, parts = _placements(alignment)
    ratings = {(r.recommendation, r.plan_version): r for r in register.ratings}
    out = []
    for entry in register.entries.values():
        versions = []
        for version in register.versions(entry.scope):
            key = (entry.id, version)
            if key in placed or key in headed or key in ratings:
                versions.append(
                    _version(
                        entry,
                        version,
                        parts.get((entry.scope, version), 0),
                        placed.get(key, []),
                        headed.get(key, []),
                        ratings.get(key),
                        _reference(register, entry.scope, version),
                    )
                )
        out.append(RecHistory(entry, tuple(_with_diffs(versions))))
    return out


Placed = dict[tuple[str, str], list[tuple[PlanSection, PlanRow, Link]]]


def _placements(
    alignment: Alignment,
) -> tuple[Placed, dict[tuple[str, str], list[Link]], dict[tuple[str, str], int]]:
    """Rows and section links by (entry, version), and each version's last table position."""
    placed: Placed = {}
    for (section, plan_row), link in zip(alignment.row_sources, alignment.rows, strict=True):
        if link.recommendation:
            placed.setdefault((link.recommendation, section.plan_version), []).append(
                (section, plan_row, link)
            )
    headed: dict[tuple[str, str], list[Link]] = {}
    for link in alignment.sections:
        if link.recommendation:
            headed.setdefault((link.recommendation, link.plan_version), []).append(link)
    parts: dict[tuple[str, str], int] = {}
    for section, plan_row in alignment.row_sources:
        name = (section.scope, section.plan_version)
        parts[name] = max(parts.get(name, 0), plan_row.table_position)
    return placed, headed, parts


Reference = tuple[str | None, str | None, str | None]  # plan date, date judged against, which


def _reference(register: Register, scope: str, version: str) -> Reference:
    """The plan date, and the date overdue is judged against: the plan date, else the meeting's."""
    plan = register.plan_dates.get((scope, version))
    meeting = register.meeting_dates.get((scope, version))
    if plan:
        return plan, plan, "plan date"
    return (None, meeting, "meeting date") if meeting else (None, None, None)


def _version(
    entry: Recommendation,
    version: str,
    parts: int,
    rows: list[tuple[PlanSection, PlanRow, Link]],
    links: list[Link],
    rating: Rating | None,
    reference: Reference,
) -> VersionEntry:
    plan_date, judged, which = reference
    history_rows = tuple(_row(plan_row, parts, judged) for _, plan_row, _ in rows)
    pages: set[int] = set()
    for row in history_rows:
        pages.update(range(row.pages[0], row.pages[1] + 1))
    if rating:
        pages.update(range(rating.pages[0], rating.pages[1] + 1))
    numbers = [link.section_number for link in links if link.section_number]
    docs = [s.doc for s, _, _ in rows] or ([rating.doc] if rating else [""])
    confidence = min((link.confidence for link in links), default=None)
    status_text = "\n".join(f"{r.ref}: {_one_line(r.status)}".rstrip(": ") for r in history_rows)
    return VersionEntry(
        plan_version=version,
        plan_date=plan_date,
        doc=docs[0],
        section_number="/".join(dict.fromkeys(numbers)) or None,
        section_title=links[0].section_title if links else None,
        rag=rating.rag if rating else None,
        rag_comments=rating.comments if rating else "",
        status_text=status_text,
        rows=history_rows,
        pages=tuple(sorted(pages)),
        confidence=confidence,
        reference_date=judged,
        reference_kind=which,
    )


def _row(plan_row: PlanRow, parts: int, judged: str | None) -> HistoryRow:
    row = plan_row.row
    completed = bool(re.search(r"complet", row.section.part or "", re.IGNORECASE)) or (
        not row.section.part and plan_row.table_position > 0
    )
    part = row.section.part or (("completed" if completed else "outstanding") if parts else None)
    timescale = row.text("timescale")
    due = parse_due(timescale) if timescale.strip() else None
    deadline = due.due_date.isoformat() if due and due.due_date else None
    tags = plan_row.tags
    status = tags.status_norm if tags else normalise_status(row.text("status")).norm
    done = completed or status == "completed"
    actions = "\n".join(t for t in (row.text("outcome"), row.text("actions")) if t)
    return HistoryRow(
        row_ref(row),
        part,
        completed,
        row.text("status"),
        row.text("progress"),
        timescale,
        actions,
        (row.page_first, row.page_last),
        deadline,
        due.due_kind if due else "unknown",
        status,
        None if not (deadline and judged) else (deadline < judged and not done),
    )


def _with_diffs(versions: list[VersionEntry]) -> list[VersionEntry]:
    out: list[VersionEntry] = []
    for index, current in enumerate(versions):
        if index:
            current = _replace_diff(current, diff_versions(versions[index - 1], current))
        out.append(current)
    return out


def _replace_diff(entry: VersionEntry, diff: VersionDiff) -> VersionEntry:
    from dataclasses import replace

    return replace(entry, diff=diff)


def diff_versions(before: VersionEntry, after: VersionEntry) -> VersionDiff:
    """What changed for one recommendation between two plan versions."""
    pairs, added, removed = follow_rows(before.rows, after.rows)
    changes = [_row_change(a, b) for a, b in pairs]
    moved = tuple(dict.fromkeys(a.ref for a, b in pairs if b.completed and not a.completed))
    pushed = tuple(_pushed(a, b) for a, b in pairs if _later(a, b))
    repeated = tuple(
        b.ref
        for a, b in pairs
        if not b.completed and b.progress.strip() and _norm(a.progress) == _norm(b.progress)
    )
    rag_change = _rag_change(before.rag, after.rag)
    summary = _summary(rag_change, before, after, changes, added, removed, moved, pushed, repeated)
    return VersionDiff(
        from_version=before.plan_version,
        summary=summary,
        rag_from=before.rag,
        rag_to=after.rag,
        rag_change=rag_change,
        status_text=word_diff(before.status_text, after.status_text),
        rows=tuple(changes),
        added=tuple(r.ref for r in added),
        removed=tuple(r.ref for r in removed),
        moved_to_completed=moved,
        deadlines_pushed_back=pushed,
        repeated_unchanged=repeated,
    )


def _row_change(a: HistoryRow, b: HistoryRow) -> RowChange:
    status, progress = word_diff(a.status, b.status), word_diff(a.progress, b.progress)
    notes = []
    if changed(status):
        notes.append("status changed")
    if added_words(progress) >= NEW_EVIDENCE_WORDS:
        notes.append("new evidence")
    if b.completed and not a.completed:
        notes.append("moved to completed")
    if _later(a, b):
        notes.append("deadline pushed back" + (" (explained)" if _explained(a, b) else ""))
    if not b.completed and b.progress.strip() and _norm(a.progress) == _norm(b.progress):
        notes.append("text repeated unchanged")
    return RowChange(b.ref, a.ref, tuple(notes), status, progress, b.part)


def _later(a: HistoryRow, b: HistoryRow) -> bool:
    return bool(a.deadline and b.deadline and b.deadline > a.deadline)


def _explained(a: HistoryRow, b: HistoryRow) -> bool:
    new_text = " ".join(
        t
        for op, t in word_diff(a.progress + "\n" + a.timescale, b.progress + "\n" + b.timescale)
        if op == "+"
    )
    return bool(EXPLAINED.search(new_text))


def _pushed(a: HistoryRow, b: HistoryRow) -> tuple[str, str, str, bool]:
    return (b.ref, a.deadline or "", b.deadline or "", _explained(a, b))


def _one_line(text: str) -> str:
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _rag_change(before: str | None, after: str | None) -> str | None:
    if before and not after:
        return "not reported"
    if not before or not after:
        return None
    a, b = RAG_ORDER.get(before, -1), RAG_ORDER.get(after, -1)
    return "up" if b > a else "down" if b < a else "same"


def _summary(
    rag_change: str | None,
    before: VersionEntry,
    after: VersionEntry,
    changes: list[RowChange],
    added: Sequence[HistoryRow],
    removed: Sequence[HistoryRow],
    moved: tuple[str, ...],
    pushed: tuple[tuple[str, str, str, bool], ...],
    repeated: tuple[str, ...],
) -> tuple[str, ...]:
    lines = []
    if rag_change in ("up", "down"):
        lines.append(f"RAG {rag_change}: {before.rag} → {after.rag}")
    elif rag_change == "not reported":
        lines.append(f"RAG not reported (was {before.rag})")
    if before.section_number != after.section_number:
        lines.append(f"renumbered: section {before.section_number} → {after.section_number}")
    for label, refs in (
        ("status changed", [c.ref for c in changes if "status changed" in c.changes]),
        ("rows added", [r.ref for r in added]),
        ("rows removed", [r.ref for r in removed]),
        ("moved to completed", list(moved)),
        ("new evidence", [c.ref for c in changes if "new evidence" in c.changes]),
        ("deadline pushed back without explanation", [p[0] for p in pushed if not p[3]]),
        ("deadline pushed back, explained", [p[0] for p in pushed if p[3]]),
        ("text repeated unchanged", list(repeated)),
    ):
        if refs:
            lines.append(f"{label}: {', '.join(dict.fromkeys(refs))}")
    return tuple(lines) or ("no change",)
