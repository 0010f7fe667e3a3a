"""Generated inspection reports: many fictional councils' Ofsted-style reports, for scale tests.

    python benchmarks/reportgen.py OUT_DIR [--count N] [--seed S]

Each report is a short PDF (reportlab) for a fictional local authority: a title page line, the
inspection dates, a few paragraphs of findings and a "What needs to improve" list of three to six
numbered recommendations. The recommendations are composed from parts (an aim, an area of
practice, a purpose) with the council's own services and places named in them, so two councils'
lists share the inspectors' vocabulary without being the same list, as real reports do. Built
deterministically from the seed; a file already written is left as it is.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

PLACES = [
    "Ashby",
    "Brook",
    "Hallam",
    "Kelby",
    "Marston",
    "Norwood",
    "Oakham",
    "Penbury",
    "Ravensworth",
    "Selby",
    "Thornbury",
    "Upwell",
    "Wexcombe",
    "Yarley",
    "Caldmore",
    "Dunholme",
    "Elsworth",
    "Fenwick",
    "Glenridding",
    "Harwood",
]
KINDS = ("Borough", "County", "City", "Metropolitan Borough", "District")
TEMPLATES = (
    "{aim} {area} {purpose}",
    "The {quality} of {area}{where}.",
    "Ensure that {area} {verb}{where}",
    "Senior leaders should {lead} {area}{where}",
    "{area_cap}, including {detail}",
)
AIMS = (
    "Improve the quality and timeliness of",
    "Strengthen management oversight of",
    "Ensure consistency in",
    "Increase the effectiveness of",
    "Reduce delay in",
    "Improve the recording of",
    "Strengthen the multi-agency response to",
    "Review the arrangements for",
)
QUALITIES = ("quality", "timeliness", "consistency", "impact", "oversight", "effectiveness")
VERBS = (
    "is timely and well recorded",
    "is informed by the child's history",
    "leads to specific plans",
    "is reviewed by managers",
    "reflects the views of parents and carers",
)
LEADS = ("have clear oversight of", "set out their priorities for", "evaluate the impact of")
AREAS = (
    "assessments for children in need",
    "child protection enquiries",
    "return home interviews for children who go missing",
    "pathway planning for care leavers",
    "permanence planning for children in care",
    "the response to domestic abuse",
    "support for disabled children and their families",
    "private fostering arrangements",
    "placement sufficiency for older children",
    "the use of performance information",
    "supervision of social workers",
    "the identification of exploitation risks",
    "health assessments for children coming into care",
    "the local authority designated officer arrangements",
    "early help for families",
    "case recording",
    "strategy discussions",
    "life story work for children in care",
    "education plans for children in care",
    "the offer to young carers",
    "transition planning for young people with special educational needs",
    "waiting times for speech and language therapy",
    "short breaks for disabled children",
    "the quality of child protection conferences",
    "advocacy for children in care",
    "the use of chronologies",
    "family group conferences",
    "the response to homeless sixteen and seventeen year olds",
    "management of allegations against professionals",
    "the front door's threshold decisions",
    "joint work with adult mental health services",
    "the stability of placements for teenagers",
    "support for unaccompanied asylum-seeking children",
    "the timeliness of initial child protection conferences",
    "reunification assessments",
    "kinship care assessments",
)
DETAILS = (
    "the recording of management decisions",
    "the involvement of health partners",
    "the use of interpreters",
    "timely visits by social workers",
    "the views of older children",
    "the work of independent reviewing officers",
)
TERMS = [
    "chronologies",
    "genograms",
    "contingency",
    "escalation",
    "thresholds",
    "caseload",
    "stability",
    "reunification",
    "kinship",
    "advocacy",
    "interpreters",
    "transitions",
    "exclusions",
    "attendance",
    "tuition",
    "apprenticeships",
    "tenancies",
    "benefits",
    "budgeting",
    "dentistry",
    "immunisations",
    "therapeutic",
    "counselling",
    "bereavement",
    "gangs",
    "trafficking",
    "radicalisation",
    "online",
    "grooming",
    "neglect",
    "hoarding",
    "alcohol",
    "cannabis",
    "debt",
    "housing",
    "overcrowding",
    "refuges",
    "sanctuary",
    "asylum",
    "fostering",
    "adoption",
    "respite",
    "hospices",
    "wheelchairs",
    "autism",
    "dyslexia",
    "epilepsy",
    "diabetes",
    "asthma",
    "audiology",
    "orthodontics",
    "vaccinations",
    "curfews",
    "probation",
    "custody",
    "remand",
    "bail",
    "tagging",
    "mentoring",
    "coaching",
    "fieldwork",
    "paperwork",
    "minutes",
    "agendas",
    "dashboards",
    "audits",
    "thresholds",
    "caseloads",
    "rotas",
    "induction",
    "appraisal",
    "secondments",
    "agency",
    "locum",
    "vacancies",
    "retention",
    "recruitment",
    "bursaries",
    "apprentices",
]
PURPOSES = (
    "so that children's needs are understood and met",
    "so that risks are identified and reduced",
    "so that plans are specific and measurable",
    "so that children's views shape the help they receive",
    "so that drift and delay are prevented",
    "so that leaders know where practice needs to improve",
)
FINDINGS = (
    "Leaders have a clear understanding of the strengths and weaknesses of services.",
    "Social workers know their children well and speak about them with warmth.",
    "Caseloads are manageable for most practitioners, who value their supervision.",
    "Partnership working at the front door is effective in most cases.",
    "Some assessments are not updated when circumstances change.",
    "Children in care benefit from stable placements and trusted relationships.",
    "Care leavers are supported by personal advisers who stay in touch.",
    "Performance information is used well to identify where practice needs to improve.",
)


def report(number: int, seed: int) -> tuple[str, list[str], list[str]]:
    """The council's name, the findings and the recommendations of report `number`."""
    draw = random.Random(seed * 100_003 + number)
    place = f"{draw.choice(PLACES)}{draw.choice(['', 'shire', 'ford', 'ton'])}"
    council = f"{place} {draw.choice(KINDS)} Council ({number})"
    findings = draw.sample(FINDINGS, 4)
    service = f"the {place} {draw.choice(['hub', 'locality team', 'front door', 'MASH'])}"
    own = draw.sample(TERMS, 8)  # what this council's inspectors wrote about
    recommendations = []
    for area in draw.sample(AREAS, draw.randint(2, 6)):
        text = draw.choice(TEMPLATES).format(
            aim=draw.choice(AIMS),
            area=area,
            area_cap=area[0].upper() + area[1:],
            quality=draw.choice(QUALITIES),
            verb=draw.choice(VERBS),
            lead=draw.choice(LEADS),
            detail=draw.choice(DETAILS),
            purpose=draw.choice(PURPOSES),
            where=f" in {service}" if draw.random() < 0.5 else "",
        )
        focus = " and ".join(draw.sample(own, 2))
        recommendations.append(f"{text.rstrip('.')}, with attention to {focus}.")
    return council, findings, recommendations


def write_report(path: Path, number: int, seed: int) -> None:
    council, findings, recommendations = report(number, seed)
    styles = getSampleStyleSheet()
    story = [
        Paragraph(council, styles["Title"]),
        Paragraph("Inspection of local authority children's services", styles["Heading2"]),
        Paragraph(
            f"Inspection dates: {1 + number % 27} to {2 + number % 27} March 2024", styles["Normal"]
        ),
        Paragraph("Lead inspector: an Ofsted inspector", styles["Normal"]),
        Spacer(1, 0.5 * cm),
        Paragraph("What needs to improve?", styles["Heading2"]),
        *[
            Paragraph(
                f"{i}. {r}",
                ParagraphStyle("item", styles["Normal"], leftIndent=14, firstLineIndent=-14),
            )
            for i, r in enumerate(recommendations, 1)
        ],
        Spacer(1, 0.5 * cm),
        Paragraph("Children's experiences and progress", styles["Heading2"]),
        *[Paragraph(f, styles["Normal"]) for f in findings],
    ]
    SimpleDocTemplate(str(path), pagesize=A4, title=council, invariant=1).build(story)


def write_reports(folder: Path, count: int, seed: int = 1, start: int = 0) -> list[Path]:
    """Reports `start` .. `start + count - 1` in `folder` (those already there are kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = folder / f"report-{number:05d}.pdf"
        if not path.exists():
            write_report(path, number, seed)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_reports(args.out, args.count, args.seed)
    print(f"{len(paths)} reports in {args.out}")


if __name__ == "__main__":
    main()
