"""Every chat command and button the routes declare × every role × a target in the sender's own,
a child, a sibling and the parent committee: nothing of another committee is shown, sent to its
chats or changed; a parent knows its children by name (its roll-up lists them) and reads a child's
own summary when it drills down (`/summary <child>`), nothing else."""

from __future__ import annotations

import itertools
from dataclasses import fields

import pytest

from bot.callback_data import CallbackData
from bot.texts import t
from handlers import ROUTES
from tests.support.province import (
    RELATIONS,
    ROLES,
    Member,
    Province,
    changed,
    message_text,
    snapshots,
)

ERROR = t("common.error", "vi")
# Values a button's text field may carry, beyond those naming the target's rows.
TEXT_FIELDS = {
    "action": ["due", "lead", "sup", "close", "open", "ok", "no", "show"],
    "kind": ["p", "u", "r"],
    "format": ["docx", "xlsx", "pdf"],
    "period": ["2025-Q1", "2025-03"],
    "choice": ["new", "all"],
    "token": ["zz"],
    "pending": ["zz"],
}


def button_payloads(data: type[CallbackData], target: Member) -> list[str]:
    """Every payload of this button kind that names the target committee's rows."""
    options = []
    for field in fields(data):
        if field.type in (int, "int"):
            options.append([target.ids.get(field.name, 0)])
        else:
            named = [
                str(target.ids["task_id"]),
                str(target.ids["unit_id"]),
                str(target.ids["plan_id"]),
            ]
            extra = (
                [target.codes[0], "p", "e"]
                if field.name == "code"
                else TEXT_FIELDS.get(field.name, [])
            )
            options.append(extra + named)
    return [data(*values).pack() for values in itertools.product(*options)]


def updates_naming(target: Member) -> list[str]:
    """Each command bare and with each name only the target has; each button on its rows; reports."""
    names = [target.codes[0], target.plan_number, target.units[0], target.spec.name]
    sent = [
        f"/{command}{suffix}"
        for command in ROUTES.commands
        for suffix in ["", *(f" {n}" for n in names)]
    ]
    sent += [
        packed
        for route in ROUTES.callbacks.values()
        for packed in button_payloads(route.data, target)
    ]
    sent += [
        f"{target.codes[0]} đã đạt 60%",
        f"{target.units[0]}: nhiệm vụ {target.codes[1]} xong 100%",
    ]
    return sent  # fmt: skip


def leaks(
    province: Province, sender: Member, user: str, chat: str, sent: str, answers: list[str]
) -> list[str]:
    """Names of committees other than the sender's in what came back (the sender's own words aside);
    in another committee's group, the sender's own names too."""
    owner = province.owner_of_chat(chat)
    shown = [m for m in province.members.values() if m is not sender or owner != sender.spec.tag]
    return [
        secret
        for member in shown
        if not drills_into(sender, user, member, sent)
        for secret in member.secrets_from(sender)
        if secret not in sent and any(secret in answer for answer in answers)
    ]


def drills_into(sender: Member, user: str, member: Member, sent: str) -> bool:
    """`/summary <child>` from a leader or admin of the child's parent: the child's own summary,
    read-only, is the answer (a contact is never shown it)."""
    return (
        user != sender.user("contact")
        and member.spec.parent == sender.spec.tag
        and sent == f"/summary {member.spec.name}"
    )


async def exchange(
    province: Province, sender: Member, user: str, sent: str, chat: str | None = None
) -> list[str]:
    """Send one update; the problems seen: leaked names, messages to other committees' chats, errors."""
    already = len(province.channel.sent)
    answers = await province.send(user, sent, chat=chat)
    pushed = province.channel.sent[already:]
    texts = [message_text(m) for m in answers] + [message_text(m) for _chat, m, _id in pushed]
    problems = [
        f"{sent!r} in {chat or 'private'}: leaked {name!r}"
        for name in leaks(province, sender, user, chat or user, sent, texts)
    ]
    elsewhere = [c for c, _m, _id in pushed] + [m.chat_id for m in answers if m.chat_id]
    problems += [
        f"{sent!r}: sent to {c}" for c in elsewhere if province.owner_of_chat(c) != sender.spec.tag
    ]
    if any(ERROR in text for text in texts):
        problems.append(f"{sent!r}: error answer")
    return problems  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", ["child", "sibling", "parent"])
async def test_nothing_of_another_committee_is_shown_sent_or_changed(province, role, relation):
    """From A (which has a child, a sibling and a parent), naming the relative's rows."""
    sender, target = province.members["A"], province.members[RELATIONS[relation]]
    user = sender.user(role)
    others = [m.id for m in province.members.values() if m is not sender] + [1]
    before = await snapshots(province.core.db, others)
    problems = []
    for sent in updates_naming(target):
        problems += await exchange(province, sender, user, sent)
    for command in ("/summary", "/tasks"):
        for suffix in ("", f" {target.plan_number}", f" {target.units[0]}", f" {target.spec.name}"):
            for group in (sender.group, target.group):
                problems += await exchange(province, sender, user, command + suffix, chat=group)
    after = await snapshots(province.core.db, others)
    assert problems == []
    assert {c: changed(before[c], after[c]) for c in others if before[c] != after[c]} == {}


@pytest.mark.parametrize("role", ROLES)
async def test_a_parent_committee_sees_nothing_of_its_child_but_what_drill_down_shows(
    province, role
):
    """P's people naming A's rows: nothing of A (or of any other committee) comes back or changes."""
    sender, child = province.members["P"], province.members["A"]
    others = [m.id for m in province.members.values() if m is not sender] + [1]
    before = await snapshots(province.core.db, others)
    problems = []
    for sent in updates_naming(child):
        problems += await exchange(province, sender, sender.user(role), sent)
    after = await snapshots(province.core.db, others)
    assert problems == []
    assert {c: changed(before[c], after[c]) for c in others if before[c] != after[c]} == {}


async def test_own_committee_answers_name_its_own_rows(province):
    """The baseline the leak checks stand on: A's own names do come back to A's people."""
    own = province.members["A"]
    task = await province.send(own.user("admin"), f"/task {own.codes[0]}")
    tasks = await province.send(own.user("contact"), "/tasks")
    group = await province.send(own.user("leader"), "/summary", chat=own.group)
    assert own.titles[0] in message_text(task[0])
    assert own.titles[0] in message_text(tasks[0])
    assert own.plan_number in message_text(group[0])
