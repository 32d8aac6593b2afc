"""DOM equality as the conformance README defines it, for comparing our bodies with Astro's.

Both sides are parsed with the standard library's HTML parser into a small tree, then normalised:
whitespace runs folded, whitespace-only text beside block elements dropped, attribute order and
entity spelling ignored, `align` ≡ `text-align` style, formulas reduced to (display, TeX), code
blocks to (language, text), and the `src` of images optimised into `/_astro/` ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "br",
}
SPACES = re.compile(r"\s+")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.stack[-1].children.append(Node("#comment", {"text": data.strip()}))


def text_of(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(text_of(child) for child in node.children)


def find(node: Node, predicate) -> Node | None:
    for child in node.children:
        if isinstance(child, Node):
            if predicate(child):
                return child
            found = find(child, predicate)
            if found is not None:
                return found
    return None


def classes(node: Node) -> set[str]:
    return set(node.attrs.get("class", "").split())


def formula(node: Node, display: bool) -> tuple:
    annotation = find(node, lambda n: n.tag == "annotation")
    tex = text_of(annotation) if annotation is not None else text_of(node)
    return ("math", "display" if display else "inline", tex.strip())


def code_block(node: Node) -> tuple:
    language = node.attrs.get("data-language", "")
    code = find(node, lambda n: n.tag == "code")
    if not language and code is not None:
        for name in classes(code):
            if name.startswith("language-"):
                language = name.removeprefix("language-")
    return ("code", language or "plaintext", text_of(node).rstrip("\n"))


def normalise_attrs(node: Node) -> tuple:
    attrs = dict(node.attrs)
    style = attrs.pop("style", "")
    match = re.search(r"text-align:\s*(\w+)", style)
    if match and "align" not in attrs:
        attrs["align"] = match.group(1)
    if node.tag == "img" and attrs.get("src", "").startswith("/_astro/"):
        attrs.pop("src")
    return tuple(sorted(attrs.items()))


def normalise(node: Node) -> list:
    out: list = []
    children = node.children
    for index, child in enumerate(children):
        if isinstance(child, str):
            text = SPACES.sub(" ", child)
            if not text.strip():
                before = children[index - 1] if index else None
                after = children[index + 1] if index + 1 < len(children) else None
                if (
                    before is None
                    or after is None
                    or any(
                        isinstance(n, Node) and (n.tag in BLOCK or n.tag == "#comment")
                        for n in (before, after)
                    )
                ):
                    continue
            if out and isinstance(out[-1], str):
                out[-1] += text
            else:
                out.append(text)
            continue
        names = classes(child)
        if "katex-display" in names:
            out.append(formula(child, True))
        elif "katex" in names or "katex-error" in names:
            out.append(formula(child, False))
        elif child.tag == "pre":
            out.append(code_block(child))
        elif child.tag == "#comment":
            out.append(("comment", child.attrs["text"]))
        else:
            out.append((child.tag, normalise_attrs(child), normalise(child)))
    # trim whitespace at the edges of block containers
    if out and isinstance(out[0], str) and node.tag in BLOCK | {"#root"}:
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str) and node.tag in BLOCK | {"#root"}:
        out[-1] = out[-1].rstrip()
    return [item for item in out if item != ""]


def dom(html: str) -> list:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return normalise(builder.root)


def first_difference(ours: list, theirs: list, path: str = "") -> str | None:
    """A short description of where two normalised trees first differ, or None when equal."""
    for index in range(max(len(ours), len(theirs))):
        a = ours[index] if index < len(ours) else "<missing>"
        b = theirs[index] if index < len(theirs) else "<missing>"
        here = f"{path}/{index}"
        if a == b:
            continue
        if (
            isinstance(a, tuple)
            and isinstance(b, tuple)
            and len(a) == 3 == len(b)
            and a[0] == b[0]
            and a[1] == b[1]
            and isinstance(a[2], list)
        ):
            return first_difference(a[2], b[2], f"{here}:{a[0]}")
        return f"{here}: ours {str(a)[:300]!r} != astro {str(b)[:300]!r}"
    return None
