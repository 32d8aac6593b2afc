"""Frontmatter YAML, read safely: a hostile post is an error with a line, never a crash or a hang.

PyYAML's safe loader (libyaml's C loader when available) is wrapped with four guards:
- impossible unquoted dates (`pubDate: 2023-02-30`) stay text, so `parse_date` can place them
  (PyYAML would raise a bare ValueError);
- a key given twice is an error, as js-yaml (Astro) reports it, instead of the last one silently
  winning;
- nesting deeper than MAX_DEPTH is refused before composing: libyaml's composer recurses in C and
  segfaults the whole build at ~100 000 levels (`x: [[[[...]]]]`, measured);
- aliases that expand to more than MAX_VALUES values (a "billion laughs" bomb) are refused: the
  loader shares them, but anything that walks the frontmatter (layouts, `render --json`) would not.
Depth and expansion are measured on libyaml's event stream, which is flat (no recursion).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

FENCE = re.compile(r"---[ \t]*")
MAX_DEPTH = 64
MAX_VALUES = 100_000


@dataclass
class YamlProblem(Exception):
    """Bad frontmatter YAML, with the file line it is on (None: unknown)."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message


class FrontmatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML: no Python objects, impossible dates kept as text, duplicate keys refused.

    `first_line` is the file line the YAML text starts on, so problems name file lines.
    """

    first_line = 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        first_line: dict[object, int] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue
            key = self.construct_object(key_node)
            line = key_node.start_mark.line + self.first_line
            if key in first_line:
                raise YamlProblem(
                    line, f'the key "{key}" is given twice (first on line {first_line[key]})'
                )
            first_line[key] = line
        return super().construct_mapping(node, deep)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


FrontmatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

_PARSER = getattr(yaml, "CParser", None)


def next_event(loader: FrontmatterLoader, first_line: int, too_deep: str) -> yaml.Event | None:
    """The next parse event. libyaml 0.2.6 (PyYAML 6.0.4) has a nesting limit of its own, which
    its scanner can hit while reading ahead, before the event past our limit is emitted: it
    is the same problem, reported with the same message."""
    try:
        return loader.get_event()
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in str(error.problem) and error.problem_mark is not None:
            raise YamlProblem(error.problem_mark.line + first_line, too_deep) from None
        raise


def check_shape(text: str, first_line: int) -> None:
    """Refuse too-deep nesting and alias bombs, reading events only (nothing is built)."""
    sizes: list[int] = []  # values counted so far in each open collection
    anchors: dict[str, int] = {}
    open_anchors: list[str | None] = []
    total = 0
    loader = FrontmatterLoader(text)
    too_deep = f"expected frontmatter nested at most {MAX_DEPTH} levels deep, found deeper nesting"
    try:
        while (event := next_event(loader, first_line, too_deep)) is not None:
            added = 0
            if isinstance(event, yaml.CollectionStartEvent):
                if len(sizes) >= MAX_DEPTH:
                    raise YamlProblem(event.start_mark.line + first_line, too_deep)
                sizes.append(1)
                open_anchors.append(event.anchor)
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                added = sizes.pop()
                anchor = open_anchors.pop()
                if anchor is not None:
                    anchors[anchor] = added
            elif isinstance(event, yaml.ScalarEvent):
                added = 1
                if event.anchor is not None:
                    anchors[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                added = anchors.get(event.anchor, 1)
                total += added
                if total > MAX_VALUES:
                    raise YamlProblem(
                        event.start_mark.line + first_line,
                        f"expected at most {MAX_VALUES} values in the frontmatter, found "
                        f"aliases that expand to more (a YAML alias bomb?)",
                    )
            else:
                continue
            if sizes:
                sizes[-1] = min(sizes[-1] + added, MAX_VALUES + 1)
    finally:
        loader.dispose()


def load_yaml(text: str, first_line: int = 1) -> object:
    """The frontmatter's value (usually a dict), or YamlProblem with its file line."""
    return load_yaml_with_lines(text, first_line)[0]


def load_yaml_with_lines(text: str, first_line: int = 1) -> tuple[object, dict[str, int]]:
    """The frontmatter's value and the file line of each top-level key, or YamlProblem.

    `first_line`: the file line `text` starts on (2 for frontmatter after the opening `---`).
    The key lines come from the composed node tree, which knows them: looking each key up again
    in the text cost O(keys x size) (150 000 keys took 150 s).
    """
    try:
        check_shape(text, first_line)
        loader = FrontmatterLoader(text)
        loader.first_line = first_line
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {}
            lines: dict[str, int] = {}
            if isinstance(node, yaml.MappingNode):
                for key_node, _value in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        lines.setdefault(str(key_node.value), key_node.start_mark.line + first_line)
            return loader.construct_document(node), lines  # a safe loader: no Python objects
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        message = f"expected valid YAML frontmatter, got a syntax error: {problem}"
        raise YamlProblem(line, message) from None


def split_frontmatter(text: str) -> tuple[str | None, str, int]:
    """(YAML text or None, body, 1-based file line where the body starts).

    Accepts a BOM, CRLF line ends and trailing spaces after `---`. A file whose first line is
    `---` but that never closes it raises ContentError-free ValueError for the caller to place.
    """
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or not FENCE.fullmatch(lines[0].rstrip("\r\n")):
        return None, text, 1
    for index in range(1, len(lines)):
        if FENCE.fullmatch(lines[index].rstrip("\r\n")):
            yaml_text = "".join(lines[1:index]).replace("\r\n", "\n")
            body = "".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    raise ValueError("the frontmatter opened by `---` on line 1 is never closed by a `---` line")
