"""Session fixtures: the built distribution, shared by every test that installs it (building it
takes a while, so it is built once).

Ctrl-C reaches the commands these tests start: a suite started with SIGINT ignored (a
background job of a shell without job control starts so) would pass that on through exec, and
the Ctrl-C tests would see a command that never hears the key. The suite restores it.
"""

from __future__ import annotations

import signal

import pytest

from tests.packaging.dist import Dist, build_dist

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    return build_dist(tmp_path_factory.mktemp("blogforge-dist"))
