"""Where one document of a pack ends and the next begins, read from the layout of two pages.

A pack is many documents printed one after another; nothing but the pages themselves says where
each begins. This room holds the layout evidence, each piece named so an item can say what
started it:
- hard evidence, which always starts a document: the page after a blank padding page ("This page
  is intentionally left blank"), a page titled "Appendix N", a document's own "Page 1 of N"
  restarting, a change of page size or orientation together with any soft signal (alone, a
  change of size is as likely a wide table inside a report);
- soft evidence, weighed together (`start_score`): the running header/footer changes, the page
  before ends short, the page opens with a heading or a letter, the body font size, the body
  font family (from `Word.font`) or the left margin changes. Soft evidence only cuts where the
  report's list of appendices expects more documents than the hard evidence found.
"""

from __future__ import annotations

import re

from councilpapers.ingest.pageview import PageView

APPENDIX_TITLE = re.compile(r"^appendix\s+(?:\d{1,2}|[A-Z])\b", re.IGNORECASE)
SIZE_SLACK = 2.0  # points: page sizes closer than this are one size
FONT_SLACK = 1.0  # points: a body font size change of at least this is a new body font
MARGIN_SLACK = 18.0  # points: a left margin moved by at least this is a new layout
JUMP = 1.5  # a body font this many times larger or smaller is as strong as two signals
STRONG = 2  # a soft score from which a page may start a new document


def hard_start(before: PageView, page: PageView, short: float) -> str | None:
    """The evidence that `page` starts a new document whatever else is known, or None."""
    if page.padding:
        return None
    if before.padding:
        return "after a blank page"
    if page.lines and APPENDIX_TITLE.match(page.lines[0]):
        return "appendix title"
    if _restarts(before, page):
        return "page 1 of N restarts"
    changed = _geometry(before, page)
    if changed:
        signals = _soft(before, page, short)
        if signals:
            return f"{changed} ({', '.join(name for _, name in signals)})"
    return None


def _geometry(before: PageView, page: PageView) -> str | None:
    if before.landscape != page.landscape:
        return "orientation change"
    if _resized(before, page):
        return "page size change"
    return None


def _resized(before: PageView, page: PageView) -> bool:
    if not before.size[0] or not page.size[0]:
        return False
    return any(abs(a - b) >= SIZE_SLACK for a, b in zip(before.size, page.size, strict=True))


def _restarts(before: PageView, page: PageView) -> bool:
    return page.own_page is not None and page.own_page[0] == 1 and before.own_page != page.own_page


def start_score(before: PageView, page: PageView, short: float) -> tuple[int, str]:
    """How strongly the layout says a new document starts on `page`, and the signals seen (a page
    whose text ends above `short` of its height ends a document)."""
    changed = _geometry(before, page)
    signals = [(2, changed)] if changed else []
    signals.extend(_soft(before, page, short))
    return sum(s for s, _ in signals), ", ".join(name for _, name in signals)


def _soft(before: PageView, page: PageView, short: float) -> list[tuple[int, str]]:
    """The soft signals of a new document on `page`, each with its weight."""
    signals: list[tuple[int, str]] = []
    if before.running and page.running != before.running:
        signals.append((2, "running header changes"))
    elif page.running and not before.running:
        signals.append((1, "running header starts"))
    if before.fullness < short:
        signals.append((1, "short page before"))
    if page.letter_start:
        signals.append((1, "letter"))
    elif page.heading_start:
        signals.append((1, "heading"))
    sizes = sorted((before.body_size, page.body_size))
    if sizes[0] and sizes[1] - sizes[0] >= FONT_SLACK:
        signals.append((2 if sizes[1] >= JUMP * sizes[0] else 1, "body font change"))
    if before.body_font and page.body_font and before.body_font != page.body_font:
        signals.append((1, "font family change"))
    if before.left and page.left and abs(before.left - page.left) >= MARGIN_SLACK:
        signals.append((1, "margin change"))
    return signals
