"""Themes on councils not trained on: rows grouped by council, each scored by a model that never
saw its council."""

from __future__ import annotations

from councilpapers.nlp.theme_councils import council, leave_one_council_out
from councilpapers.nlp.themes import load_config, load_examples, load_labels
from tests.conftest import needs_floors


def test_rows_are_grouped_by_the_council_whose_paper_they_come_from() -> None:
    assert council("pdd-2017-10-pack.pdf") == "torbay"
    assert council("ccip-v4-2023-10.pdf") == "torbay"
    assert council("cabinet_2025-01-30__24-00115 - Appendix B.pdf") == "kent"
    assert council("sandwell__ilacs_-_29_january_2018.pdf") == "sandwell"


def test_each_council_is_scored_by_a_model_trained_without_it() -> None:
    rows = [e for e in load_examples("train") if council(e.source) in ("torbay", "sandwell")]
    report = leave_one_council_out({**load_config(), "auxiliary": False}, rows[:40] + rows[-12:])
    assert set(report.councils) == {"torbay", "sandwell"}
    assert sum(n for _f1, n in report.councils.values()) == 52
    assert 0.0 < report.micro.f1 <= 1.0
    assert report.nested is not None and 0.0 < report.nested.f1 <= 1.0
    torbay = report.councils["torbay"][0]
    assert report.plan_councils is not None and report.plan_councils.f1 == torbay
    assert [s.label for s in report.scores] == [lab.id for lab in load_labels()]


@needs_floors
def test_themes_on_councils_not_trained_on_keep_their_measured_figures() -> None:
    # measured with the committed settings (issue 21): all councils 0.764 (nested 0.754), Kent and
    # Torbay pooled 0.719; a floor a hair below, so a change that helps one council's memory at the
    # cost of unseen councils shows here
    report = leave_one_council_out(load_config())
    assert report.nested is not None and report.plan_councils is not None
    assert report.micro.f1 >= 0.764 - 0.005
    assert report.nested.f1 >= 0.754 - 0.005
    assert report.plan_councils.f1 >= 0.719 - 0.005
