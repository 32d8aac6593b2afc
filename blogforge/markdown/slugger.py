"""Heading ids exactly as Astro makes them: github-slugger 2.0 with a per-document counter.

The PyPI `github-slugger` port gives the same slug function as npm's (47/47 strings measured);
the counter and the Astro <= 5 rule (drop one trailing `-` after counting) are ours, because Astro
applies that rule outside the slugger.
"""

from __future__ import annotations

from github_slugger import slug as github_slug

ASTRO6 = "astro6"
ASTRO5 = "astro5"
HEADING_ID_RULES = (ASTRO6, ASTRO5)


def slugify(text: str) -> str:
    """github-slugger's stateless slug (used for tag URLs and collection ids)."""
    return github_slug(text)


class HeadingSlugger:
    """Unique heading ids within one document, counting like github-slugger's `GithubSlugger`."""

    def __init__(self, rule: str = ASTRO6) -> None:
        if rule not in HEADING_ID_RULES:
            raise ValueError(
                f"unknown heading id rule {rule!r}; expected one of {HEADING_ID_RULES}"
            )
        self.rule = rule
        self.occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = github_slug(text)
        unique = base
        while unique in self.occurrences:
            self.occurrences[base] += 1
            unique = f"{base}-{self.occurrences[base]}"
        self.occurrences[unique] = 0
        if self.rule == ASTRO5 and unique.endswith("-"):
            return unique[:-1]
        return unique
