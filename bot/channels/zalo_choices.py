"""Buttons on a platform without buttons: numbered choices, and answers read back by number."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.messages import Button, Choice
from bot.texts import t

ANSWER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


def choices_of(buttons: tuple[tuple[Button, ...], ...]) -> list[Choice]:
    """Every button, row by row, as a choice."""
    return [Choice(button.label, button.data) for row in buttons for button in row]


def choice_lines(choices: Sequence[Choice], locale: str) -> str:
    """ "1. …" lines and "Trả lời 1, 2 hoặc 3" (plain text)."""
    lines = [f"{number}. {choice.label}" for number, choice in enumerate(choices, 1)]
    numbers = [str(number) for number in range(1, len(choices) + 1)]
    if len(numbers) == 1:
        hint = t("zalo.answer_one", locale, number=numbers[0])
    else:
        hint = t("zalo.answer_many", locale, numbers=", ".join(numbers[:-1]), last=numbers[-1])
    return "\n".join([*lines, hint])


def answer_number(text: str) -> int | None:
    """The number in an answer like "2", " 2. " or "2)"; None for any other text."""
    match = ANSWER.match(text)
    return int(match.group(1)) if match else None
