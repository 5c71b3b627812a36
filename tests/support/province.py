"""A province in one database: parent P, its children A and B, A's child D, each with its own plan,
units, admin, leader, unit contact and bound committee chat; and a snapshot of one committee's rows."""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from bot.core import Core
from bot.domain import Role
from bot.messages import Incoming, Outgoing
from bot.plandoc import PlanDocument, PlanHeader, TaskDraft
from bot.services.bound_chats import bind_chat
from bot.services.committees import CommitteeChanges, add_committee
from bot.services.units import get_unit
from db.engine import Database
from db.models import (
    Assignment,
    AuditEntry,
    BoundChat,
    Contact,
    ContactEndpoint,
    DigestSend,
    ExtensionRequest,
    Invite,
    Obstacle,
    Plan,
    ProgressReport,
    ReminderSlot,
    Task,
    Unit,
    UnitAlias,
)
from db.scope import Scope, acting_for
from tests.fakes import FakeChannel, bind_user, record_sent_reminder, seed_plan

ROLES = ("admin", "leader", "contact")
# Every table whose rows belong to one committee (directly or through their plan, unit, contact).
OWNED = (Plan, Task, Unit, UnitAlias, Contact, ContactEndpoint, Invite, BoundChat, DigestSend,
         AuditEntry, Assignment, ProgressReport, ExtensionRequest, ReminderSlot, Obstacle)  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """One committee of the province: its tag, name, parent tag and the words only it uses."""

    tag: str
    name: str
    parent: str | None
    place: str
    digit: str  # its task codes start with it, so no other committee has them


SPECS = (
    Spec("P", "Tỉnh ủy Hòa Phong", None, "Hòa Phong", "1"),
    Spec("A", "Đảng ủy xã An Bình", "P", "An Bình", "2"),
    Spec("B", "Đảng ủy xã Bình Minh", "P", "Bình Minh", "3"),
    Spec("D", "Chi bộ thôn Đông Lộc", "A", "Đông Lộc", "4"),
)
RELATIONS = {"own": "A", "child": "D", "sibling": "B", "parent": "P"}  # as seen from A


@dataclass
class Member:
    """What one committee holds: its names (words no other committee uses) and its row ids."""

    spec: Spec
    id: int = 0
    plan_id: int = 0
    plan_number: str = ""
    codes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # task_id, unit_id, report_id, …

    def user(self, role: str) -> str:
        """The chat user id of this committee's person in `role`."""
        return f"{self.spec.tag}-{role}"

    @property
    def group(self) -> str:
        """The chat id of its bound committee group."""
        return f"{self.spec.tag}-group"

    @property
    def secrets(self) -> list[str]:
        """Texts that only this committee's data contains."""
        return [*self.titles, *self.units, self.plan_number, self.spec.name, self.spec.place]

    def secrets_from(self, viewer: Member) -> list[str]:
        """What `viewer` must never see of this committee: a parent knows its child by name (its
        roll-up lists the child, and the child is a unit of the parent's own plans)."""
        if self.spec.parent == viewer.spec.tag:
            return [*self.titles, *self.units, self.plan_number]
        return self.secrets


def plan_of(spec: Spec) -> PlanDocument:
    """Its own plan: two tasks whose titles, units and codes name only this committee."""
    units = [f"Ban Tuyên giáo {spec.place}", f"Văn phòng {spec.place}"]
    tasks = [
        TaskDraft(code=f"{spec.digit}1", title=f"Số hóa hồ sơ lưu trữ của {spec.place}",
                  lead_units=[units[0]], support_units=[units[1]], due=date(2025, 6, 30)),
        TaskDraft(code=f"{spec.digit}2", title=f"Tổng kết phong trào thi đua {spec.place}",
                  lead_units=[units[1]], due=date(2025, 4, 15)),
    ]  # fmt: skip
    number = f"{spec.digit}7/KH-{spec.tag}U"
    header = PlanHeader(number=number, title=f"Kế hoạch công tác năm 2025 của {spec.place}")
    return PlanDocument(plan=header, tasks=tasks)


async def build_province(db: Database, now: datetime) -> dict[str, Member]:
    """Seed the four committees; each one's rows are made inside its own scope."""
    members: dict[str, Member] = {}
    for spec in SPECS:
        async with db.transaction() as session:
            parent = members[spec.parent].spec.name if spec.parent else None
            committee = await add_committee(
                session, spec.name, CommitteeChanges(parent=parent, place=spec.place)
            )
            member = Member(spec, id=committee.id)
        members[spec.tag] = member
        with acting_for(Scope.of(member.id)):
            await _fill(db, now, member)
    return members


async def _fill(db: Database, now: datetime, member: Member) -> None:
    document = plan_of(member.spec)
    member.plan_id = await seed_plan(db, document)
    member.plan_number = document.plan.number or ""
    member.codes = [task.code for task in document.tasks]
    member.titles = [task.title for task in document.tasks]
    member.units = sorted({name for task in document.tasks for name in task.lead_units})
    member.units += [n for t in document.tasks for n in t.support_units if n not in member.units]
    for role in ROLES:
        unit = member.units[0] if role == "contact" else None
        await bind_user(db, now, role=Role(role), user_id=member.user(role), unit=unit,
                        name=f"{role} {member.spec.place}")  # fmt: skip
    async with db.transaction() as session:
        await bind_chat(session, "telegram", member.group, "test")
        unit = await get_unit(session, member.units[0])
        task = await session.scalar(select(Task).where(Task.code == member.codes[0]))
        assert task is not None
        contact = await session.scalar(select(Contact).where(Contact.unit_id == unit.id))
        await record_sent_reminder(session, task_id=task.id, unit_id=unit.id, channel="telegram",
                                   chat_id=member.user("contact"), message_id=f"r-{member.spec.tag}",
                                   at=now, occurrence="2025-03-24")  # fmt: skip
        report = ProgressReport(task_id=task.id, unit_id=unit.id, text=f"Đã xong 40% ở {member.spec.place}",
                                percent=40, status="in_progress", entered_by="test",
                                contact_id=contact.id if contact else None, reported_at=now)  # fmt: skip
        session.add(report)
        await session.flush()
        request = ExtensionRequest(task_id=task.id, unit_id=unit.id, report_id=report.id,
                                   proposed_due=date(2025, 9, 30), reason="chờ kinh phí")  # fmt: skip
        obstacle = Obstacle(task_id=task.id, unit_id=unit.id, report_id=report.id,
                            text=f"Thiếu máy quét ở {member.spec.place}", opened_at=now)  # fmt: skip
        session.add_all([request, obstacle])
        await session.flush()
        slot = await session.scalar(select(ReminderSlot.id).where(ReminderSlot.unit_id == unit.id))
        member.ids = {"task_id": task.id, "unit_id": unit.id, "plan_id": member.plan_id,
                      "report_id": report.id, "request_id": request.id, "obstacle_id": obstacle.id,
                      "slot_id": slot or 0}  # fmt: skip


async def snapshot(db: Database, committee_id: int) -> dict[str, set[tuple]]:
    """Every row one committee owns, as plain values, table by table."""
    rows: dict[str, set[tuple]] = {}
    with acting_for(Scope.of(committee_id)):
        async with db.reading() as session:
            for model in OWNED:
                columns = list(model.__table__.c)
                found = await session.execute(select(model).order_by(columns[0]))
                rows[model.__tablename__] = {
                    tuple(repr(getattr(row, c.key)) for c in columns) for row in found.scalars()
                }
    return rows


async def snapshots(db: Database, committee_ids: list[int]) -> dict[int, dict[str, set[tuple]]]:
    """The snapshot of each committee (the default committee included by the caller)."""
    return {committee_id: await snapshot(db, committee_id) for committee_id in committee_ids}


def changed(before: dict[str, set[tuple]], after: dict[str, set[tuple]]) -> dict[str, int]:
    """Table → rows added, removed or altered between two snapshots of one committee."""
    return {
        table: len(before[table] ^ after[table])
        for table in before
        if before[table] != after[table]
    }


@dataclass
class Province:
    """The core on a province database, the committees by tag, and the sends it records."""

    core: Core
    members: dict[str, Member]
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def channel(self) -> FakeChannel:
        return self.core.channels["telegram"]  # type: ignore[return-value]

    async def send(self, user: str, what: str, *, chat: str | None = None) -> list[Outgoing]:
        """A command or text (`/…`, words) or a button press (`prefix:…`) from `user`."""
        fields: dict = {"chat_id": chat or user, "chat_type": "group" if chat else "private"}
        if what.startswith("/") or " " in what or ":" not in what:
            fields |= {"text": what, "message_id": f"m{next(self._ids)}"}
        else:
            fields |= {"callback_data": what, "callback_id": f"c{next(self._ids)}"}
        return await self.core.handle(Incoming(channel="telegram", user_id=user, **fields))

    def owner_of_chat(self, chat_id: str) -> str | None:
        """The tag of the committee a chat belongs to (people's and groups' ids start with it)."""
        tag = chat_id.split("-", 1)[0]
        return tag if tag in self.members else None


def file_text(content: bytes) -> str:
    """The readable text of a file: every part of a .docx/.xlsx archive, else the bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    except zipfile.BadZipFile:
        return content.decode("utf-8", "replace")


def message_text(message: Outgoing) -> str:
    """Everything a message shows: its text, its buttons' labels and its file's text."""
    parts = [message.text, *(button.label for row in message.buttons for button in row)]
    for document in (message.document, message.photo):
        if document is not None:
            parts += [document.file_name, file_text(document.content)]
    return "\n".join(parts)
