"""`blogforge init DIR`: a new blog that builds as is, made from this repository's example blog.

The scaffold is the example site's layouts, static files, `blogforge.toml` and GitHub Pages
workflow, shipped as package data through the symlinks in `blogforge/scaffold/`, so the blog
users start from is the one our tests build, plus one post, `scaffold/welcome.md`, dated today.
Only what must differ is changed while copying: the title, description and author in
`blogforge.toml`. The workflow is copied as it is: it installs from `requirements.txt`, which
here pins the blogforge release that made the blog (this repository's own names its source
tree).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from datetime import datetime
from pathlib import Path

from blogforge.commands.requirements_file import write_requirements

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
FOLDERS = ("layouts", "static")
WELCOME_POST = Path("content") / "posts" / "welcome.md"
WORKFLOW = Path(".github") / "workflows" / "deploy.yml"
GITIGNORE = "dist/\n.blogforge-cache/\n"


class InitError(Exception):
    """The blog cannot be created where asked; the message says why."""


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def blog_config(example: str, title: str) -> str:
    """The example's blogforge.toml with the new blog's title and no borrowed description."""
    example = re.sub(
        r"^# The example blog's settings\.",
        "# This blog's settings (blogforge's README, \"Configuration\", lists them all).",
        example,
        count=1,
        flags=re.M,
    ).replace(' Every option is optional; see README.md "Configuration".', "")
    values = {"title": title, "description": "", "author": ""}
    for key, value in values.items():
        example = re.sub(
            rf"^{key}\s*=.*$", f"{key} = {toml_string(value)}", example, count=1, flags=re.M
        )
    return example


def title_from_folder(folder: Path) -> str:
    """`my-new_blog` -> "My New Blog": a start; the user edits it in blogforge.toml."""
    words = re.split(r"[-_\s]+", folder.resolve().name)
    return " ".join(word.capitalize() for word in words if word) or "My blog"


def init_blog(target: Path) -> list[Path]:
    """Create the blog in `target` (new or empty) and return the files written."""
    if target.exists() and not target.is_dir():
        raise InitError(f"{target}: exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        count = sum(1 for _ in target.iterdir())
        raise InitError(
            f"{target}: not empty ({count} entr{'y' if count == 1 else 'ies'}); "
            "blogforge init needs a new or empty folder, so nothing of yours is overwritten"
        )
    if not (SCAFFOLD / "blogforge.toml").is_file():
        raise InitError(f"{SCAFFOLD}: the example blog is missing from this installation")
    target.mkdir(parents=True, exist_ok=True)
    for name in FOLDERS:
        if (SCAFFOLD / name).is_dir():
            shutil.copytree(SCAFFOLD / name, target / name)
    example_config = (SCAFFOLD / "blogforge.toml").read_text(encoding="utf-8")
    (target / "blogforge.toml").write_text(
        blog_config(example_config, title_from_folder(target)), encoding="utf-8"
    )
    welcome = (SCAFFOLD / "welcome.md").read_text(encoding="utf-8")
    (target / WELCOME_POST).parent.mkdir(parents=True)
    (target / WELCOME_POST).write_text(welcome.replace("{today}", today_in(target)), "utf-8")
    workflow = target / WORKFLOW
    workflow.parent.mkdir(parents=True)
    shutil.copyfile(SCAFFOLD / "deploy.yml", workflow)
    write_requirements(target)
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return sorted(p for p in target.rglob("*") if p.is_file())


def today_in(blog: Path) -> str:
    """Today's date where the blog's config says it is written (the example's time zone)."""
    # deferred: the settings load once the blog is written
    from blogforge.config import load_config

    return datetime.now(load_config(blog).tzinfo).date().isoformat()


def run_init(args: argparse.Namespace) -> int:
    target: Path = args.dir
    try:
        files = init_blog(target)
    except InitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot create the blog: {error}", file=sys.stderr)
        return 1
    print(f"created a blog in {target}/ ({len(files)} files), with one post,")
    print(f"{WELCOME_POST}, showing what a post can hold. Next:")
    print(f"  cd {target}")
    print('  blogforge new "My first post"')
    print("  blogforge serve          # http://127.0.0.1:4321/, reloads on save")
    print("  blogforge build && blogforge check")
    print("Set `site` in blogforge.toml to your blog's URL; .github/workflows/deploy.yml")
    print("publishes it to GitHub Pages on every push to main, with the blogforge release")
    print("that requirements.txt names.")
    return 0
