"""Recommendation histories for the terminal: the register table and one readable timeline.

Added words are shown green and underlined, removed words red and struck through; when the output
is not a terminal rich drops the colours, so the markers `{+…+}` and `[-…-]` carry the diff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from councilpapers.records import DiffOps, HistoryRow, Link, RecHistory, VersionEntry

RAG_STYLE = {"Red": "bold red", "Amber": "bold yellow", "Green": "bold green", "Blue": "bold blue"}


@dataclass(frozen=True, slots=True)
class Latest:
    """Where a recommendation stands: the newest RAG and the version that gave it, the newest
    version, and its rows open and completed (one value each, for the data views)."""

    rag: str | None = None
    rag_version: str | None = None
    version: str | None = None
    rows_open: int = 0
    rows_completed: int = 0

    @property
    def rag_label(self) -> str | None:
        """The RAG and its version for people: "Amber (v14)"."""
        return f"{self.rag} (v{self.rag_version})" if self.rag else None

    @property
    def rows_label(self) -> str:
        """The rows for people: "3 open, 1 completed"."""
        if not self.rows_open + self.rows_completed:
            return "no rows" if self.version else ""
        return f"{self.rows_open} open, {self.rows_completed} completed"


def latest_status(history: RecHistory) -> Latest:
    """Where the recommendation stands in the newest versions."""
    rag = next(((v.rag, v.plan_version) for v in reversed(history.versions) if v.rag), None)
    last = history.versions[-1] if history.versions else None
    if last is None:
        return Latest()
    done = sum(r.completed for r in last.rows)
    return Latest(
        rag=rag[0] if rag else None,
        rag_version=rag[1] if rag else None,
        version=last.plan_version,
        rows_open=len(last.rows) - done,
        rows_completed=done,
    )


def review_lines(links: Sequence[Link]) -> list[str]:
    return [
        f"  v{link.plan_version} §{link.section_number or '?'} {_short(link.section_title, 50)}"
        f" → {link.recommendation or 'none'} (confidence {link.confidence:.2f}"
        f"{', runner-up ' + link.runner_up if link.runner_up else ''})"
        for link in links
    ]


def diff_text(diff: DiffOps) -> Text:
    text = Text()
    for op, words in diff:
        if op == "=":
            text.append(words)
        elif op == "+":
            text.append("{+" + words + "+}", style="green underline")
        else:
            text.append("[-" + words + "-]", style="red strike")
        text.append(" ")
    return text


def timeline(history: RecHistory) -> list[Text]:
    """The history as lines of rich Text, oldest version first."""
    rec = history.recommendation
    out = [Text(f"{rec.id}  {rec.text}", style="bold")]
    out.append(Text(f"{rec.source_kind}; sources: " + "; ".join(rec.sources), style="dim"))
    for version in history.versions:
        out.extend(_version_lines(version))
    return out


def _version_lines(version: VersionEntry) -> list[Text]:
    head = Text(f"\nVersion {version.plan_version}", style="bold underline")
    head.append(
        f"  {version.plan_date or 'undated'}  {version.doc}  section "
        f"{version.section_number or '—'}  pages {_pages(version.pages)}  RAG "
    )
    head.append(version.rag or "—", style=RAG_STYLE.get(version.rag or "", ""))
    lines = [head, Text(f"  overdue judged against: {_reference(version)}", style="dim")]
    if version.diff:
        for item in version.diff.summary:
            lines.append(Text(f"  * {item}", style="cyan"))
    changes = {(c.ref, c.part): c for c in version.diff.rows} if version.diff else {}
    for row in version.rows:
        label = f"  {row.ref:<6} [{row.part or 'row'}] status: "
        change = changes.get((row.ref, row.part))
        line = Text(label)
        line.append_text(diff_text(change.status) if change else Text(_one(row.status) or "—"))
        lines.append(line)
        lines.append(Text(f"         when: {_one(row.timescale) or '—'}  due: {_due(row)}"))
        progress = Text("         progress: ")
        progress.append_text(diff_text(change.progress) if change else Text(_one(row.progress)))
        lines.append(progress)
    return lines


def _reference(version: VersionEntry) -> str:
    if not version.reference_date:
        return "no plan or meeting date known (overdue unknown)"
    return f"{version.reference_kind} {version.reference_date}"


def _due(row: HistoryRow) -> str:
    flag = {None: "overdue unknown", True: "OVERDUE", False: "not overdue"}[row.overdue]
    return f"{row.deadline or 'no date'} ({row.due_kind}, {flag})"


def _pages(pages: Sequence[int]) -> str:
    return ", ".join(str(p) for p in pages) or "—"


def _one(text: str) -> str:
    return " / ".join(line for line in text.splitlines() if line.strip())


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
