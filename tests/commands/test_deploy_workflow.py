"""The GitHub Pages workflow's build step, run exactly as written, on the example blog.

The `run:` text of the "Build" step is taken from `.github/workflows/deploy.yml` and run by bash
as GitHub's runner does (`bash -e`), with the expressions the runner would fill in replaced by
what `actions/configure-pages` outputs: the Pages origin and the repository's base path ("" for
a user site, "/repo" for a project site). `blogforge` on PATH is what the workflow's
`pip install .` provides: the `blogforge.cli:main` entry point of this source tree.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from blogforge.cli import main
from tests.site_build.helpers import REPO, copy_example_site, parse_html

WORKFLOW = REPO / ".github" / "workflows" / "deploy.yml"
ORIGIN = "https://octocat.github.io"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def workflow_steps(path: Path) -> list[dict]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document["jobs"]["build"]["steps"]


def step_named(steps: list[dict], name: str) -> dict:
    matches = [step for step in steps if step.get("name") == name]
    assert len(matches) == 1, f"expected one step named {name!r}, found {len(matches)}"
    return matches[0]


def fill_expressions(command: str, values: dict[str, str]) -> str:
    """Replace `${{ steps.pages.outputs.X }}` as the runner would; any other one is an error."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in values, f"the build step uses {name}, which this test does not provide"
        return values[name]

    return EXPRESSION.sub(value, command)


def blogforge_on_path(folder: Path) -> dict[str, str]:
    """An environment whose PATH has a `blogforge` script running this source tree's CLI."""
    script = folder / "blogforge"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nfrom blogforge.cli import main\nsys.exit(main())\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = f"{folder}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = f"{REPO}{os.pathsep}{env.get('PYTHONPATH', '')}"
    return env


def run_build_step(workflow: Path, site_root: Path, bin_dir: Path, base_path: str) -> str:
    run = step_named(workflow_steps(workflow), "Build")["run"]
    command = fill_expressions(
        run,
        {"steps.pages.outputs.origin": ORIGIN, "steps.pages.outputs.base_path": base_path},
    )
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=site_root,
        env=blogforge_on_path(bin_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return command


def test_the_install_step_provides_the_blogforge_command() -> None:
    """What the build step calls is what `pip install .` installs: the project's script."""
    install = step_named(workflow_steps(WORKFLOW), "Install blogforge")["run"]
    assert install.strip() == "pip install ."
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["blogforge"] == "blogforge.cli:main"


@pytest.mark.parametrize(
    ("base_path", "base"),
    [("/blog-repo", "/blog-repo/"), ("", "/")],
    ids=["project-site", "user-site"],
)
def test_build_step_as_written_builds_the_example_blog(
    tmp_path: Path, base_path: str, base: str
) -> None:
    root = copy_example_site(tmp_path / "site")
    command = run_build_step(WORKFLOW, root, tmp_path, base_path)
    assert command.startswith("blogforge build")

    dist = root / "dist"
    home = parse_html(dist / "index.html")
    stylesheet = home.find("link", rel="stylesheet")
    assert stylesheet is not None and stylesheet.attrs["href"] == f"{base}_blogforge/theme.css"
    assert (dist / "posts/demo-post-1/index.html").is_file()
    sitemap = (dist / "sitemap-0.xml").read_text(encoding="utf-8")
    assert f"<loc>{ORIGIN}{base}posts/demo-post-1/</loc>" in sitemap
    rss = (dist / "rss.xml").read_text(encoding="utf-8")
    assert f"<link>{ORIGIN}{base}posts/demo-post-1/</link>" in rss
    # What was deployed holds together under that base: links, anchors, images, sitemap.
    assert main(["check", "--root", str(root), "--base", base, "--site", ORIGIN]) == 0


def test_init_blog_workflow_builds_it_the_same_way(tmp_path: Path) -> None:
    """`blogforge init` ships the same workflow; only the install step differs."""
    blog = tmp_path / "blog"
    assert main(["init", str(blog)]) == 0
    workflow = blog / ".github" / "workflows" / "deploy.yml"
    ours, theirs = workflow_steps(WORKFLOW), workflow_steps(workflow)
    assert step_named(ours, "Build") == step_named(theirs, "Build")
    assert step_named(theirs, "Install blogforge")["run"].startswith('pip install "blogforge==')
    assert [s for s in ours if s.get("name") != "Install blogforge"] == [
        s for s in theirs if s.get("name") != "Install blogforge"
    ]
    run_build_step(workflow, blog, tmp_path, "/blog")
    assert (blog / "dist" / "index.html").is_file()
    assert main(["check", "--root", str(blog), "--base", "/blog/", "--site", ORIGIN]) == 0
