"""`councilpapers serve`: the store in Datasette, read only, with the project's own pages.

`make_datasette` builds the Datasette app: the flat tables of `outputs.site_db` in an in-memory
database named `council` (refreshed when the store changes), the metadata of `outputs.site_meta`
(column descriptions, facets, search, canned queries) and the pages of `outputs.site_plugin`.
Everything is served from this machine: Datasette's own static files, no CDN, no web fonts.
"""

from __future__ import annotations

from typing import Any

from councilpapers.corpus.store import Store

PLUGIN_NAME = "councilpapers-site"
FACET_SIZE = 5  # values a facet lists before its "…" link: the results stay on the first screen


def check_servable(db_url: str) -> None:
    """Refuse a store that cannot be served (missing, unreachable, not a store, another schema
    version) with the store's own one-line error: the server reads every store, SQLite or
    PostgreSQL, through `Store.open(..., readonly=True)` into its in-memory tables."""
    Store.open(db_url, readonly=True).close()


def make_datasette(db_url: str, title: str = "Council papers") -> Any:
    """A ready Datasette instance serving the store at `db_url` (tables loaded)."""
    check_servable(db_url)
    from datasette.app import Datasette
    from datasette.plugins import pm

    from councilpapers.outputs.site_meta import metadata
    from councilpapers.outputs.site_plugin import SitePlugin

    plugin = SitePlugin(db_url, title)
    if pm.get_plugin(PLUGIN_NAME) is not None:
        pm.unregister(name=PLUGIN_NAME)
    pm.register(plugin, name=PLUGIN_NAME)  # before Datasette(): it builds its routes at once
    datasette = Datasette(
        metadata=metadata(title),
        settings={
            "default_page_size": 50,
            "default_facet_size": FACET_SIZE,
            "allow_download": False,
            "suggest_facets": False,
        },
        cors=False,
    )
    plugin.attach(datasette)
    return datasette


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve until interrupted."""
    import uvicorn

    datasette = make_datasette(db_url)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
