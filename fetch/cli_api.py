"""What the `fetch` command uses, in one import: so that a missing third-party library (the
`fetch` extra: httpx, tenacity, protego, lxml) shows as one ImportError the command can explain."""

from councilpapers.errors import UsageError
from councilpapers.fetch.dates import iso_date
from councilpapers.fetch.errors import UnknownCommittee
from councilpapers.fetch.plan import Wanted
from councilpapers.fetch.run import Selection, check_range, fetch_papers
from councilpapers.fetch.settings import MIB, FetchSettings

__all__ = [
    "MIB",
    "FetchSettings",
    "Selection",
    "UnknownCommittee",
    "UsageError",
    "Wanted",
    "check_range",
    "fetch_papers",
    "iso_date",
]
