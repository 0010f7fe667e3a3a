"""The HTML pages' one Jinja environment: templates in `outputs/templates/`, every value escaped.

The static history report (`history_html`) and the pages of `serve` (`site_views`) render
through here, so they share partials: `_timeline.html` (a recommendation's versions, rows and
word diffs) and its style `_timeline.css`. The site's pages extend `site_base.html` (its header,
navigation and look).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

ENV = Environment(
    loader=PackageLoader("councilpapers.outputs", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)


def render(name: str, **values: Any) -> str:
    """The template `name` rendered with `values`."""
    return ENV.get_template(name).render(**values)
