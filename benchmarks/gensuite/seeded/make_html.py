"""Plans published as a council web page (a CMS page) and printed to PDF by headless Chromium: a
``model.Doc`` as HTML with the site's banner and breadcrumbs, the content in a narrow column
beside a sidebar or full width, RAG as coloured badges, a key legend with swatches, tables with
every cell ruled, rules between rows only, or no rules; ``thead`` rows repeat on every printed
page as browsers print them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .grid import text_colour
from .model import Cell, Doc, Grid

RULES = {
    "full": "th, td { border: 1px solid #b1b4b6; }",
    "rows": "tr { border-bottom: 1px solid #b1b4b6; }\n"
    "thead tr { border-bottom: 2px solid #0b0c0c; }",
    "none": "",
}
SIDEBAR = (
    "<h3>Related pages</h3><ul><li>Ofsted inspection report</li><li>Improvement Board</li>"
    "<li>Children's services performance</li><li>Contact us</li></ul>"
)


def write_html(doc: Doc, target: Path) -> None:
    target.write_text(page(doc), encoding="utf-8")


def page(doc: Doc) -> str:
    orientation = "landscape" if doc.landscape else "portrait"
    body = [f"<h1>{escape(doc.title[1])}</h1>"]
    body += [f'<p class="meta">{escape(line)}</p>' for line in doc.title[2:]]
    if doc.intro:
        body.append(f"<p>{escape(doc.intro)}</p>")
    if doc.legend:
        body.append(_legend(doc))
    for grid in doc.grids:
        if grid.heading:
            body.append(f"<h2>{escape(grid.heading)}</h2>")
        body.append(_table(grid))
    main = "\n".join(body)
    layout = (
        f'<div class="layout"><main>{main}</main><aside>{SIDEBAR}</aside></div>'
        if doc.narrow
        else f"<main>{main}</main>"
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(doc.title[1])}</title>
<style>
@page {{ size: {doc.paper} {orientation}; margin: 14mm 12mm; }}
body {{ font-family: '{doc.font}', sans-serif; font-size: {doc.size}pt; color: #0b0c0c; }}
.site {{ border-bottom: 6px solid #1d70b8; padding: 4px 0; font-weight: bold; font-size: 1.3em; }}
.crumbs {{ font-size: 0.85em; color: #505a5f; margin: 6px 0 10px; }}
.layout {{ display: flex; gap: 16px; }} .layout main {{ flex: 0 0 68%; }}
aside {{ flex: 1; border-top: 3px solid #1d70b8; font-size: 0.9em; }}
h1 {{ font-size: 1.8em; margin: 0 0 6px; }} h2 {{ font-size: 1.3em; margin: 14px 0 6px; }}
.meta {{ color: #505a5f; margin: 2px 0; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 12px; }}
th, td {{ padding: 4px 5px; vertical-align: top; text-align: left; }}
thead th {{ background: #f3f2f1; }}
{RULES[doc.borders]}
{"" if doc.row_split else "tr { break-inside: avoid; }"}
.badge {{ display: inline-block; padding: 1px 7px; border-radius: 9px; font-weight: bold;
  min-width: 1.2em; text-align: center; }}
.swatch {{ display: inline-block; width: 0.9em; height: 0.9em; margin: 0 3px 0 8px; }}
.banner td {{ font-weight: bold; background: #e8f1f8; }}
</style></head><body>
<div class="site">{escape(doc.title[0])}</div>
<div class="crumbs">Home › Children and families › Ofsted inspection › Improvement plan</div>
{layout}
</body></html>
"""


def _legend(doc: Doc) -> str:
    first = doc.legend_cells[0][1] if doc.legend_cells else ""
    label = doc.legend.split(first)[0].strip() if first else ""
    parts = [
        f'<span class="swatch" style="background:#{fill}"></span>{escape(text)}'
        for fill, text in doc.legend_cells
    ]
    return f'<p class="key"><strong>{escape(label)}</strong> {"; ".join(parts)}</p>'


def _table(grid: Grid) -> str:
    head, body = [], []
    for row in grid.rows:
        cells = "".join(_cell(c, row.kind) for c in row.cells if c is not None)
        if row.kind == "header":
            head.append(f"<tr>{cells}</tr>")
        elif row.kind == "banner":
            body.append(f'<tr class="banner">{cells}</tr>')
        elif row.kind == "data":
            body.append(f"<tr>{cells}</tr>")
    return f"<table><thead>{''.join(head)}</thead><tbody>{''.join(body)}</tbody></table>"


def _cell(cell: Cell, kind: str) -> str:
    tag = "th" if kind == "header" else "td"
    spans = (f' colspan="{cell.span}"' if cell.span > 1 else "") + (
        f' rowspan="{cell.down}"' if cell.down > 1 else ""
    )
    text = "<br>".join(escape(line) for line in cell.text.split("\n"))
    if cell.badge and cell.fill:
        style = f"background:#{cell.fill};color:#{text_colour(cell)}"
        text = f'<span class="badge" style="{style}">{text or "&nbsp;"}</span>'
    elif cell.fill and kind != "header":
        spans += f' style="background:#{cell.fill};color:#{text_colour(cell)}"'
    align = (
        f' style="text-align:{cell.align}"' if cell.align != "left" and "style" not in spans else ""
    )
    return f"<{tag}{spans}{align}>{text}</{tag}>"
