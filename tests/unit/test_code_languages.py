"""A code block's `data-language` is Shiki's answer, as Astro gives it, for 359 fence names.

tests/data/astro_code_languages.json holds what Astro 7 (Shiki 4.6) wrote for each name: the fence
names of the real corpora plus common and tricky ones (`C++`, `c#`, `j`, `mermaid`, `ps`, `mjs`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blogforge.markdown import render_markdown
from blogforge.markdown.highlight import code_language
from blogforge.markdown.shiki_languages import ALIASES, LANGUAGE_IDS, SHIKI_VERSION
from tests.conformance.dom import dom

DATA = Path(__file__).resolve().parents[1] / "data" / "astro_code_languages.json"
ASTRO = json.loads(DATA.read_text(encoding="utf-8"))["languages"]


@pytest.mark.parametrize("name", sorted(ASTRO))
def test_data_language_is_astros(name: str) -> None:
    assert code_language(name) == ASTRO[name]


def test_the_shiki_list_is_the_bundled_one() -> None:
    assert SHIKI_VERSION.startswith("4.")
    assert len(LANGUAGE_IDS) > 200 and {"mermaid", "powershell", "javascript"} <= LANGUAGE_IDS
    assert ALIASES["ps"] == "powershell" and ALIASES["mjs"] == "javascript"
    assert not set(ALIASES) & LANGUAGE_IDS


@pytest.mark.parametrize(
    ("fence", "language"),
    [("c++", "c"), ("C++", "plaintext"), ("j", "plaintext"), ("ps", "ps"), ("mermaid", "mermaid")],
)
def test_a_rendered_block_carries_it(fence: str, language: str) -> None:
    html = render_markdown(f"```{fence}\nx = 1\n```\n").html
    assert f'data-language="{language}"' in html
    assert dom(html) == [("code", language, "x = 1")]


def test_an_ansi_block_shows_its_text_without_escape_sequences() -> None:
    html = render_markdown("```ansi\n\x1b[31mRed\x1b[0m and \x1b[1;32mgreen\x1b[0m\n```\n").html
    assert dom(html) == [("code", "ansi", "Red and green")]
