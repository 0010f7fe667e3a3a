"""Settings objects: how every stage takes its tolerances, the way pdfplumber takes `TableSettings`.

A stage's settings are one frozen dataclass (`ReadSettings`, `OcrSettings` and `Limits` in
`ingest/`, `ExtractSettings` in `extract/`) that subclasses `Settings`. Its entry point takes
`settings=None` and calls `resolve`, which accepts None (the defaults), a dict of overrides
(`{"snap": 4.0}`) or an instance, and returns a checked instance; the instance then travels as an
argument to every function that reads a tolerance. No module keeps a default instance that code
below the entry point reads.

Every value is checked when the object is made (`__post_init__`): numbers are numbers (whole
where the field is an `int`, never a bool), positive unless the field is listed in
`zero_allowed`, and shares listed in `shares` lie in (0, 1]. A subclass adds its own rules in
`check`. A bad value is an `InvalidSettings` naming the class, the field and the value
("Limits.memory_mb must be a positive number, not 0")
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any, ClassVar, Self

from councilpapers.errors import InvalidSettings


class Settings:
    """Mixin for a frozen settings dataclass: checked on creation, resolved at entry points."""

    __slots__ = ()
    zero_allowed: ClassVar[frozenset[str]] = frozenset()  # fields that may be 0
    shares: ClassVar[frozenset[str]] = frozenset()  # fields that are shares, in (0, 1]

    def __post_init__(self) -> None:
        for spec in fields(self):  # type: ignore[arg-type]
            self._check_field(spec.name, spec.type, getattr(self, spec.name))
        self.check()

    def check(self) -> None:
        """Rules between fields (a subclass raises `self.invalid(...)`)."""

    def invalid(self, message: str) -> InvalidSettings:
        """An error about one of these settings; `message` starts with the field's name."""
        return InvalidSettings(f"{type(self).__name__}.{message}")

    def _check_field(self, name: str, kind: object, value: object) -> None:
        if kind == "bool":
            if not isinstance(value, bool):
                raise self.invalid(f"{name} must be true or false, not {value!r}")
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.invalid(f"{name} must be a number, not {value!r}")
        if kind == "int" and value != int(value):
            raise self.invalid(f"{name} must be a whole number, not {value!r}")
        if value < 0 or (value == 0 and name not in self.zero_allowed):
            raise self.invalid(f"{name} must be a positive number, not {value!r}")
        if name in self.shares and value > 1:
            raise self.invalid(f"{name} is a share and must be at most 1, not {value!r}")

    @classmethod
    def resolve(cls, value: Self | Mapping[str, Any] | None = None) -> Self:
        """Checked settings from None (the defaults), a dict of overrides or an instance."""
        if value is None:
            value = {}
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise InvalidSettings(
                f"{cls.__name__}.resolve takes None, a dict or a {cls.__name__}, "
                f"not {type(value).__name__}"
            )
        known = [spec.name for spec in fields(cls)]  # type: ignore[arg-type]
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise InvalidSettings(
                f"{cls.__name__}: no setting {', '.join(unknown)} (valid: {', '.join(known)})"
            )
        factory: Callable[..., Self] = cls
        return factory(**value)
