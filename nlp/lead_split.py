"""Lead segmentation as a learned step: where one lead ends and the next begins in a lead cell.

Candidate boundaries are the cell's separators (a new line, ``,`` ``;`` ``/`` ``&`` ``and``, a
dash) and the places where a role starts straight after another word with no separator (two
lines the layout joined). A logistic regression (scikit-learn, fixed seed) decides each one from
evidence around it: the separator, whether a gazetteer role ends before it or starts after it,
whether the words after it hold a job-title noun (``models/lead_parts.yaml``), look like a
person's name or a service, how long they are, and whether the cell reads as a list. A kept
separator stays inside the lead ("Service Manager – Fostering"); brackets, "supported by" and
"in conjunction with" always cut.

Trained by `train_splitter` on generated cells (`lead_cells`) and on the hand-labelled lead cells
of real plans (``benchmarks/gold/tags.jsonl`` is not read here: the caller passes such cells).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from councilpapers.nlp.resources import read_yaml

SEPARATORS = {
    ",": ",",
    ";": ";",
    "/": "/",
    "&": "and",
    "and": "and",
    "–": "dash",
    "—": "dash",
    "(": "(",
}
ALWAYS = {"’", "'", "‘"}
PHRASES = (("supported", "by"), ("in", "conjunction", "with"))
JOINERS = {"and", "&", ",", "/", "of", "for", "–", "-", "—", "the", "in", "with"}
SEED = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible boundary: at token `start`, consuming tokens up to `end` (a separator), or
    none (`start == end`: a role starting straight after the previous word)."""

    start: int
    end: int
    kind: str


@cache
def role_heads() -> frozenset[str]:
    return frozenset(read_yaml("lead_parts.yaml")["role_heads"])


@cache
def body_heads() -> frozenset[str]:
    return frozenset(read_yaml("lead_parts.yaml")["body_heads"])


@cache
def not_names() -> frozenset[str]:
    return frozenset(read_yaml("gazetteer.yaml")["not_names"])


def _separator(doc: Doc, i: int) -> tuple[str, int] | None:
    """The kind and width of a separator starting at token i."""
    tok = doc[i]
    if tok.is_space and "\n" in tok.text:
        return "newline", 1
    if tok.text in ALWAYS:
        return "quote", 1
    for phrase in PHRASES:
        if tuple(t.lower_ for t in doc[i : i + len(phrase)]) == phrase:
            return "phrase", len(phrase)
    if tok.ent_type_ and tok.ent_iob_ == "I":
        return None
    if tok.text == "-" and i > 0 and (doc[i - 1].whitespace_ or tok.whitespace_):
        return "dash", 1
    kind = SEPARATORS.get(tok.lower_)
    return (kind, 1) if kind else None


def _names_a_job(doc: Doc, i: int) -> bool:
    """Whether the role starting at token i is a person's job: an abbreviation, or a wording
    ending in a job noun ("Early Help" is a service, not a job)."""
    end = i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return (end == i and doc[i].text[:1].isupper() and not doc[i].is_title) or (
        doc[end].lower_ in role_heads()
    )


def _holds_a_lead(doc: Doc, start: int, end: int) -> bool:
    """Whether the words before a run-on role already name a lead (a role or a job noun)."""
    words = [t for t in doc[start:end] if not t.is_space and not t.is_punct]
    if any(t.ent_type_ == "ROLE" for t in words):
        return True
    return len(words) >= 2 and words[-1].lower_ in role_heads()


def candidates(doc: Doc) -> list[Candidate]:
    """Every possible boundary in the cell, left to right."""
    out: list[Candidate] = []
    i = 0
    while i < len(doc):
        found = _separator(doc, i)
        if found:
            out.append(Candidate(i, i + found[1], found[0]))
            i += found[1]
            continue
        before = doc[i - 1] if i else None
        if (
            before is not None
            and doc[i].ent_iob_ == "B"
            and doc[i].ent_type_ == "ROLE"
            and not before.is_space
            and _separator(doc, i - 1) is None
            and before.lower_ not in JOINERS
            and _names_a_job(doc, i)
            and _holds_a_lead(doc, out[-1].end if out else 0, i)
        ):
            out.append(Candidate(i, i, "gap"))
        i += 1
    return out


def _words(doc: Doc, start: int, end: int) -> list[str]:
    return [t.text for t in doc[start:end] if not t.is_space and not t.is_punct]


def _side(doc: Doc, start: int, end: int, prefix: str) -> dict[str, float]:
    """Evidence about the words between two candidates."""
    span = [t for t in doc[start:end] if not t.is_space]
    words = [t for t in span if not t.is_punct]
    if not words:
        return {f"{prefix}empty": 1.0}
    first, last = words[0], words[-1]
    lowered = [t.lower_ for t in words]
    person = (
        2 <= len(words) <= 3
        and all(t.is_title and t.is_alpha and not t.ent_type_ for t in words)
        and not any(w in not_names() or w in role_heads() for w in lowered)
    )
    job = first.ent_type_ == "ROLE" and _names_a_job(doc, first.i)
    return {
        f"{prefix}len={min(len(words), 6)}": 1.0,
        f"{prefix}starts_role": float(first.ent_type_ == "ROLE"),
        f"{prefix}starts_job": float(job),
        f"{prefix}starts_body": float(first.ent_type_ == "ROLE" and not job),
        f"{prefix}has_role": float(any(t.ent_type_ == "ROLE" for t in words)),
        f"{prefix}ends_role": float(last.ent_type_ == "ROLE"),
        f"{prefix}starts_qual": float(first.ent_type_ == "QUAL"),
        f"{prefix}head_noun": float(any(w in role_heads() for w in lowered)),
        f"{prefix}last_head": float(last.lower_ in role_heads()),
        f"{prefix}last_body": float(last.lower_ in body_heads()),
        f"{prefix}lower": float(all(t.is_lower for t in words)),
        f"{prefix}first_upper": float(first.text[:1].isupper()),
        f"{prefix}first_joiner": float(first.lower_ in JOINERS),
        f"{prefix}last_joiner": float(last.lower_ in JOINERS),
        f"{prefix}has_and": float("and" in lowered or "&" in lowered),
        f"{prefix}of_for": float(bool({"of", "for"} & set(lowered))),
        f"{prefix}person": float(person),
    }


def rule_starts(doc: Doc) -> frozenset[int]:
    """Where the punctuation rules (`leads`, before this segmenter) start a lead: one piece of
    evidence among the others."""
    from councilpapers.nlp.leads import rule_pieces

    return frozenset(p.start for p in rule_pieces(doc))


def features(
    doc: Doc, found: Sequence[Candidate], index: int, rules: frozenset[int] | None = None
) -> dict[str, float]:
    """The evidence for one candidate boundary."""
    cand = found[index]
    rules = rule_starts(doc) if rules is None else rules
    left_start = found[index - 1].end if index else 0
    right_end = found[index + 1].start if index + 1 < len(found) else len(doc)
    out: dict[str, float] = {f"sep={cand.kind}": 1.0, "bias": 1.0}
    ruled = any(cand.end <= s <= cand.end + 1 for s in rules)
    out[f"rules_cut={ruled}"] = 1.0
    out[f"{cand.kind}&rules_cut={ruled}"] = 1.0
    left = _side(doc, left_start, cand.start, "L.")
    right = _side(doc, cand.end, right_end, "R.")
    out.update(left)
    out.update(right)
    kinds = [c.kind for c in found]
    commas = kinds.count(",")
    out[f"commas={min(commas, 3)}"] = 1.0
    later = [c.kind for c in found[index + 1 :]]
    out["next_sep=" + (later[0] if later else "end")] = 1.0
    out["prev_sep=" + (found[index - 1].kind if index else "start")] = 1.0
    out[f"{cand.kind}&commas={min(commas, 3)}"] = 1.0
    out[f"{cand.kind}&L.len={min(len(_words(doc, left_start, cand.start)), 4)}"] = 1.0
    out[f"{cand.kind}&R.len={min(len(_words(doc, cand.end, right_end)), 4)}"] = 1.0
    if cand.kind == "," and "and" in later:
        out["comma_before_and"] = 1.0  # "A, B and C": a list
    if cand.kind == "and" and "," in kinds[:index]:
        out["and_after_comma"] = 1.0
    before = doc[cand.start - 1] if cand.start else None
    out["after_role_end"] = float(
        before is not None and before.ent_type_ == "ROLE" and doc[cand.start].ent_iob_ != "I"
    )
    for name in (
        "R.starts_role",
        "R.starts_job",
        "R.starts_body",
        "R.has_role",
        "R.head_noun",
        "R.person",
        "R.has_and",
        "R.lower",
        "R.last_body",
    ):
        if right.get(name):
            out[f"{cand.kind}&{name}"] = 1.0
            out[f"{cand.kind}&{name}&commas={min(commas, 2)}"] = 1.0
    for name in (
        "L.ends_role",
        "L.last_head",
        "L.head_noun",
        "L.person",
        "L.of_for",
        "L.last_body",
    ):
        if left.get(name):
            out[f"{cand.kind}&{name}"] = 1.0
            if right.get("R.head_noun") or right.get("R.has_role"):
                out[f"{cand.kind}&{name}&R.role"] = 1.0
            else:
                out[f"{cand.kind}&{name}&R.norole"] = 1.0
    out.update(_phrase_features(doc, found, index))
    return out


HARD_KINDS = ("newline", ";", "(", "quote", "phrase")


def _phrase_features(doc: Doc, found: Sequence[Candidate], index: int) -> dict[str, float]:
    """Evidence from the whole stretch up to the next hard boundary (a new line, ``;``, a
    bracket, the cell's end), past any ``and`` or ``/`` inside it: a stretch that ends in a job
    noun is a lead of its own ("Chair – Breaks and Domestic Advisor"), one that ends in a team
    or area word qualifies the role before it ("Service Manager – Front Door and Duty")."""
    cand = found[index]
    end = next((c.start for c in found[index + 1 :] if c.kind in HARD_KINDS), len(doc))
    words = [t for t in doc[cand.end : end] if not t.is_space and not t.is_punct]
    if not words:
        return {}
    last = words[-1]
    far = {"RF.last_head": cand.kind in ("dash", "and") and last.lower_ in role_heads()}
    if cand.kind == "," and index + 1 < len(found) and found[index + 1].kind == "and":
        after = found[index + 1]
        stop = found[index + 2].start if index + 2 < len(found) else len(doc)
        rest = [t for t in doc[after.end : stop] if not t.is_space and not t.is_punct]
        far["list_ends_in_lead"] = bool(rest) and (
            rest[0].ent_type_ == "ROLE" or rest[-1].lower_ in role_heads()
        )  # "A, B and <a role>": a list of leads
    if cand.kind in ("and", "/"):
        far["L.titled&R.job"] = _titled_before(doc, found, index) and _job_after(doc, found, index)
    return {f"{cand.kind}&{name}": 1.0 for name, on in far.items() if on}


def _titled_before(doc: Doc, found: Sequence[Candidate], index: int) -> bool:
    """Whether the words since the last new line or semicolon already read as a whole title:
    a role with a dash, comma or bracket after it ("Team Manager (Edge)", "Head of Service,
    Fostering"): what follows an ``and`` or ``/`` there starts another lead when it is a job."""
    hard = ("newline", ";", "quote", "phrase")
    back = max((i for i in range(index) if found[i].kind in hard), default=-1)
    opened = [c.start for c in found[back + 1 : index] if c.kind == "("]
    if opened and ")" not in {t.text for t in doc[opened[-1] : found[index].start]}:
        return False  # inside a bracket: "Team Managers (Edge and Area)"
    between = [c.kind for c in found[back + 1 : index]]
    return any(kind in ("dash", ",", "(") for kind in between)


def _job_after(doc: Doc, found: Sequence[Candidate], index: int) -> bool:
    """Whether the words after the candidate, up to the next title mark (a dash, comma or
    bracket) or hard boundary, name a job: they start with a job role or hold a job noun."""
    stops = ("newline", ";", "quote", "phrase", "dash", ",", "(")
    cand = found[index]
    end = next((c.start for c in found[index + 1 :] if c.kind in stops), len(doc))
    words = [t for t in doc[cand.end : end] if not t.is_space and not t.is_punct]
    if not words:
        return False
    starts_job = words[0].ent_type_ == "ROLE" and _names_a_job(doc, words[0].i)
    return starts_job or any(t.lower_ in role_heads() for t in words)


def _commas_on_line(found: Sequence[Candidate], index: int) -> int:
    """How many commas the candidate's stretch (between new lines, semicolons or slashes)
    holds."""
    kinds = [c.kind for c in found]
    ends = ("newline", ";", "/")
    start = max((i for i in range(index) if kinds[i] in ends), default=-1) + 1
    end = next((i for i in range(index, len(kinds)) if kinds[i] in ends), len(kinds))
    return kinds[start:end].count(",")


def always_cut(doc: Doc, found: Sequence[Candidate], index: int) -> bool:
    """New lines, brackets and phrases cut; so does a comma or dash after words that name no
    role (only a role keeps the service after it: "Workforce board, Comms" is two leads)."""
    cand = found[index]
    if cand.kind in ("newline", "quote", "phrase"):
        return True
    if cand.kind not in (",", "dash"):
        return False
    if cand.kind == "," and _commas_on_line(found, index) >= 2:
        return True  # "A, B, C" is a list
    left = [t for t in doc[found[index - 1].end if index else 0 : cand.start] if not t.is_space]
    return bool(left) and not any(t.ent_type_ == "ROLE" or t.lower_ in role_heads() for t in left)


class LeadSplitter:
    """The trained boundary classifier."""

    def __init__(self, vectorizer: DictVectorizer, model: LogisticRegression) -> None:
        self.vectorizer = vectorizer
        self.model = model

    def cuts(self, doc: Doc) -> list[Candidate]:
        """The candidates that are boundaries between two leads."""
        found = candidates(doc)
        decided = [c for i, c in enumerate(found) if always_cut(doc, found, i)]
        open_ = [i for i, c in enumerate(found) if not always_cut(doc, found, i)]
        if open_:
            rules = rule_starts(doc)
            rows = [features(doc, found, i, rules) for i in open_]
            predicted = self.model.predict(self.vectorizer.transform(rows))
            decided += [found[i] for i, p in zip(open_, predicted, strict=True) if p]
        return sorted(decided, key=lambda c: c.start)


def labelled(doc: Doc, spans: Sequence[tuple[int, int]]) -> Iterable[tuple[dict[str, float], int]]:
    """Features and the true decision of every open candidate of a cell whose leads are at these
    character spans: a boundary is true when it lies outside every lead."""
    found = candidates(doc)
    rules = rule_starts(doc)
    for index, cand in enumerate(found):
        if always_cut(doc, found, index):
            continue
        char = doc[cand.start].idx
        inside = any(a < char < b for a, b in spans) if cand.start < cand.end else False
        if cand.start == cand.end:
            inside = not any(a == char for a, _ in spans)
        yield features(doc, found, index, rules), int(not inside)


def train_splitter(examples: Iterable[tuple[dict[str, float], int]]) -> LeadSplitter:
    """Fit the boundary classifier (deterministic)."""
    rows, targets = zip(*examples, strict=True)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=4.0, max_iter=2000, random_state=SEED)
    model.fit(matrix, list(targets))
    return LeadSplitter(vectorizer, model)
