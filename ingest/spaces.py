"""The spaces pdfium's text page leaves out, put back where pdfplumber reads them.

pdfium's text page drops a text object that shows only a space (its box has no width), and
collapses a run of spaces to the first. pdfplumber reads every space, and a space ends a word:
where such a space lies between two characters of a line (a run of spaces set over the start
of a number, as a spreadsheet printer pads its cells), the words split there. So a blank text
object becomes one space at its place in the content, and an object of spaces only that pdfium
gave fewer spaces than its width holds gets spaces across that width, a space's advance apart.
"""

from __future__ import annotations

from councilpapers.ingest.pagebox import PageFrame
from councilpapers.ingest.pdfium_fonts import PageFonts
from councilpapers.ingest.pdfium_objects import TextObject
from councilpapers.ingest.pdfium_text import Char, blank_space


def with_spaces(
    chars: list[Char], objects: dict[int, TextObject], frame: PageFrame, fonts: PageFonts
) -> list[Char]:
    """The characters with the left-out spaces back, in content order (`objects`: the page's
    text objects by pdfium handle)."""
    by_object: dict[int, list[Char]] = {}
    for char in chars:
        by_object.setdefault(char.order, []).append(char)
    spaces: list[Char] = []
    for handle, obj in objects.items():
        if obj.blank:
            spaces.append(blank_space(handle, obj, frame, fonts))
            continue
        found = by_object.get(obj.order)
        if found and found[0].upright and all(c.text.isspace() for c in found):
            spaces.extend(_spread(found, frame.box(*obj.box)))
    return sorted(chars + spaces, key=lambda c: c.order) if spaces else chars


def _spread(found: list[Char], box: tuple[float, float, float, float]) -> list[Char]:
    """Spaces across the object's width beyond those pdfium gave, a space's advance apart."""
    first = found[0]
    step = first.x1 - first.x0
    if step <= 0:
        return []
    count = round((box[2] - first.x0) / step)
    return [
        Char(
            " ",
            x0,
            first.top,
            x0 + step,
            first.bottom,
            first.size,
            first.font,
            True,
            False,
            first.order,
        )
        for x0 in (first.x0 + i * step for i in range(len(found), count))
    ]
