"""The data dictionary: what each exported or served column means, in one place.

The README's "Data dictionary" tables and the column descriptions `councilpapers serve` shows in
Datasette are both read from here (a test keeps the README in step).
"""

from __future__ import annotations

ACTIONS: dict[str, str] = {
    "doc": "file name of the PDF",
    "table_kind": "`action_plan` or `rag_snapshot`",
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
    "leads": "normalised accountable roles or people, `;`-joined",
    "due_date": "latest deadline named in the timescale, as the last day of that period (ISO)",
    "due_kind": "`date`, `range`, `ongoing`, `immediate` or `unknown`",
    "overdue": "deadline before the plan date and status not completed (blank: unknown)",
    "status_norm": "`completed`, `part_completed`, `ongoing`, `review`, `not_started`, `unknown`",
    "themes": "theme labels (`models/themes.yaml`), `;`-joined",
    "page_first": "first physical (1-based) PDF page the row is printed on",
    "page_last": "last physical (1-based) PDF page the row is printed on",
    "table_index": "position of the table in the document",
    "row_index": "position of the row in its table",
    "doc_sha256": "SHA-256 of the PDF the row came from",
    "other_fields": "JSON object of columns whose header is not in the schema",
    "provenance": "JSON object: field -> [[page, x0, top, x1, bottom], …] in PDF points",
}

SERVED_ACTIONS: dict[str, str] = {
    "themes": "theme labels (models/themes.yaml), a JSON array (one facet value per theme)",
    "leads": "normalised accountable roles or people, a JSON array (one facet value per lead)",
    "source": "link to the PDF page the row is printed on, its cells' boxes highlighted",
}

RECOMMENDATIONS: dict[str, str] = {
    "id": "stable id of the recommendation in the register",
    "number": "its number as the inspection (or the first plan) gives it",
    "text": "its wording",
    "versions": "how many plan versions report on it",
    "latest_version": "the newest plan version that reports on it",
    "latest_rag": "RAG rating in the newest version that gives one",
    "latest_status": "status text in the newest version",
    "page": "link to the recommendation's timeline page",
}

RECOMMENDATION_VERSIONS: dict[str, str] = {
    "recommendation": "register id of the recommendation",
    "number": "its number in the register",
    "plan_version": "the plan version",
    "plan_date": "the plan's date (ISO), when printed",
    "doc": "file name of the plan",
    "section_number": "the recommendation's number in this version (renumbering shows here)",
    "refs": "refs of the rows reporting on it, `;`-joined",
    "rag": "RAG rating in this version",
    "status": "status text in this version",
    "due_dates": "latest deadline of each row, `;`-joined (ISO)",
    "overdue_rows": "how many of its rows were overdue at the plan date",
    "rag_change": "RAG since the previous version: `up`, `down`, `same`, `not reported`",
    "changes": "change summary from the previous version, `;`-joined",
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
    "doc_type": "covering_letter, agenda, minutes, report, appendix, plan, …",
    "first_page": "first physical page of the item",
    "last_page": "last physical page of the item",
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
