"""House styles of the fictional councils: how each one prints its plan.

A style names the maker (python-docx, python-pptx or reportlab), the columns as the council heads
them, where the recommendation goes (a merged column or banner rows), how RAG is shown (the word,
the fill only, or both; BRAG with blue for complete), the page (portrait or landscape, font,
header repeated or not), which extra tables it prints (a summary rating each recommendation, a
completed-actions table) and how its title gives the version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# Column fields: the canonical export names, plus "number" for a recommendation-number column
# merged down its action rows (no canonical field: it is the row's section number).
Column = tuple[str, str]  # (field, printed header)


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    council: str
    maker: str  # docx | pptx | reportlab
    columns: tuple[Column, ...]
    widths: tuple[float, ...]  # relative column widths
    area_banners: bool  # full-width merged rows with the area heading
    rag_mode: str  # word | fill | both
    brag: bool  # Blue for complete (else complete prints Green)
    landscape: bool
    repeat_header: bool
    font: str
    size: float  # points
    title: str  # format: {council} {version} {month}
    version_label: str  # format of the gold plan_version: {version} {year}
    summary: tuple[Column, ...] = ()  # summary table columns; empty: none
    summary_title: str = "Summary of progress against the Ofsted recommendations"
    completed_title: str | None = None  # completed actions moved to a table of this title
    footer: bool = False  # "Page X of Y" footer
    area_titles: bool = False  # the area is the slide title / a heading above its table
    rec_banners: bool = False  # "Recommendation N: wording" banner row before each group
    pack: bool = False  # each version inside a committee pack, plus the inspection report
    dated_progress: bool = False  # the progress header names the month: "Progress update (May…)"
    seed: int = 1
    count: int = 6
    sizes: tuple[int, ...] = (3, 7, 2, 4)
    months: tuple[str, ...] = ("September 2024", "January 2025")

    def rag_word(self, rag: str) -> str:
        return rag if self.brag or rag != "Blue" else "Green"


SUMMARY_A = (
    ("ref", "No."),
    ("outcome", "Recommendation"),
    ("rag", "Overall rating"),
    ("progress", "Summary of progress"),
)


def style_of(styles: tuple[Style, ...], name: str) -> Style:
    for style in styles:
        if style.name == name:
            return style
    raise KeyError(f"no style {name!r}; known: {', '.join(s.name for s in styles)}")


STYLES: tuple[Style, ...] = (
    Style(
        name="northmoor",
        council="Northmoor Council",
        maker="docx",
        columns=(
            ("ref", "No."),
            ("outcome", "Ofsted recommendation"),
            ("actions", "Action"),
            ("lead", "Lead officer"),
            ("timescale", "Deadline"),
            ("status", "Status"),
            ("progress", "Progress update"),
            ("rag", "RAG"),
        ),
        widths=(1.2, 4.5, 5.0, 2.6, 2.0, 1.8, 5.0, 1.4),
        area_banners=True,
        rag_mode="both",
        brag=False,
        landscape=True,
        repeat_header=True,
        font="Liberation Sans",
        size=9,
        title="{council}\nChildren's Services Improvement Plan\nVersion {version} {month}",
        version_label="{year}-v{version}",
        summary=SUMMARY_A,
        dated_progress=True,
        seed=11,
        count=6,
        sizes=(3, 8, 2, 4, 5, 3),
        months=("June 2024", "October 2024", "March 2025"),
    ),
    Style(
        name="eastbridge",
        council="Eastbridge Borough Council",
        maker="docx",
        columns=(
            ("number", "Rec"),
            ("outcome", "Area for improvement"),
            ("ref", "Ref"),
            ("actions", "What we will do"),
            ("lead", "Owner"),
            ("timescale", "By when"),
            ("progress", "Commentary"),
            ("rag", "Rating"),
        ),
        widths=(0.9, 3.5, 1.1, 4.0, 2.2, 1.8, 4.0, 1.3),
        area_banners=False,
        rag_mode="fill",
        brag=False,
        landscape=False,
        repeat_header=False,
        font="DejaVu Sans",
        size=8,
        title="{council}\nOfsted Improvement Plan (Version {version})\nUpdated {month}",
        version_label="{version}",
        completed_title="Completed actions",
        footer=True,
        seed=22,
        count=5,
        sizes=(4, 2, 9, 3, 3),
        months=("July 2024", "December 2024"),
    ),
    Style(
        name="westvale",
        council="Westvale City Council",
        maker="docx",
        columns=(
            ("ref", "Action ID"),
            ("outcome", "Recommendation"),
            ("actions", "Action"),
            ("lead", "Led by"),
            ("timescale", "Target date"),
            ("progress", "Update"),
            ("rag", "BRAG"),
        ),
        widths=(1.3, 4.5, 5.0, 2.6, 2.0, 5.5, 1.4),
        area_banners=True,
        rag_mode="both",
        brag=True,
        landscape=True,
        repeat_header=True,
        font="Liberation Serif",
        size=10,
        title="{council}\n{month} update\nChildren's Improvement Action Plan – Version {version}",
        version_label="{version}",
        summary=(
            ("ref", "Ref"),
            ("outcome", "Ofsted recommendation"),
            ("rag", "Rating"),
            ("progress", "Summary"),
        ),
        summary_title="Progress against each recommendation",
        footer=True,
        seed=33,
        count=5,
        sizes=(2, 3, 7, 4, 2),
        months=("May 2024", "November 2024"),
    ),
    Style(
        name="southgate",
        council="Southgate District Council",
        maker="pptx",
        columns=(
            ("ref", "Ref"),
            ("outcome", "Recommendation"),
            ("actions", "Action"),
            ("lead", "Owner"),
            ("timescale", "Timescale"),
            ("status", "Status"),
            ("progress", "Progress"),
            ("rag", "RAG"),
        ),
        widths=(0.8, 3.2, 3.6, 1.8, 1.4, 1.3, 3.6, 1.0),
        area_banners=False,
        area_titles=True,
        rag_mode="both",
        brag=False,
        landscape=True,
        repeat_header=True,
        font="Liberation Sans",
        size=10,
        title="{council}\nImprovement Plan – Version {version}\n{month}",
        version_label="{year}-v{version}",  # "Version 1" then "April 2024": 2024-v1
        summary=(
            ("ref", "No."),
            ("outcome", "Area for improvement"),
            ("rag", "RAG"),
            ("progress", "Progress summary"),
        ),
        summary_title="Summary of progress",
        seed=44,
        count=5,
        sizes=(3, 6, 2, 3, 4),
        months=("April 2024", "February 2025"),
    ),
    Style(
        name="kingsford",
        council="Kingsford Council",
        maker="reportlab",
        columns=(
            ("ref", "Ref No."),
            ("actions", "What we will do"),
            ("lead", "Responsible officer"),
            ("timescale", "By when"),
            ("status", "Status"),
            ("progress", "Progress update"),
            ("rag", "RAG"),
        ),
        widths=(1.0, 4.5, 2.4, 1.6, 1.6, 4.5, 1.4),
        area_banners=False,
        area_titles=True,
        rec_banners=True,
        rag_mode="word",
        brag=False,
        landscape=False,
        repeat_header=True,
        font="DejaVu Sans Condensed",
        size=8,
        title="{council} – Children's Services Improvement Plan\nVersion {version}, {month}",
        version_label="{year}-v{version}",
        completed_title="Actions completed since the last update",
        seed=55,
        count=6,
        sizes=(4, 3, 8, 2, 3, 5),
        months=("August 2024", "January 2025"),
    ),
)


STYLES = (
    *STYLES,
    replace(
        style_of(STYLES, "westvale"),
        name="westvale-pack",
        pack=True,
        seed=66,
        rag_mode="fill",  # BRAG as the fill only
        font="Liberation Sans Narrow",
    ),
)


def style_named(name: str) -> Style:
    return style_of(STYLES, name)
