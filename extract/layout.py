"""Text layout inside a box: words -> printed lines -> paragraphs.

Printed lines become paragraphs the way a reader sees them: a new paragraph starts at a list marker,
after extra vertical space, or when the line before stopped short although the next line's first
word would have fitted after it. Words the layout broke across lines are closed up: after a hyphen
or slash at the line end, and inside a word too long for its column when the word list
(`wordlist`) says the pieces make one word; a whole word that fills its line keeps its space.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.wordlist import closes_up
from councilpapers.ingest.lines import group_lines
from councilpapers.records import BBox, Word

BULLET_GLYPHS = "•●▪■◦‣∙·\uf0b7\uf0a7\uf076\uf0d8\uf0fc➢►–"
BULLET = re.compile(r"^([" + BULLET_GLYPHS + r"]|o|-|\*|\d{1,2}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\))$")


@dataclass(frozen=True, slots=True)
class Line:
    """A printed line: its words left to right."""

    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words) or (self.bottom - self.top)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def words_in(words: Sequence[Word], box: BBox) -> list[Word]:
    """The words whose centre lies inside the box."""
    x0, top, x1, bottom = box
    found = []
    for w in words:  # the box unpacked once: called for every cell of every page
        left, upper, right, lower = w.bbox
        if x0 <= (left + right) / 2 <= x1 and top <= (upper + lower) / 2 <= bottom:
            found.append(w)
    return found


def to_lines(words: Sequence[Word], settings: ExtractSettings) -> list[Line]:
    """Group words into printed lines by their baseline, top to bottom."""
    tolerance = line_tolerance(words, settings)
    return [Line(tuple(group)) for group in group_lines(words, tolerance)]


def line_tolerance(words: Sequence[Word], settings: ExtractSettings) -> float:
    """How far apart two words' bottoms may be on one printed line: a share of the words'
    median font size (10 pt when no size is known)."""
    sizes = sorted(w.size for w in words if w.size > 0)
    size = sizes[len(sizes) // 2] if sizes else 10.0
    return settings.at(settings.line_tolerance, size)


def paragraphs(
    lines: Sequence[Line],
    settings: ExtractSettings,
    right: float | None = None,
    pitch: float | None = None,
) -> list[str]:
    """Join printed lines into paragraphs.

    `right` is the usable right edge of the text block; `pitch` the baseline-to-baseline step of
    lines inside one paragraph (measured over the whole page by `line_pitch`)."""
    if not lines:
        return []
    limit = right if right is not None else max(line.x1 for line in lines)
    gap = pitch if pitch is not None else line_pitch([lines])
    out: list[str] = [normalise_marker(lines[0].text)]
    for before, after in itertools.pairwise(lines):
        if _starts_paragraph(before, after, limit, gap, settings):
            out.append(normalise_marker(after.text))
        else:
            broken = _broken_word(before, after, limit, settings)
            out[-1] = join_broken(out[-1], after.text, broken)
    return out


def line_pitch(blocks: Sequence[Sequence[Line]]) -> float:
    """The usual step between consecutive lines of one paragraph, over many text blocks.

    Paragraph spacing makes some steps larger; the low end of the distribution is the pitch."""
    steps = sorted(
        b.bottom - a.bottom
        for lines in blocks
        for a, b in itertools.pairwise(lines)
        if b.bottom - a.bottom > 1
    )
    return steps[len(steps) // 10] if steps else 0.0


def _starts_paragraph(
    before: Line, after: Line, limit: float, gap: float, settings: ExtractSettings
) -> bool:
    if starts_with_marker(after.text):
        return True
    if gap and after.bottom - before.bottom > gap * settings.paragraph_gap:
        return True
    if before.text.endswith(("-", "/")) and len(before.words[-1].text) > 1:
        return False
    first = after.words[0]
    room = limit - before.x1
    return room >= before.size * settings.space + (first.x1 - first.x0) + 1.0


def _broken_word(before: Line, after: Line, limit: float, settings: ExtractSettings) -> bool:
    """Was a word too long for its column broken between these lines?

    The line before is one word reaching the right edge (not even one more letter fits), and
    the rest carries on as the word list says one word does ("COMPLETE" / "D"; never
    "Performance" / "and"), or a code broke across the lines, or digits carry on a number ending
    in a point ("1." / "1") or a date broken in a narrow column ("01/0" / "8/20" / "24")."""
    if limit - before.x1 >= before.size * settings.full_line:
        return False
    last, first = before.words[-1].text, after.words[0].text
    if _broken_code(last, first, before.text + " " + after.text):
        return True
    if _NUMERIC.match(last) and _NUMERIC.match(first) and first[:1].isdigit():
        return True  # a date or number broken in a narrow column ("01/0" / "8/20" / "24")
    if len(before.words) != 1:
        return False
    if _NUMBER_HEAD.match(last) and first[:1].isdigit():
        return True  # a hierarchical number broken after its point ("1." / "1")
    return closes_up(last, first)


_NUMBER_HEAD = re.compile(r"^[A-Za-z]{0,3}\d+(\.\d+)*\.$")
_NUMERIC = re.compile(r"^[\d/.-]*\d[\d/.-]*$")


def _shape(token: str) -> str:
    return re.sub(r"[A-Za-z]", "A", re.sub(r"\d", "9", token))


def _broken_code(last: str, first: str, text: str) -> bool:
    """A code the layout broke between lines ("SO1,SO2,SO" / "3,SO4"): the two short pieces
    joined have the letters-and-digits shape of the codes around them, and neither piece alone
    has it."""
    tail, head = re.split(r"[,;/]", last)[-1], re.split(r"[,;/]", first)[0]
    if not tail or not head or len(tail) > 3 or len(head) > 3:
        return False
    codes = re.split(r"[\s,;/]+", text)
    shapes = {_shape(c) for c in codes if c not in (last, first) and c not in (tail, head)}
    shapes = {s for s in shapes if "A" in s and "9" in s}
    joined = _shape(tail + head)
    return joined in shapes and _shape(tail) not in shapes and _shape(head) not in shapes


def join_broken(text: str, more: str, broken_word: bool = False) -> str:
    """Append a wrapped line, closing up words the layout broke."""
    if broken_word or (text.endswith(("-", "/")) and not text.endswith((" -", " /"))):
        return text + more
    return f"{text} {more}"


def starts_with_marker(text: str) -> bool:
    first = text.split(" ", 1)[0]
    if first and first[0] in BULLET_GLYPHS and len(first) > 1 and first[0] not in "–-":
        return True
    return bool(BULLET.match(first)) and " " in text


def normalise_marker(text: str) -> str:
    """Print every bullet glyph as '• ' (numbered and 'o' markers kept as printed)."""
    first, _, rest = text.partition(" ")
    if first and first[0] in BULLET_GLYPHS and first[0] not in "–-":
        rest = f"{first[1:]} {rest}".strip() if len(first) > 1 else rest
        return f"• {rest}"
    return text


def box_text(
    lines: Sequence[Line], box: BBox, settings: ExtractSettings, pitch: float | None = None
) -> str:
    """The paragraphs of a cell's lines, joined by newlines; the cell's padding is mirrored."""
    if not lines:
        return ""
    padding = max(0.0, min(line.x0 for line in lines) - box[0])
    return "\n".join(paragraphs(lines, settings, right=box[2] - padding, pitch=pitch))
