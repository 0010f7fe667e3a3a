"""Font facts as pdfminer takes them: descents, and names with their subset tags.

pdfminer boxes a character from `descent × size` below the baseline, the descent coming from the
font's descriptor (Adobe's metrics for the standard fonts; the font box for Type 3 fonts). pdfium
knows the descriptor too but, where it gives 0 for both ascent and descent (as LibreOffice
writes them), guesses a descent from the glyphs; and it drops a simple font's subset tag
(`ABCDEF+`) from its name, where pdfplumber's words end at a change of tagged name. So these come
from pdfminer itself: its parser reads the page tree and the font dictionaries (not the content
streams: cheap), and its own font classes say the descent. Per page, `FontFacts` gives descents
by name (as written, and for a simple font without its tag, the name pdfium reports) and each
simple font's tagged name by its untagged one (where only one font on the page has it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUBSET = re.compile(r"^[A-Z]{6}\+")
MAX_DEPTH = 16  # form XObjects nested deeper are not followed


@dataclass(frozen=True, slots=True)
class FontFacts:
    """One page's fonts: descent (a share of the size) by name, and tagged name by untagged."""

    descents: dict[str, float] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


logging.getLogger("pdfminer").setLevel(logging.ERROR)


def font_name(name: str) -> str:
    """A font's name without its subset tag."""
    return SUBSET.sub("", name)


def page_fonts(path: Path) -> list[FontFacts]:
    """Per page, the facts of each font its content (and its forms) can use. An empty list when
    pdfminer cannot read the page tree: pdfium's own metrics and names then stand."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        with path.open("rb") as handle:
            document = PDFDocument(PDFParser(handle))
            manager = PDFResourceManager(caching=True)
            return [_facts(page.resources, manager) for page in PDFPage.create_pages(document)]
    except Exception:  # the font metrics are a refinement: any failure leaves pdfium's
        return []


def _facts(resources: Any, manager: Any) -> FontFacts:
    """Descent by font name: under the BaseFont as written (subset tag and all) and, for a
    simple font, without its subset tag (the name pdfium gives it); for a composite (Type0)
    font, under its descendant's BaseFont as written (pdfium's name for it keeps the tag)."""
    facts = FontFacts()
    tagged: dict[str, set[str]] = {}
    for objid, spec in _fonts(resources, 0, set()):
        try:
            descent = float(manager.get_font(objid, spec).get_descent())
        except Exception:
            continue
        name = _name(spec.get("BaseFont"))
        facts.descents[name] = descent
        descendants = _resolve(spec.get("DescendantFonts"))
        if isinstance(descendants, list) and descendants:
            inner = _resolve(descendants[0])
            if isinstance(inner, dict):
                facts.descents[_name(inner.get("BaseFont"))] = descent
        else:
            facts.descents.setdefault(font_name(name), descent)
            tagged.setdefault(font_name(name), set()).add(name)
    facts.names.update({bare: next(iter(full)) for bare, full in tagged.items() if len(full) == 1})
    return facts


def _name(value: Any) -> str:
    return str(getattr(_resolve(value), "name", value) or "")


def _resolve(value: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(value)


def _fonts(resources: Any, depth: int, seen: set[int]) -> Iterator[tuple[Any, Mapping[str, Any]]]:
    """(object id, font dictionary) of every font in these resources and their forms'."""
    from pdfminer.pdftypes import resolve1

    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > MAX_DEPTH:
        return
    fonts = resolve1(resources.get("Font"))
    for ref in (fonts or {}).values() if isinstance(fonts, dict) else ():
        spec = resolve1(ref)
        if isinstance(spec, dict):
            yield getattr(ref, "objid", None), spec
    objects = resolve1(resources.get("XObject"))
    for ref in (objects or {}).values() if isinstance(objects, dict) else ():
        objid = getattr(ref, "objid", None)
        if objid in seen:
            continue
        if objid is not None:
            seen.add(objid)
        stream = resolve1(ref)
        attrs = getattr(stream, "attrs", None)
        if isinstance(attrs, dict) and "Resources" in attrs:
            yield from _fonts(attrs["Resources"], depth + 1, seen)
