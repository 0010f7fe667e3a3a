"""A stand-in ModernGov site of another council, kept for the fetch tests and for trying the CLI.

Nothing here is a test. `Council` holds committees and meetings (a published pack, a cancelled
meeting, one with item documents only, an unpublished one, meetings outside the range) with small
real PDFs made by reportlab, and answers like a ModernGov site: the web service's XML in the shapes
of the real responses in ../shared/real/moderngov (counts with a leading space, True/False, escaped
rich text, a title escaped twice), and the pages in ModernGov's markup (mgListCommittees,
ieListMeetings, ieListDocuments, raw spaces in document links). `webservice=False` switches the
service off (404), as some councils do. `Markup` writes the pages the other ways real sites do
(the site under a folder with absolute links, hrefs already percent-encoded, an icon link beside
each document, "Reports Pack", `ieListMeetings.aspx?CommitteeId=` committee links, long dates in
meeting lists), links the packs through an `mgChooseDocPack.aspx?ID=<MId>` page (`pack_page`), or
links the documents on another host (`files_host`, a CDN). `other_council(supplements=True)` adds
a supplementary agenda pack, an item's supplement and a restricted pack to one meeting. Run it by
hand:

    python -m tests.standin 8123 [--no-webservice] [--other-markup] [--pack-page] [--supplements]
    # then: councilpapers fetch http://127.0.0.1:8123/ -c 310 …  (…:8123/moderngov/ for the other)
"""

from __future__ import annotations

import hashlib
import html as markup
import io
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import quote

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.replay import Reply, Request, html, not_found, xml

LAST_MODIFIED = "Mon, 02 Sep 2024 09:00:00 GMT"
ROBOTS = "User-agent: *\nDisallow: /mgSearch\nDisallow: /private/\n"


def pdf(lines: list[str], pages: int = 1) -> bytes:
    """A small text PDF, byte-for-byte the same on every run (reportlab's invariant mode)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number in range(pages):
        y = 790.0
        for line in lines:
            page.drawString(72, y, line)
            y -= 20
        page.drawString(500, 40, f"Page {number + 1}")
        page.showPage()
    page.save()
    return buffer.getvalue()


@dataclass
class Doc:
    id: int
    title: str
    body: bytes
    restricted: bool = False


@dataclass
class Item:
    number: str
    title: str
    docs: list[Doc] = field(default_factory=list)


@dataclass
class Sitting:
    """One meeting as the site holds it."""

    id: int
    committee: int
    when: date
    time: str = "6.00 pm"
    status: str = "Confirmed"
    published: bool = True
    pack: bytes | None = None
    frontsheet: bytes | None = None
    minutes: bytes | None = None
    items: list[Item] = field(default_factory=list)
    supplements: list[tuple[str, str, bytes]] = field(default_factory=list)  # label, folder, PDF
    restricted_pack: bytes | None = None  # listed on the pack page only, never to be asked for

    def stamp(self, titles: dict[int, str]) -> str:
        day = self.when.day
        suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        clock = "18.00" if self.time.endswith("pm") else "10.00"
        return f"{day:02d}{suffix}-{self.when:%b-%Y} {clock} {titles[self.committee]}"

    def level_links(self, titles: dict[int, str]) -> list[tuple[str, str, bytes]]:
        """(label, href path with query, bytes) of the meeting-level PDFs."""
        found = []
        for label, code, body in (
            ("Public reports pack", 10, self.pack),
            ("Agenda frontsheet", 0, self.frontsheet),
            ("Printed minutes", 1, self.minutes),
        ):
            if body is not None:
                found.append(
                    (label, f"documents/g{self.id}/{label} {self.stamp(titles)}.pdf?T={code}", body)
                )
        for label, folder, body in self.supplements:
            found.append((label, f"documents/{folder}/{label} {self.stamp(titles)}.pdf", body))
        return found

    def restricted_link(self, titles: dict[int, str]) -> tuple[str, str, bytes] | None:
        if self.restricted_pack is None:
            return None
        label = "Restricted reports pack"
        href = f"documents/g{self.id}/{label} {self.stamp(titles)}.pdf?T=10"
        return label, href, self.restricted_pack


@dataclass(frozen=True)
class Markup:
    """How the site writes its pages. The default is the plainest; `OTHER` is the other habits
    of real sites (older and newer ModernGov versions, different councils)."""

    prefix: str = ""  # the site under a folder ("/moderngov"), robots.txt still at the root
    absolute: bool = False  # links written with scheme and host
    encoded: bool = False  # document hrefs already percent-encoded
    icons: bool = False  # each document link doubled by an icon link to the same file
    pack_label: str = "Public reports pack"
    committee_link: str = "mgCommitteeDetails.aspx?ID={}"
    long_dates: bool = False  # "Monday, 15th January, 2024 6.00 pm" in the meeting lists
    pack_page: bool = False  # packs linked through mgChooseDocPack.aspx?ID=<MId>, not directly
    files_host: str | None = None  # documents linked absolute on this host ("http://cdn:port")

    def link(self, host: str, href: str) -> str:
        path, _, query = href.partition("?")
        if self.encoded:
            path = quote(path, safe="/,")
        href = path + (f"?{query}" if query else "")
        return f"{host}{self.prefix}/{href}" if self.absolute else href

    def document(self, host: str, href: str, words: str) -> str:
        """A document's link (and its icon's), its words escaped."""
        url = markup.escape(self.file_url(host, href))
        icon = f'<a href="{url}"><img src="mgImages/pdf.gif" alt=""></a> ' if self.icons else ""
        return f'{icon}<a href="{url}" title="Link to document">{markup.escape(words)}'

    def file_url(self, host: str, href: str) -> str:
        if self.files_host is None:
            return self.link(host, href)
        return replace(self, absolute=True).link(self.files_host, href)


OTHER = Markup(
    "/moderngov",
    absolute=True,
    encoded=True,
    icons=True,
    pack_label="Reports Pack",
    committee_link="ieListMeetings.aspx?CommitteeId={}",
    long_dates=True,
)


@dataclass
class Council:
    committees: list[tuple[int, str, bool]]  # id, title, expired
    sittings: list[Sitting]
    webservice: bool = True
    robots: str | None = ROBOTS
    validators: bool = True
    markup: Markup = Markup()

    @property
    def titles(self) -> dict[int, str]:
        return {number: title for number, title, _ in self.committees}

    def files(self) -> dict[str, bytes]:
        """Every document the site serves, by decoded path (and `mgConvert2PDF.aspx?ID=` id)."""
        found: dict[str, bytes] = {}
        for sitting in self.sittings:
            restricted = sitting.restricted_link(self.titles)
            for _, href, body in [*sitting.level_links(self.titles), *filter(None, [restricted])]:
                found["/" + href.split("?")[0]] = body
            for item in sitting.items:
                for doc in item.docs:
                    found[f"/documents/s{doc.id}/{doc.title}.pdf"] = doc.body
                    found[f"/mgConvert2PDF.aspx?ID={doc.id}"] = doc.body
        return found

    def __call__(self, request: Request) -> Reply:
        path = request.path
        if path == "/robots.txt":
            return Reply(200, self.robots.encode()) if self.robots is not None else not_found()
        if not path.startswith(self.markup.prefix + "/"):
            return not_found()
        path = path[len(self.markup.prefix) :]
        if path.lower().startswith("/mgwebservice.asmx/"):
            return (
                self._service(path.rsplit("/", 1)[-1], request) if self.webservice else not_found()
            )
        pages = {
            "/mglistcommittees.aspx": self._committee_list,
            "/ielistmeetings.aspx": self._meeting_list,
            "/ielistdocuments.aspx": self._meeting_page,
            "/mgchoosedocpack.aspx": self._pack_page,
        }
        if path.lower() in pages:
            return pages[path.lower()](request)
        key = path + (f"?ID={request.query.get('id', '')}" if path.endswith("2PDF.aspx") else "")
        body = self.files().get(key)
        return self._document(body, request) if body is not None else not_found()

    def _document(self, body: bytes, request: Request) -> Reply:
        tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = [("Content-Type", "application/pdf")]
        if self.validators:
            headers += [("ETag", tag), ("Last-Modified", LAST_MODIFIED)]
            if request.headers.get("if-none-match") == tag:
                return Reply(304, b"", tuple(headers))
        return Reply(200, body, tuple(headers))

    # -- the web service -----------------------------------------------------------------------

    def _service(self, operation: str, request: Request) -> Reply:
        host = _host(request) + self.markup.prefix
        if operation == "GetCommittees":
            return xml(self._committees_xml())
        if operation == "GetMeetings":
            return xml(self._meetings_xml(int(request.query.get("lcommitteeid", "0"))))
        if operation == "GetMeeting":
            found = [s for s in self.sittings if s.id == int(request.query.get("lmeetingid", "0"))]
            return xml(self._meeting_xml(found[0], host)) if found else xml("<error/>", 500)
        return not_found()

    def _committees_xml(self) -> str:
        rows = "".join(
            f"  <committee>\n    <committeeid>{number}</committeeid>\n"
            f"    <committeetitle>{_twice(title)}</committeetitle>\n"
            f"    <committeedeleted>False</committeedeleted>\n"
            f"    <committeeexpired>{expired}</committeeexpired>\n  </committee>\n"
            for number, title, expired in self.committees
        )
        count = len(self.committees)
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<committees>\n'
            f"  <committeescount> {count}</committeescount>\n{rows}</committees>"
        )

    def _meetings_xml(self, committee: int) -> str:
        """Every meeting of the committee, whatever range was asked (some sites ignore it)."""
        mine = [s for s in self.sittings if s.committee == committee]
        rows = "".join(
            f"      <meeting>\n        <meetingid>{s.id}</meetingid>\n"
            f"        <meetingdate>{s.when:%d/%m/%Y}</meetingdate>\n"
            f"        <meetingstatus>{s.status}</meetingstatus>\n"
            f"        <meetingtime>{s.time}</meetingtime>\n        <iswebcast>False</iswebcast>\n"
            "      </meeting>\n"
            for s in mine
        )
        title = _twice(self.titles.get(committee, ""))
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<getmeetings>\n'
            f"  <meetingscount> {len(mine)}</meetingscount>\n"
            "  <committeescount> 1</committeescount>\n"
            f"  <committee>\n    <committeeid>{committee}</committeeid>\n"
            f"    <committeetitle>{title}</committeetitle>\n"
            f"    <committeemeetingcount> {len(mine)}</committeemeetingcount>\n"
            f"    <committeemeetings>\n{rows}    </committeemeetings>\n"
            "  </committee>\n</getmeetings>"
        )

    def _meeting_xml(self, sitting: Sitting, host: str) -> str:
        items = "".join(self._item_xml(sitting, item, host) for item in sitting.items)
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<meeting>\n'
            f"  <meetingid>{sitting.id}</meetingid>\n"
            f"  <meetingdate>{sitting.when:%d/%m/%Y}</meetingdate>\n"
            f"  <meetingstatus>{sitting.status}</meetingstatus>\n"
            "  <isdisplayallowed>True</isdisplayallowed>\n"
            f"  <meetingtime>{sitting.time}</meetingtime>\n"
            f"  <agendapublished>{sitting.published}</agendapublished>\n"
            f"  <agendaitems>\n{items}  </agendaitems>\n</meeting>"
        )

    def _item_xml(self, sitting: Sitting, item: Item, host: str) -> str:
        docs = "".join(
            "        <linkeddoc>\n"
            f"          <attachmentid>{doc.id}</attachmentid>\n"
            f"          <title>{_twice(doc.title)}</title>\n          <isurl>False</isurl>\n"
            f"          <url>{host}/mgConvert2PDF.aspx?ID={doc.id}</url>\n"
            f"          <isrestricted>{doc.restricted}</isrestricted>\n"
            f"          <meetingdate>{sitting.when:%d/%m/%Y}</meetingdate>\n"
            "        </linkeddoc>\n"
            for doc in item.docs
        )
        text = markup.escape(
            f'<div class="WordSection1"><p class="MsoNormal">{item.title}.</p></div>'
        )
        return (
            "    <agendaitem>\n"
            f"      <agendaitemtitle>{_twice(item.title)}</agendaitemtitle>\n"
            f"      <agendatext>{text}</agendatext>\n"
            f"      <fulldisplaynumberformat>{item.number}.</fulldisplaynumberformat>\n"
            f"      <linkeddocuments>\n{docs}      </linkeddocuments>\n    </agendaitem>\n"
        )

    # -- the pages -----------------------------------------------------------------------------

    def _committee_list(self, request: Request) -> Reply:
        host, form = _host(request), self.markup.committee_link
        rows = "".join(
            f'<li><a href="{markup.escape(self.markup.link(host, form.format(number)))}">'
            f"{markup.escape(title)}</a></li>"
            for number, title, _ in self.committees
        )
        return html(_page("Committee structure", f'<ul class="mgBulletList">{rows}</ul>'))

    def _meeting_list(self, request: Request) -> Reply:
        committee, year = int(request.query.get("cid", "0")), int(request.query.get("year", "0"))
        host = _host(request)
        rows = "".join(
            f'<li><a href="{markup.escape(self.markup.link(host, _meeting_href(s)))}">'
            f"{self._when(s)}</a>"
            + (" CANCELLED" if "cancel" in s.status.lower() else "")
            + "</li>"
            for s in self.sittings
            if s.committee == committee and s.when.year == year
        )
        earlier_url = f"ieListMeetings.aspx?CId={committee}&amp;Year={year - 1}"
        earlier = f'<a href="{earlier_url}">Earlier meetings</a>'
        title = f"Meetings of {markup.escape(self.titles.get(committee, ''))} in {year}"
        return html(_page(title, f'<ul class="mgBulletList">{rows}</ul><p>{earlier}</p>'))

    def _meeting_page(self, request: Request) -> Reply:
        found = [s for s in self.sittings if s.id == int(request.query.get("mid", "0"))]
        if not found:
            return html(_page("Error", "<p>Meeting not found</p>"))
        sitting = found[0]
        when = sitting.when
        heading = (
            f"{self.titles[sitting.committee]} - {when:%A}, {when.day} {when:%B, %Y} {sitting.time}"
        )
        if "cancel" in sitting.status.lower():
            return html(_page(heading, "<p>This meeting has been cancelled.</p>"))
        if not sitting.published:
            return html(
                _page(heading, "<p>The agenda for this meeting has not been published.</p>")
            )
        host, style = _host(request), self.markup
        listed = sitting.level_links(self.titles)
        packed = [link for link in listed if style.pack_page and _packed(link)]
        links = _level_items([link for link in listed if link not in packed], style, host)
        if packed:
            choose = markup.escape(style.link(host, f"mgChooseDocPack.aspx?ID={sitting.id}"))
            links += f'<li><a href="{choose}">{style.pack_label}</a></li>'
        rows = "".join(_item_row(item, style, host) for item in sitting.items)
        body = (
            f'<div class="mgLinks"><ul class="mgActionList">{links}'
            '<li><a href="mgMeetingAttendance.aspx?ID=1">Attendance details</a></li></ul></div>'
            '<table class="mgItemTable" summary="Table of items"><tr><th>No.</th><th>Item</th></tr>'
            f"{rows}</table>"
        )
        return html(_page(heading, body))

    def _pack_page(self, request: Request) -> Reply:
        """mgChooseDocPack.aspx?ID=<MId>: the meeting's packs, the printed minutes, and (as a
        site shows its members) a restricted pack."""
        found = [s for s in self.sittings if s.id == int(request.query.get("id", "0"))]
        if not found or not self.markup.pack_page:
            return html(_page("Error", "<p>Meeting not found</p>"))
        sitting, host = found[0], _host(request)
        restricted = sitting.restricted_link(self.titles)
        packed = [link for link in sitting.level_links(self.titles) if _packed(link)]
        listed = [*packed, *filter(None, [restricted])]
        lines = _level_items(listed, self.markup, host)
        title = f"Choose document pack for {markup.escape(self.titles[sitting.committee])}"
        return html(_page(title, f'<ul class="mgBulletList">{lines}</ul>'))

    def _when(self, sitting: Sitting) -> str:
        when = sitting.when
        if self.markup.long_dates:
            day = when.day
            suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10)
            return f"{when:%A}, {day}{suffix or 'th'} {when:%B}, {when.year} {sitting.time}"
        return f"{when.day} {when:%b %Y} {sitting.time}"


def _host(request: Request) -> str:
    return f"http://{request.headers.get('host', '127.0.0.1')}"


def _packed(link: tuple[str, str, bytes]) -> bool:
    """Listed on the pack page where a site has one: the pack, supplement packs, the minutes
    (an item's supplement, under documents/b…, stays on the meeting's page)."""
    label, href, _ = link
    return label != "Agenda frontsheet" and href.startswith("documents/g")


def _level_items(links: list[tuple[str, str, bytes]], style: Markup, host: str) -> str:
    words = {"Public reports pack": style.pack_label}
    return "".join(
        f"<li>{style.document(host, href, words.get(label, label))}"
        f'<span class="mgFileSize">PDF {len(body) // 1024 + 1} KB</span></a></li>'
        for label, href, body in links
    )


def _meeting_href(sitting: Sitting) -> str:
    return f"ieListDocuments.aspx?CId={sitting.committee}&MId={sitting.id}&Ver=4"


def _item_row(item: Item, style: Markup, host: str) -> str:
    docs = "".join(
        f"<li>{style.document(host, f'documents/s{doc.id}/{doc.title}.pdf', doc.title)}"
        '<span class="mgFileSize">PDF 4 KB</span></a></li>'
        for doc in item.docs
        if not doc.restricted
    )
    return (
        f'<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">{item.number}.</p></td>'
        f'<td><p class="mgAiTitleTxt"><a href="mgAi.aspx?ID={item.number}">'
        f"{markup.escape(item.title)}</a></p>"
        + (f'<ul class="mgBulletList">{docs}</ul>' if docs else "")
        + "</td></tr>"
    )


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html><head><title>{title}</title></head><body><div id="modgov">'
        f'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{title}</h2></div>'
        f'<div class="mgContent">{body}</div></div></body></html>'
    )


def _twice(text: str) -> str:
    """Escaped as the web service does: XML once, an apostrophe a second time (`&amp;#39;`)."""
    return markup.escape(text, quote=False).replace("'", "&amp;#39;")


CSSP = 310


def other_council(
    webservice: bool = True, style: Markup = Markup(), supplements: bool = False
) -> Council:
    """The stand-in council: its Children's Services Scrutiny Panel through 2024, and more;
    `supplements` gives its July 2024 meeting a supplementary agenda pack, an item's supplement
    and a restricted pack."""
    name = "Children's Services Scrutiny Panel"

    def pack(printed: str, subject: str) -> bytes:
        notice = ["Notice of meeting", f"A meeting of the {name} will be held"]
        return pdf(
            [*notice, f"on {printed} at 6.00 pm", "AGENDA", "1. Apologies", f"2. {subject}"], 3
        )

    def report(title: str) -> bytes:
        return pdf([f"Report to the {name}", title, "Recommendations", "That the panel notes it."])

    sittings = [
        Sitting(9099, CSSP, date(2023, 11, 20), pack=pack("Monday, 20th November, 2023", "Q2")),
        Sitting(
            9101,
            CSSP,
            date(2024, 1, 15),
            pack=pack("Monday, 15th January, 2024", "Ofsted improvement plan"),
            frontsheet=pdf([name, "Agenda frontsheet", "Monday, 15 January 2024"]),
            minutes=pdf([f"Minutes of a meeting of the {name}", "held on Monday, 15 January 2024"]),
            items=[
                Item(
                    "5", "Improvement plan", [Doc(81001, "Improvement plan update", report("Plan"))]
                )
            ],
        ),
        Sitting(9102, CSSP, date(2024, 3, 11), status="Cancelled"),
        Sitting(
            9103,
            CSSP,
            date(2024, 5, 20),
            items=[
                Item("4", "Performance", [Doc(81002, "Performance report Q4", report("Q4"))]),
                Item("6", "Exempt item", [Doc(81003, "Exempt appendix", report("X"), True)]),
            ],
        ),
        Sitting(
            9104,
            CSSP,
            date(2024, 7, 15),
            status="Confirmed; Special Meeting",
            pack=pack("Monday, 8th July, 2024", "Sufficiency strategy"),
        ),
        Sitting(9105, CSSP, date(2024, 11, 18), published=False),
        Sitting(9107, CSSP, date(2025, 1, 13), pack=pack("Monday, 13th January, 2025", "Budget")),
        Sitting(9201, 201, date(2024, 2, 7), pack=pdf(["Cabinet", "Agenda", "7 February 2024"])),
    ]
    if supplements:
        special = sittings[4]
        special.supplements = [
            ("Supplementary agenda pack", "g9104", report("Supplementary agenda: late report")),
            ("Item 3 Supplement", "b70401", report("Supplement to item 3")),
        ]
        special.restricted_pack = report("Exempt information: not for publication")
    committees = [
        (105, "Cabinet", True),
        (201, "Cabinet", False),
        (CSSP, name, False),
        (220, "Audit Committee", False),
    ]
    return Council(committees, sittings, webservice=webservice, markup=style)


if __name__ == "__main__":
    import sys
    from http.server import ThreadingHTTPServer

    from tests.replay import Replay, _handler_class

    port = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 8123
    off = "--no-webservice" in sys.argv
    style = OTHER if "--other-markup" in sys.argv else Markup()
    style = replace(style, pack_page="--pack-page" in sys.argv)
    council = other_council(not off, style, "--supplements" in sys.argv)
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler_class(Replay(council)))
    print(f"stand-in council at http://127.0.0.1:{port}/ (web service {'off' if off else 'on'})")
    server.serve_forever()
