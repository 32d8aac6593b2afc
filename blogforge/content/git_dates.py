"""`dates_from_git`: a post without an `updatedDate` is updated when its file was last committed.

One `git log` for the whole site, read once (`--name-only`, newest commit first: the first commit
naming a file is its last change), never a process per post. The committer date is used (when
the change landed; a rebase moves it, an old author date does not hide the change).

Choices, each documented in the README:
- a frontmatter `updatedDate` (or its other spellings) always wins;
- a commit on the publication day itself (in the site's time zone) is no update: a post written
  and committed on the day it is published shows no "updated" line;
- uncommitted edits do not count: a changed file keeps its last commit's date and a file never
  committed has none, so a local build equals what a deploy from a clean checkout builds;
- not a git repository, no `git` command, a failed `git log`, or a shallow clone (whose oldest
  commit seems to touch every file): one warning, and no post gets a date from git.

What a date from git depends on is the commit `HEAD` names: `head_state` reads it from the
repository's files (no process) for the fingerprint of an up-to-date build, so a new commit makes
the next build redo the pages whose `updated` it changes.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from blogforge.config import setting_place
from blogforge.content.model import Post
from blogforge.errors import Problem

GIT_TIMEOUT = 120  # seconds: a log of a large history on a slow disk, never a hang
COMMIT_MARK = "\x01"


def git_dir(root: Path) -> Path | None:
    """The repository folder of the work tree holding `root` (`.git`, or the folder a `.git`
    file names in a linked work tree or submodule), or None outside a repository."""
    for folder in (root, *root.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            try:
                text = dot_git.read_text("utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if text.startswith("gitdir:"):
                return (folder / text.removeprefix("gitdir:").strip()).resolve()
            return None
    return None


def _common_dir(repository: Path) -> Path:
    """Where a linked work tree's shared refs live (its `commondir` file), else itself."""
    try:
        common = (repository / "commondir").read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return repository
    return (repository / common).resolve()


def head_state(root: Path) -> str:
    """What names the commit checked out, read from the repository's files: `HEAD`, the branch
    file it points to, `packed-refs` and `shallow`. Any new commit, checkout or fetch of more
    history changes it. "" outside a repository."""
    repository = git_dir(root)
    if repository is None:
        return ""
    common = _common_dir(repository)
    parts = []
    head = _text(repository / "HEAD")
    parts.append(head)
    if head.startswith("ref:"):
        ref = head.removeprefix("ref:").strip()
        parts.append(_text(repository / ref) or _text(common / ref))
    parts += [_text(common / "packed-refs"), _text(common / "shallow")]
    return "\n--\n".join(parts)


def _text(path: Path) -> str:
    try:
        return path.read_text("utf-8", errors="replace")
    except OSError:
        return ""


def last_commits(root: Path) -> tuple[dict[str, int], str | None]:
    """Each file's last commit time (Unix seconds), by its path relative to `root`; or ({},
    why not) when git cannot tell."""
    repository = git_dir(root)
    if repository is None:
        return {}, "the site is not in a git repository"
    if (_common_dir(repository) / "shallow").exists():
        return {}, "the repository is a shallow clone: its history is cut short"
    command = ["git", "-C", str(root), "-c", "core.quotepath=off", "log", "-z", "--relative",
               "--name-only", "--no-renames", f"--format={COMMIT_MARK}%ct", "--", "."]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        return {}, "the git command is not installed"
    except (OSError, subprocess.TimeoutExpired) as error:
        return {}, f"git log failed: {error}"
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no reason"]
        return {}, f"git log failed: {reason[-1]}"
    return parse_log(done.stdout.decode("utf-8", "surrogateescape")), None


def parse_log(output: str) -> dict[str, int]:
    """`git log -z --name-only --format=<mark>%ct`, newest first: each file's newest time."""
    found: dict[str, int] = {}
    moment = 0
    for token in output.split("\0"):
        token = token.lstrip("\n")
        if token.startswith(COMMIT_MARK):
            moment = int(token[1:].strip() or 0)
        elif token:
            found.setdefault(token, moment)
    return found


def with_git_dates(
    posts: Sequence[Post],
    root: Path,
    zone: ZoneInfo,
    warn: Callable[[Problem], None],
    remembered: dict[Path, tuple[Post, Post]] | None = None,
) -> list[Post]:
    """The posts, each without an `updated` date given its last commit's date when that is a
    later day than its publication; `warn(problem)` hears once why git could not tell.
    `remembered` (the dev server's) hands back the same dated object for the same post and
    date, so the pages' digests of unchanged posts are not computed again."""
    times, why_not = last_commits(root)
    if why_not is not None:
        warn(_warning(root, why_not))
        return list(posts)
    dated = []
    for post in posts:
        moment = times.get(_relative(post.source.path, root))
        if post.updated_date is not None or moment is None:
            dated.append(post)
            continue
        updated = datetime.fromtimestamp(moment, zone)
        if post.pub_date is not None and updated.date() <= post.pub_date.astimezone(zone).date():
            dated.append(post)
            continue
        known = (remembered or {}).get(post.source.path)
        if known is None or known[0] is not post or known[1].updated_date != updated:
            known = (post, replace(post, updated_date=updated))
            if remembered is not None:
                remembered[post.source.path] = known
        dated.append(known[1])
    return dated


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _warning(root: Path, why_not: str) -> Problem:
    where, line = setting_place(root, "dates_from_git")
    return Problem(
        where,
        line,
        f"no post dated from git: {why_not}",
        field="dates_from_git",
        hint="build in a clone with its full history (in GitHub Actions: actions/checkout "
        "with fetch-depth: 0), or set dates_from_git = false",
    )
