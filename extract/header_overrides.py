"""Officers' corrections to header mapping, kept in a small YAML file:

```yaml
headers:
  "Accountable officer": lead      # this printed header names the lead column
  "Notes for the board": none      # this one names no field: keep it under its own name
```
Printed headers are compared as `headers.normalise_header` leaves them (case, spacing and line
breaks ignored); a stacked header is given as printed, "Progress › Status". Each correction
decides its column outright (`column_map.py`).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from councilpapers.errors import UsageError
from councilpapers.extract.header_model import CANONICAL


def read_overrides(path: Path) -> tuple[tuple[str, str], ...]:
    """The (printed header, field) pairs of an overrides file; a bad file is a usage error."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise UsageError(f"cannot read header overrides {path}: {error}") from error
    found = data.get("headers") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        raise UsageError(f"{path}: expected `headers:` mapping printed headers to fields")
    valid = (*CANONICAL, "none")
    pairs = []
    for header, field in found.items():
        if str(field) not in valid:
            raise UsageError(f"{path}: {header!r} -> {field!r}: field must be one of {valid}")
        pairs.append((str(header), str(field)))
    return tuple(pairs)
