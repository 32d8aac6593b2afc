"""Helpers for whole-site tests: copy a site into a temp dir, build it, parse what came out."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from blogforge.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PARTS = ("content", "layouts", "static", "blogforge.toml")


def copy_example_site(target: Path) -> Path:
    """A copy of the repository's own example blog, so tests can break it without harm."""
    target.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def write_site(
    root: Path,
    files: dict[str, str | bytes],
    config: str = 'title = "T"\nsite = "https://x.org"\n',
) -> Path:
    """A small site written from scratch: `blogforge.toml` plus each file by its path under the
    site root (`content/posts/a.md`, `layouts/post.html`, `static/x.css`). The one place tests
    write a site by hand."""
    root.mkdir(parents=True, exist_ok=True)
    for name, data in {"blogforge.toml": config, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))  # as given
    return root


def post_text(title: str, date: str = "2022-09-10", body: str = "Hello.", **fields: str) -> str:
    """A post's Markdown with the given frontmatter fields (values written as given)."""
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f'---\ntitle: "{title}"\npubDate: "{date}"\n{extra}---\n{body}\n'


def run_build(root: Path, *extra: str) -> int:
    return main(["build", "--root", str(root), *extra])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: to prove a failed build changed nothing."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.iter(tag) if all(e.attrs.get(k) == v for k, v in attrs.items())]

    def find(self, tag: str, **attrs: str) -> Element | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TreeBuilder(HTMLParser):
    """A forgiving HTML -> Element tree parser (standard library only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(path_or_text: Path | str) -> Element:
    text = path_or_text.read_text("utf-8") if isinstance(path_or_text, Path) else path_or_text
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
