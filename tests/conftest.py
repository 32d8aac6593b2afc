"""Session fixtures: the built distribution, shared by every test that installs it (building it
takes a while, so it is built once).
"""

from __future__ import annotations

import pytest

from tests.packaging.dist import Dist, build_dist


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    return build_dist(tmp_path_factory.mktemp("blogforge-dist"))
