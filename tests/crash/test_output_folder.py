"""An output folder that is, holds, or sits inside the site's sources is refused before writing.

Every build replaces the output folder wholesale. Before this check `--out .` replaced the whole
blog with the built site, `--out content` deleted every post and `--out ..` emptied the folder
above the blog. Now each is a `blogforge.toml`/`--out` error with exit code 1, nothing touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.output.writer import DirOutput, UnsafeOutputError
from tests.site_build.helpers import copy_example_site, run_build, snapshot

REPLACES = "every build deletes the output folder's old contents"
HINT = '(hint: use a folder of its own, e.g. "dist")'


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", f"the output folder '.' would replace the site's root: {REPLACES}"),
        ("..", f"the output folder '..' would replace the site's root: {REPLACES}"),
        ("content", f"the output folder 'content' would replace content/ (the posts): {REPLACES}"),
        (
            "content/posts/..",
            f"the output folder 'content/posts/..' would replace content/ (the posts): {REPLACES}",
        ),
        (
            "static",
            f"the output folder 'static' would replace static/ (the static files): {REPLACES}",
        ),
        (
            "layouts",
            f"the output folder 'layouts' would replace layouts/ (the layouts): {REPLACES}",
        ),
        (
            ".blogforge-cache",
            f"the output folder '.blogforge-cache' would replace .blogforge-cache/: {REPLACES}",
        ),
        ("static/dist", "the output folder 'static/dist' is inside static/ (the static files)"),
    ],
)
def test_an_output_folder_over_the_sources_is_refused(
    tmp_path: Path, out: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example_site(tmp_path / "site")
    (tmp_path / "beside-the-site.txt").write_text("keep me", encoding="utf-8")
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert run_build(root, "--out", out, "--quiet") == 1
    err = capsys.readouterr().err
    assert f"error: --out: out_dir: {message} {HINT}" in err.splitlines(), err
    assert snapshot(tmp_path) == before, "nothing was written or deleted"


def test_the_same_check_applies_to_blogforge_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example_site(tmp_path / "site")
    with (root / "blogforge.toml").open("a", encoding="utf-8") as toml:
        toml.write('out_dir = "content"\n')
    before = snapshot(root)
    assert run_build(root, "--quiet") == 1
    assert "error: blogforge.toml: out_dir: the output folder 'content' would replace" in (
        capsys.readouterr().err
    )
    assert snapshot(root) == before


def test_dir_output_never_replaces_a_project_folder(tmp_path: Path) -> None:
    """The library's last line of defence, for callers that build with a hand-made Config."""
    (tmp_path / "blogforge.toml").write_text('title = "Mine"\n', encoding="utf-8")
    with pytest.raises(UnsafeOutputError, match=r"it is not a built site \(blogforge.toml\)"):
        DirOutput(tmp_path)
    assert (tmp_path / "blogforge.toml").read_text(encoding="utf-8") == 'title = "Mine"\n'


def test_an_output_folder_holding_a_git_repository_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example_site(tmp_path / "site")
    (root / "public-repo/.git").mkdir(parents=True)
    before = snapshot(root)
    assert run_build(root, "--out", "public-repo", "--quiet") == 1
    assert (
        "error: --out: out_dir: the output folder 'public-repo' is not a built site (.git): "
        f"{REPLACES} {HINT}"
    ) in capsys.readouterr().err.splitlines()
    assert snapshot(root) == before
