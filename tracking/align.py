"""Alignment: link every plan section, and through it every row, to the register entry it answers.

Per plan family, versions are aligned oldest first. For each version the section headings are
scored against every register entry on three kinds of evidence: the text (TF-IDF and fuzzy
similarity to the entry's wording and to the headings already linked to it in earlier versions),
the numbering (the same number as the entry, or as its heading in the previous version), and the
position (the same relative place in the plan as its heading had last time). An optimal one-to-one
assignment then links headings to entries; a heading whose text fits no entry becomes a new entry
(a plan-only heading). Each link carries its confidence; weak or close-run links are listed for
review, and an officer's corrections in a small YAML file (see `overrides`) win on the next run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from councilpapers.records import Link, PlanRow, PlanSection, Recommendation
from councilpapers.tracking.overrides import Overrides
from councilpapers.tracking.planheads import row_ref
from councilpapers.tracking.register import Register
from councilpapers.tracking.similarity import similarity_matrix
from councilpapers.vocabularies import SourceKind

MIN_TEXT = 0.35  # below this text similarity a heading answers no known entry
REVIEW_BELOW = 0.6  # links less sure than this are listed for review
CLOSE_RUN = 0.08  # ... and links whose runner-up is this close
WEIGHTS = {"text": 0.8, "number": 0.1, "position": 0.1}
INSPECTED_PLAN = re.compile(r"improv|ofsted|inspect|priorit|send|ilacs|jtai")


@dataclass(slots=True)
class Alignment:
    """The completed register, and a link for every section and row of every plan version."""

    register: Register
    sections: list[Link] = field(default_factory=list)
    rows: list[Link] = field(default_factory=list)
    row_sources: list[tuple[PlanSection, PlanRow]] = field(default_factory=list)

    def review(self) -> list[Link]:
        """Section links an officer should check: weak, or with a close runner-up."""
        return [
            link
            for link in self.sections
            if link.method != "override"
            and (link.confidence < REVIEW_BELOW or link.evidence.get("margin", 1.0) < CLOSE_RUN)
        ]


@dataclass(slots=True)
class _Seen:
    """What earlier versions linked to an entry: heading texts, last number and position."""

    texts: list[str] = field(default_factory=list)
    number: str | None = None
    position: float | None = None


def align(register: Register, overrides: Overrides | None = None) -> Alignment:
    """Link every stored plan section and row to the register (which gains plan-only entries)."""
    overrides = overrides or Overrides()
    result = Alignment(register)
    for scope in register.scopes():
        kind = heading_kind(register, scope)
        seen: dict[str, _Seen] = {}
        for version in register.versions(scope):
            sections = register.sections.get(scope, {}).get(version, [])
            links = _align_version(register, scope, sections, seen, overrides, kind)
            result.sections.extend(links)
            for section, link in zip(sections, links, strict=True):
                result.rows.extend(_row_links(section, link, overrides, register))
                result.row_sources.extend((section, plan_row) for plan_row in section.rows)
    return result


def _align_version(
    register: Register,
    scope: str,
    sections: list[PlanSection],
    seen: dict[str, _Seen],
    overrides: Overrides,
    kind: SourceKind,
) -> list[Link]:
    links: dict[int, Link] = {}
    for index, section in enumerate(sections):
        fixed = overrides.section(section, register)
        if fixed is not None:
            if fixed.recommendation and fixed.recommendation not in register.entries:
                _new_entry(register, section, kind, fixed.recommendation)
            links[index] = _link(section, fixed.recommendation, 1.0, "override", {})
        elif not section.title:
            links[index] = _link(section, None, 0.0, "no heading", {})
    open_ = [i for i in range(len(sections)) if i not in links]
    taken = {link.recommendation for link in links.values()}
    entries = [e for e in register.in_scope(scope) if e.id not in taken]
    if open_ and entries:
        links.update(_assign(sections, open_, entries, seen, len(sections), register.aliases))
    for index in open_:
        if index not in links:
            links[index] = _new_entry(register, sections[index], kind)
    for index, link in links.items():
        if link.recommendation:
            entry = seen.setdefault(link.recommendation, _Seen())
            entry.texts.append(sections[index].title)
            entry.number = sections[index].number
            entry.position = index / max(1, len(sections) - 1)
    return [links[i] for i in range(len(sections))]


def _assign(
    sections: list[PlanSection],
    open_: list[int],
    entries: list[Recommendation],
    seen: dict[str, _Seen],
    count: int,
    aliases: dict[str, list[str]],
) -> dict[int, Link]:
    text = _text_scores([sections[i].title for i in open_], entries, seen, aliases)
    number = np.array(
        [[_number_score(sections[i], e, seen.get(e.id)) for e in entries] for i in open_]
    )
    position = np.array(
        [[_position_score(i / max(1, count - 1), seen.get(e.id)) for e in entries] for i in open_]
    )
    total = WEIGHTS["text"] * text + WEIGHTS["number"] * number + WEIGHTS["position"] * position
    links: dict[int, Link] = {}
    for r, c in zip(*linear_sum_assignment(-total), strict=True):
        if text[r, c] < MIN_TEXT:
            continue
        others = np.delete(total[r], c)
        runner = int(np.argmax(others)) if len(others) else -1
        margin = float(total[r, c] - others[runner]) if runner >= 0 else 1.0
        evidence = {
            "text": float(text[r, c]),
            "number": float(number[r, c]),
            "position": float(position[r, c]),
            "margin": round(margin, 4),
        }
        runner_id = [e for k, e in enumerate(entries) if k != c][runner].id if runner >= 0 else None
        links[open_[r]] = _link(
            sections[open_[r]], entries[c].id, float(total[r, c]), "text", evidence, runner_id
        )
    return links


def _text_scores(
    titles: list[str],
    entries: list[Recommendation],
    seen: dict[str, _Seen],
    aliases: dict[str, list[str]],
) -> np.ndarray:
    """Each heading against each entry's wordings: its own, the plan's (when a report's list
    gave the canonical one) and the headings linked to it in earlier versions."""
    texts: list[str] = []
    owner: list[int] = []
    for k, entry in enumerate(entries):
        for text in [entry.text, *aliases.get(entry.id, []), *seen.get(entry.id, _Seen()).texts]:
            texts.append(text)
            owner.append(k)
    scores = similarity_matrix(titles, texts)
    out = np.zeros((len(titles), len(entries)))
    for column, k in enumerate(owner):
        out[:, k] = np.maximum(out[:, k], scores[:, column])
    return out


def _number_score(section: PlanSection, entry: Recommendation, seen: _Seen | None) -> float:
    if seen and seen.number is not None:
        return 1.0 if seen.number == section.number else 0.0
    return 1.0 if entry.number is not None and str(entry.number) == section.number else 0.0


def _position_score(position: float, seen: _Seen | None) -> float:
    if seen is None or seen.position is None:
        return 0.5
    return 1.0 - abs(position - seen.position)


def heading_kind(register: Register, scope: str) -> SourceKind:
    """What a plan heading answering no known entry is: an inspection's recommendation when the
    plan answers an inspection (it has snapshot or report entries, or it names its headings as
    recommendations and calls itself an improvement plan), else a plan's own heading (a
    committee's response to scrutiny recommendations, a strategy's delivery plan)."""
    inspected = any(e.source_kind == "inspection" for e in register.in_scope(scope))
    named = scope in register.named and bool(INSPECTED_PLAN.search(scope))
    return "inspection" if inspected or named else "plan"


def _new_entry(
    register: Register, section: PlanSection, kind: SourceKind, rec_id: str | None = None
) -> Link:
    """A register entry for a heading that answers no known recommendation."""
    base = (
        rec_id or f"{section.scope}:v{section.plan_version}-s{section.number or section.order + 1}"
    )
    rec_id, n = base, 1
    while rec_id in register.entries:
        n += 1
        rec_id = f"{base}-{n}"
    register.add(
        Recommendation(
            rec_id,
            section.scope,
            None,
            section.title,
            (f"heading {section.doc} v{section.plan_version} §{section.number or '?'}",),
            kind,
        )
    )
    return _link(section, rec_id, 1.0, "new heading", {})


def _link(
    section: PlanSection,
    rec: str | None,
    confidence: float,
    method: str,
    evidence: dict[str, float],
    runner_up: str | None = None,
) -> Link:
    return Link(
        section.scope,
        section.plan_version,
        section.number,
        section.title,
        rec,
        round(confidence, 4),
        method,
        {k: round(v, 4) for k, v in evidence.items()},
        runner_up=runner_up,
    )


def _row_links(
    section: PlanSection, link: Link, overrides: Overrides, register: Register
) -> list[Link]:
    out = []
    for plan_row in section.rows:
        ref = row_ref(plan_row.row) or None
        fixed = overrides.row(section, plan_row, register)
        rec, method, conf = (
            (fixed.recommendation, "override", 1.0)
            if fixed
            else (link.recommendation, "section", link.confidence)
        )
        out.append(
            Link(
                link.scope,
                link.plan_version,
                link.section_number,
                link.section_title,
                rec or None,
                conf,
                method,
                link.evidence,
                ref,
                plan_row.row.page_first,
            )
        )
    return out


def restore(register: Register, stored: list[Link]) -> Alignment | None:
    """The alignment a refresh saved, rebuilt over the register's sections (read only); None
    when a section or row has no saved link (the store changed since)."""
    sections: dict[tuple[str, str, str | None, str], Link] = {}
    rows: dict[tuple[str, str, str | None, str, str | None, int | None], Link] = {}
    for link in stored:
        head = (link.scope, link.plan_version, link.section_number, link.section_title)
        if link.row_page is None:
            sections[head] = link
        else:
            rows[(*head, link.row_ref, link.row_page)] = link
    result = Alignment(register)
    for scope in register.scopes():
        for version in register.versions(scope):
            for section in register.sections.get(scope, {}).get(version, []):
                head = (scope, version, section.number, section.title)
                if head not in sections:
                    return None
                result.sections.append(sections[head])
                for plan_row in section.rows:
                    key = (*head, row_ref(plan_row.row) or None, plan_row.row.page_first)
                    if key not in rows:
                        return None
                    result.rows.append(rows[key])
                    result.row_sources.append((section, plan_row))
    return result
