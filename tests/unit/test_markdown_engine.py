"""Each rule of the Markdown engine on its own (the conformance suite checks them together)."""

from __future__ import annotations

import pytest

from blogforge.markdown import MarkdownOptions, render_markdown
from blogforge.markdown.highlight import code_language, highlight_code
from blogforge.markdown.slugger import HeadingSlugger, slugify
from tests.conformance.dom import dom


def html(text: str, **options: object) -> str:
    return render_markdown(text, MarkdownOptions(**options)).html  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("\"Double\" and 'single'", "“Double” and ‘single’"),
        ("it's the '90s", "it’s the ’90s"),
        ("a -- b --- c", "a — b --- c"),
        ("wait...", "wait…"),
        ("``quoted''", "“quoted”"),
        ("He said, \"'Quoted' words.\"", "He said, “‘Quoted’ words.”"),
    ],
)
def test_smart_punctuation_follows_remark_smartypants(source: str, expected: str) -> None:
    assert html(source) == f"<p>{expected}</p>\n"


def test_smart_punctuation_never_touches_code_or_math() -> None:
    assert dom(html('`"a" -- b...`')) == [("p", (), [("code", (), ['"a" -- b...'])])]
    assert '<annotation encoding="application/x-tex">a--b</annotation>' in html("$a--b$")


def test_quotes_pair_across_emphasis() -> None:
    assert html('"**bold**"') == "<p>“<strong>bold</strong>”</p>\n"


def test_heading_ids_count_duplicates_and_astro5_drops_one_trailing_dash() -> None:
    astro6 = HeadingSlugger("astro6")
    assert [astro6.slug(t) for t in ("A", "A", "A 1", "Emoji 🎉")] == [
        "a",
        "a-1",
        "a-1-1",
        "emoji-",
    ]
    astro5 = HeadingSlugger("astro5")
    assert [astro5.slug(t) for t in ("Emoji 🎉", "Emoji 🎉")] == ["emoji", "emoji--1"]
    with pytest.raises(ValueError, match="unknown heading id rule"):
        HeadingSlugger("astro4")


def test_slugify_is_github_slugger() -> None:
    assert slugify("Machine Learning") == "machine-learning"
    assert slugify("C++ / C#") == "c--c"
    assert slugify("ñandú café") == "ñandú-café"


def test_headings_list_has_astro_shape_and_footnote_label() -> None:
    rendered = render_markdown("# Title\n\n## Part *one*[^a]\n\n[^a]: note")
    assert [h.as_dict() for h in rendered.headings] == [
        {"depth": 1, "slug": "title", "text": "Title"},
        {"depth": 2, "slug": "part-one1", "text": "Part one1"},
        {"depth": 2, "slug": "footnote-label", "text": "Footnotes"},
    ]


def test_footnotes_use_gfm_ids_and_drop_unused_notes() -> None:
    out = html("x[^Note-Ü]\n\n[^Note-Ü]: used\n\n[^unused]: never")
    assert 'href="#user-content-fn-note-%C3%BC"' in out
    assert 'id="user-content-fnref-note-%C3%BC"' in out
    assert "never" not in out


def test_inline_and_display_math_render_mathml_with_tex_kept() -> None:
    out = html("Inline $x^2$.\n\n$$\n\\frac12\n$$\n")
    assert dom(out) == [
        ("p", (), ["Inline ", ("math", "inline", "x^2"), "."]),
        ("math", "display", "\\frac12"),
    ]
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in out


def test_a_heading_with_math_reads_as_its_dom_text() -> None:
    """Astro slugs a heading from its DOM text: KaTeX's MathML, annotation and HTML, decoded
    (`a<b`, not `a&lt;b`, so the id has no stray `lt`)."""
    (heading,) = render_markdown("## Compare $a<b$ now\n").headings
    assert heading.text == "Compare a<ba<ba<b now"
    assert heading.slug == "compare-ababab-now"


def test_one_line_double_dollars_are_inline_like_remark_math() -> None:
    assert dom(html("$$a+b$$")) == [("p", (), [("math", "inline", "a+b")])]


def test_math_off_leaves_dollars_as_text() -> None:
    assert html("$x$ costs $5", math=False) == "<p>$x$ costs $5</p>\n"


def test_invalid_tex_is_shown_escaped_with_a_warning_and_line() -> None:
    rendered = render_markdown("ok\n\nbad $\\frac{<b>$ here")
    assert 'class="katex-error"' in rendered.html
    assert "\\frac{&lt;b&gt;" in rendered.html
    assert "<b>" not in rendered.html
    [warning] = rendered.warnings
    assert warning.line == 3
    assert "math: cannot render" in warning.message


def test_code_is_highlighted_in_shiki_markup_and_unknown_languages_are_plaintext() -> None:
    out = highlight_code("def f():\n    return 1\n", "python")
    assert out.startswith('<pre class="astro-code github-dark"')
    assert 'data-language="python"' in out
    assert out.count('<span class="line">') == 2
    assert code_language("no-such-language") == "plaintext"
    assert code_language('js title="x.js" {1}') == "js"
    unknown = highlight_code("<tag> & stuff\n", "no-such-language")
    assert "&lt;tag&gt; &amp; stuff" in unknown


def test_gfm_tables_tasks_strikethrough_and_autolinks() -> None:
    out = html("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n\n~~gone~~ www.example.org")
    assert '<th align="left">a</th>' in out and '<td align="right">2</td>' in out
    assert '<li class="task-list-item"><input type="checkbox" checked disabled> done</li>' in out
    assert "<del>gone</del>" in out
    assert '<a href="http://www.example.org">www.example.org</a>' in out


def test_relative_images_go_through_the_resolver_and_are_recorded() -> None:
    seen: list[str] = []

    def resolve(src: str) -> dict[str, str] | None:
        seen.append(src)
        return {"src": "/_astro/a.webp", "width": "10", "height": "5"} if src == "a.png" else None

    rendered = render_markdown("![A](a.png)\n\n![B](/b.webp)", MarkdownOptions(), resolve)
    assert seen == ["a.png", "/b.webp"]
    assert '<img alt="A" src="/_astro/a.webp" width="10" height="5">' in rendered.html
    assert '<img src="/b.webp" alt="B">' in rendered.html
    assert [(i.src, i.line) for i in rendered.images] == [("a.png", 1), ("/b.webp", 3)]


def test_raw_html_passes_through() -> None:
    assert html('<div class="x">\n*raw*\n</div>') == '<div class="x">\n*raw*\n</div>'


def test_plain_text_and_reading_time() -> None:
    rendered = render_markdown("# T\n\n" + "word " * 400)
    assert rendered.word_count == 401
    assert rendered.reading_minutes == 2


def test_cached_slug_equals_the_github_slugger_package() -> None:
    import random

    from github_slugger import slug as package_slug

    from blogforge.markdown.slugger import github_slug

    generator = random.Random(7)
    alphabet = [chr(i) for i in range(32, 0x3000)] + ["🚀", "👍🏽", "𝔘", "🇰🇷", "\u200d", "\ufe0f"]
    for _ in range(500):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 12)))
        assert github_slug(text) == package_slug(text), repr(text)
