"""Read a page written inline in a test, as the extractors receive it."""

from libyabook.extract.corpus import page_from_bytes, parse_page


def parse(text: str, name: str = "synthetic.txt"):
    """(page, articles) of a page given as text."""
    page = page_from_bytes(text.encode("utf-8"), name)
    return page, parse_page(page)[0]
