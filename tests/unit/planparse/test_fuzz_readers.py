"""Fuzzed plan files: every reader either reads a plan or says why not, in one PlanFileError."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.plandoc import PlanDocument, PlanFileError
from bot.planparse import read_plan

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1258", "latin-1"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=40), st.dates().map(str), st.just("2025-13-01"), st.just("2025-02-30"),
)  # fmt: skip
nested = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
task = st.fixed_dictionaries(
    {"code": scalars, "title": scalars},
    optional={"due": scalars, "lead_units": nested, "extra": nested, "report_day": scalars},
)


def outcome(name: str, content: bytes) -> PlanDocument | str:
    """Read `content` as file `name`: a plan, or the refusal's text; anything else fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            return read_plan(path)
        except PlanFileError as error:
            assert str(error).strip()
            return str(error)


@FUZZ
@given(st.lists(task, max_size=5), nested)
def test_any_yaml_structure_is_read_or_refused(tasks, plan):
    text = yaml.safe_dump({"plan": plan, "tasks": tasks}, allow_unicode=True)
    outcome("kh.yaml", text.encode("utf-8"))


@FUZZ
@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from(["extra", "title", "plan"]))
def test_anchors_and_aliases_anywhere_are_refused(depth, width, where):
    lines = ["plan: {title: x}", "tasks:", '  - code: "1"', "    title: t", f"    {where}:"]
    lines.append("      a0: &a0 [" + ", ".join(["x"] * width) + "]")
    for level in range(1, depth):
        lines.append(f"      a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    result = outcome("bom.yaml", ("\n".join(lines) + "\n").encode())
    assert isinstance(result, str) and "tham chiếu YAML" in result


@FUZZ
@given(st.integers(1, 3000), st.sampled_from("[{"))
def test_deep_flow_nesting_is_refused(depth, opener):
    closer = {"[": "]", "{": "}"}[opener]
    body = opener * depth + closer * depth if opener == "[" else "{a: " * depth + "1" + "}" * depth
    text = f'plan: {{title: x}}\ntasks:\n  - code: "1"\n    title: t\n    extra: {body}\n'
    outcome("sau.yaml", text.encode())


@FUZZ
@given(
    st.lists(
        st.lists(st.text(max_size=30) | st.just("x" * 140_000) | st.just("\0"), max_size=8),
        max_size=6,
    ),
    st.sampled_from(ENCODINGS),
)
def test_any_csv_with_huge_cells_and_odd_encodings_is_read_or_refused(rows, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["code", "title", "lead_units", "due"])
    writer.writerows(rows)
    try:
        content = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        content = buffer.getvalue().encode("utf-8", "replace")
    outcome("kh.csv", content)


@FUZZ
@given(st.text(max_size=3000), st.sampled_from(ENCODINGS))
def test_any_text_in_any_encoding_is_read_or_refused(text, encoding):
    outcome("kh.txt", text.encode(encoding, "replace"))


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_docx_or_txt_are_read_or_refused(data):
    outcome("kh.docx", data)
    outcome("kh.txt", data)
