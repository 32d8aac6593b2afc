"""`blogforge build` killed with SIGKILL at random moments: the previous dist/ is never damaged.

The example blog grown to ~400 posts takes about a second to build. Before each killed build the
site description and one post change, so a build that got anywhere would show. After each kill,
dist/ must be byte-identical to the last build that finished; after the loop, a normal build must
give exactly the output of a clean build (no dist/, no cache) of the same sources.
A kill can land after the new site was swapped in (while the process saves its manifest or
exits): then dist/ must be exactly that new site, the clean build of the current sources.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.crash.site import build_command, build_env, grow_example_site, run_build
from tests.site_build.helpers import EXAMPLE_PARTS, snapshot

KILLS = 8
POSTS = 400


def change_sources(root: Path, round_number: int) -> None:
    toml = root / "blogforge.toml"
    lines = [
        line for line in toml.read_text("utf-8").splitlines() if not line.startswith("description")
    ]
    lines.append(f'description = "Crash round {round_number}."')
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    post = root / "content/posts/generated/post-0000.md"
    post.write_text(post.read_text("utf-8") + f"\nRound {round_number}.\n", encoding="utf-8")


def clean_build(root: Path, where: Path) -> dict[str, bytes]:
    """The output of a fresh build of root's sources in another folder: no dist/, no cache."""
    for name in EXAMPLE_PARTS:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, where / name)
        else:
            shutil.copy2(source, where / name)
    built = run_build(where)
    assert built.returncode == 0, built.stderr
    return snapshot(where / "dist")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".dist."))


def kill_mid_build(root: Path, process: subprocess.Popen[bytes], delay: float) -> None:
    """Kill once the build has started writing its new site (its temporary folder exists),
    after `delay`: a kill known to land mid-build however fast or slow the machine is."""
    deadline = time.monotonic() + 60  # a hang guard
    while process.poll() is None and time.monotonic() < deadline:
        if leftovers(root):
            break
        time.sleep(0.001)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)


@pytest.mark.slow
def test_sigkill_never_damages_dist_and_the_next_build_equals_a_clean_one(tmp_path: Path) -> None:
    root = grow_example_site(tmp_path / "site", POSTS)
    first = run_build(root)
    assert first.returncode == 0, first.stderr
    change_sources(root, -1)  # a rebuild like the killed ones: how long one takes here
    started = time.monotonic()
    timed = run_build(root)
    duration = time.monotonic() - started
    assert timed.returncode == 0, timed.stderr
    previous = snapshot(root / "dist")
    rng = random.Random(8)
    killed = 0
    before_swap = 0  # kills that found dist/ still the previous site (the case that matters)
    for round_number in range(KILLS):
        change_sources(root, round_number)
        process = subprocess.Popen(
            build_command(root), env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        if round_number % 2:  # at any moment, the swap and the exit included
            time.sleep(rng.uniform(0.05, duration))
            process.send_signal(signal.SIGKILL)
        else:  # while the new site is being written
            kill_mid_build(root, process, rng.uniform(0, 0.02))
        _out, err = process.communicate(timeout=60)
        assert b"Traceback" not in err
        after = snapshot(root / "dist")
        if process.returncode == -signal.SIGKILL:
            killed += 1
        else:
            assert process.returncode == 0, err.decode()
        if after == previous:
            before_swap += process.returncode == -signal.SIGKILL
        else:  # the build got as far as swapping its site in: all of it
            reference = clean_build(root, tmp_path / f"clean-{round_number}")
            assert after == reference, f"round {round_number}: dist/ is not a whole build"
            previous = after
    print(f"{killed} of {KILLS} builds killed, {before_swap} before their swap ({duration:.1f} s)")
    assert before_swap >= KILLS // 2, f"only {before_swap} of {KILLS} kills landed mid-build"

    resumed = run_build(root)
    assert resumed.returncode == 0, resumed.stderr
    assert leftovers(root) == [], "the temp folders of killed builds are cleaned up"
    assert snapshot(root / "dist") == clean_build(root, tmp_path / "clean-final")
