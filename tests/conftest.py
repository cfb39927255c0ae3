"""Shared fixtures: the study page read and split once per test session."""

import pytest

from libyabook.extract.corpus import parse_page, read_page
from libyabook.reference import RAW_PAGE


@pytest.fixture(scope="session")
def page():
    return read_page(RAW_PAGE)


@pytest.fixture(scope="session")
def parsed(page):
    return parse_page(page)


@pytest.fixture(scope="session")
def articles(parsed):
    return parsed[0]
