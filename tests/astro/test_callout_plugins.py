"""An Astro project whose config puts a callout plugin in `markdown.remarkPlugins` or
`rehypePlugins` is built with callouts on, in that plugin's markup: small projects written for
these tests (each plugin as its README or theme configures it), Fuwari's real demo project, and
the Fuwari corpus post that shows its admonitions."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from blogforge.astro.project import detect
from blogforge.cli import main
from blogforge.config import load_config
from blogforge.markdown import MarkdownOptions, render_markdown
from tests.astro.projects import build, write_project
from tests.astro.real_projects import PROJECTS, copy_project
from tests.conformance.corpora import CORPORA, require_corpora
from tests.conformance.dom import dom
from tests.site_build.helpers import parse_html, post_text, write_site

CONFIGS = {
    "fuwari": (
        "import rehypeComponents from 'rehype-components';\n"
        "import remarkDirective from 'remark-directive';\n"
        "import { AdmonitionComponent } from './src/plugins/rehype-component-admonition.mjs';\n"
        "export default defineConfig({ site: 'https://x.org', markdown: {\n"
        "  remarkPlugins: [remarkDirective],\n"
        "  rehypePlugins: [[rehypeComponents, { components: {\n"
        "    note: (x, y) => AdmonitionComponent(x, y, 'note') } }]] } });\n"
    ),
    "cactus": (
        "import remarkDirective from 'remark-directive';\n"
        "import { remarkAdmonitions } from './src/plugins/remark-admonitions';\n"
        "export default defineConfig({ site: 'https://x.org', markdown: {\n"
        "  remarkPlugins: [remarkDirective, remarkAdmonitions] } });\n"
    ),
    "rehype-callouts": (
        "import rehypeCallouts from 'rehype-callouts';\n"
        "export default defineConfig({ site: 'https://x.org',\n"
        "  markdown: { rehypePlugins: [rehypeCallouts] } });\n"
    ),
    "github-blockquote-alert": (
        "import { remarkAlert } from 'remark-github-blockquote-alert';\n"
        "export default defineConfig({ site: 'https://x.org',\n"
        "  markdown: { remarkPlugins: [remarkAlert()] } });\n"
    ),
}
POST = (
    "---\ntitle: Callouts\npubDate: 2024-01-01\n---\n"
    ":::note[A title]\nDirective text.\n:::\n\n> [!NOTE]\n> Alert text.\n"
)
# style -> what the post's two callouts become, by (element, a class or attribute it carries)
EXPECTED = {
    "fuwari": [("blockquote", "admonition bdm-note"), ("blockquote", "admonition bdm-note")],
    "cactus": [("aside", "aside aside-note")],
    "rehype-callouts": [("div", "callout")],
    "github-blockquote-alert": [("div", "markdown-alert markdown-alert-note")],
}


def project(root: Path, style: str) -> Path:
    return write_project(
        root, {"astro.config.mjs": CONFIGS[style], "src/content/blog/callouts.md": POST}
    )


@pytest.mark.parametrize("style", list(CONFIGS))
def test_the_plugin_in_the_config_turns_callouts_on_in_its_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], style: str
) -> None:
    root = project(tmp_path / style, style)
    config = load_config(root)
    assert (config.callouts, config.callout_style) == (True, style)
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert f"callout_style = '{style}'  (from astro.config.mjs)" in result.out
    page = parse_html(result.dist / "blog" / "callouts" / "index.html")
    boxes = [
        (e.tag, e.attrs.get("class", ""))
        for e in page.iter()
        if e.attrs.get("class", "") in {c for _, c in EXPECTED[style]}
    ]
    assert boxes == EXPECTED[style]
    text = page.text()
    assert ("Directive text." in text) and ("Alert text." in text)


def test_a_plugin_imported_but_not_used_and_no_plugin_leave_callouts_off(tmp_path: Path) -> None:
    unused = CONFIGS["rehype-callouts"].replace("[rehypeCallouts]", "[]")
    write_project(tmp_path / "a", {"astro.config.mjs": unused, "src/content/blog/x.md": POST})
    write_project(
        tmp_path / "b",
        {"astro.config.mjs": "export default defineConfig({});\n", "src/content/blog/x.md": POST},
    )
    for name in ("a", "b"):
        config = load_config(tmp_path / name)
        assert (config.callouts, config.callout_style) == (False, "github")


def test_blogforge_toml_overrides_the_detected_style(tmp_path: Path) -> None:
    root = project(tmp_path, "rehype-callouts")
    (root / "blogforge.toml").write_text('callout_style = "github"\n', encoding="utf-8")
    config = load_config(root)
    assert (config.callouts, config.callout_style) == (True, "github")


def test_init_writes_the_detected_callout_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, "cactus")
    assert main(["init", "--from-astro", str(root)]) == 0
    capsys.readouterr()
    text = (root / "blogforge.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(text)
    assert (settings["callouts"], settings["callout_style"]) == (True, "cactus")
    assert "callouts = true  # from astro.config.mjs: a callout plugin" in text


needs_projects = pytest.mark.skipif(not PROJECTS.is_dir(), reason="needs ../shared/astro-projects")


@needs_projects
def test_fuwaris_demo_is_read_as_fuwari() -> None:
    found = detect((PROJECTS / "fuwari-demo").resolve())
    assert found is not None
    assert found.settings["callout_style"].value == "fuwari"
    for other in ("astro-blog-template", "astrofy", "erudite-gigio"):
        other_project = detect((PROJECTS / other).resolve())
        assert other_project is not None and "callout_style" not in other_project.settings


def admonition(kind: str, title: str, *content: tuple) -> tuple:
    return (
        "blockquote",
        (("class", f"admonition bdm-{kind}"),),
        [("span", (("class", "bdm-title"),), [title]), *content],
    )


def para(*children: object) -> tuple:
    return ("p", (), list(children))


GITHUB_LINK = ("a", (("href", "https://github.com/orgs/community/discussions/16925"),), [])
FUWARI_ADMONITIONS = [  # markdown-extended.md's admonitions as Fuwari's component writes them
    admonition(
        "note",
        "NOTE",
        para("Highlights information that users should take into account, even when skimming."),
    ),
    admonition("tip", "TIP", para("Optional information to help a user be more successful.")),
    admonition(
        "important", "IMPORTANT", para("Crucial information necessary for users to succeed.")
    ),
    admonition(
        "warning",
        "WARNING",
        para("Critical content demanding immediate user attention due to potential risks."),
    ),
    admonition("caution", "CAUTION", para("Negative potential consequences of an action.")),
    admonition(
        "note", ("div", (), ["MY CUSTOM TITLE"]), para("This is a note with a custom title.")
    ),
    admonition(
        "tip",
        "TIP",
        para((*GITHUB_LINK[:2], ["The GitHub syntax"]), " is also supported."),
    ),
]


def admonitions_of(tree: list) -> list:
    found = []
    for node in tree:
        if isinstance(node, tuple) and len(node) == 3 and isinstance(node[2], list):
            if node[0] == "blockquote" and "admonition" in dict(node[1]).get("class", ""):
                found.append(node)
            else:
                found += admonitions_of(node[2])
    return found


@needs_projects
def test_fuwaris_demo_built_in_place_has_its_admonitions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real project, no blogforge.toml: the Markdown Extended post's seven admonitions (five
    kinds, a custom title, one from GitHub's syntax) in Fuwari's markup, nothing warned."""
    root = copy_project("fuwari-demo", tmp_path / "fuwari")
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert [w for w in result.warnings if "callouts" in w] == []
    html = (result.dist / "posts" / "markdown-extended" / "index.html").read_text("utf-8")
    assert admonitions_of(dom(html)) == FUWARI_ADMONITIONS


@pytest.mark.corpora
def test_the_fuwari_corpus_post_renders_its_admonitions() -> None:
    """The corpus copy of the post, rendered alone with Fuwari's style: the same seven; with
    callouts off (plain Astro), none, and the directives stay text."""
    require_corpora()
    post = CORPORA / "fuwari-demo" / "src" / "content" / "posts" / "markdown-extended.md"
    body = post.read_text(encoding="utf-8").split("---\n", 2)[2]
    rendered = render_markdown(body, MarkdownOptions(callouts=True, callout_style="fuwari"))
    assert admonitions_of(dom(rendered.html)) == FUWARI_ADMONITIONS
    assert rendered.warnings == []
    plain = render_markdown(body, MarkdownOptions())
    assert admonitions_of(dom(plain.html)) == []
    assert ":::note" in plain.html


def test_unknown_names_are_one_warning_per_file_placed_in_the_post(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two posts with unknown `:::name`s (one has two): one warning each, at the first one's
    line in the file; the build succeeds and the directives stay text."""
    body = "Intro.\n\n:::foo\nx\n:::\n\n:::bar\ny\n:::\n"
    root = write_site(
        tmp_path,
        {
            "content/posts/one.md": post_text("One", body=body),
            "content/posts/two.md": post_text("Two", body="\n" + body),
        },
        'title = "T"\ncallouts = true\ncallout_style = "cactus"\n',
    )
    result = build(root, capsys)
    assert result.code == 0, result.err
    named = [w for w in result.warnings if "callouts:" in w]
    assert sorted(w.split(": callouts:")[0] for w in named) == [
        "warning: content/posts/one.md:7",
        "warning: content/posts/two.md:8",
    ]
    assert all('":::foo" is not a callout kind of callout_style = "cactus"' in w for w in named)
    assert ":::foo" in parse_html(result.dist / "posts" / "one" / "index.html").text()
