"""Score what the library says about the suite's committee packs against ``documents.jsonl``.

Per pack: items found with the exact first and last physical page, the "Page N" stamps of those
items (the pack's stamps, never the plan's own "Page X of Y"), the meeting date and the committee
(its name contained in what the library reads, case-insensitive), all from the documents the
store holds (what ``export documents`` writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class PackTally:
    items: int = 0
    exact: int = 0
    stamps: int = 0
    dates: int = 0
    committees: int = 0
    packs: int = 0

    def line(self) -> str:
        return (
            f"packs: items exact {self.exact}/{self.items}, their Page N stamps right "
            f"{self.stamps}/{self.exact}, meeting date {self.dates}/{self.packs}, committee "
            f"{self.committees}/{self.packs}"
        )


def score_packs(db_url: str, gold: list[dict[str, Any]]) -> PackTally:
    from councilpapers.outputs.documents import document_records

    stored = {record["doc"]: record for record in document_records(db_url)}
    tally = PackTally()
    for expected in gold:
        ours = stored.get(expected["doc"], {})
        tally.packs += 1
        tally.dates += ours.get("meeting_date") == expected["meeting_date"]
        committee = (ours.get("committee") or "").lower()
        tally.committees += bool(committee) and expected["committee"].lower() in committee
        found = {(i["first_page"], i["last_page"]): i for i in ours.get("items", [])}
        for item in expected["items"]:
            tally.items += 1
            match = found.get((item["first_page"], item["last_page"]))
            if match is None:
                continue
            tally.exact += 1
            want = item.get("page_stamps") or [None, None]
            tally.stamps += [match["page_stamp_first"], match["page_stamp_last"]] == want
    return tally
