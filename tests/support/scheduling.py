"""Tests marked `server` or `browser` run on one pytest-xdist worker, one after another.

They must: a live board's Redis pub/sub channels are shared by every Redis database of a server,
and two servers plus a browser per worker crowd a small machine's cores. xdist's own way,
`--dist loadgroup` with `xdist_group` marks, appends the group to each test's node id, which
pytest 9.2 no longer takes (pytest-xdist issue 1386): the groups are silently ignored. So each
worker writes the ids of its real-server tests to a folder the controller gave it, and the
controller's scheduler (xdist's loadgroup one, which hands out a group as one unit) puts those ids
in one group, "real-servers". Loaded from tests/conftest.py on the controller and the workers.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

GROUP = "real-servers"
_FOLDER = pytest.StashKey[Path]()


def real_server(item: pytest.Item) -> bool:
    return bool(item.get_closest_marker("server") or item.get_closest_marker("browser"))


def record(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a worker: the node ids of its real-server tests, for the controller's scheduler."""
    workerinput = getattr(config, "workerinput", None)
    if not workerinput or "real_servers_folder" not in workerinput:
        return
    ids = [item.nodeid for item in items if real_server(item)]
    Path(workerinput["real_servers_folder"], f"{workerinput['workerid']}.txt").write_text("\n".join(ids))


def grouped_ids(folder: Path) -> set[str]:
    return {line for path in folder.glob("*.txt") for line in path.read_text().splitlines() if line}


def make_scheduler(config: pytest.Config, log):
    from xdist.scheduler import LoadGroupScheduling

    class RealServersTogether(LoadGroupScheduling):
        """loadgroup, with the real-server tests as one group. `schedule()` splits the collection
        into groups only once every worker has finished collecting, so every id file is there."""

        grouped: set[str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.grouped is None:
                self.grouped = grouped_ids(config.stash[_FOLDER])
            return GROUP if nodeid in self.grouped else super()._split_scope(nodeid)

    return RealServersTogether(config, log)


class Plugin:
    """The controller's side: a folder for the workers' id files, and the scheduler."""

    def __init__(self, config: pytest.Config):
        config.stash[_FOLDER] = Path(tempfile.mkdtemp(prefix="watchkeeper-xdist-groups-"))
        self.config = config

    def pytest_configure_node(self, node) -> None:
        node.workerinput["real_servers_folder"] = str(self.config.stash[_FOLDER])

    @pytest.hookimpl(tryfirst=True)  # ahead of xdist's own loadgroup scheduler
    def pytest_xdist_make_scheduler(self, config: pytest.Config, log):
        if config.getvalue("dist") == "loadgroup":
            return make_scheduler(config, log)
        return None

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        shutil.rmtree(config.stash[_FOLDER], ignore_errors=True)


def configure(config: pytest.Config) -> None:
    """Register the controller's side when this process runs xdist workers."""
    if hasattr(config, "workerinput"):
        return
    try:
        dist, workers = config.getoption("dist"), config.getoption("numprocesses")
    except ValueError:  # pytest-xdist is not loaded
        return
    if dist != "no" and workers:
        config.pluginmanager.register(Plugin(config), "watchkeeper-real-servers")
