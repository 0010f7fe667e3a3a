"""Training pools of the wordings a plan prints besides its headers: leads, status words, the RAG
key, titles, version phrasings, banners. Development seeds (below 1000) draw from these; evaluation
seeds draw from ``../heldout/pools.yaml``, which has the same keys and shares no wording with this
module (``tests/test_gensuite_wordings.py``). Headers come from ``models/header_thesaurus.yaml``.

Placeholders: ``{n}`` a number, ``{area}`` an area (``{AREA}`` in capitals), ``{text}`` a
recommendation's wording; in version phrases ``{month} {year}`` ("September 2024"; with them a
numbered version is ``{year}-v{n}``), ``{date}`` "30 September 2024", ``{numeric}``
"30/09/2024", ``{dotted}`` "30.09.2024", ``{quarter}`` "Q2 2024/25". A lead prints as a role
alone, "Role, Team", "Role – Team", "Role (Team)" or "Role for Team"; teams include partner
organisations. Status words and key phrases are per true state of an action.
"""

from __future__ import annotations

ROLES = (
    "Head of Service",
    "Service Manager",
    "Team Manager",
    "Assistant Director",
    "Group Manager",
    "Practice Manager",
    "Principal Social Worker",
    "Director of Children's Services",
    "Virtual School Head",
    "Designated Nurse",
    "Quality Assurance Manager",
    "Workforce Development Manager",
    "Performance Manager",
    "Commissioning Manager",
    "Independent Reviewing Officer",
    "Head of Early Help",
    "Detective Inspector",
    "Named GP",
)
TEAMS = (
    "Children in Care",
    "Front Door",
    "MASH",
    "Care Leavers",
    "Fostering",
    "Adoption",
    "Early Help",
    "Safeguarding and Quality Assurance",
    "Children with Disabilities",
    "Assessment and Intervention",
    "Youth Justice",
    "Edge of Care",
    "Workforce Development",
    "Performance and Intelligence",
    "Commissioning",
    "ICB",
)
ABBREVIATIONS = ("AD", "HoS", "DCS", "PSW", "LADO", "VSH", "TM", "IRO", "SM")
STATUSES = {
    "not_started": ("Not started", "Yet to start", "Not yet started"),
    "on_track": ("In progress", "On track", "Ongoing", "Started"),
    "at_risk": ("At risk", "Delayed", "Slipping"),
    "off_track": ("Off track", "Significantly delayed", "Overdue"),
    "part_complete": ("Partially complete", "Part complete", "Partly completed"),
    "complete": ("Complete", "Completed", "Achieved", "Closed"),
    "review": ("Under review", "Review", "For review"),
}
KEY_PHRASES = {
    "complete": ("action completed and evidenced", "completed"),
    "on_track": ("on track to deliver", "on track"),
    "at_risk": ("some slippage, action in place", "at risk of not being delivered on time"),
    "off_track": ("off track", "significant slippage"),
    "not_started": ("not started",),
}
LEGEND_LABELS = ("Key:", "RAG key", "BRAG key:", "Rating key")
PLAN_TITLES = (
    "Children's Services Improvement Plan",
    "Ofsted Improvement Plan",
    "Improvement Action Plan",
    "Post-Inspection Action Plan",
    "Children's Social Care Improvement Plan",
    "Ofsted Action Plan Tracker",
    "Improvement Plan Tracker",
    "ILACS Improvement Plan",
)
SUMMARY_TITLES = (
    "Summary of progress against the Ofsted recommendations",
    "Progress against each recommendation",
    "RAG summary",
    "Summary of progress",
)
COMPLETED_TITLES = ("Completed actions", "Actions completed since the last update")
VERSION_NUMBERS = (
    "Version {n}",
    "Version {n} – {month} {year}",
    "Version {n}, {month} {year}",
    "Version {n} {month} {year}",
    "v{n}",
    "Ver {n}",
)
VERSION_DATES = (
    "Position at {date}",
    "Updated {numeric}",
    "{quarter} update",
    "As at {date}",
    "Progress update – {month}",
    "Last updated {date}",
)
AREA_BANNERS = (
    "{area}",
    "Priority {n}: {area}",
    "Theme {n} – {area}",
    "{n}. {area}",
    "Area {n}: {area}",
    "PRIORITY {n} – {AREA}",
)
REC_BANNERS = (
    "Recommendation {n}: {text}",
    "Rec {n} – {text}",
    "Ofsted recommendation {n}: {text}",
    "{n}. {text}",
    "Finding {n}: {text}",
)

TRAINING = {
    "roles": ROLES,
    "teams": TEAMS,
    "abbreviations": ABBREVIATIONS,
    "statuses": STATUSES,
    "key_phrases": KEY_PHRASES,
    "legend_labels": LEGEND_LABELS,
    "plan_titles": PLAN_TITLES,
    "summary_titles": SUMMARY_TITLES,
    "completed_titles": COMPLETED_TITLES,
    "version_numbers": VERSION_NUMBERS,
    "version_dates": VERSION_DATES,
    "area_banners": AREA_BANNERS,
    "rec_banners": REC_BANNERS,
}
