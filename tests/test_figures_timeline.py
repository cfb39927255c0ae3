"""Tests for libyabook.figures.timeline: the day-by-day chart, the relative-date chart and their styles."""

import datetime as dt

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from libyabook.analysis import tables  # noqa: E402
from libyabook.analysis.timeline import date_phrases, day_by_day, relative_dates_table  # noqa: E402
from libyabook.figures.plots import EVENT_TYPE_COLOURS  # noqa: E402
from libyabook.figures.timeline import (  # noqa: E402
    draw_people,
    draw_resolutions,
    draw_timeline,
    kind_style,
    timeline_figsize,
)

D = dt.date
MAY = (D(2014, 5, 1), D(2014, 5, 31))


@pytest.fixture(scope="module")
def t():
    return tables.load()


def test_draw_timeline_rows_markers_and_precision_bars(t):
    import matplotlib.pyplot as plt

    d = day_by_day(t.events, t.quotes, t.articles, *MAY)
    fig, ax = plt.subplots(figsize=timeline_figsize(d))
    draw_timeline(ax, d)
    assert len(ax.get_yticks()) == len(d)
    labels = [tx.get_text() for tx in ax.get_legend().get_texts()]
    assert {"Battles", "Quoted statement", "Report published"} <= set(labels)
    battles = [ln for ln in ax.get_lines() if ln.get_marker() == EVENT_TYPE_COLOURS["Battles"]["marker"]]
    assert battles and battles[0].get_markerfacecolor() == EVENT_TYPE_COLOURS["Battles"]["color"]
    bars = [ln for ln in ax.get_lines() if ln.get_marker() in ("None", None, "") and len(ln.get_xdata()) == 2]
    assert len(bars) == (d["precision"] != "day").sum() == 1  # only 'last week' is not a single day
    plt.close(fig)
    with pytest.raises(ValueError, match="no rows"):
        draw_timeline(ax, d.iloc[0:0])


def test_kind_style_uses_event_type_colours():
    for event_type, style in EVENT_TYPE_COLOURS.items():
        assert kind_style("event", event_type)["marker"] == style["marker"]
    assert kind_style("statement")["marker"] != kind_style("report")["marker"]
    video = kind_style("video")
    assert video["marker"] not in {s["marker"] for s in EVENT_TYPE_COLOURS.values()} and "video" in video["legend"]


def test_draw_resolutions_cuts_windows_at_publication():
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    other = tables.load("tests/data/other-page.txt")
    rel = relative_dates_table(other.events, date_phrases(other.articles, other.quotes))
    this_year = rel[rel["phrase"] == "so far this year"].iloc[0]  # read whole, in an item of 7 Oct 2019
    assert (this_year["date"], this_year["precision"]) == ("2019-01-01", "year")
    fig, ax = plt.subplots()
    draw_resolutions(ax, rel)
    assert len(ax.get_yticks()) == len(rel)
    bars = [ln for ln in ax.get_lines() if ln.get_linewidth() > 3]
    assert len(bars) == 1
    end = mdates.num2date(mdates.date2num(bars[0].get_xdata()[-1])).date()
    assert end == D(2019, 10, 8)  # the year window stops at the report (7 Oct, drawn to the day's end)
    plt.close(fig)
    with pytest.raises(ValueError, match="no resolved"):
        draw_resolutions(ax, rel.iloc[0:0])


def test_draw_people_pairs_mentions_and_quotations_per_name(t):
    import matplotlib.pyplot as plt

    from libyabook.analysis.timeline import people_in_window

    people = people_in_window(t.mentions, t.quotes, t.articles, *MAY)
    fig, ax = plt.subplots()
    draw_people(ax, people, top=5)
    shown = min(5, len(people))
    assert len(ax.patches) == 2 * shown  # two bars per name
    assert [tx.get_text() for tx in ax.get_yticklabels()][-1] == people["name"].iloc[0][:32]
    plt.close(fig)
    with pytest.raises(ValueError, match="no names"):
        draw_people(ax, people.iloc[0:0])
