"""MDX bodies as plain Markdown: what blogforge can render of an `.mdx` post without running it.

MDX is Markdown plus ES `import`/`export` statements, JSX components (`<Chart data={x} />`) and
`{expressions}`. We cannot run the components (they are JavaScript), so we keep everything that is
Markdown and leave the rest out:
- `import` and `export` statements at the top level are dropped (multi-line ones included);
- a JSX component (a tag whose name starts with a capital letter, or is dotted like `<Foo.Bar>`)
  is dropped *with its children*: we cannot know what the component does with them (a prop, a
  slot, nothing), so showing them bare could misrepresent the page;
- `{/* comments */}` are dropped.
Lowercase tags are plain HTML and stay, as in a `.md` post. Code fences and inline code are never
touched. Every dropped line is replaced by an empty line, so line numbers of later warnings and
errors still point into the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
STATEMENT = re.compile(r"^(import|export)\b")
COMPONENT_START = re.compile(r"<([A-Z][\w]*(?:\.[\w]+)*)(?=[\s/>])")
COMPONENT_END = re.compile(r"</([A-Z][\w]*(?:\.[\w]+)*)\s*>")
JSX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.DOTALL)


@dataclass(frozen=True)
class MdxResult:
    """The Markdown that is left, and the components that were left out (first use order)."""

    markdown: str
    components: tuple[str, ...]
    first_component_line: int | None  # 1-based line of the body where the first one was


def _statement_end(lines: list[str], start: int) -> int:
    """Index of the last line of the import/export statement starting at `start`.

    A statement ends on the first line where brackets are balanced and it either names its
    module (`from '...'`, `import '...'`) or ends with `;` — or at the next blank line.
    """
    depth = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if index > start and not line.strip():
            return index - 1
        depth += sum(line.count(c) for c in "({[") - sum(line.count(c) for c in ")}]")
        stripped = line.rstrip()
        if depth <= 0 and (
            re.search(r"""(?:from\s*|^import\s*)(['"]).*\1;?$""", stripped)
            or stripped.endswith(";")
            or (index == start and not stripped.endswith(("{", "(", "[", ",", "=")))
            or (index > start and stripped.endswith(("}", ")", "]")))
        ):
            return index
    return len(lines) - 1


def _mask_code_spans(line: str) -> str:
    """The line with inline code spans blanked out (same length), so tags in them are ignored."""
    return re.sub(r"(`+)(.+?)\1", lambda m: " " * len(m.group(0)), line)


def _tag_end(text: str, start: int) -> int:
    """Index just past the `>` closing the tag opened at `start`, skipping quoted and {} values."""
    depth = 0
    quote = ""
    index = start
    while index < len(text):
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == ">" and depth <= 0:
            return index + 1
        index += 1
    return len(text)


def _blank_keep_lines(segment: str) -> str:
    """What replaces a dropped piece of text: its newlines, so later lines keep their numbers."""
    return "\n" * segment.count("\n")


def _drop_components(text: str, masked: str) -> tuple[str, list[tuple[str, int]]]:
    """Remove every JSX component element (outside code) from `text`; `masked` is the same text
    with code blanked. Returns the new text and (name, offset) of each component dropped."""
    found: list[tuple[str, int]] = []
    out: list[str] = []
    position = 0
    while True:
        match = COMPONENT_START.search(masked, position)
        if match is None:
            break
        name = match.group(1)
        open_end = _tag_end(masked, match.end())
        end = open_end
        if not masked[match.start() : open_end].rstrip().endswith("/>"):
            end = _matching_close(masked, name, open_end)
        # the element and every component nested in it (all are left out)
        nested = COMPONENT_START.finditer(masked, match.start(), end)
        found += [(m.group(1), m.start()) for m in nested]
        out.append(text[position : match.start()])
        out.append(_blank_keep_lines(text[match.start() : end]))
        position = end
    out.append(text[position:])
    return "".join(out), found


def _matching_close(masked: str, name: str, start: int) -> int:
    """Index just past `</name>` matching an element opened before `start` (nesting counted);
    the end of the text when it is never closed."""
    depth = 1
    opener = re.compile(rf"<{re.escape(name)}(?=[\s/>])|</{re.escape(name)}\s*>")
    position = start
    while True:
        match = opener.search(masked, position)
        if match is None:
            return len(masked)
        if match.group(0).startswith("</"):
            depth -= 1
            if depth == 0:
                return match.end()
            position = match.end()
        else:
            tag_end = _tag_end(masked, match.end())
            if not masked[match.start() : tag_end].rstrip().endswith("/>"):
                depth += 1
            position = tag_end


def mdx_to_markdown(body: str) -> MdxResult:
    """The Markdown parts of an MDX body; see the module docstring for what is left out."""
    lines = body.split("\n")
    kept: list[str] = []
    masked: list[str] = []
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if fence:
            kept.append(line)
            masked.append(" " * len(line))
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            index += 1
            continue
        opened = FENCE_OPEN.match(line)
        if opened:
            fence = opened.group(1)
            kept.append(line)
            masked.append(" " * len(line))
            index += 1
            continue
        if STATEMENT.match(line):
            end = _statement_end(lines, index)
            for _ in range(index, end + 1):
                kept.append("")
                masked.append("")
            index = end + 1
            continue
        kept.append(line)
        masked.append(_mask_code_spans(line))
        index += 1
    text, masked_text = "\n".join(kept), "\n".join(masked)
    text, masked_text = _drop_comments(text, masked_text)
    text, found = _drop_components(text, masked_text)
    names = tuple(dict.fromkeys(name for name, _ in found))
    first_line = masked_text.count("\n", 0, found[0][1]) + 1 if found else None
    return MdxResult(text, names, first_line)


def _drop_comments(text: str, masked: str) -> tuple[str, str]:
    """Remove `{/* ... */}` outside code from both the text and its masked copy."""
    pieces_text: list[str] = []
    pieces_masked: list[str] = []
    position = 0
    for match in JSX_COMMENT.finditer(masked):
        blank = _blank_keep_lines(match.group(0))
        pieces_text += [text[position : match.start()], blank]
        pieces_masked += [masked[position : match.start()], blank]
        position = match.end()
    pieces_text.append(text[position:])
    pieces_masked.append(masked[position:])
    return "".join(pieces_text), "".join(pieces_masked)
