"""Shared test setup: no screen, no real data folder, figures closed, randomness seeded."""

import datetime as dt
import os
import random
import tempfile

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np


def pytest_configure(config):
    # Before any test or notebook kernel starts: nothing in this run may touch the user's real
    # data folder. Notebook kernels (nbval) inherit this variable.
    if not os.environ.get("PREP_LIB_HOME"):
        os.environ["PREP_LIB_HOME"] = tempfile.mkdtemp(prefix="prep-lib-test-home-")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test (``item.report_call``...), for fixtures that act on a
    failure, such as the browser tests saving a screenshot."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Each test gets its own empty data folder."""
    home = tmp_path / "prep-home"
    monkeypatch.setenv("PREP_LIB_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _seeded_and_closed():
    random.seed(1234)
    np.random.seed(1234)
    yield
    plt.close("all")


@pytest.fixture
def upload_value():
    """Build what a FileUpload widget's ``value`` holds after the user picks files.

    Usage: ``upload.value = upload_value(("cv.pdf", data), ("posting.txt", b"..."))``.
    """

    def make(*files: tuple[str, bytes]) -> tuple[dict, ...]:
        stamp = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
        return tuple(
            {
                "name": n,
                "type": "",
                "size": len(d),
                "last_modified": stamp,
                "content": memoryview(d),
            }
            for n, d in files
        )

    return make
