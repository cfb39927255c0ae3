"""The findings framework: statuses, the study-page test and the HTML a chapter shows."""

from __future__ import annotations

from libyabook.analysis.findings import Finding, Status, all_hold, check, on_study_page
from libyabook.figures.findings import findings_html, inline, study_note
from libyabook.reference import RAW_PAGE, REPO


def test_check_gives_each_status():
    assert check("k", "s", holds=True, evidence="e").status is Status.HOLDS
    assert check("k", "s", holds=False, evidence="e").status is Status.FAILS
    assert check("k", "s", holds=True, evidence="e", testable=False).status is Status.UNTESTABLE


def test_all_hold_needs_every_finding_to_hold():
    ok = check("a", "s", holds=True, evidence="e")
    assert all_hold([ok, ok])
    assert not all_hold([ok, check("b", "s", holds=True, evidence="e", testable=False)])


def test_on_study_page_compares_bytes(tmp_path):
    assert on_study_page(RAW_PAGE)
    other = tmp_path / "page.txt"
    other.write_bytes(RAW_PAGE.read_bytes() + b" ")
    assert not on_study_page(other)
    assert not on_study_page(REPO / "tests" / "data" / "other-page.txt")


def test_html_escapes_text_and_keeps_only_emphasis():
    assert inline("<b>*renegade* & co</b>") == "&lt;b&gt;<em>renegade</em> &amp; co&lt;/b&gt;"


def test_findings_html_shows_status_in_words_beside_each_finding():
    found = [
        Finding("x.one", "One *holds*", Status.HOLDS, "2 items"),
        Finding("x.two", "Two", Status.UNTESTABLE, "no items in the window"),
    ]
    out = findings_html(found)
    assert out.count('<li class="finding"') == 2
    assert "Holds</span> One <em>holds</em>" in out
    assert "Not testable on this page</span> Two" in out
    assert 'id="finding-x.two"' in out and "Rests on: no items in the window" in out


def test_study_note_only_off_the_study_page():
    assert study_note(True, "libya-entanglement.txt") is None
    note = study_note(False, "other<page>.txt").data
    assert "other&lt;page&gt;.txt" in note and "describes the study page" in note


def test_chart_draws_titles_and_shows(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from libyabook.figures.chart import chart

    seen = {}
    monkeypatch.setattr(plt, "show", lambda: seen.setdefault("fig", plt.gcf()))
    chart(
        lambda ax, d: ax.plot(d["x"], d["y"]),
        pd.DataFrame({"x": [1, 2], "y": [3, 4]}),
        title="T",
        xlabel="X",
        ylabel="Y",
    )
    ax = seen["fig"].axes[0]
    assert "T" in {ax.get_title(loc) for loc in ("left", "center", "right")}
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("X", "Y")
    plt.close("all")


def test_chart_says_so_when_there_is_nothing_to_draw(capsys):
    import pandas as pd

    from libyabook.figures.chart import chart

    chart(lambda ax, d: None, pd.DataFrame(), title="T", xlabel="X", ylabel="Y", empty="Nothing here.")
    assert capsys.readouterr().out == "Nothing here.\n"
