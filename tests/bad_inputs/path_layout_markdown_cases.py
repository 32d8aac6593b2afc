"""Bad-input cases, continued from `cases.py` (split to keep each module under 400 lines):
paths (slugs, heroes, file names), layouts, and the Markdown of a post's body.
"""

from __future__ import annotations

from tests.bad_inputs.cases import OK, PAGE, POST, Case, front


def hero(value: str) -> str:
    return front(*OK, f"heroImage: {value}")


def slug(value: str) -> str:
    return front(*OK, f"slug: {value}")


def layout(name: str) -> str:
    return front(*OK, f"layout: {name}")


def many_headings(count: int) -> str:
    return front(*OK, body="".join(f"## Section\n\nText {n}.\n\n" for n in range(count)))


PATH_LAYOUT_AND_MARKDOWN_CASES: list[Case] = [
    # -- paths ------------------------------------------------------------------------------
    Case(
        "slug-parent-dirs",
        "path",
        slug('"../../etc/passwd"'),
        error=f'{POST}:4: slug: expected a slug inside the site, got "../../etc/passwd" '
        '(".." segment)',
    ),
    Case(
        "slug-absolute",
        "path",
        slug('"/etc/passwd"'),
        contains=(("posts/etc/passwd/index.html", '<h1 class="p-name">Case</h1>'),),
    ),
    Case(
        "slug-url",
        "path",
        slug('"https://evil.example/x"'),
        contains=(
            ("posts/https:/evil.example/x/index.html", '<h1 class="p-name">Case</h1>'),
            ("index.html", 'href="/posts/https:/evil.example/x/"'),
        ),
        absent=(("index.html", 'href="https://evil'),),
    ),
    Case(
        "slug-javascript",
        "path",
        slug('"javascript:alert(1)"'),
        contains=(
            ("posts/javascript:alert(1)/index.html", '<h1 class="p-name">Case</h1>'),
            ("index.html", 'href="/posts/javascript:alert(1)/"'),
        ),
        absent=(("index.html", 'href="javascript:'),),
    ),
    Case(
        "slug-markup-characters",
        "escaping",
        slug('"a&b<c>\'q\\"d e"'),
        contains=(
            ("posts/a&b<c>'q\"d e/index.html", '<h1 class="p-name">Case</h1>'),
            ("index.html", 'href="/posts/a&amp;b&lt;c&gt;&#39;q&#34;d e/"'),
            (
                "sitemap-0.xml",
                "<loc>https://example.org/posts/a&amp;b%3Cc%3E&apos;q%22d%20e/</loc>",
            ),
            ("rss.xml", "<link>https://example.org/posts/a&amp;b%3Cc%3E&apos;q%22d%20e/</link>"),
        ),
    ),
    Case(
        "slug-dot",  # silently replaced the posts list page with the post
        "path",
        slug('"."'),
        error=f'{POST}:4: slug: expected a slug inside the site, got "." ("." segment)',
    ),
    Case(
        "slug-only-slash",
        "path",
        slug('"/"'),
        error=f'{POST}:4: slug: expected a slug that names a page, got "/"',
    ),
    Case(
        "slug-nul",
        "path",
        slug('"a\\0b"'),
        error=f'{POST}:4: slug: expected a slug without control characters, got "a\\x00b"',
    ),
    Case(
        "slug-300-characters",  # crashed: OSError File name too long
        "path",
        slug('"' + "s" * 300 + '"'),
        error=f"{POST}:4: slug: expected a slug of at most 200 bytes per URL segment, got 300 "
        f'bytes ("{"s" * 37}...")',
    ),
    Case(
        "slug-generated-file",  # crashed: IsADirectoryError when the feed was written
        "path",
        slug('"rss.xml"'),
        post_path="content/case.md",
        error="content/case.md: url: its URL /rss.xml/ is where blogforge writes the RSS feed "
        "(hint: change the slug (or title, when URLs come from titles))",
    ),
    Case(
        "slug-static-file",
        "path",
        slug('"favicon.svg"'),
        post_path="content/case.md",
        files={"static/favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
        error="content/case.md: url: its URL /favicon.svg/ is where blogforge writes the static "
        "file static/favicon.svg (hint: change the slug (or title, when URLs come from titles))",
    ),
    Case(
        "file-name-markup",
        "path",
        front(*OK),
        post_path="content/posts/<img src=x onerror=alert(1)>.md",
        contains=(("posts/img-srcx-onerroralert1/index.html", '<h1 class="p-name">Case</h1>'),),
        absent=(("index.html", "<img src=x"),),
    ),
    Case(
        "hero-parent-dirs",
        "path",
        hero('"../../etc/passwd"'),
        error=f"{POST}:4: heroImage: image file not found: etc/passwd",
    ),
    Case(
        "hero-outside-the-site",
        "path",
        hero('"../../../../../../../../etc/passwd"'),
        error=f"{POST}:4: heroImage: image path points outside the site folder: "
        "../../../../../../../../etc/passwd",
    ),
    Case(
        "hero-absolute",
        "path",
        hero('"/etc/passwd"'),
        error=f"{POST}:4: heroImage: image file not found: static/etc/passwd",
    ),
    Case(
        "hero-url-hostile-alt",
        "escaping",
        hero('{src: "https://cdn.example/x.png", alt: "\\"><script>alert(1)</script>"}'),
        contains=(
            (
                PAGE,
                '<img src="https://cdn.example/x.png" alt="&#34;&gt;&lt;script&gt;alert(1)'
                '&lt;/script&gt;" loading="eager"',
            ),
            (PAGE, '<meta property="og:image" content="https://cdn.example/x.png">'),
        ),
        absent=((PAGE, "<script>alert"), (PAGE, 'width="0"')),
    ),
    Case(
        "hero-javascript",
        "path",
        hero('"javascript:alert(1)"'),
        error=f"{POST}:4: heroImage: image file not found: content/posts/javascript:alert(1)",
    ),
    Case(
        "inline-image-outside",
        "path",
        front(*OK, body="![x](../../../../../../../../etc/passwd)\n"),
        error=f"{POST}:5: image path points outside the site folder: "
        "../../../../../../../../etc/passwd",
    ),
    Case(
        "link-javascript",
        "escaping",
        front(*OK, body="[click](javascript:alert(1))\n"),
        contains=((PAGE, "<p>[click](javascript:alert(1))</p>"),),
        absent=((PAGE, 'href="javascript:'),),
    ),
    # -- layouts ----------------------------------------------------------------------------
    Case(
        "layout-missing",
        "layout",
        layout("Nope"),
        error=f'{POST}:4: layout: no layout "Nope.html" in layouts/ or the theme (from "Nope") '
        "(hint: available: 404.html, archive.html, base.html, index.html, list.html, page.html, "
        "post.html, redirect.html, search.html, tags.html)",
    ),
    Case(
        "layout-recursive",
        "layout",
        layout("Loop"),
        files={"layouts/Loop.html": '{% extends "Loop.html" %}\n'},
        error="layouts/Loop.html:1: template error: a layout that extends or includes itself, "
        f"directly or through other layouts (hint: while rendering {POST})",
    ),
    Case(
        "layout-raising",
        "layout",
        layout("Boom"),
        files={
            "layouts/Boom.html": '{% extends "post.html" %}\n{% block banner %}\n'
            "{{ post.title.nope() }}\n{% endblock %}\n"
        },
        error="layouts/Boom.html:3: template error: UndefinedError: 'str object' has no "
        f"attribute 'nope' (hint: while rendering {POST})",
    ),
    Case(
        "layout-include-missing",
        "layout",
        layout("Inc"),
        files={
            "layouts/Inc.html": '{% extends "post.html" %}\n'
            '{% block banner %}{% include "gone.html" %}{% endblock %}\n'
        },
        error=f'layouts/Inc.html:2: template "gone.html" not found (hint: while rendering {POST})',
    ),
    # -- Markdown ---------------------------------------------------------------------------
    Case(
        "math-invalid",
        "math",
        front(*OK, body="Inline $\\frac{1}{$ here.\n"),
        warning=f"{POST}:5: math: cannot render '\\\\frac{{1}}{{': 9: Expected closing token "
        '"}", but reached end of input.',
        contains=((PAGE, '<span class="katex-error" title="ParseError: 9: Expected closing'),),
    ),
    Case(
        "math-100-kilobytes",
        "math",
        lambda: front(*OK, body="$$\n" + "x+" * 50_000 + "1\n$$\n"),
        warning=f"{POST}:5: math: cannot render '{'x+' * 30}': formula is 100001 characters "
        "long; at most 20000 are rendered",
        # a display formula in error is a bare katex-error span, as rehype-katex writes it
        contains=((PAGE, '<span class="katex-error" title="ParseError: formula is 100001'),),
    ),
    Case(
        "footnote-label-collides-with-heading",
        "markdown",
        front(*OK, body="## Footnote label\n\n## user-content-fn-1\n\nText[^1].\n\n[^1]: Note.\n"),
        contains=(
            (PAGE, '<h2 id="footnote-label">Footnote label</h2>'),
            (PAGE, '<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref'),
            (PAGE, '<li id="user-content-fn-1">'),
            (PAGE, '<a href="#user-content-fnref-1" data-footnote-backref'),
        ),
    ),
    Case(
        "ten-thousand-headings",
        "markdown",
        lambda: many_headings(10_000),
        contains=((PAGE, '<h2 id="section-9999">Section</h2>'), (PAGE, 'href="#section-9999"')),
    ),
    Case(
        "nested-blockquotes",  # markdown-it dropped everything past 20 levels
        "markdown",
        front(*OK, body=">" * 10_000 + " deep\n"),
        warning=f"{POST}:5: blockquotes or lists nested more than 100 levels deep: "
        "the deeper lines are shown as plain text",
        contains=((PAGE, "&gt;&gt;&gt; deep</p>"),),
    ),
    Case(
        "nested-lists",
        "markdown",
        lambda: front(*OK, body="".join("  " * i + "- item\n" for i in range(3000))),
        warning=f"{POST}:54: blockquotes or lists nested more than 100 levels deep: "
        "the deeper lines are shown as plain text",
        contains=((PAGE, "- item\n- item\n"),),
    ),
    Case(
        "nested-emphasis",
        "markdown",
        front(*OK, body="*a " * 20_000 + "\n"),
        contains=((PAGE, "<p>*a *a *a "),),
    ),
    Case(
        "code-fence-hostile-language",
        "escaping",
        front(*OK, body='```"><script>x</script>\ncode\n```\n'),
        contains=((PAGE, "<span>code</span>"),),
        absent=((PAGE, "<script>x"),),
    ),
    Case(
        "raw-html-passes-through",  # as Astro does: posts are trusted author input
        "markdown",
        front(*OK, body='<div class="raw"><script>let trusted = 1;</script></div>\n'),
        contains=((PAGE, '<div class="raw"><script>let trusted = 1;</script></div>'),),
    ),
]
