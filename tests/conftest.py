"""Shared fixtures: the study page read and split once per test session; one browser and one served book."""

import pytest

from libyabook.extract.corpus import parse_page, read_page
from libyabook.reference import RAW_PAGE, REPO

BUILT_HTML = REPO / "_build" / "html"


@pytest.fixture(scope="session")
def page():
    return read_page(RAW_PAGE)


@pytest.fixture(scope="session")
def parsed(page):
    return parse_page(page)


@pytest.fixture(scope="session")
def articles(parsed):
    return parsed[0]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (per pytest-xdist worker); each test opens its own context."""
    from browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def site():
    """The built book (`_build/html`, which `make test` builds once) served on 127.0.0.1 for the session."""
    from browser import serve

    assert (BUILT_HTML / "index.html").exists(), "no _build/html: run `make book` first"
    with serve(BUILT_HTML) as base:
        yield base


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a fixture can tell whether its test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


#: Test files by measured time, slowest first (pytest --durations; README, Speed). pytest-xdist (with
#: --no-loadscope-reorder) hands out work in collection order, so the long ones start first and the short ones
#: fill the gaps at the end.
SLOWEST_FIRST = ["test_hostile.py", "test_papermill.py", "test_browser.py"]
#: Files whose tests are independent and each long: spread test by test over the workers.
SPREAD = ("test_papermill.py",)


def _rank(item) -> int:
    name = item.path.name
    return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)


def pytest_collection_modifyitems(config, items):
    """Slowest files first (a stable sort: the order inside a file, and of the other files, is kept)."""
    items.sort(key=_rank)


def pytest_xdist_make_scheduler(config, log):
    """With --dist loadfile: one work unit per file (its fixtures set up once), but SPREAD files test by test.

    (xdist's own loadgroup would do this with marks, but it renames node ids in a way pytest 9 no longer sees.)
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SpreadSlowFiles(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if nodeid.split("::", 1)[0].endswith(SPREAD) else super()._split_scope(nodeid)

    return SpreadSlowFiles(config, log)
