"""An independent calendar for the date tests: computed by walking days, not with the code under test."""

import datetime as dt


def weekday_on_or_before(published: dt.date, name: str) -> dt.date:
    """The latest day on or before `published` whose English name is `name`, found by walking back day by day."""
    for back in range(7):
        day = published - dt.timedelta(days=back)
        if day.strftime("%A") == name:
            return day
    raise AssertionError(name)
