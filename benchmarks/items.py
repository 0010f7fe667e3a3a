"""Acceptance: pack items found with exact first and last page, against gold/documents.jsonl.

Usage: python benchmarks/items.py [CORPUS_DIR]   (default ../shared/corpus beside the repo)

An item counts as found when a predicted item has the same first and last physical page. The
gold's doc_type vocabulary differs a little from the product's; types are compared through
PRODUCT_TO_GOLD (printed) and reported separately: the acceptance figure is page boundaries.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from councilpapers.extract.extraction import extract_document
from councilpapers.ingest.pdf import read_document
from councilpapers.records import PackItem

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
# product type -> the gold types it stands for (gold has no policy/other; product has no
# rag_snapshot/presentation)
PRODUCT_TO_GOLD = {
    "covering_letter": {"letter"},
    "inspection_letter": {"letter_from_ofsted"},
    "plan": {"plan", "rag_snapshot"},
    "policy": {"appendix"},
    "other": {"presentation"},
}


def predict(pdf: Path) -> list[PackItem]:
    return list(extract_document(read_document(pdf)).items)


def score(corpus: Path) -> tuple[int, int, int]:
    """Prints per-document lines; returns (gold items, exact boundaries, types agreeing)."""
    total = exact = typed = 0
    for line in (corpus / "gold" / "documents.jsonl").read_text().splitlines():
        gold = json.loads(line)
        found = {(i.first_page, i.last_page): i for i in predict(corpus / gold["doc"])}
        hits = 0
        for item in gold["items"]:
            total += 1
            match = found.get((item["first_page"], item["last_page"]))
            if match is None:
                print(
                    f"  MISSED {gold['doc']} {item['first_page']}-{item['last_page']} "
                    f"{item['title'][:60]}"
                )
                continue
            hits += 1
            allowed = PRODUCT_TO_GOLD.get(match.doc_type, {match.doc_type})
            typed += item["doc_type"] in allowed
        exact += hits
        print(
            f"{gold['doc']:<36} gold {len(gold['items']):>2}  predicted {len(found):>2}  "
            f"exact {hits:>2}"
        )
    return total, exact, typed


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not (corpus / "gold" / "documents.jsonl").exists():
        print(f"no gold at {corpus}/gold/documents.jsonl")
        return 2
    print(
        "type mapping (product -> gold):",
        ", ".join(f"{k}->{'/'.join(sorted(v))}" for k, v in PRODUCT_TO_GOLD.items()),
    )
    total, exact, typed = score(corpus)
    print(f"items with exact first and last page: {exact}/{total} = {exact / total:.1%}")
    print(f"doc_type agreement on those items: {typed}/{exact} = {typed / max(exact, 1):.1%}")
    return 0 if exact >= 0.9 * total else 1


if __name__ == "__main__":
    sys.exit(main())
