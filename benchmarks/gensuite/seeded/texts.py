"""What the randomised plans say (the same for both splits): recommendations, action wordings,
progress sentences, impact and measures, notes in extra columns, council names, KPIs.

The wordings that are split between development and evaluation (headers, leads, status words,
titles, banners) are not here: see ``pools.py`` and ``wordings.py``.
"""

from __future__ import annotations

from ..content import OBJECTS, PROGRESS, RECOMMENDATIONS, TOPICS, VERBS

MORE_RECOMMENDATIONS = (
    "Ensure that thresholds for early help and statutory services are understood and applied "
    "consistently by partners",
    "Improve the response to children at risk of exploitation, including the quality of return "
    "home conversations and disruption activity",
    "Ensure that children in care have timely permanence plans and that delay in securing "
    "permanence is reduced",
    "Strengthen the oversight of children living in unregistered children's homes",
    "Improve the quality and impact of independent reviewing officer challenge",
    "Ensure that disabled children receive timely assessments and support that meet their needs",
    "Improve the stability of the social work workforce and reduce reliance on agency staff",
    "Ensure that the local authority designated officer arrangements are timely and recorded",
    "Improve the help offered to young people aged 16 and 17 who present as homeless",
    "Ensure that private fostering arrangements are identified and assessed promptly",
    "Improve the quality of supervision so that it is reflective and focused on children's plans",
    "Strengthen partnership working with schools to improve the attendance of children in care",
    "Ensure that care leavers have access to suitable accommodation and their health histories",
    "Improve the timeliness of child protection conferences and the quality of core groups",
)
ALL_RECOMMENDATIONS = (*RECOMMENDATIONS, *MORE_RECOMMENDATIONS)
AREAS = (
    "Help and protection",
    "Children in care",
    "Care leavers",
    "Leadership, management and governance",
    "Workforce",
    "Early help and the front door",
    "Quality assurance and performance",
)
MORE_VERBS = ("Strengthen", "Recruit", "Commission", "Publish", "Agree", "Pilot", "Expand")
MORE_OBJECTS = (
    "a quarterly report to the Improvement Board on {topic}",
    "an action learning set for practitioners on {topic}",
    "a revised policy and procedure for {topic}",
    "a tracker of every case open longer than six months for {topic}",
    "joint visits with partners to test {topic}",
)
MORE_TOPICS = (
    "permanence planning",
    "exploitation and missing",
    "independent reviewing officer challenge",
    "early help thresholds",
    "school attendance of children in care",
    "agency staffing",
    "the front door",
)
ALL_VERBS = (*VERBS, *MORE_VERBS)
ALL_OBJECTS = (*OBJECTS, *MORE_OBJECTS)
ALL_TOPICS = (*TOPICS, *MORE_TOPICS)
PROGRESS_MORE = (
    "Audit of {k} cases completed in {month}; {p}% rated good or better.",
    "{k} practitioners attended the briefing; feedback collected.",
    "Performance has improved from {p}% to {q}% this quarter.",
    "Task group has met {k} times and agreed terms of reference.",
    "Recruitment campaign launched; {k} offers made.",
    "Draft shared with partners for comment by {month}.",
    "Data reported to the Improvement Board in {month}; {p}% within timescale.",
)
ALL_PROGRESS = (*PROGRESS, *PROGRESS_MORE)
DONE = (
    "Completed and embedded; evidence held by the service.",
    "Action complete. Signed off by the Improvement Board in {month}.",
    "Completed in {month}; impact to be tested through audit.",
)
REASONS = (
    "Deadline revised to {to} because recruitment to the team took longer than planned.",
    "Timescale moved to {to} to allow partners to agree the protocol.",
    "Revised deadline {to}: the audit programme was paused during the inspection.",
    "Now expected by {to} following the restructure of the service.",
)
IMPACT = (
    "Children's plans are specific and reviewed on time",
    "Children are seen and heard, and their views shape their plans",
    "Fewer children experience drift and delay",
    "Children live in stable homes close to their communities",
    "Risks to children are identified and acted on earlier",
    "Care leavers are in suitable accommodation and education, employment or training",
    "Practitioners are confident and supported to do good work",
    "Families get the right help at the right time",
)
MEASURES = (
    "{p}% of assessments completed within 45 working days",
    "{p}% of audits graded good or better",
    "{p}% of children seen within timescale",
    "Supervision recorded monthly for {p}% of cases",
    "Agency staff below {k}% of the workforce",
    "{p}% of return home interviews offered within 72 hours",
    "All strategy discussions attended by police and health",
)
NOTES = (
    "See Improvement Board minutes",
    "Within existing budget",
    "£{k},000 (grant funded)",
    "Links to Priority {n}",
    "Dependent on recruitment",
    "Workforce strategy",
    "Safeguarding Partnership",
    "Reported quarterly",
    "Corporate Parenting Board",
    "Quarterly review",
)
KPIS = (
    "Re-referrals to children's social care within 12 months",
    "Assessments completed within 45 working days",
    "Child protection plans lasting two years or more",
    "Children in care with three or more placements in a year",
    "Care leavers in education, employment or training",
    "Initial health assessments within 20 working days",
    "Social worker vacancy rate",
    "Return home interviews offered within 72 hours",
    "Children seen within timescale on child protection plans",
)
PLACES = ("moor", "bridge", "vale", "gate", "ford", "field", "wick", "ham", "bury", "worth", "ley")
PREFIXES = ("North", "East", "West", "South", "Upper", "Kings", "Queens", "Market", "Old", "High")
COUNCIL_KINDS = (
    "Council",
    "Borough Council",
    "City Council",
    "County Council",
    "Metropolitan Borough Council",
)
INTRO = (
    "This plan sets out how {council} will respond to the recommendations made by Ofsted. "
    "It is reviewed by the Improvement Board each quarter.",
    "The plan is owned by the Director of Children's Services and updated before each meeting "
    "of the Improvement Board.",
    "Progress against each action is reported to the Children and Young People Scrutiny "
    "Committee and to the Department for Education.",
)
