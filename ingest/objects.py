"""Lean page objects: the chars, lines and rects that reading needs, without pdfplumber's full copy.

pdfplumber turns every layout object pdfminer produces into a dict of every attribute it knows,
resolving each one (colour spaces, graphic state, paths). For a text-heavy page that copy costs as
much as parsing the page itself. Reading needs a handful of keys of chars, lines and rects, so
`prime_objects` builds just those, with pdfplumber's own arithmetic (MediaBox offset, top-left
origin, doctop), keeps pdfplumber's full record for everything else (images, curves), and
installs them as the page's object cache; `page.chars`, `page.lines`, `page.rects`, `page.images`,
`page.filter` and `extract_words` then work on them unchanged. `tests/test_objects.py` checks
that every kept key has the value pdfplumber's own parse gives it, with one correction: a char
whose matrix turns it a quarter turn is not upright even when rounding (a cosine of 1e-16) makes
pdfminer call it so, as ModernGov's margin stamps on landscape pages do.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTItem, LTLine, LTRect
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.pdfinternals import resolve_all

Obj = dict[str, Any]


def prime_objects(page: Any) -> None:
    """Parse the page with pdfminer and cache lean chars, lines and rects on the pdfplumber page."""
    objects: dict[str, list[Obj]] = {"char": [], "line": [], "rect": []}
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop = page.initial_doctop
    for obj in _walk(page.layout._objs):
        if isinstance(obj, LTChar):
            kind, attr = "char", _char(obj)
        elif isinstance(obj, LTRect):
            kind, attr = "rect", _rect(obj)
        elif isinstance(obj, LTLine):
            kind, attr = "line", {"object_type": "line"}
        else:  # images, curves, …: rare; pdfplumber's own full record
            whole = page.process_object(obj)
            if whole["object_type"] != "anno":
                objects.setdefault(whole["object_type"], []).append(whole)
            continue
        top = (height - obj.y1) + mb_top
        attr["top"] = top
        attr["bottom"] = (height - obj.y0) + mb_top
        attr["doctop"] = doctop + top
        attr["x0"] = obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0
        attr["x1"] = obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1
        objects[kind].append(attr)
    page._objects = objects


def _walk(items: list[Any]) -> Iterator[LTItem]:
    """Layout objects in pdfplumber's order: containers are descended into, not kept."""
    for obj in items:
        if isinstance(obj, LTContainer):
            yield from _walk(obj._objs)
        else:
            yield obj


def _char(obj: LTChar) -> Obj:
    fontname: Any = obj.fontname
    if isinstance(fontname, bytes):
        fontname = fix_fontname_bytes(fontname)
    return {
        "object_type": "char",
        "text": obj.get_text(),
        "upright": obj.upright and abs(obj.matrix[0]) >= abs(obj.matrix[1]),
        "matrix": obj.matrix,
        "size": obj.size,
        "fontname": fontname,
    }


def _rect(obj: LTCurve) -> Obj:
    return {
        "object_type": "rect",
        "fill": obj.fill,
        "stroke": obj.stroke,
        "non_stroking_color": resolve_all(obj.non_stroking_color),
    }
