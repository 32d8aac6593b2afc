"""The GitHub Pages workflow's steps, run exactly as written, on the example blog and a new blog.

Each `run:` text is taken from the workflow and run by bash as GitHub's runner does
(`bash -e`), with the step's `env:` set and the expressions the runner would fill in replaced
by what `actions/configure-pages` outputs: the Pages origin and the repository's base path
("" for a user site, "/repo" for a project site). The fast tests put this source tree's CLI on
PATH; the slow one runs every `run:` step of a blog made by `blogforge init`, in order, in a
fresh virtual environment (what `actions/setup-python` provides), so its install step installs
the blogforge wheel built from this tree from the blog's own requirements.txt.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from blogforge import __version__
from blogforge.cli import main
from tests.packaging.dist import Dist, fresh_venv, offline_pip_env
from tests.packaging.workflow_runner import run_step, step_named, workflow_steps
from tests.site_build.helpers import REPO, copy_example_site, parse_html

WORKFLOW = REPO / ".github" / "workflows" / "deploy.yml"
ORIGIN = "https://octocat.github.io"
SITES = pytest.mark.parametrize(
    ("base_path", "base"),
    [("/blog-repo", "/blog-repo/"), ("", "/")],
    ids=["project-site", "user-site"],
)


def pages_outputs(base_path: str) -> dict[str, str]:
    """What configure-pages outputs for a project site (base_path "/repo") or a user site ("")."""
    return {"steps.pages.outputs.origin": ORIGIN, "steps.pages.outputs.base_path": base_path}


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


def assert_deployable(root: Path, base: str) -> None:
    """dist/ carries the Pages URL and base everywhere, and `blogforge check` passes on it."""
    dist = root / "dist"
    home = parse_html(dist / "index.html")
    stylesheet = home.find("link", rel="stylesheet")
    assert stylesheet is not None and stylesheet.attrs["href"] == f"{base}_blogforge/theme.css"
    sitemap = (dist / "sitemap-0.xml").read_text(encoding="utf-8")
    assert f"<loc>{ORIGIN}{base}</loc>" in sitemap
    assert main(["check", "--root", str(root), "--base", base, "--site", ORIGIN]) == 0


def test_the_install_step_installs_what_requirements_txt_names() -> None:
    """This repository's requirements.txt is its source tree, whose script is `blogforge`."""
    install = step_named(workflow_steps(WORKFLOW), "Install blogforge")["run"]
    assert install.strip() == "python -m pip install -r requirements.txt"
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == ["."]
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["blogforge"] == "blogforge.cli:main"
    assert project["project"]["version"] == __version__


def test_pip_cache_is_keyed_on_requirements_txt() -> None:
    """setup-python's pip cache needs a dependency file: without one, the step fails."""
    (setup,) = [s for s in workflow_steps(WORKFLOW) if "actions/setup-python@" in s.get("uses", "")]
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "requirements.txt"


@SITES
def test_build_step_as_written_builds_the_example_blog(
    tmp_path: Path, base_path: str, base: str
) -> None:
    root = copy_example_site(tmp_path / "site")
    build = step_named(workflow_steps(WORKFLOW), "Build")
    command = run_step(build, root, blogforge_on_path(tmp_path), pages_outputs(base_path))
    assert command.startswith("blogforge build")
    assert "${{" not in command, "outputs reach the shell through env:, never the script text"

    assert (root / "dist/posts/demo-post-1/index.html").is_file()
    sitemap = (root / "dist/sitemap-0.xml").read_text(encoding="utf-8")
    assert f"<loc>{ORIGIN}{base}posts/demo-post-1/</loc>" in sitemap
    rss = (root / "dist/rss.xml").read_text(encoding="utf-8")
    assert f"<link>{ORIGIN}{base}posts/demo-post-1/</link>" in rss
    assert_deployable(root, base)


def test_init_writes_this_workflow_and_pins_its_release(tmp_path: Path) -> None:
    """`blogforge init` ships the same workflow; requirements.txt pins the release that made it."""
    blog = tmp_path / "blog"
    assert main(["init", str(blog)]) == 0
    workflow = blog / ".github" / "workflows" / "deploy.yml"
    assert workflow.read_bytes() == WORKFLOW.read_bytes()
    lines = (blog / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [f"blogforge=={__version__}"]
    git_line = f"#   blogforge @ git+https://github.com/<owner>/blogforge@v{__version__}"
    assert git_line in lines


@pytest.mark.slow
@SITES
def test_every_run_step_of_a_new_blogs_workflow_deploys_it(
    tmp_path: Path, dist: Dist, base_path: str, base: str
) -> None:
    """From a fresh venv: install from requirements.txt (the wheel, offline), then build."""
    blog = tmp_path / "blog"
    assert main(["init", str(blog)]) == 0
    bin_dir = fresh_venv(tmp_path / "runner-python")
    env = offline_pip_env(dist, bin_dir)
    run_steps = [
        step for step in workflow_steps(blog / ".github/workflows/deploy.yml") if "run" in step
    ]
    assert [step.get("name") for step in run_steps] == ["Install blogforge", "Build"]
    for step in run_steps:
        run_step(step, blog, env, pages_outputs(base_path))
    installed = subprocess.run(
        [str(bin_dir / "blogforge"), "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert installed.stdout.strip() == f"blogforge {__version__}"
    assert (blog / "dist/posts/welcome/index.html").is_file()
    assert_deployable(blog, base)
