"""Leads: abbreviations expand, services are kept, unknown roles pass through as written."""

import pytest
from spacy.language import Language

from councilpapers.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


@pytest.mark.parametrize(
    ("cell", "leads"),
    [
        ("AD", ["Assistant Director"]),
        ("DCS", ["Director of Children's Services"]),
        ("HoS", ["Head of Service"]),
        ("HOS", ["Head of Service"]),
        ("CEO", ["Chief Executive"]),
        ("CX", ["Chief Executive"]),
        ("IRO", ["Independent Reviewing Officer"]),
        ("TM", ["Team Manager"]),
        ("Head of Service MASH/ SA", ["Head of Service MASH/SA"]),
        ("AD/HoS/IROs/Lead auditor", ["Assistant Director", "Head of Service",
                                      "Independent Reviewing Officers", "Lead Auditor"]),
        ("HOS for Safeguarding and QA", ["Head of Service for Safeguarding and Quality Assurance"]),
        ("Hannah Pugliese, Shaun Evans and Rachael Williams.",
         ["Hannah Pugliese", "Shaun Evans", "Rachael Williams"]),
        ("ATMIFSS", ["ATMIFSS"]),
        ("Active Kent", ["Active Kent"]),
        ("HOS to develop a plan to update with staff", ["Head of Service"]),
        ("", []),
    ],
)  # fmt: skip
def test_leads(nlp: Language, cell: str, leads: list[str]) -> None:
    assert list(nlp(cell)._.leads) == leads
