"""Patterns searched only in texts that hold their words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import product

Words = tuple[str | tuple[str, ...], ...]
# What lower case makes of the letters that match "i" and "s" when case is ignored: "I" and "i"
# give "i", "İ" gives "i̇", "ı" and "ſ" stay. Every other letter has one lower-case form.
CASE_BLIND_FORMS = {"i": ("i", "i\u0307", "ı"), "s": ("s", "ſ")}


def _lower_forms(word: str) -> list[str]:
    return ["".join(letters) for letters in product(*(CASE_BLIND_FORMS.get(c, c) for c in word))]


class AnchoredPattern:
    """A compiled pattern and words of which each of its matches holds one (or a group, all).

    A text that holds no word (nor every word of a group) is not searched: `in` passes over it
    many times faster than the regex engine. A pattern that ignores case looks for its words, in
    each of their lower-case forms, in the lower case of the text.
    """

    def __init__(self, pattern: str, words: Words, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        groups = [(word,) if isinstance(word, str) else word for word in words]
        self.lower_case = bool(flags & re.IGNORECASE)
        if self.lower_case:
            groups = [forms for group in groups for forms in product(*map(_lower_forms, group))]
        self.groups = tuple(groups)

    def may_match(self, text: str, lowered: str | None = None) -> bool:
        """Whether `text` holds a word or group (`lowered`: its lower case, if already made)."""
        if self.lower_case:
            text = text.lower() if lowered is None else lowered
        for group in self.groups:  # plain loops: a generator costs more than most look-ups
            for word in group:
                if word not in text:
                    break
            else:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        """`re.Pattern.search`, passing over a text without the words."""
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """`re.Pattern.finditer`, passing over a text without the words."""
        return self.pattern.finditer(text) if self.may_match(text, lowered) else iter(())

    def sub(
        self,
        replace: str | Callable[[re.Match[str]], str],
        text: str,
        lowered: str | None = None,
    ) -> str:
        """`re.Pattern.sub`, passing over a text without the words."""
        return self.pattern.sub(replace, text) if self.may_match(text, lowered) else text
