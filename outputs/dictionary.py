"""The data dictionary: what each exported or served column means and what one value of it is.

The column descriptions `councilpapers serve` shows in Datasette, and the README's data
dictionary, come from here. Every cell of every export, `-f csv` view and served table holds one
value, of the kind `VALUES` declares for its column (`KINDS` says what each kind allows):
never a value with a qualifier ("Amber (v14)"), two counts in a phrase ("3 open, 1 completed")
or several rows' texts joined. A column that holds several values of one kind (leads, themes,
refs) is a list, written as one JSON array. `tests/test_tidy.py` walks every output and checks
each cell against its column's kind.
"""

from __future__ import annotations

from councilpapers.extract.headers import CANONICAL
from councilpapers.vocabularies import DOC_TYPES, TABLE_KINDS

ACTIONS: dict[str, str] = {
    "doc": "file name of the PDF",
    "table_kind": " or ".join(f"`{kind}`" for kind in TABLE_KINDS.flagged("actions")),
    "plan_version": "version as printed: `14`, `21`, `2023-v4` (version with its year)",
    "plan_date": "plan date (ISO) when the document prints one",
    "section_number": "number of the heading the row sits under (recommendation or objective)",
    "section_title": "wording of the heading the row sits under",
    "section_group": "the area or theme above the heading",
    "ref": "the row's reference as printed in its first column (`1.1.1`, `17.3`)",
    "outcome": "What? / Desired outcome / the recommendation (snapshot)",
    "actions": "How? / Actions",
    "lead": "Who? / Lead, as printed",
    "timescale": "When? / Timescale, as printed",
    "impact": "What difference will it make (impact)",
    "measures": "Success measures / How will we measure",
    "status": "Current status, as printed",
    "progress": "Outcome – report for Q1… / Evidence of progress / snapshot comments",
    "rag": "Red / Amber / Green: the word printed, else the cell's fill colour",
    "rag_meaning": "what the row's RAG colour means in the plan's own key (`On track`), if any",
    "leads": "normalised accountable roles or people, a list (a JSON array in a CSV cell)",
    "due_date": "latest deadline named in the timescale, as the last day of that period (ISO)",
    "due_kind": "`date`, `range`, `ongoing`, `immediate` or `unknown`",
    "overdue": "deadline before the plan date and status not completed (blank: unknown)",
    "status_norm": "`completed`, `part_completed`, `ongoing`, `review`, `not_started`, `unknown`",
    "themes": "theme labels (`models/themes.yaml`), a list (a JSON array in a CSV cell)",
    "page_first": "first physical (1-based) PDF page the row is printed on",
    "page_last": "last physical (1-based) PDF page the row is printed on",
    "table_index": "position of the table in the document",
    "row_index": "position of the row in its table",
    "doc_sha256": "SHA-256 of the PDF the row came from",
    "other_fields": "JSON object of columns whose header is not in the schema",
    "provenance": "JSON object: field -> [[page, x0, top, x1, bottom], …] in PDF points",
}

SERVED_ACTIONS: dict[str, str] = {
    "source": "link to the PDF page the row is printed on, its cells' boxes highlighted",
}

REGISTER: dict[str, str] = {
    "id": "stable id of the recommendation in the register",
    "number": "its number as the inspection (or the first plan) gives it",
    "text": "its wording (sub-items as `• ` lines)",
    "source_kind": "whose list it comes from: `inspection`, `plan` or `decision`",
    "kind": "what the inspection called it: `recommendation`, `priority_action` or "
    "`area_for_improvement` (blank: no inspection report stored for it)",
    "responsible_body": "the body an area SEND table of priority actions names for it",
    "latest_version": "the newest plan version that reports on it",
    "latest_rag": "RAG rating in the newest version that gives one",
    "latest_rag_version": "the plan version that gave `latest_rag`",
    "rows_open": "rows of the newest version not completed",
    "rows_completed": "rows of the newest version completed",
}

RECOMMENDATIONS: dict[str, str] = {
    **REGISTER,
    "versions": "how many plan versions report on it",
    "page": "link to the recommendation's timeline page",
}

RECOMMENDATION_VERSIONS: dict[str, str] = {
    "recommendation": "register id of the recommendation",
    "number": "its number in the register",
    "plan_version": "the plan version",
    "plan_date": "the plan's date (ISO), when printed",
    "doc": "file name of the plan",
    "section_number": "the recommendation's number in this version (renumbering shows here)",
    "refs": "refs of the rows reporting on it, a list",
    "rag": "RAG rating in this version",
    "rows_open": "its rows in this version not completed",
    "rows_completed": "its rows in this version completed",
    "due_dates": "latest deadline of each row (ISO), a list",
    "overdue_rows": "how many of its rows were overdue at the plan date",
    "rag_change": "RAG since the previous version: `up`, `down`, `same`, `not reported`",
    "changes": "change summary from the previous version, a list",
}

RECOMMENDATION_ROWS: dict[str, str] = {
    "recommendation": "register id of the recommendation",
    "plan_version": "the plan version",
    "doc": "file name of the plan",
    "ref": "the row's ref in this version",
    "part": "the part of the plan it is printed in (`outstanding`, `completed`), if any",
    "status": "the row's status as printed",
    "status_norm": "`completed`, `part_completed`, `ongoing`, `review`, `not_started`, `unknown`",
    "completed": "1 when the row is completed",
    "timescale": "the row's timescale as printed",
    "due_date": "latest deadline named in the timescale (ISO)",
    "due_kind": "`date`, `range`, `ongoing`, `immediate` or `unknown`",
    "overdue": "deadline before the version's reference date and not completed (blank: unknown)",
    "latest": "1 in the newest version that reports on the recommendation: its latest status",
}

HISTORY_ROWS: dict[str, str] = {
    "rec_id": "register id of the recommendation",
    "plan_version": "the plan version",
    "plan_date": "the plan's date (ISO), when printed",
    "doc": "file name of the plan",
    "section": "the recommendation's number in this version",
    "rag": "RAG rating in this version",
    "ref": "the row's ref in this version",
    "part": "the part of the plan it is printed in, if any",
    "status": "the row's status as printed (its lines joined by ` / `)",
    "timescale": "the row's timescale as printed",
    "due_date": "latest deadline named in the timescale (ISO)",
    "overdue": "deadline before the reference date and not completed (blank: unknown)",
    "reference_date": "the date overdue was judged against (ISO)",
    "reference_kind": "what that date is: `plan date` or `meeting date`",
}

ROW_CHANGES: dict[str, str] = {
    "recommendation": "register id of the recommendation",
    "plan_version": "the plan version the change was seen in",
    "from_version": "the version it is compared with",
    "ref": "the row's ref in this version",
    "change": "`deadline_pushed_back`, `repeated_unchanged`, `moved_to_completed` or `added`",
    "deadline_from": "the earlier deadline (ISO), for a deadline pushed back",
    "deadline_to": "the later deadline (ISO), for a deadline pushed back",
    "explained": "1 when the progress text gives a reason for the new deadline",
}

DOCUMENTS: dict[str, str] = {
    "doc": "file name of the PDF",
    "pages": "physical pages",
    "pages_ocr": "pages read by OCR",
    "pages_no_text": "pages with no usable text",
    "committee": "committee named on the front sheet",
    "meeting_date": "meeting date (ISO)",
    "inspection_judgement": "an inspection report's overall judgement: `outstanding`, `good`, "
    "`requires_improvement`, `adequate`, `inadequate`; area SEND: `positive`, `inconsistent`, "
    "`systemic_failings`",
    "inspection_first_day": "first day of the inspection (ISO)",
    "inspection_last_day": "last day of the inspection (ISO)",
    "items": "pack items found",
    "path": "where the file was when it was imported",
    "imported_at": "when it was imported (UTC, ISO)",
    "doc_sha256": "SHA-256 of the PDF",
}

ITEMS: dict[str, str] = {
    "doc": "file name of the pack",
    "item_index": "position of the item in the pack",
    "agenda_item": "agenda item number as stamped",
    "title": "item title",
    "doc_type": ", ".join(DOC_TYPES.names),
    "first_page": "first physical page of the item",
    "last_page": "last physical page of the item",
    "evidence": "what started the item: a heading, a stamp, a blank padding page, a new first page",
    "plan_version": "plan version, when the item is a plan",
    "plan_date": "plan date, when the item is a plan",
    "doc_sha256": "SHA-256 of the pack",
}

PAGE_SIZES: dict[str, str] = {
    "doc_sha256": "SHA-256 of the PDF",
    "number": "physical page number (1-based)",
    "width": "page width in PDF points",
    "height": "page height in PDF points",
}

STATUS_VIEW: dict[str, str] = {
    "what": "what is counted (files by outcome, documents, tables, rows …)",
    "count": "how many",
}

# fmt: off
KINDS: dict[str, str] = {
    "number": "one number",
    "date": "one ISO date (yyyy-mm-dd)",
    "datetime": "one ISO date and time",
    "flag": "true or false (1 or 0; blank: unknown)",
    "code": "one token with no spaces: an id, a version, a hash, a rating, a kind",
    "label": "one of the values the column's description lists",
    "list": "several values of one kind: a JSON array (a list in JSON and Parquet)",
    "object": "one JSON object",
    "link": "one URL",
    "text": "one piece of text: a cell as printed, a title, a name or a path",
}

VALUES: dict[str, str] = {
    **dict.fromkeys(
        (
            "number", "count", "pages", "pages_ocr", "pages_no_text", "items", "item_index",
            "first_page", "last_page", "page_first", "page_last", "table_index", "row_index",
            "versions", "rows_open", "rows_completed", "overdue_rows", "width", "height",
        ),
        "number",
    ),
    **dict.fromkeys(
        (
            "plan_date", "due_date", "meeting_date", "inspection_date", "reference_date",
            "deadline_from", "deadline_to", "inspection_first_day", "inspection_last_day",
        ),
        "date",
    ),
    "imported_at": "datetime",
    **dict.fromkeys(("overdue", "explained", "completed", "latest"), "flag"),
    **dict.fromkeys(
        (
            "id", "rec_id", "recommendation", "plan_version", "from_version", "latest_version",
            "latest_rag_version", "latest_rag", "doc_sha256", "agenda_item",
        ),
        "code",
    ),
    **dict.fromkeys(
        (
            "table_kind", "due_kind", "status_norm", "source_kind", "doc_type", "change",
            "rag_change", "reference_kind", "kind", "inspection_judgement",
        ),
        "label",
    ),
    **dict.fromkeys(("leads", "themes", "refs", "due_dates", "changes"), "list"),
    **dict.fromkeys(("other_fields", "provenance"), "object"),
    "page": "link",
    **dict.fromkeys(
        (
            "doc", "source", "path", "text", "title", "committee", "what", "section",
            "section_number", "section_title", "section_group", "ref", "part", "rag", "status",
            "timescale", "page_stamp_first", "page_stamp_last", "plan_title", "inspection_body",
            "evidence", "responsible_body", "rag_meaning", *CANONICAL,
        ),
        "text",
    ),
}
# fmt: on
