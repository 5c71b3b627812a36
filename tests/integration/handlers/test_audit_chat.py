"""An admin's /audit CODE: who changed what on a task, in chat."""

from __future__ import annotations

from tests.fakes import plan_from_expected, seed_plan
from tests.support.paths import SAMPLES
from tests.support.world import buttons, texts


async def close_in_chat(world, code: str) -> None:
    """The admin closes a task from its card, confirming."""
    (confirm, _cancel) = buttons(await world.press("admin", f"adm:close:{world.tasks[code]}"))
    await world.press("admin", confirm)


async def change_support_in_chat(world, code: str, names: str) -> None:
    """The admin types new support units for a task, confirming."""
    await world.press("admin", f"adm:sup:{world.tasks[code]}")
    (confirm, _cancel) = buttons(await world.say("admin", names))
    await world.press("admin", confirm)


async def test_an_admin_reads_a_tasks_changes_oldest_first(world):
    await world.say("a", "NV 2: đạt 70%")
    await change_support_in_chat(world, "2", "Tổ <b>công tác</b> số 1")
    await close_in_chat(world, "2")
    text = texts(await world.say("admin", "/audit 2"))
    assert text.startswith("<b>Nhật ký thay đổi nhiệm vụ 2</b> — Kế hoạch 112/KH-UBND")
    report, edited, closed = (
        text.index(action) for action in ("Báo cáo tiến độ", "Sửa nhiệm vụ", "Đóng nhiệm vụ")
    )
    assert report < edited < closed
    assert "telegram:admin" in text[closed - 40 : closed] and "percent=70" in text
    assert "Tổ &lt;b&gt;công tác&lt;/b&gt; số 1" in text  # what people typed is escaped
    assert "Báo cáo tiến độ" not in texts(await world.say("admin", "/audit 5"))


async def test_codes_shared_by_plans_are_chosen_and_others_are_refused(world):
    await seed_plan(world.core.db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    choice = await world.say("admin", "/audit III.1")
    assert "có trong nhiều kế hoạch" in texts(choice)
    (_newest, oldest) = buttons(choice)
    assert oldest == f"aud:{world.tasks['III.1']}"
    assert "Kế hoạch 112/KH-UBND" in texts(await world.press("admin", oldest))
    assert "Không có nhiệm vụ mã “99”" in texts(await world.say("admin", "/audit 99"))
    assert "/audit MÃ" in texts(await world.say("admin", "/audit"))
    assert "không có quyền" in texts(await world.say("leader", "/audit 2"))
    assert "không có quyền" in texts(await world.press("a", oldest))
