"""Split a long HTML message into sendable parts on line boundaries, keeping tags balanced."""

from __future__ import annotations

import re

ATOM = re.compile(r"<[^>]*>|&#?\w+;|\n|[^\S\n]+|[^\s<&]+|[<&]")
TAG_NAME = re.compile(r"</?([a-zA-Z][\w-]*)")


def units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _atoms(text: str, limit: int) -> list[str]:
    """Tags, entities, newlines, spaces and words; words longer than a part are cut."""
    atoms = []
    for atom in ATOM.findall(text):
        while units(atom) > limit // 2 and not atom.startswith("<"):
            atoms.append(atom[: limit // 4])
            atom = atom[limit // 4 :]
        atoms.append(atom)
    return atoms


def _after(stack: list[str], atom: str) -> list[str]:
    """The open tags after this atom."""
    if not atom.startswith("<"):
        return stack
    if atom.startswith("</"):
        return stack[:-1]
    return [*stack, atom]


def _closing(stack: list[str]) -> str:
    names = (TAG_NAME.match(tag) for tag in reversed(stack))
    return "".join(f"</{name.group(1)}>" for name in names if name)


def _visible(part: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", part).strip())


def split_html(text: str, limit: int) -> list[str]:
    """Parts of at most `limit` units: cut at a newline (else a space), tags closed and reopened."""
    if units(text) <= limit:
        return [text]
    atoms = _atoms(text, limit)
    parts: list[str] = []
    stack: list[str] = []
    start = 0
    while start < len(atoms):
        prefix = "".join(stack)
        size, position, current = units(prefix), start, stack
        newline = space = None
        while position < len(atoms):
            following = _after(current, atoms[position])
            if size + units(atoms[position]) + units(_closing(following)) > limit:
                break
            size += units(atoms[position])
            current, position = following, position + 1
            if atoms[position - 1] == "\n":
                newline = (position, current)
            elif atoms[position - 1].isspace():
                space = (position, current)
        if position == len(atoms):
            end = (position, current)
        else:
            end = newline or space or (position, current)
        part = prefix + "".join(atoms[start : end[0]]).rstrip() + _closing(end[1])
        if _visible(part):
            parts.append(part)
        start, stack = end[0], end[1]
    return parts
