"""A YAML loader for plans: no anchors or aliases, bounded nodes and depth, bad dates left as text."""

from __future__ import annotations

from typing import Any

import yaml

MAX_NODES = 50_000  # a task takes about 15: room for 3 000 tasks
MAX_DEPTH = 20  # a plan is three levels deep; `extra` may nest a little


class RefusedYaml(yaml.YAMLError):
    """YAML that is valid but not accepted in a plan; the message is for the user."""

    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.problem_mark = mark


class PlanLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases (no expansion bombs) and counts nodes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes_left = MAX_NODES
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Compose one node, refusing `&anchor` and `*alias` and stopping at the budgets."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise RefusedYaml("không hỗ trợ tham chiếu YAML (&anchor, *alias)", event.start_mark)
        self.nodes_left -= 1
        if self.nodes_left < 0:
            raise RefusedYaml(f"quá nhiều phần tử (tối đa {MAX_NODES})", event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise RefusedYaml(f"lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)", event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_timestamp_or_text(self, node: yaml.ScalarNode) -> Any:
        """A date as YAML reads it; an impossible one ("2025-13-01") stays text for validation."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


PlanLoader.add_constructor("tag:yaml.org,2002:timestamp", PlanLoader.construct_timestamp_or_text)


def compose_and_load(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its data, parsed once."""
    loader = PlanLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data
