"""A second try for TeX math-core rejects but KaTeX draws: rewrite it to an equivalent it accepts.

Astro renders math with KaTeX; math-core (our converter) lacks a few of KaTeX's commands. Where a
real post used one, the reader saw raw TeX where Astro showed a formula. Each rewrite below gives
the same (or, for `\\widetilde`, a very close) drawing:
- `split` is `aligned` (both align at `&`; KaTeX draws `split` as `aligned` too);
- `\\LaTeX`, `\\TeX`, `\\KaTeX` are their names in upright text (KaTeX kerns the letters);
- `\\mu*`: math-core reads `\\mu*` as a starred command that does not exist; TeX reads `\\mu`
  then `*`, which a space keeps apart;
- `\\widetilde{x}` is `\\tilde{x}`, a narrower accent;
- `\\tag` outside an environment: KaTeX numbers the display; math-core wants an equation.
The rewrite runs only after math-core rejected the TeX as written, so a formula it accepts never
changes, and the annotation keeps what the author wrote.
"""

from __future__ import annotations

import re

# Control words that have a starred form in KaTeX: their `*` belongs to them.
STARRED = frozenset(
    {"operatorname", "tag", "hspace", "vspace", "DeclareMathOperator", "newcommand",
     "renewcommand", "providecommand", "substack"}
)  # fmt: skip
STARRED_WORD = re.compile(r"\\([A-Za-z]+)\*")
LOGOS = re.compile(r"\\(LaTeX|TeX|KaTeX)(?![A-Za-z])")
SPLIT = re.compile(r"\\(begin|end)\{split\}")
WIDETILDE = re.compile(r"\\widetilde(?![A-Za-z])")
TAG = re.compile(r"\\tag\*?(?![A-Za-z])")


def rewrite_for_math_core(tex: str, display: bool) -> str:
    """`tex` with the KaTeX-only constructs math-core rejects replaced by equivalents."""
    tex = SPLIT.sub(lambda match: f"\\{match.group(1)}{{aligned}}", tex)
    tex = LOGOS.sub(lambda match: f"\\text{{{match.group(1)}}}", tex)
    tex = WIDETILDE.sub(r"\\tilde", tex)
    tex = STARRED_WORD.sub(
        lambda match: match.group(0) if match.group(1) in STARRED else f"\\{match.group(1)} *",
        tex,
    )
    if display and TAG.search(tex) and "\\begin{" not in tex:
        tex = f"\\begin{{equation}}{tex}\\end{{equation}}"
    return tex
