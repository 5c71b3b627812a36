"""Typed button payloads: a class per button kind, packed to `prefix:field:…` and checked both ways."""

from __future__ import annotations

from dataclasses import Field, astuple, fields
from typing import Any, ClassVar, Self

MAX_BYTES = 64  # Telegram's limit for callback_data
MAX_DIGITS = 9  # ids and pages stay far below 10**9; longer digit runs are forged
SEPARATOR = ":"


class MalformedCallback(ValueError):
    """Button data that no current button sends: expired, forged or cut short."""


class CallbackData:
    """Base of the payload classes; subclass as a frozen dataclass with `prefix="…"`.

    Fields are `int` (0 ≤ n < 10**9) or `str` (ASCII, non-empty, without ":").
    """

    prefix: ClassVar[str]
    # Set by @dataclass on each subclass; declared so the type checker sees a dataclass.
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def __init_subclass__(cls, prefix: str, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not (prefix.isascii() and prefix.isalnum()):
            raise ValueError(f"callback prefix must be ASCII letters or digits: {prefix!r}")
        cls.prefix = prefix

    def pack(self) -> str:
        """`prefix:field:…`; ValueError if a field cannot travel or the whole exceeds 64 bytes."""
        parts = [self.prefix]
        for field, value in zip(fields(self), astuple(self), strict=True):
            text = str(value)
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ValueError(f"{field.name}: only int and str travel in a button")
            if not _valid(text, digits=isinstance(value, int)):
                raise ValueError(f"{field.name}={value!r} cannot travel in a button")
            parts.append(text)
        packed = SEPARATOR.join(parts)
        if len(packed.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {packed!r}")
        return packed

    @classmethod
    def unpack(cls, data: str) -> Self:
        """The payload of `data`; MalformedCallback unless a current button could have sent it."""
        prefix, *parts = data.split(SEPARATOR)
        declared = fields(cls)
        if prefix != cls.prefix or len(parts) != len(declared) or len(data.encode()) > MAX_BYTES:
            raise MalformedCallback(data)
        values: list[int | str] = []
        for field, part in zip(declared, parts, strict=True):
            digits = field.type in (int, "int")
            if not _valid(part, digits=digits):
                raise MalformedCallback(data)
            values.append(int(part) if digits else part)
        return cls(*values)


def _valid(text: str, *, digits: bool) -> bool:
    """ASCII, non-empty, no separator; for an int, at most nine ASCII digits."""
    if not text or not text.isascii() or SEPARATOR in text:
        return False
    return not digits or (text.isdigit() and len(text) <= MAX_DIGITS)


def as_id(text: str) -> int | None:
    """A `str` field that holds an id in some payloads (`adm:show:7`): the id, else None."""
    return int(text) if _valid(text, digits=True) else None
