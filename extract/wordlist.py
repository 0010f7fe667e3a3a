"""Is a string an English word? The word list that line joining consults before it closes up a
line break, so that a whole word filling its line is never glued to the next line's first word.

The list is wordfreq's English frequencies (a well-kept package built from many corpora; Zipf
scale: log10 of occurrences per billion words, 0 for an unknown string). A break is closed up
only when the joined form is a word and it is likelier as one word than the two pieces are as two
words side by side: "COMPLETE" / "D" -> "COMPLETED", "AD/H" / "oS" -> "AD/HoS", but "Performance"
/ "and" stays "Performance and" (the joined form is no word) and "can" / "not" never arises (a
short word does not fill its line). Only the letters that meet at the break are looked up: the
end of the last word and the start of the next, cut at any non-letter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

MIN_WORD = 1.5  # a joined form rarer than this (Zipf) is not taken as a word
PER_BILLION = 9.0  # Zipf of a word that occurs every time: adding two Zipfs multiplies chances
_TAIL = re.compile(r"[^\W\d_]+$")
_HEAD = re.compile(r"^[^\W\d_]+")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common the word is (Zipf scale, 0 when unknown), case-blind."""
    return float(zipf_frequency(word.lower(), "en"))


def is_word(text: str) -> bool:
    """Whether a run of letters is a word of the list (at least MIN_WORD common)."""
    return zipf(text) >= MIN_WORD


def closes_up(last: str, first: str) -> bool:
    """Whether the last word of one line and the first word of the next are one word the layout
    broke: the letters meeting at the break, joined, make a word, and that word is likelier than
    the two pieces as two words."""
    tail, head = _TAIL.search(last), _HEAD.search(first)
    if not tail or not head or tail.end() != len(last):
        return False
    joined = tail.group() + head.group()
    if not is_word(joined):
        return False
    return zipf(joined) > zipf(tail.group()) + zipf(head.group()) - PER_BILLION
