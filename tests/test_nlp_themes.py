"""Theme model: the reproducible held-out split, tuned thresholds, keyword prior and the floor."""

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from councilpapers.nlp import themes
from councilpapers.nlp.resources import read_jsonl, read_text
from councilpapers.nlp.theme_split import group_rows, sharing_sentences, split_yaml
from councilpapers.nlp.train import TrainReport, train

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", BENCHMARKS / "tagging.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


@pytest.fixture(scope="module")
def report() -> TrainReport:
    return train()


def test_heldout_split_is_the_committed_list() -> None:
    assert split_yaml() == read_text("themes_heldout.yaml")


def test_splits_are_disjoint_and_share_no_near_duplicate_group() -> None:
    train_rows, heldout = themes.load_examples("train"), themes.load_examples("heldout")
    assert len(train_rows) + len(heldout) == len(themes.load_examples("all"))
    assert not {e.id for e in train_rows} & {e.id for e in heldout}
    groups = group_rows([*train_rows, *heldout])
    assert not set(groups[: len(train_rows)]) & set(groups[len(train_rows) :])


def test_heldout_covers_every_source_of_the_first_round() -> None:
    sources = {e.source for e in themes.load_examples("all") if e.batch == 1}
    assert {e.source for e in themes.load_examples("heldout")} == sources


def test_near_duplicates_share_a_group() -> None:
    a = themes.Example("a", {"outcome": "Reduce loneliness", "actions": "Social prescribing"}, ())
    b = themes.Example("b", {"outcome": "Reduce loneliness", "actions": "Community wardens"}, ())
    c = themes.Example("c", {"outcome": "Recruit foster carers", "actions": "Campaign"}, ())
    groups = group_rows([a, b, c])
    assert groups[0] == groups[1] != groups[2]


def test_keyword_prior_matches_word_starts() -> None:
    prior = themes.KeywordPrior([["foster"], ["school"]], weight=1.0).fit([])
    matrix = prior.transform(["Fostering and foster carers", "preschool"]).toarray()
    assert matrix[0, 0] > 0 and matrix[0, 1] == 0 and matrix[1, 1] == 0


def test_training_reports_per_label_figures_and_the_committed_thresholds(
    report: TrainReport,
) -> None:
    assert [s.label for s in report.scores] == [lab.id for lab in themes.load_labels()]
    assert report.examples == len(themes.load_examples("train"))
    assert report.micro.f1 >= 0.78  # grouped 5-fold CV on the training split measured 0.830
    assert dict(report.thresholds) == themes.load_config()["thresholds"]


def test_theme_floor_on_heldout_split(report: TrainReport) -> None:
    bench = load_bench()
    heldout = themes.load_examples("heldout")
    # the acceptance line: micro-F1 >= 0.80 against the adjudicated labels (measured 0.818)
    assert bench.theme_figures(report.model, heldout)[2] >= 0.80


def test_labelled_rows_keep_source_and_page() -> None:
    for row in read_jsonl("themes_labelled.jsonl"):
        assert row["source"] and isinstance(row["page"], int), row["id"]


def test_neighbour_vote_shares_the_labels_of_similar_rows() -> None:
    texts = ["foster carers recruitment", "foster carers support", "school attendance"]
    targets = np.array([[1, 0], [1, 1], [0, 1]])
    vote = themes.NeighbourVote(k=2).fit(texts, targets)
    shares = vote.predict_proba(["recruitment of foster carers"])[0]
    assert shares[0] == pytest.approx(1.0) and 0 < shares[1] < 1


def test_auxiliary_rows_are_training_only_and_never_near_a_heldout_row() -> None:
    auxiliary, labelled = themes.load_auxiliary(), themes.load_examples("all")
    ids = {lab.id for lab in themes.load_labels()}
    assert not {e.id for e in auxiliary} & {e.id for e in labelled}
    assert all(set(e.themes) <= ids and e.source for e in auxiliary)
    heldout = themes.load_examples("heldout")
    groups = group_rows([*auxiliary, *heldout])
    assert not set(groups[: len(auxiliary)]) & set(groups[len(auxiliary) :])
    assert not sharing_sentences(heldout, auxiliary)


def test_sharing_sentences_finds_a_recommendation_inside_a_paragraph() -> None:
    line = "Ensure that all care leavers have suitable and safe accommodation."
    rec = themes.Example("r", {"actions": line}, ())
    quote = f"Inspectors found that the council should act. {line} More follows."
    para = themes.Example("p", {"progress": quote}, ())
    other = themes.Example("o", {"progress": "Care leavers were seen by personal advisers."}, ())
    assert sharing_sentences([rec], [para, other]) == ["p"]


def test_labelled_rows_keep_both_annotations_and_adjudicate_only_disputes() -> None:
    for row in read_jsonl("themes_labelled.jsonl"):
        first, second = set(row["annotations"]["first"]), set(row["annotations"]["second"])
        final = set(row["themes"])
        assert final <= first | second, row["id"]
        if first == second:
            assert final == first, row["id"]


def test_tag_gold_themes_are_the_adjudicated_labels() -> None:
    labelled = {row["id"]: row for row in read_jsonl("themes_labelled.jsonl")}
    heldout = themes.load_heldout()
    gold = (BENCHMARKS / "gold" / "tags.jsonl").read_text(encoding="utf-8").splitlines()
    for row in map(json.loads, gold):
        assert row["themes"] == labelled[row["id"]]["themes"], row["id"]
        assert (row["theme_split"] == "heldout") == (row["id"] in heldout), row["id"]
