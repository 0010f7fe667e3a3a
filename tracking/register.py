"""The recommendation register: what each council plan is answering, gathered from the store.

Sources, strongest first: snapshot or summary tables (one row per inspection recommendation,
numbered as the inspection numbered them, with a rating; a row joins the entry its wording
matches, so a renumbered recommendation keeps its entry), the lists of "what needs to improve" in
inspection reports stored alongside (found at ingest; their wording is the canonical one), and
the headings plans print over their action rows: a section heading, a "Recommendation N" banner,
or a recommendation column merged down over its rows (see `planheads`). Headings that answer no
known recommendation become register entries of their own when `align` runs. One register per
plan family ("scope"), named after the plan's title, so two councils' plans keep separate
registers. Every entry has a `source_kind`: "inspection" joins the register by default;
committee decisions and plans' own headings are kept apart. Plan versions are the version as
printed, else "unknown" and the document's date, never a file name. Reads the store only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from scipy.optimize import linear_sum_assignment

from councilpapers.corpus.reader import StoredTable, load_tables
from councilpapers.corpus.store import Store
from councilpapers.corpus.trackstore import load_memo, meeting_dates
from councilpapers.extract.rag import rag_from_text
from councilpapers.records import PlanIdentity, PlanRow, PlanSection, Recommendation, Row
from councilpapers.tracking.ofsted_lists import ReportItem, stored_items
from councilpapers.tracking.planheads import (
    Heading,
    groups_rows,
    heading_of,
    row_ref,
    summary_rating,
)
from councilpapers.tracking.scopefit import (
    SAME_NEAREST,
    Memo,
    ScopeIndex,
    key,
    nearest_indices,
    scope_vectors,
    vectors,
)
from councilpapers.tracking.similarity import clean_recommendation, similarity_matrix
from councilpapers.vocabularies import TABLE_KINDS

SAME_TEXT = 0.5  # report item and snapshot entry are the same recommendation above this
SAME_NUMBER_TEXT = 0.25  # ... or above this when the report numbers it as the plan does
SCOPE_FIT = 0.35  # a report's list belongs to a plan family when its items fit this well


@dataclass(frozen=True, slots=True)
class Rating:
    """A snapshot's verdict on one recommendation in one plan version."""

    recommendation: str
    plan_version: str
    doc: str
    rag: str | None
    comments: str
    pages: tuple[int, int]


@dataclass(slots=True)
class Register:
    """Register entries by id (in register order), snapshot ratings, and every plan section."""

    entries: dict[str, Recommendation] = field(default_factory=dict)
    ratings: list[Rating] = field(default_factory=list)
    sections: dict[str, dict[str, list[PlanSection]]] = field(default_factory=dict)
    plan_dates: dict[tuple[str, str], str | None] = field(default_factory=dict)
    meeting_dates: dict[tuple[str, str], str | None] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)  # scopes whose plans name recommendations
    aliases: dict[str, list[str]] = field(default_factory=dict)  # id -> the plan's wordings
    _scoped: tuple[int, dict[str, list[Recommendation]]] | None = None  # entries by scope

    def scopes(self) -> list[str]:
        return sorted(set(self._by_scope()) | set(self.sections))

    def in_scope(self, scope: str) -> list[Recommendation]:
        return list(self._by_scope().get(scope, ()))

    def _by_scope(self) -> dict[str, list[Recommendation]]:
        """Entries grouped by scope, in register order (kept until the entries change)."""
        if self._scoped is None or self._scoped[0] != id(self.entries):
            grouped: dict[str, list[Recommendation]] = {}
            for entry in self.entries.values():
                grouped.setdefault(entry.scope, []).append(entry)
            self._scoped = (id(self.entries), grouped)
        return self._scoped[1]

    def versions(self, scope: str) -> list[str]:
        """The scope's plan versions, oldest first."""
        found = set(self.sections.get(scope, {})) | {
            r.plan_version for r in self.ratings if self.entries[r.recommendation].scope == scope
        }
        return sorted(found, key=lambda v: version_key(v, self.plan_dates.get((scope, v))))

    def add(self, entry: Recommendation) -> None:
        self.entries[entry.id] = entry
        self._scoped = None

    def known_texts(self, scope: str) -> list[str]:
        """What a list is fitted to: the scope's entries' wordings and its plans' headings."""
        known = [e.text for e in self.in_scope(scope)]
        sections = self.sections.get(scope, {}).values()
        return known + [s.title for version in sections for s in version if s.title]


MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
VERSION_WORDS = re.compile(
    rf"\b(?:{MONTHS})\b|\b(?:19|20)\d\d(?:/\d\d(?:\d\d)?)?\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b"
    r"|\b(?:version|ver|v)\.?\s*\d+(?:\.\d+)?\b|\b(?:update[ds]?|updated|draft|final|refresh(?:ed)?)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)


def scope_name(plan: PlanIdentity) -> str:
    """A plan family's register name: its title as a slug ("improvement-action-plan"), without
    the dates, version numbers and "update" words that change from one version to the next."""
    title = VERSION_WORDS.sub(" ", plan.title or "")
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug or "plan"


def version_key(version: str, date: str | None) -> tuple[float, str, str]:
    """Order versions by their number ("14" < "21", "2023-v4" by 4 within its year), then date;
    a version named by a date ("2024-09-30": the plan printed only its position's date) by
    that date."""
    dated = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", version)
    if dated:
        y, m, d = (int(part) for part in dated.groups())
        return (1000 * y + (31 * (m - 1) + d) / 400, version, version)
    match = re.search(r"(\d+(?:\.\d+)?)$", version)
    year = re.match(r"^((?:19|20)\d\d)-v", version)
    number = float(match.group(1)) if match else float("inf")
    if year:
        number += 1000 * int(year.group(1))
    return (number, date or "", version)


def plan_version(plan: PlanIdentity, meeting_date: str | None) -> str:
    """The version as printed; else "unknown" and the document's date (never its file name)."""
    if plan.version:
        return plan.version
    date = plan.date or meeting_date
    return f"unknown-{date}" if date else "unknown"


def build_register(store: Store, memo: Memo | None = None) -> Register:
    """Snapshot entries, report items and plan sections of everything stored (before alignment).

    Reads the store only: lists of recommendations were found at ingest. Similarities computed
    by an earlier build are taken from `memo` (by default, the store's: `trackstore.load_memo`),
    and those this build used are left in it for the caller to save."""
    memo = memo if memo is not None else Memo(load_memo(store))
    register = Register()
    meetings = meeting_dates(store)
    tables = list(load_tables(store, TABLE_KINDS.flagged("tracked")))
    plans = [t for t in tables if t.table.kind == "action_plan"]
    own: dict[str, PlanIdentity] = {}  # a document's plan: its summaries rate it
    for stored in sorted(plans, key=lambda t: (t.doc, t.table.index)):
        own.setdefault(stored.doc, stored.table.plan)
    for stored in tables:
        rating = summary_rating(stored.table)
        if rating:
            plan = own.get(stored.doc, stored.table.plan)
            _add_snapshot(register, stored, plan, meetings.get(stored.doc), rating)
    _add_sections(register, plans, meetings)
    _add_report_items(register, stored_items(store), memo)
    return register


def _add_snapshot(
    register: Register, stored: StoredTable, plan: PlanIdentity, meeting: str | None, rating: str
) -> None:
    """A summary table's ratings, under `plan`: the action plan printed in the same document
    (a summary on a sheet or page of its own, under a title of its own, rates that plan), else
    the table's own identity."""
    table = stored.table
    scope = scope_name(plan)
    version = plan_version(plan, meeting)
    register.plan_dates.setdefault((scope, version), plan.date)
    register.meeting_dates.setdefault((scope, version), meeting)
    texts = [clean_recommendation(r.text("outcome") or r.section.title or "") for r in table.rows]
    ids = _snapshot_ids(register, scope, table.rows, texts)
    for position, (row, text, rec_id) in enumerate(zip(table.rows, texts, ids, strict=True)):
        source = f"snapshot {stored.doc} p{row.page_first}"
        old = register.entries.get(rec_id)
        if old is None:
            number = _snapshot_number(row, position)
            register.add(Recommendation(rec_id, scope, number, text, (source,)))
        else:
            register.add(replace(old, sources=(*old.sources, source)))
        register.ratings.append(
            Rating(
                rec_id,
                version,
                stored.doc,
                rag_from_text(row.text(rating), rating=True),
                row.text("progress"),
                (row.page_first, row.page_last),
            )
        )


def _snapshot_ids(
    register: Register, scope: str, rows: tuple[Row, ...], texts: list[str]
) -> list[str]:
    """Each snapshot row's entry: the known entry its wording matches (so a recommendation
    renumbered between versions keeps its entry), else one by its number."""
    known = register.in_scope(scope)
    scores = similarity_matrix(texts, [e.text for e in known])
    ids = []
    for index, row in enumerate(rows):
        best = int(scores[index].argmax()) if known else -1
        if best >= 0 and scores[index, best] >= SAME_TEXT:
            ids.append(known[best].id)
            continue
        base = rec_id = f"{scope}:{_snapshot_number(row, index)}"
        n = 1
        while rec_id in register.entries or rec_id in ids:
            n += 1
            rec_id = f"{base}-{n}"
        ids.append(rec_id)
    return ids


def _snapshot_number(row: Row, position: int) -> int:
    for text in (row_ref(row), row.section.number or "", row.text("outcome")):
        match = re.match(r"^\s*(\d{1,3})\b", text)
        if match:
            return int(match.group(1))
    return position + 1


def _add_sections(
    register: Register, tables: Iterable[StoredTable], meetings: dict[str, str | None]
) -> None:
    positions: dict[tuple[str, str], int] = {}
    found: dict[tuple[str, str], dict[tuple[str | None, str, str | None], list[PlanRow]]] = {}
    meta: dict[tuple[str, str], tuple[str, str | None]] = {}
    last: dict[str, Heading] = {}
    for stored in sorted(tables, key=lambda t: (t.doc, t.table.index)):
        table = stored.table
        meeting = meetings.get(stored.doc)
        key = (scope_name(table.plan), plan_version(table.plan, meeting))
        position = positions[key] = positions.get(key, -1) + 1
        meta.setdefault(key, (stored.doc, table.plan.date))
        register.meeting_dates.setdefault(key, meeting)
        grouped = groups_rows(table)
        for row in table.rows:
            head, named = heading_of(row, last.get(stored.doc), grouped)
            if named:
                register.named.add(key[0])
                last[stored.doc] = head
            found.setdefault(key, {}).setdefault(head, []).append(
                PlanRow(stored.doc, table.index, position, row, stored.tags.get(row.index))
            )
    for (scope, version), heads in found.items():
        doc, date = meta[(scope, version)]
        register.plan_dates[(scope, version)] = date
        ordered = sorted(heads.items(), key=lambda item: _number_key(item[0][0]))
        register.sections.setdefault(scope, {})[version] = [
            PlanSection(scope, version, date, doc, number, title, group, order, tuple(rows))
            for order, ((number, title, group), rows) in enumerate(ordered)
        ]


def _number_key(number: str | None) -> tuple[float, ...]:
    """Printed order of section numbers ("2" < "10" < "10.1"); unnumbered sections keep theirs."""
    parts = re.findall(r"\d+", number or "")
    return tuple(float(p) for p in parts) if parts else (float("inf"),)


def _add_report_items(register: Register, items: list[ReportItem], memo: Memo) -> None:
    """Each document's list into the register, in document order. Which scope a list joins
    depends on every list before it: `chain` digests them, so a refresh that finds the same
    lists before this one in `memo` takes the scope it chose then, and the index of scopes is
    built only from the first list the memo does not know (after one new document whose name
    sorts last: only for that document)."""
    by_doc: dict[tuple[str, str], list[ReportItem]] = {}
    for item in items:
        by_doc.setdefault((item.doc, item.source_kind), []).append(item)
    chain = key(
        ["start"], [f"{s}\x1f{t}" for s in register.scopes() for t in register.known_texts(s)]
    )
    index: ScopeIndex | None = None
    for (doc, kind), found in by_doc.items():
        texts = [i.text for i in found]
        chain = key(["list", chain, doc, kind], texts)
        if index is None and not memo.knows(chain):
            index = _index(register, memo)
        fitted = memo.get(chain, partial(_choose, index, texts, kind)) or None
        scope = fitted or _report_scope(doc)
        _add_list(register, doc, found, scope, memo if fitted else None)
        if index is not None:
            index.update(scope, register.known_texts(scope))


def _choose(index: ScopeIndex | None, texts: list[str], kind: str) -> str:
    """The scope an inspection's list fits ("" for none: it becomes a scope of its own)."""
    found = index.best(texts) if index is not None and kind == "inspection" else None
    return found or ""


def _index(register: Register, memo: Memo) -> ScopeIndex:
    index = ScopeIndex(memo, SCOPE_FIT)
    for scope in register.scopes():
        index.update(scope, register.known_texts(scope))
    return index


def _add_list(
    register: Register, doc: str, found: list[ReportItem], scope: str, fitted: Memo | None
) -> None:
    """A document's list into the register: in a scope it fitted (`fitted`: the memo for its
    similarities), an item the same as an entry gives that entry its wording; every other item
    is an entry of its own."""
    entries = register.in_scope(scope)
    same = _same_entries(found, entries, fitted) if fitted is not None else {}
    taken = {e.number for e in entries}
    for row, item in enumerate(found):
        source = f"report {doc} p{item.page}"
        text = clean_recommendation(item.text)
        if row in same:
            old = same[row]  # the inspection's own wording is the canonical one
            register.aliases.setdefault(old.id, []).append(old.text)
            kinds = _kinds(item)
            register.add(replace(old, text=text, sources=(*old.sources, source), **kinds))
            continue
        number = item.number if item.number not in taken else None
        rec_id = _free_id(
            register,
            f"{scope}:{number}" if number else f"{scope}:{_report_scope(doc)}-{item.number}",
        )
        taken.add(number)
        register.add(
            Recommendation(rec_id, scope, number, text, (source,), item.source_kind, **_kinds(item))
        )


def _kinds(item: ReportItem) -> dict[str, Any]:
    """What an inspection called the item, and its body: for an inspection's list only."""
    if item.source_kind != "inspection":
        return {}
    return {"kind": item.kind, "responsible_body": item.responsible_body}


def _free_id(register: Register, rec_id: str) -> str:
    """The id, or the id with "-2", "-3" … when a report numbers two items alike (a local
    authority's list and its safeguarding board's)."""
    found, suffix = rec_id, 1
    while found in register.entries:
        suffix += 1
        found = f"{rec_id}-{suffix}"
    return found


def _same_entries(
    found: list[ReportItem], entries: list[Recommendation], memo: Memo
) -> dict[int, Recommendation]:
    """Report item -> the entry it is (one to one): wording close, or, where a plan rewords
    the inspection's point, wording related and the same number as the report gives it. (Of
    many entries, each item is compared with its `SAME_NEAREST` nearest by hashed n-grams.)"""
    if not found or not entries:
        return {}
    texts = [i.text for i in found]
    numbers = [str(i.number) for i in found] + ["|"] + [str(e.number) for e in entries]
    wanted = key(["same"], texts, [e.text for e in entries], numbers)
    pairs = memo.get(wanted, lambda: _nearest_pairs(found, entries))
    return {int(r): entries[int(c)] for r, c in pairs}


def _nearest_pairs(found: list[ReportItem], entries: list[Recommendation]) -> list[tuple[int, int]]:
    """`_pairs` among the entries nearest the items; entry indices into `entries`."""
    kept = list(range(len(entries)))
    if len(entries) > SAME_NEAREST:
        texts = [i.text for i in found]
        near = (vectors(texts) @ scope_vectors(tuple(e.text for e in entries)).T).toarray()
        kept = nearest_indices(near, len(entries), SAME_NEAREST)
    pairs = _pairs(found, [entries[i] for i in kept])
    return [(row, kept[column]) for row, column in pairs]


def _pairs(found: list[ReportItem], entries: list[Recommendation]) -> list[tuple[int, int]]:
    scores = similarity_matrix([i.text for i in found], [e.text for e in entries])
    pairs = []
    for r, c in zip(*linear_sum_assignment(-scores), strict=True):
        numbered = found[r].number == entries[c].number and scores[r, c] >= SAME_NUMBER_TEXT
        if scores[r, c] >= SAME_TEXT or numbered:
            pairs.append((int(r), int(c)))
    return pairs


def _report_scope(doc: str) -> str:
    return "report-" + re.sub(r"[^a-z0-9]+", "-", doc.lower().removesuffix(".pdf")).strip("-")
