"""Text from frontmatter never escapes its context: HTML text, attributes, JSON-LD, RSS and Atom.

Each example builds a real one-post site (title, description, one tag, a hero image's alt text
drawn from hostile strings: markup, quotes, entities, Jinja syntax, CDATA ends) and then checks
two things on the output:
- nothing was injected: no page has an element or attribute the theme does not write (no `on*`
  attribute, no `<script>` but the JSON-LD one, no `<x-evil>`);
- every value reads back exactly where it is shown (parsed HTML text and attributes, json.loads of
  the JSON-LD, an XML parser on the feeds), so escaping neither leaks nor double-escapes.
"""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogforge.build import build
from blogforge.config import load_config
from blogforge.content.paths import tag_problem
from blogforge.templates.engine import THEME_LAYOUTS
from tests.site_build.helpers import Element, parse_html

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><x-evil onclick=1>",
    "</script><x-evil>",
    "]]>",
    "<![CDATA[",
    "&amp;",
    "&lt;b&gt;",
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "\\u003c",
    "<!--",
    "javascript:alert(1)",
]
characters = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
hostile = (
    st.lists(
        st.one_of(
            st.sampled_from(PAYLOADS),
            st.sampled_from(list("<>&\"'/=`{}%#;")),
            st.text(alphabet=characters, max_size=6),
        ),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(lambda text: text.strip() != "")
)
SITE_TITLE = "Escapes"
# The one inline script the theme writes (no frontmatter value in it), read from base.html.
THEME_INLINE_SCRIPT = re.search(
    r"<script data-blogforge-keep>(.*?)</script>", (THEME_LAYOUTS / "base.html").read_text("utf-8")
).group(1)
ATOM = "{http://www.w3.org/2005/Atom}"


def build_post(root: Path, title: str, description: str, tag: str, alt: str) -> Path:
    frontmatter = {
        "title": title,
        "description": description,
        "pubDate": "2022-09-10",
        "tags": [tag],
        "heroImage": {"src": "https://cdn.example/h.png", "alt": alt},
    }
    text = yaml.safe_dump(frontmatter, allow_unicode=True, default_style='"', width=10**6)
    (root / "content/posts").mkdir(parents=True)
    (root / "content/posts/p.md").write_text(f"---\n{text}---\nBody.\n", encoding="utf-8")
    (root / "blogforge.toml").write_text(
        f'title = "{SITE_TITLE}"\nsite = "https://example.org"\n', encoding="utf-8"
    )
    result = build(load_config(root))
    assert result.ok, [problem.format() for problem in result.diagnostics.errors]
    return root / "dist"


def nothing_injected(page: Element, name: str) -> None:
    for element in page.iter():
        assert element.tag != "x-evil", name
        assert not any(attr.startswith("on") for attr in element.attrs), (name, element.attrs)
        if element.tag == "script" and element.attrs.get("src"):  # the theme's own scripts
            assert element.attrs["src"].startswith("/_blogforge/"), name
        elif element.tag == "script" and element.text() == THEME_INLINE_SCRIPT:
            pass  # the theme's light/dark script in <head>, as base.html writes it
        elif element.tag == "script":
            assert element.attrs.get("type") == "application/ld+json", name
            json.loads(element.text())
        if element.tag == "img":
            assert element.attrs.get("src", "").startswith(("https://", "/")), name


def only(page: Element, tag: str, **attrs: str) -> Element:
    found = page.find_all(tag, **attrs)
    assert len(found) == 1, (tag, attrs, len(found))
    return found[0]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(title=hostile, description=hostile, tag=hostile, alt=hostile)
def test_frontmatter_text_is_escaped_everywhere(
    title: str, description: str, tag: str, alt: str
) -> None:
    tag = tag.strip()  # posts keep tags stripped; a tag that cannot be a folder is an error
    if tag_problem(tag, "slug") is not None or not tag:
        tag = ("plain " + "".join(ch for ch in tag if ch.isalnum())).strip()
    with tempfile.TemporaryDirectory() as folder:
        dist = build_post(Path(folder), title, description, tag, alt)
        for path in sorted(dist.rglob("*.html")):
            nothing_injected(parse_html(path), path.relative_to(dist).as_posix())

        post = parse_html(dist / "posts/p/index.html")
        assert only(post, "title").text() == f"{title} · {SITE_TITLE}"
        assert only(post, "h1").text() == title
        assert only(post, "meta", name="description").attrs["content"] == description
        assert only(post, "meta", property="og:title").attrs["content"] == title
        assert only(post, "meta", property="og:description").attrs["content"] == description
        assert only(post, "img").attrs["alt"] == alt
        assert [a.text() for a in post.find_all("a") if "tag" in a.attrs.get("class", "")] == [tag]
        data = json.loads(only(post, "script", type="application/ld+json").text())
        assert (data["headline"], data["description"], data["keywords"]) == (
            title,
            description,
            [tag],
        )

        home = parse_html(dist / "index.html")
        assert title in [a.text() for a in home.find_all("a")]

        rss = ET.parse(dist / "rss.xml").getroot()
        item = rss.find("channel/item")
        assert item is not None
        assert item.findtext("title") == title
        assert item.findtext("description") == description
        atom = ET.parse(dist / "atom.xml").getroot()
        assert atom.findtext(f"{ATOM}entry/{ATOM}title") == title
