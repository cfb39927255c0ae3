"""references.bib: written by pybtex, one entry per item, titles protected so headlines keep their capitals."""

from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from libyabook.extract.bib import to_bibtex


def test_titles_are_protected_and_print_with_their_own_capitals(page, articles):
    bib = parse_string(to_bibtex(articles), "bibtex")
    assert list(bib.entries) == list(articles["item_id"])
    headline = "US distances itself from renegade Libyan general"
    assert headline in page.lines[22]
    cna = articles.loc[articles["title"] == headline, "item_id"].iloc[0]
    assert bib.entries[cna].fields["title"] == "{" + headline + "}"
    style = find_plugin("pybtex.style.formatting", "plain")()
    printed = {e.key: e.text.render_as("text") for e in style.format_bibliography(bib)}
    assert headline in printed[cna]
    assert "SECRET ARMY" in printed["linked-03"]


def test_latex_specials_are_encoded_and_braces_dropped(articles):
    row = articles.iloc[[0]].assign(title="Fees & 100% of {costs} for A_B")
    text = to_bibtex(row)
    assert '"{Fees \\& 100\\% of costs for A\\_B}"' in text
    parse_string(text, "bibtex")
