"""What Datasette is told about the served tables: descriptions, facets, search, canned queries.

The canned queries are the questions a scrutiny officer asks of an improvement plan; each is plain
SQL over the tables `outputs.site_db` builds, so its results have the usual CSV and JSON links.

A table's page opens on its results: the column descriptions sit in a closed "What the columns
mean" block under the table's one-line description (`description_html`), and Datasette's own
open list of them is hidden by the site's style sheet (`STYLE`, served by the plugin). They are
still given to Datasette as `columns`, for each column's menu.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from councilpapers.outputs import dictionary

DATABASE = "council"

QUERIES: dict[str, dict[str, str]] = {
    "overdue_by_lead": {
        "title": "Overdue actions by lead",
        "description": "Action rows past their deadline at the plan date and not completed.",
        "sql": (
            "SELECT coalesce(lead.value, '(no lead)') AS lead, COUNT(*) AS overdue "
            "FROM actions LEFT JOIN json_each(actions.leads) AS lead "
            "WHERE actions.overdue = 1 GROUP BY 1 ORDER BY overdue DESC, lead"
        ),
    },
    "deadlines_pushed_back_unexplained": {
        "title": "Deadlines pushed back without explanation",
        "description": "A later version moved the deadline and its progress text gives no reason.",
        "sql": (
            "SELECT recommendation, from_version, plan_version, ref, deadline_from, deadline_to "
            "FROM row_changes WHERE change = 'deadline_pushed_back' AND explained = 0 "
            "ORDER BY recommendation, plan_version, ref"
        ),
    },
    "progress_repeated_unchanged": {
        "title": "Progress text repeated unchanged across versions",
        "description": "Rows whose status and progress text are word for word the previous "
        "version's.",
        "sql": (
            "SELECT recommendation, from_version, plan_version, ref FROM row_changes "
            "WHERE change = 'repeated_unchanged' ORDER BY recommendation, plan_version, ref"
        ),
    },
    "rag_went_down": {
        "title": "Recommendations whose RAG went down",
        "description": "The rating in a version is worse than in the version before it.",
        "sql": (
            "SELECT v.recommendation, v.number, r.text, v.plan_version, v.rag, v.changes "
            "FROM recommendation_versions v JOIN recommendations r ON r.id = v.recommendation "
            "WHERE v.rag_change = 'down' ORDER BY v.recommendation, v.plan_version"
        ),
    },
    "no_lead_or_date": {
        "title": "Actions with no lead or no date",
        "description": "Action rows that name nobody accountable or no deadline.",
        "sql": (
            "SELECT doc, plan_version, ref, actions, lead, timescale, source FROM actions "
            "WHERE table_kind = 'action_plan' AND (coalesce(lead, '') = '' "
            "OR due_kind = 'unknown') ORDER BY doc, table_index, row_index"
        ),
    },
}

ARRAY_COLUMNS = ("themes", "leads", "changes")  # JSON arrays: a facet counts each value once
FACETS: dict[str, list[str]] = {
    "actions": ["themes", "leads", "status_norm", "overdue", "plan_version", "doc"],
    "recommendation_versions": ["plan_version", "rag", "rag_change", "changes"],
    "recommendation_rows": ["latest", "status_norm", "overdue", "plan_version"],
    "recommendations": ["latest_rag", "source_kind"],
    "items": ["doc_type", "doc"],
}

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "actions": (
        "One row per action-plan or RAG-snapshot row: the `export actions` columns.",
        {**dictionary.ACTIONS, **dictionary.SERVED_ACTIONS},
    ),
    "recommendations": ("The recommendation register: latest RAG, rows open and completed.", {}),
    "recommendation_versions": ("One row per recommendation and plan version.", {}),
    "recommendation_rows": (
        "One row per plan row, version and recommendation: each row's status (latest = 1: the "
        "newest version's).",
        dictionary.RECOMMENDATION_ROWS,
    ),
    "row_changes": ("What changed in each row between versions.", dictionary.ROW_CHANGES),
    "documents": ("Every stored document.", dictionary.DOCUMENTS),
    "items": ("The items of each committee pack.", dictionary.ITEMS),
    "page_sizes": ("Page sizes, for placing highlights.", dictionary.PAGE_SIZES),
}


STYLE = """
dl.column-descriptions{display:none}
details.column-help{margin:4px 0 10px}details.column-help summary{cursor:pointer;color:#276890}
details.column-help dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0}
details.column-help dt{font-weight:600}details.column-help dd{margin:0;color:#444}
.facet-results .facet-info{width:185px;margin-right:10px}
"""


def _described(description: str, columns: dict[str, str]) -> str:
    """The table's description, then its columns' in a closed block."""
    rows = "".join(f"<dt>{escape(c)}</dt><dd>{escape(text)}</dd>" for c, text in columns.items())
    return (
        f'<p>{escape(description)}</p><details class="column-help"><summary>What the '
        f"columns mean ({len(columns)})</summary><dl>{rows}</dl></details>"
    )


def metadata(title: str) -> dict[str, Any]:
    """Datasette metadata for the served database."""
    tables: dict[str, Any] = {}
    columns = {
        "recommendations": dictionary.RECOMMENDATIONS,
        "recommendation_versions": dictionary.RECOMMENDATION_VERSIONS,
    }
    for name, (description, cols) in TABLES.items():
        described = {c: text.replace("`", "") for c, text in (cols or columns[name]).items()}
        tables[name] = {
            "description_html": _described(description.replace("`", ""), described),
            "columns": described,
        }
        if name in FACETS:
            tables[name]["facets"] = [
                {"array": c} if c in ARRAY_COLUMNS else c for c in FACETS[name]
            ]
        if name in ("actions", "recommendations"):
            tables[name] |= {"fts_table": f"{name}_fts", "fts_pk": "rowid"}
    return {
        "title": title,
        "description": "Council papers turned into data by councilpapers: read only.",
        "databases": {DATABASE: {"tables": tables, "queries": QUERIES}},
        "plugins": {},
    }
