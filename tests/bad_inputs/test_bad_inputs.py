"""Each bad-input case through `blogforge build` in a subprocess: the exact error or page.

Common to all cases: no traceback, no hang (a timeout per build), no file created or changed
outside `dist/` and the cache. A failing case exits 1 with its one `file:line: message` line and
leaves the previous `dist/` byte-identical; a building case exits 0 and its pages hold (and do not
hold) the strings the case names.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.bad_inputs.cases import CASES as POST_CASES
from tests.bad_inputs.cases import Case
from tests.bad_inputs.fs_cases import FS_CASES
from tests.bad_inputs.path_layout_markdown_cases import PATH_LAYOUT_AND_MARKDOWN_CASES
from tests.bad_inputs.runner import PREVIOUS, run_case

CASES = POST_CASES + PATH_LAYOUT_AND_MARKDOWN_CASES + FS_CASES


def params() -> list:
    marks = {
        case.name: [pytest.mark.xfail(strict=True, reason=case.pending)] if case.pending else []
        for case in CASES
    }
    return [pytest.param(case, id=case.name, marks=marks[case.name]) for case in CASES]


@pytest.mark.parametrize("case", params())
def test_bad_input(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path)
    assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]
    stray = [name for name in outcome.stray_files if name not in case.stray_ok]
    assert stray == [], "files written outside dist/"
    lines = outcome.stderr.splitlines()
    if case.error is not None:
        assert outcome.exit_code == 1, outcome.stderr
        assert f"error: {case.error}" in lines, outcome.stderr
        assert "build failed: 1 error; dist/ was left as it was" in lines
        assert outcome.previous_kept, "a failed build must leave the previous dist/ as it was"
        return
    assert outcome.exit_code == 0, outcome.stderr
    assert (outcome.dist / "index.html").read_bytes() != PREVIOUS, "the new build was swapped in"
    assert (outcome.dist / "posts/good/index.html").is_file()
    if case.warning is not None:
        assert f"warning: {case.warning}" in lines, outcome.stderr
    for file, text in case.contains:
        assert text in (outcome.dist / file).read_text("utf-8"), (file, text)
    for file, text in case.absent:
        assert text not in (outcome.dist / file).read_text("utf-8"), (file, text)


def test_the_suite_covers_issue_8() -> None:
    """At least 40 cases, unique names, and every class issue 8 lists."""
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    kinds = Counter(case.kind for case in CASES)
    for kind in ("frontmatter", "size", "encoding", "title", "date", "tag", "path", "layout"):
        assert kinds[kind] >= 1, kind
    for kind in ("math", "markdown", "escaping"):
        assert kinds[kind] >= 1, kind
    assert all(case.error or case.contains or case.warning for case in CASES)
