"""Theme model: the reproducible held-out split, tuned thresholds, keyword prior and the floor."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from councilpapers.nlp import themes
from councilpapers.nlp.resources import read_jsonl, read_text
from councilpapers.nlp.theme_split import group_rows, split_yaml
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


def test_heldout_covers_every_source() -> None:
    sources = {e.source for e in themes.load_examples("all")}
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
    assert report.micro.f1 >= 0.7  # grouped 5-fold CV on the training split measured 0.789
    assert dict(report.thresholds) == themes.load_config()["thresholds"]


def test_theme_floor_on_heldout_split(report: TrainReport) -> None:
    bench = load_bench()
    heldout = themes.load_examples("heldout")
    # measured 0.774 after the label fixes; the target of 0.80 is not met
    assert bench.theme_figures(report.model, heldout)[2] >= 0.75


def test_labelled_rows_keep_source_and_page() -> None:
    for row in read_jsonl("themes_labelled.jsonl"):
        assert row["source"] and isinstance(row["page"], int), row["id"]
