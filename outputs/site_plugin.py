"""The councilpapers pages inside Datasette: home, recommendation timelines, source pages.

A pluggy plugin object (registered by `outputs.serve`) holding the store's address and the
in-memory database the tables are served from. Each request first refreshes that database if the
store has changed (checked at most every few seconds), so newly ingested papers appear without a
restart. Pages are rendered with the project's own templates; values from documents are escaped.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from datasette import hookimpl as datasette_hookimpl
from datasette.database import Database
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from councilpapers.outputs import site_db, site_views
from councilpapers.outputs.site_meta import DATABASE, STYLE
from councilpapers.records import RecHistory

CHECK_EVERY = 3.0
F = TypeVar("F", bound=Callable[..., Any])


def hookimpl(function: F) -> F:
    """Datasette's hook marker, typed."""
    return cast(F, datasette_hookimpl(function))


class SitePlugin:
    """Datasette hooks bound to one store."""

    def __init__(self, db_url: str, title: str) -> None:
        self.__name__ = "councilpapers_site"  # Datasette lists plugins by __name__
        self.datasette: Any = None
        self.db_url, self.title = db_url, title
        self.database: Database | None = None
        self.fingerprint: tuple[Any, ...] | None = None
        self.histories: list[RecHistory] = []
        self.checked = 0.0
        self.lock = asyncio.Lock()
        self._keep: Any = None

    def attach(self, datasette: Any) -> None:
        """Serve through this Datasette instance, loading the store now."""
        self.datasette = datasette
        self.load()

    def load(self) -> None:
        """Read the store into a fresh in-memory database and serve that one from now on."""
        fingerprint = site_db.store_fingerprint(self.db_url)
        tables, histories = site_db.site_content(self.db_url)
        database = Database(self.datasette, memory_name=f"councilpapers-{secrets.token_hex(8)}")
        conn = database.connect(write=True)  # holds the shared in-memory database open
        site_db.load_site(conn, tables)
        self.datasette.add_database(database, name=DATABASE)
        if self._keep is not None:
            self._keep.close()
        self._keep, self.database = conn, database
        self.fingerprint, self.histories = fingerprint, histories
        self.checked = time.monotonic()

    async def refresh(self) -> None:
        """Reload when the store changed since the last look (looked at every few seconds)."""
        if time.monotonic() - self.checked < CHECK_EVERY:
            return
        async with self.lock:
            if time.monotonic() - self.checked < CHECK_EVERY:
                return
            loop = asyncio.get_running_loop()
            self.checked = time.monotonic()
            now = await loop.run_in_executor(None, site_db.store_fingerprint, self.db_url)
            if now != self.fingerprint:
                await loop.run_in_executor(None, self.load)

    @hookimpl
    def register_routes(self) -> list[tuple[str, Any]]:
        return [
            (r"^/$", self._page(site_views.home)),
            (r"^/-/recommendation/(?P<rec>[^/]+)$", self._page(site_views.recommendation)),
            (r"^/-/source/(?P<sha>[0-9a-f]{64})/(?P<page>\d+)$", self._page(site_views.source)),
            (r"^/-/source/(?P<sha>[0-9a-f]{64})/(?P<page>\d+)\.png$", self._page(site_views.png)),
            (r"^/-/pdf/(?P<sha>[0-9a-f]{64})$", self._page(site_views.pdf)),
            (r"^/-/councilpapers\.css$", lambda: Response(STYLE, content_type="text/css")),
        ]

    @hookimpl
    def extra_css_urls(self) -> list[str]:
        return ["/-/councilpapers.css"]

    def _page(self, view: Any) -> Any:
        async def handler(request: Any) -> Response:
            await self.refresh()
            assert self.database is not None
            return await view(self, self.database, request)

        return handler

    @hookimpl
    def asgi_wrapper(self) -> Any:
        def wrap(app: Any) -> Any:
            async def wrapped(scope: Any, receive: Any, send: Any) -> None:
                if scope.get("type") == "http":
                    await self.refresh()
                await app(scope, receive, send)

            return wrapped

        return wrap

    @hookimpl
    def render_cell(self, value: Any, column: str, table: str | None, database: str) -> Any:
        if database != DATABASE or not isinstance(value, str):
            return None
        if column == "source" and value.startswith("/-/source/"):
            page = value.split("/")[4].split("?")[0]
            return Markup(f'<a href="{escape(value)}">page {escape(page)}</a>')
        if column == "page" and value.startswith("/-/recommendation/"):
            return Markup(f'<a href="{escape(value)}">timeline</a>')
        return None

    @hookimpl
    def menu_links(self) -> list[dict[str, str]]:
        return [
            {"href": "/", "label": "Store overview"},
            {"href": f"/{DATABASE}/recommendations", "label": "Recommendations"},
            {"href": f"/{DATABASE}/actions", "label": "Actions"},
        ]
