"""Find each accountable role, team or person in a lead cell and normalise it.

The ``entity_ruler`` (patterns from ``models/lead_patterns.jsonl`` and ``models/gazetteer.yaml``)
marks
roles and abbreviations as ROLE entities whose ``ent_id_`` is the printed name. The ``lead_finder``
component then cuts the cell into leads (rules in ``models/gazetteer.yaml``) and writes them, with
each
entity replaced by its printed name and the words around it (the service) kept, to ``doc._.leads``.
Unknown roles pass through as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from councilpapers.nlp.resources import read_jsonl, read_yaml

if TYPE_CHECKING:
    from councilpapers.nlp.lead_split import LeadSplitter

HARD_BREAKS = {",", ";", "(", ")", "’", "'", "‘"}
SOFT_BREAKS = {"/", "and", "&", "–", "—"}
AFTER_ROLE_BREAKS = {"and", "&", "/"}
PHRASE_BREAKS = (("supported", "by"), ("in", "conjunction", "with"))
DROP_PIECES = {"tbc", "the"}
LIST_JOINTS = {"and", "&"}
TITLE_TAIL_WORDS = 6  # the service after a comma in a job title is a few words
_TAIL_CUT = re.compile(r"\s+(?:to|when)\s+\w.*$", re.IGNORECASE)

if not Doc.has_extension("leads"):
    Doc.set_extension("leads", default=())


def ruler_patterns(keep_role: Callable[[str], bool] | None = None) -> list[dict[str, Any]]:
    """EntityRuler patterns: the JSONL token patterns, then gazetteer abbreviations and roles
    (only the roles `keep_role` keeps, when given: a gazetteer with some wordings held out)."""
    gazetteer = read_yaml("gazetteer.yaml")
    patterns: list[dict[str, Any]] = read_jsonl("lead_patterns.jsonl")
    for short, name in gazetteer["abbreviations"].items():
        patterns.append({"label": "ROLE", "pattern": [{"ORTH": short}], "id": name})
    for short, name in gazetteer["qualifiers"].items():
        patterns.append({"label": "QUAL", "pattern": [{"ORTH": short}], "id": name})
    for name in gazetteer["roles"]:
        if keep_role is not None and not keep_role(name):
            continue
        words = [{"LOWER": w.lower()} for w in name.split()]
        patterns.append({"label": "ROLE", "pattern": words, "id": name})
    return patterns


def _breaks_at(doc: Doc, i: int) -> int:
    """How many tokens a hard break starting at token i spans (0 when none)."""
    tok = doc[i]
    if (tok.is_space and "\n" in tok.text) or tok.text in HARD_BREAKS:
        return 1
    for phrase in PHRASE_BREAKS:
        words = [t.lower_ for t in doc[i : i + len(phrase)]]
        if tuple(words) == phrase:
            return len(phrase)
    return 0


def _hard_pieces(doc: Doc) -> list[TokenSpan]:
    """The cell cut at hard breaks; a job title holding a comma is kept whole (`_comma_title`)."""
    pieces: list[tuple[TokenSpan, str]] = []  # each piece and the break text that ends it
    start = i = 0
    while i < len(doc):
        width = _breaks_at(doc, i)
        if width:
            pieces.append((doc[start:i], doc[i].text))
            start = i = i + width
        else:
            i += 1
    pieces.append((doc[start:], ""))
    kept = [(p, b) for p, b in pieces if p.text.strip()]
    out: list[TokenSpan] = []
    for index, (piece, _) in enumerate(kept):
        joined = out and _comma_title(kept, index - 1)
        out.append(doc[out.pop().start : piece.end] if joined else piece)
    return out


def _comma_title(pieces: list[tuple[TokenSpan, str]], index: int) -> bool:
    """Whether pieces[index] and the next, split by a comma, are one job title ("Head of
    Service, Children in Care"): a role printed without its service, then a service that is no
    role or person of its own, and not a list ("A, B, C" or "A, B and C" is a list)."""
    before, ended = pieces[index]
    after, closes = pieces[index + 1]
    opened = pieces[index - 1][1] if index > 0 else ""
    words = [t for t in after if not t.is_punct]
    return (
        ended == ","
        and "," not in (opened, closes)
        and _ends_role(before.doc, before.end - 1)
        and 1 <= len(words) <= TITLE_TAIL_WORDS
        and words[0].text[:1].isupper()
        and not _starts_lead(after)
        and not any(t.lower_ in LIST_JOINTS for t in after)
    )


@cache
def _not_names() -> frozenset[str]:
    return frozenset(read_yaml("gazetteer.yaml")["not_names"])


def _looks_like_person(span: TokenSpan) -> bool:
    words = [t for t in span if not t.is_punct]
    return (
        2 <= len(words) <= 3
        and all(t.is_title and t.is_alpha and not t.ent_type_ for t in words)
        and not any(t.lower_ in _not_names() for t in words)
    )


def _starts_lead(span: TokenSpan) -> bool:
    """Whether a span after "/", "and" or "&" is a lead of its own."""
    return any(t.ent_type_ == "ROLE" for t in span) or _looks_like_person(span)


def _ends_role(doc: Doc, i: int) -> bool:
    """Whether token i closes a ROLE entity (a role printed without a service)."""
    return (
        i >= 0 and doc[i].ent_type_ == "ROLE" and (i + 1 >= len(doc) or doc[i + 1].ent_iob_ != "I")
    )


def _soft_pieces(piece: TokenSpan) -> list[TokenSpan]:
    """Split a piece at "/", "and", "&", "–" where what follows (to the next one) is a lead."""
    doc = piece.doc
    cuts = [t.i for t in piece if t.lower_ in SOFT_BREAKS and not t.ent_type_]
    out: list[TokenSpan] = []
    start = piece.start
    for n, cut in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else piece.end
        following = doc[cut + 1 : end]
        after_role = doc[cut].lower_ in AFTER_ROLE_BREAKS and _ends_role(doc, cut - 1)
        if cut > start and following.text.strip() and (after_role or _starts_lead(following)):
            out.append(piece.doc[start:cut])
            start = cut + 1
    out.append(piece.doc[start : piece.end])
    return out


def render(span: TokenSpan) -> str:
    """A lead as printed: abbreviations expanded, a leading role in its gazetteer spelling, the rest
    (the service, a role named inside it) as written."""
    parts: list[str] = []
    i = span.start
    while i < span.end:
        tok: Token = span.doc[i]
        if tok.ent_iob_ == "B":
            ent = next(e for e in span.doc.ents if e.start == i)
            end = min(ent.end, span.end)
            written = ent.text.lower() == ent.ent_id_.lower() and i != span.start
            parts.append((ent.text if written else ent.ent_id_) + span.doc[end - 1].whitespace_)
            i = end
        else:
            parts.append(tok.text_with_ws)
            i += 1
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    text = re.sub(r"/\s+", "/", text)
    text = re.sub(r"^(?:the|and|&)\s+", "", text, flags=re.IGNORECASE)
    if any(t.ent_type_ for t in span):
        text = _TAIL_CUT.sub("", text)
    return text.strip(" .:;'’")


def leads_from_pieces(pieces: Sequence[TokenSpan]) -> tuple[str, ...]:
    """The pieces rendered, in order, empty pieces and duplicates dropped."""
    leads: list[str] = []
    for piece in pieces:
        text = render(piece)
        if text.count("(") != text.count(")"):
            text = text.strip("() ")
        if text and text.lower() not in DROP_PIECES and text not in leads:
            leads.append(text)
    return tuple(leads)


def normalise_lead(nlp: Language, lead: str) -> str:
    """One lead as the tagger prints it (abbreviations expanded, a leading role in its gazetteer
    spelling, white space made single), without cutting it: how a lead given as printed, e.g. in
    a generator's gold, is made comparable with the tagger's output. `nlp` needs the
    ``entity_ruler`` of `pipeline.build_pipeline`."""
    ruler = nlp.get_pipe("entity_ruler")
    doc = ruler(nlp.make_doc(lead))
    return render(doc[:])


def rule_pieces(doc: Doc) -> list[TokenSpan]:
    """The cell cut by the punctuation rules alone."""
    return [p for piece in _hard_pieces(doc) for p in _soft_pieces(piece)]


def find_leads(doc: Doc, splitter: LeadSplitter | None = None) -> tuple[str, ...]:
    """Every lead in a ruled Doc, in order, duplicates dropped: cut where the learned segmenter
    says (`lead_split`), or, without one, by the punctuation rules above."""
    if splitter is None:
        return leads_from_pieces(rule_pieces(doc))
    pieces, start = [], 0
    for cut in splitter.cuts(doc):
        pieces.append(doc[start : cut.start])
        start = cut.end
    pieces.append(doc[start:])
    return leads_from_pieces(pieces)


@Language.factory("lead_finder")
def make_lead_finder(nlp: Language, name: str) -> LeadFinder:
    """spaCy factory: the component that writes ``doc._.leads`` (its segmenter is set by
    `pipeline.build_pipeline`)."""
    return LeadFinder()


class LeadFinder:
    """Pipeline component: cut a ruled lead cell into normalised leads."""

    def __init__(self) -> None:
        self.splitter: LeadSplitter | None = None

    def __call__(self, doc: Doc) -> Doc:
        doc._.leads = find_leads(doc, self.splitter)
        return doc
