"""A ModernGov site's pages, for what the web service does not give (packs) or where it is off.

`mgListCommittees.aspx` links each committee (`mgCommitteeDetails.aspx?ID=`, or
`ieListMeetings.aspx?CId=` / `?CommitteeId=`); `ieListMeetings.aspx?CId=&Year=` links each meeting
(`ieListDocuments.aspx?CId=&MId=`, the date as the link's text, "CANCELLED" beside it); the
meeting's page `ieListDocuments.aspx?CId=&MId=` links the meeting-level PDFs under `ul.mgActionList`
(`documents/g<MId>/Public reports pack … .pdf?T=10`; T=0 the agenda frontsheet, T=1 the printed
minutes; `documents/b<id>/…` addenda; older versions `mgConvert2PDF.aspx?ID=<MId>&T=0`) and the
item documents in `table.mgItemTable` (`documents/s<id>/<Title>.pdf`, `mgConvert2PDF.aspx?ID=`).
Some sites link the pack not itself but through `mgChooseDocPack.aspx?ID=<MId>`, a page listing
the meeting's packs (the public reports pack, supplementary agenda packs, the printed minutes):
`parse_pack_page` reads that page's document links the same way. Supplements ("Supplementary
agenda pack", "Item 5 Supplement") are their own kind; a pack marked restricted, exempt or
confidential is kept as restricted (never asked for). Links may be relative or absolute (a site
under a folder, `…/moderngov/`, or its files on another host), already percent-encoded or not,
and doubled by an icon link to the same file (one paper per URL, named by the labelled link).
Read with lxml's HTML parser, by structure and link targets, never by a council's wording of its
titles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from councilpapers.fetch.dates import clock_time, written_date
from councilpapers.fetch.errors import FetchError
from councilpapers.fetch.model import Committee, Meeting, MeetingPapers, Paper, PaperKind
from councilpapers.fetch.site import absolute

COMMITTEES_PAGE = "mgListCommittees.aspx"
MEETINGS_PAGE = "ieListMeetings.aspx"
MEETING_PAGE = "ieListDocuments.aspx"
PACK_PAGE = "mgchoosedocpack.aspx"  # the meeting's packs listed on a page of their own
CODES: dict[str, PaperKind] = {"10": "pack", "0": "frontsheet", "1": "minutes"}
MEETING_DOCUMENT = re.compile(r"/documents/[a-z]\d+/[^/]+$", re.IGNORECASE)  # g<MId>, b<id>
CONVERTED = "mgconvert2pdf.aspx"  # a document made into a PDF on request, by its id
CANCELLED = re.compile(r"\bcancell?ed\b", re.IGNORECASE)
SUPPLEMENT = re.compile(r"\bsupplement(?:ary|al)?\b", re.IGNORECASE)
RESTRICTED = re.compile(
    r"\b(?:restricted|exempt|confidential|not for publication)\b|\bprivate (?:reports? )?pack\b",
    re.IGNORECASE,
)
NOTICE = re.compile(r"\bthis meeting (?:has been|was|is) cancell?ed", re.IGNORECASE)


def meeting_page_path(meeting: Meeting) -> tuple[str, dict[str, int]]:
    return MEETING_PAGE, {"CId": meeting.committee.id, "MId": meeting.id}


def parse_committee_list(content: bytes, page_url: str) -> list[Committee]:
    found: dict[int, Committee] = {}
    for link, href in _links(content, page_url):
        number = _param(href, "ID") if "mgcommitteedetails.aspx" in href.lower() else None
        if number is None and "ielistmeetings.aspx" in href.lower():
            number = _param(href, "CId") or _param(href, "CommitteeId")
        title = _words(link.text_content())
        if number is not None and title and number not in found:
            found[number] = Committee(number, title)
    return list(found.values())


def parse_meeting_list(content: bytes, committee: Committee, page_url: str) -> list[Meeting]:
    found: dict[int, Meeting] = {}
    for link, href in _links(content, page_url):
        if "ielistdocuments.aspx" not in href.lower():
            continue
        number = _param(href, "MId") or _param(href, "MeetingId")
        text = _words(link.text_content())
        when = written_date(text)
        if number is None or when is None or number in found:
            continue
        around = _words(_entry(link).text_content())
        cancelled = bool(CANCELLED.search(around))
        status = "Cancelled" if cancelled else ""
        found[number] = Meeting(number, committee, when, clock_time(text), status, cancelled)
    return list(found.values())


def parse_meeting_page(content: bytes, page_url: str) -> MeetingPapers:
    root = _document(content)
    papers = _distinct([*_meeting_papers(root, page_url), *_item_papers(root, page_url)])
    heading = " ".join(_words(n.text_content()) for n in _headings(root))
    notice = NOTICE.search(_words(root.text_content()))
    cancelled = bool(CANCELLED.search(heading) or notice)
    packs = _pack_pages(root, page_url)
    return MeetingPapers(tuple(papers), cancelled, bool(papers or packs), pack_pages=packs)


def parse_pack_page(content: bytes, page_url: str) -> list[Paper]:
    """The documents an `mgChooseDocPack.aspx` page lists: every link to one of the meeting's
    documents on it, wherever the site's template puts the list."""
    root = _document(content)
    return _distinct(list(_level_links(root.iter("a"), page_url)))


def _pack_pages(root: HtmlElement, page_url: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for link in root.iter("a"):
        href = absolute(page_url, link.get("href") or "")
        if urlsplit(href).path.lower().endswith(PACK_PAGE):
            found.setdefault(href)
    return tuple(found)


def _headings(root: HtmlElement) -> list[HtmlElement]:
    """The page's title and its heading: where ModernGov says a meeting is cancelled."""
    return [*root.iter("title"), *root.find_class("mgSubTitleTxt")]


Found = tuple[Paper, bool]  # a paper, and whether its link had words (not just an icon)


def _meeting_papers(root: HtmlElement, page_url: str) -> Iterator[Found]:
    """The meeting-level documents: in `ul.mgActionList`, or its `div.mgLinks` where a site's
    template leaves the list unclassed (a link met twice is one paper, see `_distinct`)."""
    for actions in [*root.find_class("mgActionList"), *root.find_class("mgLinks")]:
        yield from _level_links(actions.iter("a"), page_url)


def _level_links(links: Iterator[HtmlElement], page_url: str) -> Iterator[Found]:
    for link in links:
        href = absolute(page_url, link.get("href") or "")
        path = urlsplit(href).path
        if MEETING_DOCUMENT.search(path) or path.lower().endswith(CONVERTED):
            label = _label(link)
            title = label or _file_title(href)
            restricted = bool(RESTRICTED.search(title))
            yield Paper(_kind(title, href), title, href, restricted=restricted), bool(label)


def _item_papers(root: HtmlElement, page_url: str) -> Iterator[Found]:
    for table in root.find_class("mgItemTable"):
        for row in table.iter("tr"):
            number, title = _item_heading(row)
            for link in row.iter("a"):
                href = absolute(page_url, link.get("href") or "")
                path = urlsplit(href).path.lower()
                if "/documents/s" in path or path.endswith(CONVERTED):
                    label = _label(link)
                    paper = Paper("item", label or _file_title(href), href, number, title)
                    yield paper, bool(label)


def _distinct(found: list[Found]) -> list[Paper]:
    """One paper per URL, where it first appears: a document's icon and its words are often two
    links to one file, and the one with words names it."""
    chosen: dict[str, Found] = {}
    for paper, labelled in found:
        if paper.url not in chosen or (labelled and not chosen[paper.url][1]):
            chosen[paper.url] = (paper, labelled)
    return [paper for paper, _ in chosen.values()]


def _item_heading(row: HtmlElement) -> tuple[str | None, str | None]:
    cells = row.find_class("mgItemNumberCell")
    number = _words(cells[0].text_content()).rstrip(".") if cells else ""
    titles = [_words(p.text_content()) for p in row.find_class("mgAiTitleTxt") if p not in cells]
    titles = [t for t in titles if t and t.rstrip(".") != number]
    return number or None, (titles[0] if titles else None)


def _kind(label: str, href: str) -> PaperKind:
    text = label.lower()
    if SUPPLEMENT.search(text):
        return "supplement"
    if "reports pack" in text or "public pack" in text:
        return "pack"
    if "frontsheet" in text or "front sheet" in text:
        return "frontsheet"
    if "minutes" in text:
        return "minutes"
    code = parse_qs(urlsplit(href).query).get("T", [""])[0]
    return CODES.get(code, "other")


def _label(link: HtmlElement) -> str:
    """A link's text without ModernGov's size note ("PDF 3 MB")."""
    parts = [link.text or ""]
    for child in link:
        if "mgFileSize" not in (child.get("class") or ""):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return re.sub(r"\s*\(?\bPDF\s+\d+(?:\.\d+)?\s*[KMG]B\)?\s*$", "", _words("".join(parts)))


def _file_title(href: str) -> str:
    name = unquote(urlsplit(href).path.rsplit("/", 1)[-1])
    return _words(re.sub(r"\.pdf$", "", name, flags=re.IGNORECASE))


def _links(content: bytes, page_url: str) -> Iterator[tuple[HtmlElement, str]]:
    for link in _document(content).iter("a"):
        href = link.get("href")
        if href:
            yield link, absolute(page_url, href)


def _entry(link: HtmlElement) -> HtmlElement:
    """The list item or table row a meeting link sits in (its status is printed beside it)."""
    for ancestor in link.iterancestors():
        if ancestor.tag in ("li", "tr", "p"):
            return ancestor
    return link


def _document(content: bytes) -> HtmlElement:
    try:
        return lxml.html.document_fromstring(content)
    except (etree.ParserError, ValueError) as exc:
        raise FetchError(f"a page of the site could not be read as HTML ({exc})") from exc


def _param(href: str, name: str) -> int | None:
    query = {k.lower(): v for k, v in parse_qs(urlsplit(href).query).items()}
    value = query.get(name.lower(), [""])[0]
    return int(value) if value.isdigit() else None


def _words(text: str) -> str:
    return " ".join(text.split())
