"""Deeply nested TeX is shown as text with a placed warning; math-core never sees it.

math-core overflows its native stack on deep nesting and kills the process (SIGSEGV), so the
rendering runs in a child process: a crash fails the test instead of killing pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from blogforge.markdown import render_markdown
from blogforge.markdown.tex_nesting import MAX_DEPTH, nesting_depth
from tests.conformance.dom import dom

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import json, sys
from blogforge.markdown import render_markdown
rendered = render_markdown(sys.stdin.read())
print(json.dumps({"html": rendered.html,
                  "warnings": [[w.line, w.message] for w in rendered.warnings]}))
"""
# Each under the 20 000-character limit; braces and superscripts crashed math-core (SIGSEGV).
DEEP = {
    "braces": "{" * 7000 + "x" + "}" * 7000,
    "fractions": "\\frac{" * 1500 + "a" + "}{b}" * 1500,
    "left-right": "\\left(" * 1200 + "x" + "\\right)" * 1200,
    "environments": "\\begin{matrix}" * 600 + "x" + "\\end{matrix}" * 600,
    "superscripts": "x^{" * 4500 + "y" + "}" * 4500,
    "accents": "\\hat" * 4990 + " x",
}


def render_in_child(markdown: str) -> dict:
    child = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=markdown,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert child.returncode == 0, f"renderer died ({child.returncode}): {child.stderr[-500:]}"
    return json.loads(child.stdout)


@pytest.mark.parametrize("shape", list(DEEP))
def test_deep_display_math_is_shown_as_tex_with_a_warning_at_its_line(shape: str) -> None:
    tex = DEEP[shape]
    result = render_in_child(f"Intro\n\nMore\n\n$$\n{tex}\n$$\n\nAfter\n")
    [(line, message)] = result["warnings"]
    assert line == 5
    assert f"at most {MAX_DEPTH}" in message
    tree = dom(result["html"])
    # between the paragraphs, a bare katex-error span, as rehype-katex writes a display error
    assert tree[2] == ("math", "inline", tex)
    assert 'class="katex-error"' in result["html"]
    assert tree[3] == ("p", (), ["After"])


def test_deep_inline_math_is_shown_as_tex() -> None:
    tex = "{" * 7000 + "x" + "}" * 7000
    result = render_in_child(f"a ${tex}$ b\n")
    assert [line for line, _message in result["warnings"]] == [1]
    assert 'class="katex-error"' in result["html"]


def test_nesting_at_the_limit_still_renders_as_mathml() -> None:
    tex = "{" * MAX_DEPTH + "x" + "}" * MAX_DEPTH
    rendered = render_markdown(f"$$\n{tex}\n$$\n")
    assert rendered.warnings == []
    assert "<math" in rendered.html
    over = render_markdown(f"$$\n{{{tex}}}\n$$\n")
    assert "<math" not in over.html and len(over.warnings) == 1


@pytest.mark.parametrize(
    ("tex", "depth"),
    [
        ("x^2", 0),
        ("\\frac{a}{b}", 1),
        ("\\left( \\frac{1}{2} \\right)", 2),
        ("\\{ x \\} \\\\ y", 0),
        ("\\hat\\hat x", 2),
        ("\\sqrt{\\sqrt{x}}", 2),
    ],
)
def test_nesting_depth_counts_groups_and_command_chains(tex: str, depth: int) -> None:
    assert nesting_depth(tex) == depth
