"""Settings passed in: each stage's tolerances are one checked object that its entry point
resolves from None, a dict or an instance and passes down, and that nothing reads ambiently."""

from __future__ import annotations

import ast
import re
from dataclasses import fields
from pathlib import Path

import pytest

from councilpapers.errors import InvalidSettings, TooLarge
from councilpapers.extract.document import extract_document
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.tables import find_tables
from councilpapers.ingest.limits import Limits
from councilpapers.ingest.ocr_render import OcrSettings
from councilpapers.ingest.pdf import read_document
from councilpapers.ingest.settings import ReadSettings
from councilpapers.records import Document
from councilpapers.settings import Settings
from tests.batchfiles import small_pdf
from tests.pages import ruled_page

ROOT = Path(__file__).resolve().parents[1]
KINDS: list[type[Settings]] = [ExtractSettings, ReadSettings, OcrSettings, Limits]
HOMES = {ExtractSettings: ("extract",), ReadSettings: ("ingest",), OcrSettings: ("ingest",)}
COLS = [40.0, 80.0, 250.0, 400.0]


def _doc() -> Document:
    rows = [[["Ref"], ["Actions"], ["Lead"]], [["1.1"], ["Write the guidance"], ["HoS"]]]
    page = ruled_page(1, COLS, rows, bold_first=True)
    return Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_resolve_takes_none_a_dict_or_an_instance(kind: type[Settings]) -> None:
    default = kind.resolve(None)
    assert default == kind()
    assert kind.resolve(default) is default
    name = next(f.name for f in fields(default) if f.type != "bool")  # type: ignore[arg-type]
    changed = kind.resolve({name: getattr(default, name) * 2})
    assert getattr(changed, name) == getattr(default, name) * 2
    with pytest.raises(InvalidSettings, match=f"no setting bogus .valid: {name}, "):
        kind.resolve({"bogus": 1})
    with pytest.raises(InvalidSettings, match=f"{kind.__name__}.{name} must be a positive"):
        kind.resolve({name: -1})
    with pytest.raises(InvalidSettings, match="must be a number"):
        kind.resolve({name: "3"})
    with pytest.raises(InvalidSettings, match="takes None, a dict"):
        kind.resolve([1])  # type: ignore[arg-type]


def test_shares_and_whole_numbers_are_checked() -> None:
    with pytest.raises(InvalidSettings, match="short_page is a share"):
        ExtractSettings(short_page=1.5)
    with pytest.raises(InvalidSettings, match="min_columns must be a whole number"):
        ExtractSettings(min_columns=2.5)
    with pytest.raises(InvalidSettings, match="deskew must be true or false"):
        OcrSettings(deskew=1)  # type: ignore[arg-type]


def test_extract_settings_reach_the_grid_finder() -> None:
    """A setting given at the entry point is the one the code below it reads: asking for more
    cells, columns and lines than the page has leaves no table, ruled or not."""
    (table,) = find_tables(_doc())
    assert table.columns == ("ref", "actions", "lead")
    fewer = {"min_cells": 100, "min_columns": 10, "min_lines": 100}
    assert find_tables(_doc(), fewer) == []
    assert extract_document(_doc(), ExtractSettings(**fewer)).tables == ()
    with pytest.raises(InvalidSettings):
        extract_document(_doc(), {"snap": 0})


def test_limits_given_to_read_document_are_the_ones_checked(tmp_path: Path) -> None:
    from pdfminer import pdftypes

    path = tmp_path / "three.pdf"
    path.write_bytes(small_pdf(3))
    decoder = pdftypes.zlib
    with pytest.raises(TooLarge, match="over the 2-page limit"):
        read_document(path, limits={"pages": 2})
    assert len(read_document(path, limits=Limits(pages=3)).pages) == 3
    assert pdftypes.zlib is decoder  # the inflation cap lasts only as long as the read


def test_read_settings_reach_the_furniture_finder(tmp_path: Path) -> None:
    path = tmp_path / "three.pdf"
    path.write_bytes(small_pdf(3))
    default = read_document(path)
    wide = read_document(path, settings={"margin": 0.5, "repeats": 1})
    assert sum(len(p.furniture) for p in wide.pages) > sum(len(p.furniture) for p in default.pages)


def _module_trees(folders: tuple[str, ...]) -> list[tuple[Path, ast.Module]]:
    paths = [p for folder in folders for p in sorted((ROOT / folder).glob("*.py"))]
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in paths]


def _ambient(tree: ast.Module) -> list[ast.AST]:
    """Module-level statements and default arguments: where a settings instance would be kept
    for code below an entry point to read."""
    places: list[ast.AST] = [
        n for n in tree.body if not isinstance(n, ast.ClassDef | ast.FunctionDef)
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            places += [d for d in (*node.args.defaults, *node.args.kw_defaults) if d is not None]
    return places


def test_no_stage_module_keeps_a_settings_instance_of_its_own() -> None:
    """No `DEFAULT = ExtractSettings()` at module level, and no default argument that is a
    settings instance, in the stages that read tolerances."""
    names = {kind.__name__ for kind in KINDS}
    offences = []
    for path, tree in _module_trees(("ingest", "extract", "nlp")):
        for place in _ambient(tree):
            for call in (n for n in ast.walk(place) if isinstance(n, ast.Call)):
                func = call.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in names:
                    offences.append(f"{path.relative_to(ROOT)}:{call.lineno} builds {name}()")
    assert not offences, "\n".join(offences)


@pytest.mark.parametrize("kind", list(HOMES), ids=lambda k: k.__name__)
def test_every_setting_is_read_by_its_stage(kind: type[Settings]) -> None:
    """A field nobody reads is a tolerance that does nothing."""
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in HOMES[kind]
        for path in (ROOT / folder).glob("*.py")
    )
    unread = [
        f.name
        for f in fields(kind)  # type: ignore[arg-type]
        if not re.search(rf"\.{f.name}\b", source)
    ]
    assert not unread, f"{kind.__name__} fields no code reads: {unread}"
