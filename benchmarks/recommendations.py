"""Acceptance figures for recommendation tracking against the recommendations gold.

Gold: ../shared/corpus/gold/recommendations.jsonl.

    python benchmarks/recommendations.py [--db FILE]

Ingests the two 2017 packs into the store (once), builds the register, aligns and builds history,
then prints per (recommendation, version) the Jaccard similarity of the linked rows with the gold
rows (a row is its printed ref and first page: Version 21 prints some refs twice, once per part)
and whether the snapshot RAG rating is right. Gold recommendations are paired with register
entries by text (an optimal one-to-one assignment), never by id.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scipy.optimize import linear_sum_assignment

from councilpapers.batch.run import ingest_paths
from councilpapers.corpus.store import Store
from councilpapers.tracking.similarity import similarity_matrix
from councilpapers.tracking.tracker import track

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
PACKS = ("pdd-2017-04-03-pack.pdf", "pdd-2017-10-pack.pdf")


def ensure_ingested(db: Path) -> None:
    if db.exists():
        return
    with Store.open(str(db)) as store:
        result = ingest_paths([SHARED / p for p in PACKS], store, jobs=2)
    print(f"ingested {result.count('imported')} packs into {db}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("benchmarks/out/recommendations.sqlite"))
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"no gold corpus at {SHARED}", file=sys.stderr)
        return 2
    args.db.parent.mkdir(parents=True, exist_ok=True)
    ensure_ingested(args.db)
    gold = [
        json.loads(line)
        for line in (SHARED / "gold/recommendations.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    tracking = track(str(args.db), save=False)
    histories = tracking.histories
    scores = similarity_matrix(
        [g["text"] for g in gold], [h.recommendation.text for h in histories]
    )
    pairs = dict(zip(*linear_sum_assignment(-scores), strict=True))
    jaccards, rag_right, rag_total = [], 0, 0
    print(f"{'gold':<16} {'entry':<34} ver  J     gold/ours rows   RAG")
    for g_index, item in enumerate(gold):
        history = histories[pairs[g_index]] if g_index in pairs else None
        versions = {v.plan_version: v for v in history.versions} if history else {}
        for version, expected in item["versions"].items():
            ours = versions.get(version)
            want = {(r["ref"], r["pages"][0]) for r in expected["rows"]}
            got = {(r.ref, r.pages[0]) for r in ours.rows} if ours else set()
            jaccard = len(want & got) / len(want | got) if want | got else 1.0
            jaccards.append(jaccard)
            rag = ""
            if expected.get("rag"):
                rag_total += 1
                right = bool(ours and ours.rag == expected["rag"])
                rag_right += right
                rag = f"{expected['rag']}/{ours.rag if ours else None} {'ok' if right else 'WRONG'}"
            name = history.recommendation.id if history else "-"
            print(
                f"{item['id']:<16} {name[-34:]:<34} {version:<4} {jaccard:.3f} "
                f"{len(want):>4}/{len(got):<4}        {rag}"
            )
    mean = sum(jaccards) / len(jaccards)
    review = tracking.alignment.review()
    print(f"\nrecommendations: {len(gold)} gold, {len(histories)} in the register")
    print(
        f"mean Jaccard of linked row refs over {len(jaccards)} (recommendation, version): "
        f"{mean:.4f}"
    )
    print(f"snapshot RAG ratings right: {rag_right}/{rag_total}")
    print(f"section links for review: {len(review)}")
    return 0 if mean >= 0.90 and rag_right == rag_total else 1


if __name__ == "__main__":
    raise SystemExit(main())
