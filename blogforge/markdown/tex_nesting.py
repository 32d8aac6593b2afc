"""How deeply a formula nests, measured before math-core sees it: deep TeX must not kill the build.

math-core parses recursively in native code with no depth limit of its own. On a main thread's
8 MB stack, 3 164 nested `\\sqrt{` or `\\frac{`, 4 335 `x^{`, 5 351 `{`, `\\left(` or
`\\begin{matrix}` overflow it and the process dies with SIGSEGV: no exception to catch, the whole
build is gone (measured, math-core 0.6). Chains of commands without braces (`\\hat\\hat\\hat…x`)
recurse too, crashing from 7 617 levels.

So a formula whose nesting passes MAX_DEPTH is not given to math-core: it is shown as its TeX
with a warning, as any TeX math-core rejects. MAX_DEPTH is far beyond real formulas (a deep
continued fraction nests about 20 levels) and about 30x below the smallest crashing depth, which
leaves room for smaller stacks (threads, other platforms).
"""

from __future__ import annotations

MAX_DEPTH = 100
OPENING_WORDS = frozenset({"left", "begin"})
CLOSING_WORDS = frozenset({"right", "end"})


def nesting_depth(tex: str) -> int:
    """The deepest nesting in `tex`: open groups (`{`, `\\left`, `\\begin`) plus the run of
    back-to-back commands at that point (`\\hat\\hat x` nests like `\\hat{\\hat{x}}`)."""
    depth = deepest = run = 0
    index, total = 0, len(tex)
    while index < total:
        char = tex[index]
        index += 1
        if char == "\\":
            start = index
            while index < total and tex[index].isascii() and tex[index].isalpha():
                index += 1
            word = tex[start:index]
            if not word:
                index += 1  # a control symbol (`\{`, `\\`, `\,`) opens nothing
                run = 0
                continue
            if word in OPENING_WORDS:
                depth += 1
            elif word in CLOSING_WORDS:
                depth -= 1
            run += 1
        elif char == "{":
            depth += 1
            run = 0
        elif char == "}":
            depth -= 1
            run = 0
        elif not char.isspace():
            run = 0
        deepest = max(deepest, depth + run)
    return deepest


def too_deep(tex: str) -> str | None:
    """Why `tex` is not given to math-core (its nesting), or None when it is safe to convert."""
    depth = nesting_depth(tex)
    if depth > MAX_DEPTH:
        return (
            f"formula nests {depth} levels deep (braces, \\left, \\begin, commands); "
            f"at most {MAX_DEPTH} are rendered"
        )
    return None
