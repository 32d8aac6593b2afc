"""What Pagefind is given (`output/search_input.py`) leaves its index as it would be.

The example blog (code in many languages, formulas, matrices, footnotes, tables) plus a post of
edge cases is built; its pages go to the real Pagefind twice: with only the TeX taken out, and
trimmed. The two indexes must be the same bytes, and the trimmed pages must be smaller.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from blogforge.output.pagefind_run import pagefind_executable
from blogforge.output.search_input import search_input, without_tex
from tests.site_build.helpers import copy_example_site, post_text, run_build

EDGE_CASES = post_text(
    "Edge cases",
    body=(
        "A matrix $\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}$, words$x$glued, and\n\n"
        "$$\\sum_{i=1}^{n} \\frac{i}{2} < \\infty$$\n\n"
        "```python\nif a < b and c > d: print('x & y')\n```\n\n"
        '<pre><span title="a > b">raw</span> html <b>bold</b>words</pre>\n\n'
        "```\nplain text\n```\n\n"
        "Code `inline <span>` in a sentence.\n"
    ),
)


def index_of(pages: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    site, bundle = folder / "site", folder / "bundle"
    for name, html in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(html)
    command = [str(pagefind_executable()), "--site", str(site), "--output-path", str(bundle)]
    subprocess.run([*command, "--silent"], check=True, timeout=120)
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*.pf_*")}


def test_trimmed_pages_give_pagefind_the_same_index(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    (root / "content/posts/edge-cases.md").write_text(EDGE_CASES, encoding="utf-8")
    assert run_build(root, "--quiet") == 0
    pages = {
        p.relative_to(root / "dist").as_posix(): p.read_bytes()
        for p in (root / "dist").rglob("*.html")
        if b"data-pagefind-body" in p.read_bytes()
    }
    assert len(pages) >= 7
    untrimmed = {name: without_tex(html) for name, html in pages.items()}
    trimmed = {name: search_input(html) for name, html in pages.items()}
    assert sum(map(len, trimmed.values())) < 0.9 * sum(map(len, untrimmed.values()))
    assert b"<mrow>" not in trimmed["posts/edge-cases/index.html"]
    assert b'<span style="color' not in trimmed["posts/edge-cases/index.html"]
    assert b"<b>bold</b>words" in trimmed["posts/edge-cases/index.html"]  # only spans in <pre>
    first, second = index_of(untrimmed, tmp_path / "a"), index_of(trimmed, tmp_path / "b")
    assert len(first) >= len(pages)  # a fragment a page, and the index chunks
    assert first == second


def test_what_is_trimmed_and_what_is_kept() -> None:
    formula = b'<math><semantics><mi>x</mi><annotation encoding="application/x-tex">x</annotation>'
    assert search_input(formula + b"</semantics></math>") == b"<math>x</math>"
    code = b'<pre class="a>b"><code><span style="color:#F00">if</span> <b>x</b></code></pre>'
    assert search_input(code) == b'<pre class="a>b"><code>if <b>x</b></code></pre>'
    assert search_input(b"<p><span>kept</span></p>") == b"<p><span>kept</span></p>"
    unclosed = b"<pre><span>a</span>" * 3 + b"<math><mi>b</mi>"
    assert search_input(unclosed) == unclosed  # an element never closed is left as it is
    assert without_tex(formula) == b"<math><semantics><mi>x</mi>"
