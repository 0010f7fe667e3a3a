"""The README's lists of formats and kinds, made from the registries so they cannot drift.

Each list sits in the README between `<!-- NAME -->` and `<!-- /NAME -->` markers;
`render(readme)` returns the README with every block made afresh from `outputs/formats.py` and
`councilpapers/vocabularies.py`. `tests/test_registries.py` fails when the README differs, and
rewrites it when run with `UPDATE_GOLDEN=1`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from councilpapers.outputs.formats import REGISTRY
from councilpapers.vocabularies import (
    DOC_TYPES,
    REC_KINDS,
    SOURCE_KINDS,
    TABLE_KINDS,
    Vocabulary,
)

USES = {"print": "printed by `status`, `query`, `recs`", "export": "written by `export …`"}


def formats_table() -> str:
    """Every format: its name, extensions, where it is offered and what it is."""
    lines = ["| format | extensions | offered by | what it is |", "| --- | --- | --- | --- |"]
    for found in REGISTRY:
        where = [USES[use] for use in ("print", "export") if use in found.uses]
        if "history" in found.uses:
            where.append("`history`")
        extensions = ", ".join(f"`.{e}`" for e in found.extensions) or "(terminal only)"
        lines.append(
            f"| `{found.name}` | {extensions} | {'; '.join(where)} | {found.description} |"
        )
    return "\n".join(lines)


def vocabulary_list(vocabulary: Vocabulary, notes: dict[str, str]) -> str:
    """One line per term: `name`: description, and what its flags make the code do."""
    lines = []
    for term in vocabulary:
        said = [notes[flag] for flag in sorted(term.flags) if flag in notes]
        extra = f" ({'; '.join(said)})" if said else ""
        lines.append(f"- `{term.name}`: {term.description}{extra}")
    return "\n".join(lines)


BLOCKS: dict[str, Callable[[], str]] = {
    "formats": formats_table,
    "table-kinds": lambda: vocabulary_list(
        TABLE_KINDS,
        {"actions": "tagged, and in `export actions`", "tracked": "read by tracking"},
    ),
    "document-types": lambda: vocabulary_list(
        DOC_TYPES,
        {
            "front": "its first pages may name the meeting",
            "inspectorate": "an inspection's own: its lists are the inspection's, its tables "
            "rate no plan",
        },
    ),
    "recommendation-kinds": lambda: vocabulary_list(
        SOURCE_KINDS, {"default": "shown by `recs` unless `--kind` says otherwise"}
    ),
    "item-kinds": lambda: vocabulary_list(REC_KINDS, {"priority": "told apart in `recs`"}),
}


def _filler(block: str) -> Callable[[re.Match[str]], str]:
    """What re.sub puts in a block: its markers around the fresh text."""
    return lambda match: match.group(1) + block + "\n" + match.group(2)


def render(readme: str) -> str:
    """The README with every generated block made afresh (a missing marker is an error)."""
    for name, make in BLOCKS.items():
        pattern = re.compile(rf"(<!-- {name} -->\n)(?:.*?\n)?(<!-- /{name} -->)", re.DOTALL)
        if not pattern.search(readme):
            raise ValueError(f"README has no <!-- {name} --> … <!-- /{name} --> block")
        readme = pattern.sub(_filler(make()), readme)
    return readme
