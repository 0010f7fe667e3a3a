"""Read the plain-text data in ``councilpapers.models`` (YAML, JSONL)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import yaml


def read_text(name: str) -> str:
    """The text of one file in the models package."""
    return resources.files("councilpapers.models").joinpath(name).read_text(encoding="utf-8")


def read_yaml(name: str) -> Any:
    """One YAML file from the models package."""
    return yaml.safe_load(read_text(name))


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """One JSON Lines file from the models package, blank lines skipped."""
    return [json.loads(line) for line in read_text(name).splitlines() if line.strip()]
