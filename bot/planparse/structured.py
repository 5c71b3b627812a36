"""YAML and CSV plans: the structured import format documented in the README."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.plandoc import PlanDocument, PlanFileError
from bot.planparse.csv_columns import english_rows
from bot.planparse.yamlsafe import RefusedYaml, compose_and_load

FIELD_NAMES_VI = {
    "plan": "kế hoạch",
    "tasks": "danh sách nhiệm vụ",
    "title": "tên (title)",
    "code": "số hiệu (code)",
    "due": "thời hạn (due)",
    "recurrence": "định kỳ (recurrence)",
    "report_day": "ngày báo cáo (report_day)",
    "lead_units": "đơn vị chủ trì (lead_units)",
    "support_units": "đơn vị phối hợp (support_units)",
    "issued_on": "ngày ban hành (issued_on)",
    "extra": "thông tin thêm (extra)",
}
UNIT_SEPARATOR = ";"
MAX_BYTES = 2 * 1024 * 1024  # a plan of 5 000 tasks is well under 1 MB
MAX_REPORTED = 10  # problems listed; the rest are counted


def _problem(item: ErrorDetails) -> str:
    names = [part for part in item["loc"] if isinstance(part, str)]
    known = [part for part in names if part in FIELD_NAMES_VI]  # not a union member's type name
    field = (known or names or [""])[-1]
    name = FIELD_NAMES_VI.get(field, field)
    if item["type"] == "missing":
        return f"thiếu trường {name}"
    if item["type"] == "extra_forbidden":
        return f"trường không được hỗ trợ: {field}"
    if item["type"] == "enum":
        return f"{name} phải là một trong: continuous, monthly, quarterly, semiannual, yearly"
    if item["type"].startswith("date"):
        return f"{name} không phải ngày hợp lệ (dạng YYYY-MM-DD)"
    shown = repr(item.get("input"))
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    return f"{name}: giá trị không hợp lệ ({shown})"


def _yaml_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node a validation error points at."""
    node, line = root, None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            node = None
    return node.start_mark.line + 1 if node is not None else line


def _as_unit_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(UNIT_SEPARATOR) if part.strip()]
    return value


def _normalise_tasks(data: Any) -> Any:
    if isinstance(data, dict) and isinstance(data.get("tasks"), list):
        for task in data["tasks"]:
            if isinstance(task, dict):
                for field in ("lead_units", "support_units"):
                    if field in task:
                        task[field] = _as_unit_list(task[field])
                if isinstance(task.get("code"), int | float):
                    task["code"] = str(task["code"])
    return data


def _report(lines: list[str]) -> PlanFileError:
    """One error listing the first problems, one per line, and counting the others."""
    lines = list(dict.fromkeys(lines))  # a value failing each type of a union is one problem
    shown = lines[:MAX_REPORTED]
    if len(lines) > MAX_REPORTED:
        shown.append(f"… và {len(lines) - MAX_REPORTED} lỗi khác.")
    return PlanFileError("\n".join(shown))


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise PlanFileError(
            f"{path.name}: tệp quá lớn ({size // 1024} KB; tối đa {MAX_BYTES // 1024} KB)."
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError(
            f"{path.name}: không phải văn bản UTF-8; hãy lưu lại tệp với mã UTF-8."
        ) from None


def read_yaml(path: Path) -> PlanDocument:
    """Read a YAML plan, naming the line of any problem."""
    text = _read_text(path)
    try:
        root, data = compose_and_load(text)
    except RefusedYaml as error:
        where = f", dòng {error.problem_mark.line + 1}" if error.problem_mark else ""
        raise PlanFileError(f"{path.name}{where}: {error}.") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (dòng {mark.line + 1})" if mark else ""
        raise PlanFileError(f"{path.name}{where}: YAML không hợp lệ.") from None
    if not isinstance(data, dict) or "tasks" not in data:
        raise PlanFileError(f"{path.name}: không phải kế hoạch — cần các khóa 'plan' và 'tasks'.")
    try:
        return PlanDocument.model_validate(_normalise_tasks(data))
    except ValidationError as error:
        lines = []
        for item in error.errors():
            line = _yaml_line(root, item["loc"])
            where = f"dòng {line}" if line else "?"
            lines.append(f"{path.name}, {where}: {_problem(item)}")
        raise _report(lines) from None


CSV_COLUMNS = ("code", "title", "lead_units", "support_units", "due", "recurrence", "report_day")


def read_csv(path: Path) -> PlanDocument:
    """Read a CSV plan: one task per row; `plan_*` columns carry the header."""
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
    try:
        rows = english_rows(list(reader))
    except csv.Error:  # a cell over the field limit, a NUL byte, a stray quote
        raise PlanFileError(
            f"{path.name}, dòng {reader.line_num + 1}: CSV không đọc được — ô dài quá "
            f"{csv.field_size_limit() // 1024} KB hoặc có ký tự lạ."
        ) from None
    if not rows or "title" not in rows[0] or "code" not in rows[0]:
        raise PlanFileError(f"{path.name}: CSV cần các cột {', '.join(CSV_COLUMNS)}.")
    first = rows[0]
    header = {
        "title": first.get("plan_title") or path.stem,
        "number": first.get("plan_number") or None,
        "issuer": first.get("plan_issuer") or None,
        "issued_on": first.get("plan_issued_on") or None,
        "signed_by": first.get("plan_signed_by") or None,
    }
    tasks = [
        {column: (row.get(column) or None) for column in CSV_COLUMNS if row.get(column)}
        for row in rows
    ]
    try:
        return PlanDocument.model_validate(_normalise_tasks({"plan": header, "tasks": tasks}))
    except ValidationError as error:
        lines = []
        for item in error.errors():
            row = item["loc"][1] if item["loc"][:1] == ("tasks",) else None
            where = f"dòng {row + 2}" if isinstance(row, int) else "dòng 2"
            lines.append(f"{path.name}, {where}: {_problem(item)}")
        raise _report(lines) from None
