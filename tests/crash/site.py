"""A copy of the example blog grown with generated posts, so one build takes about a second."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.site_build.helpers import REPO, copy_example_site

BODY = """Intro paragraph number {n} with *emphasis*, `code`, a [link](https://example.org/{n}) and
a footnote.[^n]

## Section one of {n}

- a list item with **bold** text
- another item, and $x_{n} = {n}^2$ inline math

```python
def post_{n}():
    return {n} * 2
```

## Section two

| column | value |
|---|---:|
| n | {n} |

> A quote to close post {n}.

[^n]: The note of post {n}.
"""


def grow_example_site(root: Path, posts: int) -> Path:
    """The example site plus `posts` generated posts in content/posts/generated/."""
    copy_example_site(root)
    folder = root / "content" / "posts" / "generated"
    folder.mkdir(parents=True)
    for n in range(posts):
        day = 1 + n % 28
        month = 1 + (n // 28) % 12
        front = (
            f'---\ntitle: "Generated post {n}"\ndescription: "Post {n} of the crash test."\n'
            f'pubDate: "2021-{month:02d}-{day:02d}"\ntags: ["gen", "batch-{n % 7}"]\n---\n'
        )
        (folder / f"post-{n:04d}.md").write_text(front + BODY.format(n=n), encoding="utf-8")
    return root


def build_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "blogforge", "build", "--root", str(root), "--quiet"]


def build_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def run_build(root: Path) -> subprocess.CompletedProcess[str]:
    """A whole build in its own process, as a user runs it."""
    return subprocess.run(
        build_command(root), capture_output=True, text=True, env=build_env(), timeout=300
    )
