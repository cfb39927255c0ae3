"""Shared fixtures: the study page read and split once per test session; one browser and one served book; the PDF."""

import fcntl
import os
import subprocess

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


@pytest.fixture(scope="session")
def pdf_edition():
    """`make pdf`: the PDF edition printed again when an input of the book changed, and copied into _build/html.

    Under `make test` it runs on one pytest worker while the other goes on; a lock file makes a second worker that
    needs it wait, and then find it made. (Outside any outer make's job server: no MAKE* variables.)
    """
    lock = REPO / "_build" / ".pdf.lock"
    lock.parent.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        done = subprocess.run(["make", "-s", "pdf"], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return REPO / "_build" / "pdf" / "libya-entanglement.pdf"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a fixture can tell whether its test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


#: Test files by measured time, slowest first (pytest --durations; README, Speed). pytest-xdist (with
#: --dist loadfile --no-loadscope-reorder) hands out one file at a time in collection order, so the long ones start
#: first and the short ones fill the gaps at the end.
SLOWEST_FIRST = ["test_hostile.py", "test_browser.py", "test_papermill.py", "test_pdf.py"]


def _rank(item) -> int:
    name = item.path.name
    return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)


def pytest_collection_modifyitems(config, items):
    """Slowest files first (a stable sort: the order inside a file, and of the other files, is kept)."""
    items.sort(key=_rank)
