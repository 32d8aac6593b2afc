"""TeX to MathML at build time with math-core, in KaTeX's wrapper classes.

math-core was chosen by measurement (DESIGN.md: 38/40 real blog formulas, rejects invalid TeX,
~233 000 formulas/s). The TeX source stays in `<annotation encoding="application/x-tex">`, so it
can be copied and compared. Browsers render MathML Core natively: no JavaScript, no fonts to load.
A formula math-core rejects is shown as its escaped TeX in KaTeX's error markup, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape

import math_core

from blogforge.markdown.tex_nesting import too_deep
from blogforge.markdown.tex_rewrite import rewrite_for_math_core

TAG = re.compile(r"<[^>]+>")
ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.S)
MAX_TEX_LENGTH = 20_000


@dataclass(frozen=True)
class MathResult:
    html: str
    text: str  # what a reader sees, as Astro's heading text counts it
    error: str | None = None


@lru_cache(maxsize=1)
def converter() -> math_core.LatexToMathML:
    return math_core.LatexToMathML(annotation=True, fancy_error=False, xml_namespace=True)


def convert(tex: str, display: bool) -> tuple[str, str | None]:
    """MathML for `tex`, or math-core's complaint; KaTeX-only TeX gets a rewritten second try."""
    try:
        return converter().convert_with_local_state(tex, displaystyle=display), None
    except math_core.LatexError as problem:
        error = str(problem)
    rewritten = rewrite_for_math_core(tex, display)
    if rewritten == tex:
        return "", error
    try:
        mathml = converter().convert_with_local_state(rewritten, displaystyle=display)
    except math_core.LatexError:
        return "", error  # the author's TeX's own error, not the rewrite's
    source = f'<annotation encoding="application/x-tex">{escape(tex, quote=False)}</annotation>'
    return ANNOTATION.sub(lambda _match: source, mathml, count=1), None


@lru_cache(maxsize=4096)
def render_math(tex: str, display: bool) -> MathResult:
    """MathML for one formula, wrapped like KaTeX's output (`span.katex`, `span.katex-display`)."""
    error = None
    if len(tex) > MAX_TEX_LENGTH:
        error = f"formula is {len(tex)} characters long; at most {MAX_TEX_LENGTH} are rendered"
    else:
        error = too_deep(tex)
    if error is None:
        mathml, error = convert(tex, display)
    if error is not None:
        html = (
            f'<span class="katex-error" title="{escape("ParseError: " + error)}" '
            f'style="color:#cc0000">{escape(tex, quote=False)}</span>'
        )
        return MathResult(html, tex, error)  # rehype-katex: no katex-display around an error
    # The DOM text of the MathML: tags dropped and entities decoded (`a&lt;b` reads `a<b`).
    visible = unescape(TAG.sub("", ANNOTATION.sub("", mathml)))
    html = f'<span class="katex">{mathml}</span>'
    if display:
        html = f'<span class="katex-display">{html}</span>'
    # KaTeX's HTML repeats the glyphs beside the MathML, so its text reads "x2x^2x2".
    return MathResult(html, f"{visible}{tex}{visible}")
