"""The reminder policy: DOMAIN's defaults, merged plan ← task, clear errors."""

from __future__ import annotations

from datetime import time

import pytest

from bot.domain import Recurrence
from bot.services.reminders.policy import DEFAULT_POLICY, PolicyError, merge_policy, policy_for


def test_defaults_are_the_domain_rules():
    policy = DEFAULT_POLICY
    assert policy.before_due_days == (7, 3, 1)
    assert policy.remind_on_due and policy.overdue and policy.overdue_every_days == 7
    assert policy.escalate_after_days == 7
    assert policy.send_time == time(8, 0)
    assert policy.report_day == 20 and policy.report_request_working_days_before == 3
    assert policy.report_request_on_day and policy.report_overdue
    assert policy.continuous_cadence is Recurrence.QUARTERLY
    assert policy.catch_up_days == 7


def test_task_overrides_plan_which_overrides_defaults():
    policy = merge_policy(
        {"send_time": "07:30", "before_due_days": [5, 2], "report_day": 25},
        {"before_due_days": [10], "escalate_after_days": None},
    )
    assert policy.send_time == time(7, 30)
    assert policy.before_due_days == (10,)
    assert policy.report_day == 25
    assert policy.escalate_after_days is None
    assert policy.overdue_every_days == 7


def test_offsets_are_deduplicated_farthest_first():
    assert merge_policy({"before_due_days": [1, 7, 3, 7]}, None).before_due_days == (7, 3, 1)


def test_unknown_key_names_the_key_and_the_layer():
    with pytest.raises(PolicyError) as raised:
        merge_policy({}, {"befor_due_days": [3]})
    message = str(raised.value)
    assert "nhiệm vụ" in message and "befor_due_days" in message and "before_due_days" in message


def test_bad_value_names_the_key_and_the_plan():
    with pytest.raises(PolicyError) as raised:
        merge_policy({"report_day": 40}, None)
    assert "kế hoạch" in str(raised.value) and "report_day" in str(raised.value)
    with pytest.raises(PolicyError, match="before_due_days"):
        merge_policy({"before_due_days": [0]}, None)
    with pytest.raises(PolicyError, match="continuous_cadence"):
        merge_policy({"continuous_cadence": "continuous"}, None)


def test_policy_for_ignores_a_bad_layer_so_reminders_never_stop():
    assert policy_for({"report_day": 25}, {"report_day": "x"}).report_day == 25
    assert policy_for({"send_time": "late"}, {"report_day": 25}) == DEFAULT_POLICY
