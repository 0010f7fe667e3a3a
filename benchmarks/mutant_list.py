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
EVIDENCE = T + "test_mech_header_evidence.py"
TAGS = (T + "test_nlp_leads.py", T + "test_nlp_status.py", T + "test_nlp_dates.py")
HISTORY = (T + "test_history.py", T + "test_align.py", T + "test_mech_tracking.py")

EXTRACTION = [
    Mutant(
        "no-header-driven-columns",
        "extract/stream.py",
        "if len(line_runs) < settings.min_columns or len(set(known)) < settings.min_columns:",
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
        '("Amber", 14.0, 66.0)',
        '("Amber", 14.0, 14.0)',
        "Amber from a cell's fill colour",
        (RAG,),
    ),
    Mutant(
        "green-fill-too-strict",
        "extract/rag.py",
        '("Green", 66.0, 170.0)',
        '("Green", 66.0, 120.0)',
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
        "ingest/shapes.py",
        "rules.extend(_curve_rules(shape, thin))",
        "rules.extend(())",
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
        r"(?:version|ver\.?|v\.|v(?=\d))",
        r"(?:version|v\.|v(?=\d))",
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
    Mutant(
        "wrapped-header-restarts",
        "extract/stream.py",
        "if columns is None or index <= start or not _bold(lines[start : index + 1]):",
        "if True:",
        "an unruled header's second line is part of it, not a new header",
        (EVIDENCE,),
    ),
    Mutant(
        "lower-case-body-line-is-header",
        "extract/stream.py",
        "(bold or (len(known) >= 4 and _capitalised(texts)))",
        "(bold or len(known) >= 4)",
        "a plain line opening mid-sentence in its cells is not a header",
        (EVIDENCE,),
    ),
    Mutant(
        "repeated-fields-header",
        "extract/stream.py",
        "if len(set(known)) < DISTINCT * len(known):",
        "if False:",
        "a header names different fields, one per column",
        (EVIDENCE,),
    ),
    Mutant(
        "header-needs-a-body-below",
        "extract/header_search.py",
        "if skip + count <= len(rows)  #",
        "if skip + count < len(rows) or (count == 0 and skip <= len(rows))  #",
        "a header printed alone at a page's foot heads the next page's rows",
        (EVIDENCE,),
    ),
    Mutant(
        "late-column-title",
        "extract/header_search.py",
        " or filled[0].col_start != 0:",
        ":",
        "a row carried over a page break in a late column is not a title row",
        (EVIDENCE,),
    ),
    Mutant(
        "keyword-headings-only",
        "extract/sections.py",
        "match = CAPTION.match(text.strip())",
        "match = None",
        'numbered headings between tables whatever their keyword ("Rec 2 – …")',
        (T + "test_mech_sections.py",),
    ),
    Mutant(
        "sheet-words-unsplit",
        "ingest/words.py",
        "for part in cut_run(found, upright)",
        "for part in [found]",
        "words parted at gridlines (a right-aligned date beside the next cell's text)",
        (T + "test_mech_spreadsheet.py",),
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

TRACKING += [
    Mutant(
        "merged-column-unnamed",
        "tracking/planheads.py",
        "(RECOMMENDATION_HEADER.search(cell.header) or named_column)",
        "RECOMMENDATION_HEADER.search(cell.header)",
        "a column merged down over its rows names what the plan answers, whatever its header",
        (T + "test_history_sources.py",),
    ),
]


BATCH = [
    Mutant(
        "source-not-written-with-document",
        "batch/run.py",
        "store.save(outcome, mtime=job.mtime, source=job.source)",
        "store.save(outcome, mtime=job.mtime)",
        "each document written with its source path in one transaction",
        (T + "test_batch_library.py",),
    ),
    Mutant(
        "no-tracking-refresh-in-the-batch",
        "batch/run.py",
        "        refresh_if_changed(store)  # register",
        "        (lambda store: None)(store)  # register",
        "the batch refreshes tracking at the end, as the command always did",
        (T + "test_batch_library.py",),
    ),
    Mutant(
        "sqlite-url-prefix-kept",
        "corpus/sqlite.py",
        "return text[len(PREFIX) :]",
        "return text",
        "sqlite:///FILE and FILE are one store on every command",
        (T + "test_store_urls.py",),
    ),
    Mutant(
        "lost-transaction-not-sent-again",
        "corpus/session.py",
        "self.reconnected(exc.__cause__ or exc)",
        "raise",
        "a transaction lost with its connection is run again whole after reconnecting",
        (T + "test_store_outage.py",),
    ),
]

SETTINGS, REGISTRIES = T + "test_settings.py", T + "test_registries.py"
TIDY, SERVE = T + "test_tidy.py", T + "test_serve.py"

HOUSE = [
    Mutant(
        "extract-settings-ignored",
        "extract/extraction.py",
        "resolved = ExtractSettings.resolve(settings)",
        "resolved = ExtractSettings()",
        "settings passed in: extract_document uses the settings it is given",
        (SETTINGS,),
    ),
    Mutant(
        "limits-ignored",
        "ingest/pdf.py",
        "Limits.resolve(limits)",
        "Limits()",
        "settings passed in: read_document checks the limits it is given",
        (SETTINGS,),
    ),
    Mutant(
        "snapshots-carry-no-actions",
        "councilpapers/vocabularies.py",
        '"any table rating each recommendation: number, wording, rating, progress",\n'
        '        frozenset({"actions", "tracked"}),',
        '"any table rating each recommendation: number, wording, rating, progress",\n'
        '        frozenset({"tracked"}),',
        "table kinds registry: which kinds carry actions",
        (REGISTRIES, T + "test_cli.py"),
    ),
    Mutant(
        "unknown-format-not-a-usage-error",
        "councilpapers/cli_options.py",
        'check_choice(fmt, allowed, "format")',
        "pass",
        "format registry: an unknown --format is a usage error listing the valid ones",
        (REGISTRIES,),
    ),
    Mutant(
        "jsonl-written-as-json",
        "outputs/formats.py",
        "for r in rows.records], lines=True)",
        "for r in rows.records], lines=False)",
        "format registry: each format's own writer",
        (REGISTRIES,),
    ),
    Mutant(
        "register-rag-with-its-version",
        "councilpapers/commands_recs.py",
        '"latest_rag": latest.rag,',
        '"latest_rag": latest.rag_label,',
        "tidy exports: one value per cell in recs -f csv",
        (TIDY,),
    ),
    Mutant(
        "leads-joined",
        "outputs/frames.py",
        '"leads": list(tags.leads),',
        '"leads": ";".join(tags.leads),',
        "tidy exports: a list column is one JSON array",
        (TIDY,),
    ),
    Mutant(
        "column-descriptions-open",
        "outputs/site_meta.py",
        '<details class="column-help">',
        '<details open class="column-help">',
        "serve: results on the first screen, column descriptions closed",
        (SERVE,),
    ),
    Mutant(
        "unrated-version-not-drawn",
        "outputs/rag_chart.py",
        'parts.append(_dot(x, y, hollow, version, "not rated"))',
        "pass",
        "serve: every version on the chart, not rated shown",
        (SERVE,),
    ),
]


LISTS_TEST = (T + "test_inspection_lists.py",)
LISTS = [
    Mutant(
        "punctuation-never-binds",
        "extract/report_lines.py",
        "return closing or opening or lone",
        "return False",
        "touching glyphs joined as printed (children’s, the final stop)",
        LISTS_TEST,
    ),
    Mutant(
        "symbol-bullets-need-a-tab",
        "extract/list_markers.py",
        'return unicodedata.category(text) in ("So", "Sm", "Co", "Po")',
        "return False",
        "a symbol font's bullet found by its shape, a space after it enough",
        LISTS_TEST,
    ),
    Mutant(
        "tables-read-by-line",
        "extract/list_tables.py",
        "    if columns is None:",
        "    if True:",
        "a priority-action table read by column, the responsible body its own field",
        LISTS_TEST,
    ),
    Mutant(
        "rules-ignored",
        "extract/report_lines.py",
        "ruled = any(r.x0 < words[-1].x1 and r.x1 > words[0].x0 for r in near)",
        "ruled = False",
        "a table row's border parts two plain items",
        LISTS_TEST,
    ),
    Mutant(
        "groups-never-explode",
        "extract/list_items.py",
        "if not any(draft.sub_groups):",
        "if True:",
        "grouped sub-items (Immediately: / Within three months:) are the list's items",
        LISTS_TEST,
    ),
    Mutant(
        "page-break-ends-item",
        "extract/list_items.py",
        "            return ended",
        "            return True",
        "an unfinished item carries over a page break",
        LISTS_TEST,
    ),
    Mutant(
        "grade-row-unread",
        "extract/inspection_facts.py",
        "found = _grade(_row_text(lines, index)) or _grade(_after(lines, index))",
        "found = _grade(_after(lines, index))",
        "the overall judgement read across its table row",
        LISTS_TEST,
    ),
]

MUTANTS = EXTRACTION + TAGGING + TRACKING + HOUSE + BATCH + LISTS
