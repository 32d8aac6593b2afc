"""Bounds before quadratic or unbounded work, and pages no link could reach.

Measured before issue 16: a 320 KiB content config of unclosed `defineCollection(` took 11-20 s
(regex backtracking); 10 000 tags on one post wrote 5.1 GB in 292 s; `blogforge render
/dev/zero` or a FIFO never returned; a slug `faq?` or `a#b`, or a tag of only `#?%`, built a
page its own link did not reach. Time limits here are hang guards, never speed assertions:
each test asserts on what was read or refused.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from blogforge.astro.parse import MAX_CODE_BYTES
from blogforge.astro.project import detect
from blogforge.build import build
from blogforge.config import load_config
from blogforge.content.posts import MAX_TAGS
from tests.site_build.helpers import REPO, write_site


def post(*lines: str) -> str:
    return (
        "---\n"
        + "".join(f"{line}\n" for line in ['title: "T"', "pubDate: 2024-01-02", *lines])
        + "---\nBody.\n"
    )


def errors_of(root: Path) -> list[str]:
    result = build(load_config(root), workers=1)
    return [problem.format() for problem in result.diagnostics.errors]


def test_an_unclosed_content_config_is_read_without_backtracking(tmp_path: Path) -> None:
    """320 KiB of unclosed `defineCollection(` (regexes took 11-20 s on it) parses in a child
    process well inside its hang guard and gives no collection, never a hang or a crash."""
    root = tmp_path / "astro"
    (root / "src/content/blog").mkdir(parents=True)
    (root / "astro.config.mjs").write_text("export default {}\n")
    unclosed = "const blog = defineCollection({" * (320 * 1024 // 32)
    (root / "src/content.config.ts").write_text(unclosed)
    code = (
        "import sys; from blogforge.astro.project import detect; "
        "p = detect(__import__('pathlib').Path(sys.argv[1])); "
        "print([c.folder for c in p.collections if c.folder != 'src/content/blog'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_code_file_over_the_bound_is_not_read_and_is_named(tmp_path: Path) -> None:
    root = tmp_path / "astro"
    (root / "src/content/blog").mkdir(parents=True)
    (root / "astro.config.mjs").write_text("export default {}\n")
    small = "const blog = defineCollection({ loader: glob({ base: './posts' }) });\n"
    small += "export const collections = { blog };\n"
    (root / "src/content.config.ts").write_text(small + "//" + "x" * MAX_CODE_BYTES)
    project = detect(root)
    assert project is not None
    assert project.unread == ["content.config.ts"]
    assert any("not read, larger than" in line for line in project.describe())
    (root / "src/content.config.ts").write_text(small + "//" + "x" * (MAX_CODE_BYTES // 2))
    project = detect(root)
    assert project is not None and project.unread == []
    assert "posts" in [c.folder for c in project.collections]


def test_more_tags_than_the_cap_is_an_error_at_the_tags_line(tmp_path: Path) -> None:
    many = ", ".join(f'"t{n}"' for n in range(10_000))
    root = write_site(tmp_path / "s", {"content/posts/a.md": post(f"tags: [{many}]")})
    assert errors_of(root) == [
        f"content/posts/a.md:4: tags: expected at most {MAX_TAGS} tags, got 10000"
    ]
    assert not (root / "dist").exists()
    at_cap = ", ".join(f'"t{n}"' for n in range(MAX_TAGS))
    root = write_site(tmp_path / "ok", {"content/posts/a.md": post(f"tags: [{at_cap}]")})
    assert errors_of(root) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('slug: "faq?"', 'content/posts/a.md:4: slug: expected a slug without "?", got "faq?"'),
        ('slug: "a#b"', 'content/posts/a.md:4: slug: expected a slug without "#", got "a#b"'),
        ('slug: "100%"', 'content/posts/a.md:4: slug: expected a slug without "%", got "100%"'),
        ('tags: ["#?%"]', 'content/posts/a.md:4: tags: expected a tag without "#", "%", "?"'),
    ],
)
def test_slugs_and_tags_no_link_reaches_are_errors(
    tmp_path: Path, line: str, expected: str
) -> None:
    root = write_site(tmp_path / "s", {"content/posts/a.md": post(line)})
    errors = errors_of(root)
    assert len(errors) == 1 and errors[0].startswith(expected), errors


def test_a_verbatim_tag_with_a_hash_is_an_error(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "s",
        {"content/posts/a.md": post('tags: ["C#"]')},
        'title = "T"\ntag_slug = "verbatim"\n',
    )
    assert errors_of(root)[0].startswith('content/posts/a.md:4: tags: expected a tag without "#"')


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_render_reads_only_regular_files(tmp_path: Path, target: str) -> None:
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
    if target == "folder":
        (tmp_path / "folder").mkdir()
    path = target if target.startswith("/") else str(tmp_path / target)
    done = subprocess.run(
        [sys.executable, "-m", "blogforge", "render", path],
        capture_output=True,
        text=True,
        timeout=60,  # hang guard: before, this never returned
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {path}: expected a regular file, found ")
    assert "Traceback" not in done.stderr


def test_a_decompression_bomb_warning_is_a_placed_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Pillow's DecompressionBombWarning (between its limit and twice it) was printed raw,
    naming Pillow's own file; it is an error at the post's heroImage line now. The limit is
    lowered so the image stays small."""
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    root = write_site(tmp_path / "s", {"content/posts/a.md": post("heroImage: ./h.png")})
    Image.new("RGB", (40, 30)).save(root / "content/posts/h.png")  # 1 200 pixels
    errors = errors_of(root)
    assert len(errors) == 1
    assert errors[0].startswith(
        "content/posts/a.md:4: heroImage: cannot read image content/posts/h.png: Image size "
        "(1200 pixels) exceeds limit of 1000 pixels"
    )
    assert "DecompressionBombWarning" not in capfd.readouterr().err


def test_a_slug_from_a_long_title_is_an_error_at_the_post(tmp_path: Path) -> None:
    """It was "File name too long" naming the build's temporary folder."""
    long_title = "word " * 80
    root = write_site(
        tmp_path / "s",
        {"content/posts/a.md": post().replace('title: "T"', f'title: "{long_title}"')},
        'title = "T"\n[collections.posts]\nfolder = "content/posts"\nslug = "title"\n',
    )
    errors = errors_of(root)
    assert len(errors) == 1
    assert errors[0].startswith("content/posts/a.md: url: its URL /posts/word-word")
    assert errors[0].endswith(
        "needs a name of more than 255 bytes (hint: set a shorter slug in the frontmatter)"
    )


def test_new_with_a_long_title_makes_a_short_file_name(tmp_path: Path) -> None:
    """`blogforge new` with a 400-character title failed with "File name too long"."""
    root = write_site(tmp_path / "s", {"content/posts/a.md": post()})
    done = subprocess.run(
        [sys.executable, "-m", "blogforge", "new", "word " * 80, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    made = [p.name for p in (root / "content/posts").glob("word-*.md")]
    assert made == ["-".join(["word"] * 20) + ".md"]
    assert errors_of(root) == []
