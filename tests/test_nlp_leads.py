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


@pytest.mark.parametrize(
    ("cell", "leads"),
    [
        ("PSW", ["Principal Social Worker"]),
        ("DoE", ["Director of Education"]),
        ("SM", ["Service Manager"]),
        ("LADO", ["Local Authority Designated Officer"]),
        ("SENCO", ["Special Educational Needs Co-ordinator"]),
        ("SENCo", ["Special Educational Needs Co-ordinator"]),
        ("VSH", ["Virtual School Head"]),
        ("CP Chair", ["Child Protection Chair"]),
        ("DSL", ["Designated Safeguarding Lead"]),
        ("QA", ["Quality Assurance"]),
        ("YJS Manager", ["Youth Justice Service Manager"]),
        ("YOT Manager", ["Youth Offending Team Manager"]),
        ("CSC", ["Children's Social Care"]),
        ("PA", ["Personal Advisor"]),
        ("HoS CIC", ["Head of Service Children in Care"]),
        ("AD/PSW/IRO", ["Assistant Director", "Principal Social Worker",
                        "Independent Reviewing Officer"]),
    ],
)  # fmt: skip
def test_childrens_services_roles_expand(nlp: Language, cell: str, leads: list[str]) -> None:
    assert list(nlp(cell)._.leads) == leads


@pytest.mark.parametrize(
    ("cell", "leads"),
    [
        # a role, a comma, then the service it heads: one job title
        ("Head of Service, Children in Care", ["Head of Service, Children in Care"]),
        ("Service Manager, Children with Disabilities",
         ["Service Manager, Children with Disabilities"]),
        ("Team Manager, Fostering; TM, Adoption",
         ["Team Manager, Fostering", "Team Manager, Adoption"]),
        # each part a known role or a person's name: two leads
        ("AD, HoS", ["Assistant Director", "Head of Service"]),
        ("Head of Service, Jane Smith", ["Head of Service", "Jane Smith"]),
        ("Jane Smith, Head of Service", ["Jane Smith", "Head of Service"]),
        # a list ("A, B, C" or "A, B and C") stays a list
        ("Head of Service, Regulated Services, Personal Advisors",
         ["Head of Service", "Regulated Services", "Personal Advisors"]),
        # the service after the comma holds "and": still the title's service (issue 21)
        ("Divisional Director, Partnership and Family Hubs",
         ["Divisional Director, Partnership and Family Hubs"]),
        ("Head of Service, Children and Families", ["Head of Service, Children and Families"]),
        # the part before the comma is no role: nothing to keep whole
        ("Workforce board, Comms", ["Workforce board", "Comms"]),
    ],
)  # fmt: skip
def test_job_title_with_a_comma(nlp: Language, cell: str, leads: list[str]) -> None:
    assert list(nlp(cell)._.leads) == leads


@pytest.mark.parametrize(
    ("cell", "leads"),
    [
        # a dash before the service a role heads keeps the title whole
        ("Service Manager – Fostering", ["Service Manager – Fostering"]),
        # two roles on two lines, or run together on one line by the layout: two leads
        ("Principal Social Worker\nHoS Disabled Children's Service",
         ["Principal Social Worker", "Head of Service Disabled Children's Service"]),
        ("Principal Social Worker HoS Disabled Children's Service",
         ["Principal Social Worker", "Head of Service Disabled Children's Service"]),
        # a dash before a role of its own cuts
        ("Team Managers – HoS", ["Team Managers", "Head of Service"]),
    ],
)  # fmt: skip
def test_learned_segmentation(nlp: Language, cell: str, leads: list[str]) -> None:
    assert list(nlp(cell)._.leads) == leads
