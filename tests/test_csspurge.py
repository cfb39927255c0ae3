"""libyabook.csspurge: which style rules of the site's stylesheet stay, from the names its pages and scripts use."""

from __future__ import annotations

from libyabook import csspurge

PAGE = '<html><body class="page"><div id="main" data-x="1"><p class="lead note">x</p></div></body></html>'
SCRIPT = 'el.classList.toggle("show"); menu.classList.add("dropdown-menu");'


def _names(pages=(PAGE,), scripts=(SCRIPT,)) -> frozenset[str]:
    return csspurge.used_names(list(pages), list(scripts))


def test_names_come_from_tags_attributes_classes_ids_and_script_words():
    names = _names(pages=[PAGE + "<script>document.body.classList.add('is-ready')</script>"])
    assert {"html", "body", "div", "p", "page", "main", "data-x", "lead", "note"} <= names
    assert {"show", "dropdown-menu", "is-ready"} <= names
    assert "1" not in names and "x" not in _names(pages=[PAGE], scripts=[])


def test_a_rule_is_kept_when_one_of_its_selectors_can_match():
    out = csspurge.purge(".lead{color:red}.absent,#main>p.note{margin:0}", _names())
    assert out.css == ".lead{color:red}.absent,#main>p.note{margin:0}"
    assert (out.kept, out.dropped) == (2, 0)


def test_a_rule_whose_selectors_name_an_unused_class_or_id_is_dropped():
    out = csspurge.purge(".lead.absent{color:red}#nowhere p{margin:0}p{padding:0}", _names())
    assert out.css == "p{padding:0}"
    assert (out.kept, out.dropped) == (1, 2)


def test_tags_roots_attributes_and_negations_are_kept():
    css = ":root{--pst-color:#fff}html[data-theme=dark] body{color:#eee}*{box-sizing:border-box}[hidden]{x:y}"
    css += "p:not(.absent){margin:0}"
    assert csspurge.purge(css, _names()).css == css


def test_media_and_supports_are_purged_inside_and_dropped_when_empty():
    css = "@media (min-width:960px){.lead{x:1}.absent{x:2}}@supports (display:grid){.absent{x:3}}"
    assert csspurge.purge(css, _names()).css == "@media (min-width:960px){.lead{x:1}}"
    nested = "@media print{@supports (x:y){.note{x:1}.absent{x:2}}}"
    assert csspurge.purge(nested, _names()).css == "@media print{@supports (x:y){.note{x:1}}}"


def test_keyframes_font_face_and_other_at_rules_are_kept_whole():
    css = '@charset "UTF-8";@keyframes spin{from{x:0}to{x:1}}@font-face{font-family:A;src:url(a.woff2)}'
    css += '@page{margin:1cm}@property --x{syntax:"*";inherits:false}'
    assert csspurge.purge(css, _names()).css == css


def test_a_class_only_a_script_adds_is_kept():
    css = ".dropdown-menu.show{display:block}.collapsing{height:0}"
    assert csspurge.purge(css, _names()).css == ".dropdown-menu.show{display:block}"
    assert csspurge.purge(css, _names(scripts=[SCRIPT, "x.className = 'collapsing'"])).css == css


def test_declarations_and_custom_properties_are_left_as_written():
    css = ".lead{--pst-color-primary: #123;color:var(--pst-color-primary)}"
    assert csspurge.purge(css, _names()).css == css


def test_escaped_class_names_match_the_names_in_the_page():
    css = r".sm\:wide{x:1}.md\:wide{x:2}"
    assert csspurge.purge(css, _names(pages=['<p class="sm:wide">'])).css == r".sm\:wide{x:1}"


def test_classes_scripts_build_from_pieces_are_safelisted():
    css = ".bs-tooltip-auto[data-popper-placement^=top]{bottom:0}"
    assert csspurge.purge(css, _names(scripts=["e.classList.add(`bs-${this.constructor.NAME}-auto`)"])).css == css


def test_a_stylesheet_parsed_once_purges_alike_for_each_page():
    """One parse serves the site's purge and every page's: each gives what purging the text gives."""
    css = '@charset "x";.lead{a:1}@media print{.show{b:2}.note{c:3}}.dropdown-menu.show{d:4}p{e:5}'
    rules = csspurge.parse(css)
    page_only = _names(scripts=[])
    assert csspurge.purge_parsed(rules, page_only) == csspurge.purge(css, page_only)
    assert csspurge.purge_parsed(rules, _names()) == csspurge.purge(css, _names())
    assert csspurge.purge_parsed(rules, page_only).css == '@charset "x";.lead{a:1}@media print{.note{c:3}}p{e:5}'
    assert csspurge.purge_parsed(rules, _names()).kept == 5
