"""The mutants benchmarks/mutants.py applies: one small source edit each, naming the mechanism it
breaks and the test files that should notice first (run before the rest of the suite).

Anchors are short fragments of the code as it stands; when the code changes under one, the
mutant is reported as not applicable and should be re-anchored here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    """One deliberate breakage: in `path`, replace `old` (which must occur once) by `new`."""

    name: str
    path: str
    old: str
    new: str
    mechanism: str
    tests: tuple[str, ...] = ()


T = "tests/"
MECH, RAG, IDENT = T + "test_mech_tables.py", T + "test_mech_rag.py", T + "test_mech_identity.py"
FLOOR = T + "test_floor_tables.py"
TAGS = (T + "test_nlp_leads.py", T + "test_nlp_status.py", T + "test_nlp_dates.py")
HISTORY = (T + "test_history.py", T + "test_align.py", T + "test_mech_tracking.py")

EXTRACTION = [
    Mutant(
        "no-header-driven-columns",
        "extract/stream.py",
        "if len(line_runs) < settings.min_columns or len(known) < settings.min_columns:",
        "if True:",
        "unruled tables read from their header row's columns",
        (MECH,),
    ),
    Mutant(
        "no-headerless-tables",
        "extract/stream.py",
        "in find_blocks(lines, gap, pitch, settings):",
        "in []:",
        "tables with neither rules nor a header, from white space",
        (MECH,),
    ),
    Mutant(
        "river-width-zero",
        "extract/columns.py",
        "x, width = 0, max(gap, 4.0)",
        "x, width = 0, 0.0",
        "column projection: a river must be wider than a word space",
        (MECH,),
    ),
    Mutant(
        "unnumbered-rows-never-split",
        "extract/stream.py",
        "or (not numbered and pitch > 0 and step > pitch * settings.row_gap)",
        "or (not numbered and pitch > 0 and step > pitch * 9.0)",
        "unnumbered unruled rows split at a vertical gap",
        (MECH, FLOOR),
    ),
    Mutant(
        "no-amber-fill",
        "extract/rag.py",
        "if r > 0.8 and 0.45 <= g <= 0.9 and b < 0.45:",
        "if False:",
        "Amber from a cell's fill colour",
        (RAG,),
    ),
    Mutant(
        "green-fill-too-strict",
        "extract/rag.py",
        "if g > 0.45 and g > r + 0.1",
        "if g > 0.75 and g > r + 0.1",
        "Green from a cell's fill colour (Office green 00B050)",
        (RAG,),
    ),
    Mutant(
        "no-word-a-for-amber",
        "extract/rag.py",
        '"a": "Amber"',
        '"a": "A"',
        "RAG from the printed letter",
        (RAG,),
    ),
    Mutant(
        "no-path-drawn-rules",
        "ingest/pdf.py",
        "for curve in page.curves:",
        "for curve in ():",
        "ruling lines drawn as paths (curves)",
        (MECH,),
    ),
    Mutant(
        "thin-rects-not-rules",
        "ingest/settings.py",
        "thin: float = 2.0",
        "thin: float = 0.01",
        "thin filled rectangles as ruling lines",
        (MECH, FLOOR),
    ),
    Mutant(
        "no-page-break-edges",
        "extract/grid.py",
        "merged += _closing_edges(merged, snap)",
        "merged += []",
        "closing edges where a page break left a grid open",
        (MECH,),
    ),
    Mutant(
        "no-header-body-split",
        "extract/fragments.py",
        "_split_header_from_body(\n",
        "tuple(\n",
        "header and first body row with no rule between",
        (MECH,),
    ),
    Mutant(
        "column-slack-tight",
        "extract/tables.py",
        "abs(a - b) <= slack for a, b in zip(theirs, ours, strict=True)",
        "abs(a - b) <= 1.0 for a, b in zip(theirs, ours, strict=True)",
        "continuation grids a few points off still continue",
        (MECH,),
    ),
    Mutant(
        "no-compact-dates",
        "extract/identity.py",
        'compact = match.group("compact")',
        "compact = None",
        'compact plan dates ("Version 19 040917")',
        (IDENT,),
    ),
    Mutant(
        "no-ver-abbreviation",
        "extract/identity.py",
        r"(?:version|ver\.?|v\.)",
        r"(?:version|v\.)",
        'plan version from "Ver 21"',
        (IDENT,),
    ),
    Mutant(
        "no-version-year",
        "extract/identity.py",
        """version = f"{match.group('year')}-v{number}" if match.group("year") else number""",
        "version = number",
        'version with its year ("2023-v4")',
        (IDENT,),
    ),
    Mutant(
        "title-only-on-table-page",
        "extract/settings.py",
        "title_look_back: int = 25",
        "title_look_back: int = 1",
        "plan title found on a page before the table",
        (IDENT, FLOOR),
    ),
]

TAGGING = [
    Mutant(
        "no-lead-expansion",
        "nlp/leads.py",
        "(ent.text if written else ent.ent_id_)",
        "(ent.text)",
        "lead abbreviations expanded (AD -> Assistant Director)",
        TAGS,
    ),
    Mutant(
        "part-complete-is-complete",
        "nlp/status.py",
        '("part_completed", re.compile(r"\\bpart',
        '("completed", re.compile(r"\\bpart',
        "status normalisation: partly completed",
        TAGS,
    ),
    Mutant(
        "mixed-lines-completed",
        "nlp/status.py",
        '        return "part_completed"\n    return min(',
        '        return "completed"\n    return min(',
        "status of a cell whose lines disagree",
        TAGS,
    ),
    Mutant(
        "blue-rag-status",
        "nlp/status.py",
        '"blue": "completed"',
        '"blue": "ongoing"',
        "status from the RAG rating when the cell is empty (a plan with no key: Blue = done)",
        TAGS,
    ),
    Mutant(
        "month-start-not-end",
        "nlp/dates.py",
        "return dt.date(year, month, calendar.monthrange(year, month)[1])",
        "return dt.date(year, month, 1)",
        "deadline: a month means its last day",
        TAGS,
    ),
    Mutant(
        "quarter-end-shifted",
        "nlp/dates.py",
        "month = 3 * quarter + 3",
        "month = 3 * quarter",
        "deadline: end of a financial-year quarter",
        TAGS,
    ),
    Mutant(
        "overdue-reversed",
        "nlp/tagging.py",
        "return due.due_date < plan_date and",
        "return due.due_date > plan_date and",
        "overdue against the plan date",
        (T + "test_nlp_tagging.py",),
    ),
]

TRACKING = [
    Mutant(
        "rag-up-down-swapped",
        "tracking/history.py",
        'return "up" if b > a else "down" if b < a else "same"',
        'return "down" if b > a else "up" if b < a else "same"',
        "RAG up/down between versions",
        HISTORY,
    ),
    Mutant(
        "deadline-earlier-is-pushed",
        "tracking/history.py",
        "b.deadline and b.deadline > a.deadline",
        "b.deadline and b.deadline < a.deadline",
        "deadline pushed back detection",
        HISTORY,
    ),
    Mutant(
        "completed-never-moved",
        "tracking/history.py",
        "if b.completed and not a.completed))",
        "if b.completed and a.completed))",
        "rows moved to completed",
        HISTORY,
    ),
    Mutant(
        "no-earlier-wording",
        "tracking/align.py",
        "for text in [entry.text, *aliases.get(entry.id, []), *seen.get(entry.id, _Seen()).texts]:",
        "for text in [entry.text, *aliases.get(entry.id, [])]:",
        "renumbered headings followed by an earlier version's wording",
        HISTORY,
    ),
    # Survives the quick run (its own tests): the number a heading had before weighs 0.1
    # against 0.8 for the wording, and no test yet has wordings that tie.
    Mutant(
        "no-number-memory",
        "tracking/align.py",
        "if seen and seen.number is not None:",
        "if False:",
        "renumbering: the number a heading had in the previous version",
        HISTORY,
    ),
    Mutant(
        "completed-rows-unfollowed",
        "tracking/rowmatch.py",
        "for completed in (False, True):",
        "for completed in (False,):",
        "rows followed into the completed table",
        HISTORY,
    ),
]

MUTANTS = EXTRACTION + TAGGING + TRACKING
