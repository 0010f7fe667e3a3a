"""Officers' corrections to alignment, kept in a small YAML file that every run honours.

```yaml
sections:                      # link a plan heading to a register entry
  - plan_version: "21"
    section: "15"              # the number as printed
    title: "The Chief Executive"   # optional: start of the heading, when numbers repeat
    recommendation: improvement-action-plan:1   # an id, a number in the plan's register, or null
rows:                          # move a single row
  - plan_version: "21"
    ref: "16.1"
    page: 56                   # optional: the row's first page, when refs repeat
    recommendation: improvement-action-plan:2
```
`scope:` may be added to any entry when the store holds more than one plan family. `null` means
"answers no recommendation". `write_links` writes the current links in this format to edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from councilpapers.errors import UsageError
from councilpapers.records import PlanRow, PlanSection
from councilpapers.tracking.planheads import row_ref
from councilpapers.tracking.similarity import normalise

if TYPE_CHECKING:
    from councilpapers.tracking.align import Alignment
    from councilpapers.tracking.register import Register


@dataclass(frozen=True, slots=True)
class Override:
    """One correction: which section or row, and the entry it answers (None: none)."""

    plan_version: str
    recommendation: str | int | None
    section: str | None = None
    title: str | None = None
    ref: str | None = None
    page: int | None = None
    scope: str | None = None

    def target(self, scope: str, register: Register) -> str | None:
        rec = self.recommendation
        if rec is None:
            return None
        rec_id = f"{scope}:{rec}" if isinstance(rec, int) or str(rec).isdigit() else str(rec)
        if rec_id not in register.entries and not rec_id.startswith(f"{scope}:v"):
            raise UsageError(
                f"links file: no recommendation {rec!r} in the register of "
                f"{scope} (see `councilpapers recs`)"
            )
        return rec_id


@dataclass(frozen=True, slots=True)
class Decision:
    recommendation: str | None


@dataclass(slots=True)
class Overrides:
    sections: list[Override] = field(default_factory=list)
    rows: list[Override] = field(default_factory=list)
    text: str | None = None  # the links file as written, kept in the store by a refresh

    def section(self, section: PlanSection, register: Register) -> Decision | None:
        for item in self.sections:
            if (
                _same_plan(item, section)
                and item.section == section.number
                and (not item.title or normalise(section.title).startswith(normalise(item.title)))
            ):
                return Decision(item.target(section.scope, register))
        return None

    def row(self, section: PlanSection, plan_row: PlanRow, register: Register) -> Decision | None:
        for item in self.rows:
            if (
                _same_plan(item, section)
                and item.ref == row_ref(plan_row.row)
                and item.page in (None, plan_row.row.page_first)
            ):
                return Decision(item.target(section.scope, register))
        return None


def _same_plan(item: Override, section: PlanSection) -> bool:
    return item.plan_version == section.plan_version and item.scope in (None, section.scope)


def load_overrides(path: str | Path | None) -> Overrides:
    """Read a links file; a missing path gives no overrides. Bad files raise UsageError."""
    if path is None:
        return Overrides()
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"links file {path} not found (write one with `recs --write-links`)")
    return overrides_from_text(path.read_text(encoding="utf-8"), str(path))


def overrides_from_text(text: str | None, name: str) -> Overrides:
    """Parse a links file's text (None: no overrides); `name` says where it came from."""
    if text is None:
        return Overrides()
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"links file {name}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise UsageError(f"links file {name}: expected `sections:` and/or `rows:` lists")
    return Overrides(
        [_item(name, x, "section") for x in data.get("sections") or []],
        [_item(name, x, "ref") for x in data.get("rows") or []],
        text,
    )


def _item(path: str, raw: Any, key: str) -> Override:
    if (
        not isinstance(raw, dict)
        or "plan_version" not in raw
        or key not in raw
        or "recommendation" not in raw
    ):
        raise UsageError(
            f"links file {path}: each entry needs plan_version, {key} and recommendation: {raw!r}"
        )
    page = raw.get("page")
    return Override(
        str(raw["plan_version"]),
        raw["recommendation"],
        section=str(raw["section"]) if raw.get("section") is not None else None,
        title=raw.get("title"),
        ref=str(raw["ref"]) if "ref" in raw else None,
        page=int(page) if page is not None else None,
        scope=raw.get("scope"),
    )


def write_links(alignment: Alignment, path: str | Path) -> Path:
    """Write every section link as an editable links file (weakest first in a comment)."""
    entries = []
    for link in alignment.sections:
        entries.append(
            {
                "scope": link.scope,
                "plan_version": link.plan_version,
                "section": link.section_number,
                "title": link.section_title[:60],
                "recommendation": link.recommendation,
                "confidence": link.confidence,
                "method": link.method,
            }
        )
    path = Path(path)
    header = (
        "# Recommendation links: edit `recommendation` (an id, or null) and pass this file\n"
        "# with --links; `confidence` and `method` are for information only.\n"
    )
    path.write_text(
        header
        + yaml.safe_dump(
            {"sections": entries, "rows": []}, sort_keys=False, allow_unicode=True, width=100
        ),
        encoding="utf-8",
    )
    return path
