"""Word-level differences between two texts, kept as (op, words) runs for any renderer."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from councilpapers.records import DiffOps

TOKEN = re.compile(r"[^\s]+")


def tokens(text: str) -> list[str]:
    """Words; line breaks and runs of spaces count as one space."""
    return TOKEN.findall(text)


def join(words: list[str]) -> str:
    return " ".join(words)


def word_diff(before: str, after: str) -> DiffOps:
    """Runs of kept ("="), removed ("-") and added ("+") words turning `before` into `after`."""
    a, b = tokens(before), tokens(after)
    ops: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", join(b[j1:j2])))
    return tuple(ops)


def added_words(ops: DiffOps) -> int:
    return sum(len(text.split()) for op, text in ops if op == "+")


def changed(ops: DiffOps) -> bool:
    return any(op != "=" for op, _ in ops)
