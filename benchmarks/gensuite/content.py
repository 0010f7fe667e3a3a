"""What the fictional plans say: recommendations, actions, leads, timescales, how versions move on.

Everything is drawn from a seeded ``random.Random``, so a plan is the same on every build. The
model is style-free: ``styles.py`` says how a council prints it, the makers set it in type.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

RECOMMENDATIONS = (
    "Improve the quality and timeliness of assessments so that they consider the history of the "
    "family and the views of children",
    "Ensure that strategy discussions are held promptly and include all relevant agencies",
    "Strengthen management oversight and supervision of social work practice so that drift and "
    "delay in children's plans are prevented",
    "Improve the quality of plans for children in need and children subject to a child protection "
    "plan so that they are specific and measurable",
    "Ensure that children who go missing from home or care are offered return home interviews and "
    "that the information is used to reduce risk",
    "Improve the sufficiency of local placements for children in care, including foster carers",
    "Ensure that care leavers have up-to-date pathway plans that address their accommodation and "
    "employment needs",
    "Strengthen the use of performance information and quality assurance to drive improvement",
    "Improve the timeliness of initial health assessments for children coming into care",
    "Ensure that the voice of the child is evident in all case records and informs planning",
)
# The inspection report's own wording of each recommendation (the canonical text).
REPORT_WORDING = dict(
    zip(
        RECOMMENDATIONS,
        (
            "The quality and timeliness of assessments, so that they take account of the "
            "family's history and children's views.",
            "The timeliness of strategy discussions and the involvement of all relevant agencies "
            "in them.",
            "Management oversight and supervision of social work practice, to prevent drift and "
            "delay in children's plans.",
            "The quality of plans for children in need and children subject to a child "
            "protection plan, so that they are specific and measurable.",
            "The offer and use of return home interviews for children who go missing from home "
            "or care, to reduce risk.",
            "The sufficiency of local placements for children in care, including foster carers.",
            "Pathway plans for care leavers, so that they are up to date and address "
            "accommodation and employment needs.",
            "The use of performance information and quality assurance to drive improvement.",
            "The timeliness of initial health assessments for children coming into care.",
            "The evidence of the voice of the child in case records and its use in planning.",
        ),
        strict=True,
    )
)
AREAS = (
    "Help and protection",
    "Children in care",
    "Care leavers",
    "Leadership, management and governance",
)
VERBS = (
    "Review",
    "Embed",
    "Develop",
    "Introduce",
    "Deliver",
    "Audit",
    "Launch",
    "Establish",
    "Refresh",
    "Implement",
)
OBJECTS = (
    "a practice standard for {topic}",
    "monthly audits of {topic} with findings reported to the Improvement Board",
    "training for team managers on {topic}",
    "a multi-agency protocol covering {topic}",
    "a performance dashboard tracking {topic}",
    "peer challenge sessions on {topic} with a neighbouring authority",
    "guidance and templates for {topic}",
    "a workforce development plan focused on {topic}",
)
TOPICS = (
    "assessment quality",
    "strategy discussions",
    "supervision and management oversight",
    "child protection planning",
    "return home interviews",
    "placement sufficiency",
    "pathway planning",
    "quality assurance",
    "health assessments",
    "direct work with children",
    "case recording",
    "step-up and step-down decisions",
)
LEADS = (
    "AD",
    "HoS",
    "TM",
    "IRO",
    "DCS",
    "LADO",
    "PSW",
    "SENCO",
    "VSH",
    "Head of Service, Children in Care",
    "Head of Service, Safeguarding and Quality Assurance",
    "Service Manager, Front Door",
    "Principal Social Worker",
    "AD Early Help / HoS",
)
TIMESCALES = (
    "March 2024",
    "June 2024",
    "Q2 2024/25",
    "Q3 2024/25",
    "Quarterly",
    "Ongoing",
    "By end Sept 24",
    "December 2024",
    "Monthly",
    "January 2025",
    "Twice yearly",
    "Annually",
)
LATER = {
    "March 2024": "June 2024",
    "June 2024": "September 2024",
    "Q2 2024/25": "Q4 2024/25",
    "Q3 2024/25": "Q1 2025/26",
    "By end Sept 24": "By end Dec 24",
    "December 2024": "March 2025",
    "January 2025": "April 2025",
}
REASONS = (
    "Deadline revised to {to} because recruitment to the team took longer than planned.",
    "Timescale moved to {to} to allow partners to agree the protocol.",
    "Revised deadline {to}: the audit programme was paused during the inspection.",
)
STATUSES = ("Not started", "In progress", "On track", "Complete")
PROGRESS = (
    "Draft prepared and shared with team managers for comment.",
    "Task and finish group met twice; actions agreed.",
    "First audit completed; 62% of cases rated good or better.",
    "Training delivered to 40 practitioners; evaluation positive.",
    "Protocol signed off by the Safeguarding Partnership.",
    "Data now reported monthly to the Improvement Board.",
    "Pilot running in two teams; learning to be shared in the next quarter.",
)
DONE = "Completed and embedded; evidence held by the service."


@dataclass(frozen=True, slots=True)
class Action:
    """One action row as a plan version prints it."""

    key: str  # stable across versions (the row's identity)
    ref: str
    actions: str
    lead: str
    timescale: str
    status: str
    progress: str
    rag: str  # Red / Amber / Green / Blue (Blue: complete, BRAG plans only)


@dataclass(frozen=True, slots=True)
class Rec:
    """One recommendation in one version: its printed number, wording, area, rating, actions."""

    key: str  # stable across versions
    number: int
    text: str
    area: str
    rag: str
    summary: str
    actions: tuple[Action, ...]


@dataclass(frozen=True, slots=True)
class Pushed:
    """A deadline pushed back between two versions."""

    ref: str
    before: str
    after: str
    explained: bool
    rec: str = ""  # the recommendation's key


@dataclass(frozen=True, slots=True)
class Plan:
    """One version of one council's plan: open actions under their recommendations, completed ones
    (when the council moves them to their own table), and what was pushed back since the last."""

    version: int
    month: str  # "March 2025"
    recs: tuple[Rec, ...]
    completed: tuple[tuple[Rec, Action], ...] = ()
    pushed: tuple[Pushed, ...] = ()


def first_plan(rng: random.Random, count: int, sizes: tuple[int, ...]) -> Plan:
    """Version 1: ``count`` recommendations in areas, with ``sizes`` actions each (cycled)."""
    texts = rng.sample(RECOMMENDATIONS, count)
    recs, used = [], set[str]()
    for i, text in enumerate(texts, start=1):
        area = AREAS[min((i - 1) * len(AREAS) // count, len(AREAS) - 1)]
        size = sizes[(i - 1) % len(sizes)]
        actions = tuple(_action(rng, f"r{i}a{j}", f"{i}.{j}", used) for j in range(1, size + 1))
        recs.append(Rec(f"r{i}", i, text, area, "Amber", _summary(rng), actions))
    return Plan(1, "", tuple(recs))


def _action(rng: random.Random, key: str, ref: str, used: set[str]) -> Action:
    """A new action whose first line no other action of the plan prints (the way a council
    words each action once; it also keeps each row's text findable for its gold pages)."""
    text = ""
    while not text or text in used:
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS).format(topic=rng.choice(TOPICS))}"
    used.add(text)
    if rng.random() < 0.35:
        text += f"\n• {rng.choice(VERBS)} {rng.choice(OBJECTS).format(topic=rng.choice(TOPICS))}"
    lead = rng.choice(LEADS)
    if rng.random() < 0.25:
        lead += f" / {rng.choice(LEADS[:9])}"
    status = rng.choice(STATUSES[:3])
    rag = "Red" if status == "Not started" else rng.choice(("Amber", "Green"))
    return Action(key, ref, text, lead, rng.choice(TIMESCALES), status, rng.choice(PROGRESS), rag)


def _summary(rng: random.Random) -> str:
    return f"{rng.choice(PROGRESS)} {rng.choice(PROGRESS)}"


def next_plan(rng: random.Random, plan: Plan, month: str, move_completed: bool) -> Plan:
    """The next version: statuses move on, deadlines pushed back (some explained), new actions,
    two recommendations swap numbers, completed actions moved out when ``move_completed``."""
    swap = rng.sample(range(len(plan.recs)), 2)
    numbers = [r.number for r in plan.recs]
    numbers[swap[0]], numbers[swap[1]] = numbers[swap[1]], numbers[swap[0]]
    recs, completed, pushed = [], list(plan.completed), []
    used = {a.actions.split("\n")[0] for r in plan.recs for a in r.actions}
    used |= {a.actions.split("\n")[0] for _, a in plan.completed}
    for index, (rec, number) in enumerate(zip(plan.recs, numbers, strict=True)):
        kept: list[Action] = []
        for action in rec.actions:
            force = len(pushed) < (1 if index < len(plan.recs) // 2 else 2)  # at least two
            moved, push = _move_on(rng, action, force)
            moved = replace(moved, ref=f"{number}.{moved.ref.split('.', 1)[1]}")
            if push:
                pushed.append(replace(push, ref=moved.ref, rec=rec.key))
            if move_completed and moved.status == "Complete":
                completed.append((replace(rec, number=number), moved))
            else:
                kept.append(moved)
        if rng.random() < 0.5:
            last = max(int(a.key.rsplit("a", 1)[1]) for a in rec.actions)
            kept.append(_action(rng, f"{rec.key}a{last + 1}", f"{number}.{last + 1}", used))
        rag = _rating(kept)
        summary = _summary(rng)
        recs.append(replace(rec, number=number, actions=tuple(kept), rag=rag, summary=summary))
    recs.sort(key=lambda r: r.number)
    return Plan(plan.version + 1, month, tuple(recs), tuple(completed), tuple(pushed))


def _move_on(rng: random.Random, action: Action, force: bool) -> tuple[Action, Pushed | None]:
    roll = rng.random()
    later = LATER.get(action.timescale)
    if action.status == "Complete" or (roll < 0.3 and not (force and later)):
        done = replace(action, status="Complete", progress=DONE, rag="Blue")
        return done, None
    if later and (roll < 0.55 or force):
        explained = rng.random() < 0.5
        progress = rng.choice(PROGRESS)
        if explained:
            progress += " " + rng.choice(REASONS).format(to=later)
        moved = replace(action, timescale=later, progress=progress, status="In progress")
        return replace(moved, rag="Amber"), Pushed(action.ref, action.timescale, later, explained)
    status = rng.choice(("In progress", "On track"))
    rag = "Green" if status == "On track" else rng.choice(("Amber", "Red"))
    return replace(action, status=status, progress=rng.choice(PROGRESS), rag=rag), None


def _rating(actions: list[Action]) -> str:
    rags = [a.rag for a in actions]
    if not rags or all(r in ("Blue", "Green") for r in rags):
        return "Green"
    return "Red" if rags.count("Red") * 2 >= len(rags) else "Amber"


def plan_versions(
    seed: int, count: int, sizes: tuple[int, ...], months: tuple[str, ...], move_completed: bool
) -> list[Plan]:
    """Every version of one council's plan, one per month given."""
    rng = random.Random(seed)
    plans = [replace(first_plan(rng, count, sizes), month=months[0])]
    for month in months[1:]:
        plans.append(next_plan(rng, plans[-1], month, move_completed))
    return plans
