"""What each coded event is, in a few words a chart can carry: the happening, not an actor pair or an id.

Each headline follows its source's words and keeps its hedges ("allegedly", "believed", "witnesses say");
none uses a group label in the book's own voice, and each fits on two chart lines of 34 characters, so no
label is ever cut mid-word. Events of another page, which this reading does not know, get a plain
description from their coding (sub-event type and place).
"""

from __future__ import annotations

import textwrap

#: event_id -> headline, for the events of the study page (data/reference/events.csv).
HEADLINES: dict[str, str] = {
    "LBY001": "US intelligence trains Libyan exiles, a 1991 report says",
    "LBY002": "Uprising against Gaddafi in which Haftar takes part",
    "LBY003": "Gaddafi's forces kill political prisoners",
    "LBY004": "Arrest of the prisoners' families' lawyer",
    "LBY005": "The February 17th uprising begins",
    "LBY006": "Haftar returns to Libya",
    "LBY007": "Ali Zidan abducted a first time",
    "LBY008": "Haftar leads a deadly assault in Benghazi",
    "LBY009": "Armed men who say they back Haftar storm parliament",
    "LBY010": "The United States distances itself from Haftar",
    "LBY011": "Haftar calls for a civilian council",
    "LBY012": "Competing militias seize Tripoli",
    "LBY013": "A video emerges, allegedly of Warfalli shooting three men",
    "LBY014": "Two videos appear to show executions on Warfalli's orders",
    "LBY015": "Haftar declares Benghazi's liberation",
    "LBY016": "LNA special forces attack in Khraibeesh",
    "LBY017": "LNA airstrikes on rival groups in Derna, witnesses say",
    "LBY018": "Footage released: prisoners shot, gunmen believed LNA",
    "LBY019": "Haftar and Sarraj sign a ceasefire deal",
    "LBY020": "Haftar rules out dialogue with “extremists”",
    "LBY021": "Italy's parliament votes for the naval mission",
    "LBY022": "Haftar orders forces to confront unauthorised ships",
    "LBY023": "Italy impounds the Jugend Rettet rescue boat",
    "LBY024": "Open Arms intercepted after warning shots",
    "LBY025": "Libyan navy orders foreign ships out of a rescue zone",
    "LBY026": "Doctors Without Borders suspends its rescue ship",
    "LBY027": "Save the Children suspends rescues",
    "LBY028": "Sea Eye suspends rescues",
    "LBY029": "Ali Zidan abducted in Tripoli, witnesses say",
    "LBY030": "ICC issues an arrest warrant for Warfalli",
    "LBY031": "Coastguard warns the Golfo Azzurro it will be targeted",
}

#: Width of one chart label line, in characters; a headline takes at most two.
LINE = 34


def headline(event_id: str, sub_event_type: str = "", location: str = "") -> str:
    """The happening an event row is about: its headline, else '<sub-event type>, <place>' from its coding."""
    if event_id in HEADLINES:
        return HEADLINES[event_id]
    place = " ".join(str(location).replace("_", " ").split()).title()
    return ", ".join(p for p in (str(sub_event_type), place) if p) or str(event_id)


def two_lines(text: str, width: int = LINE) -> str:
    """Text wrapped at word boundaries on at most two lines; longer text keeps whole words and ends in '…'."""
    lines = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(lines) <= 2:
        return "\n".join(lines)
    words = " ".join(lines[1:]).split()
    second = ""
    for w in words:
        if len(f"{second} {w}".strip()) + 1 > width:
            break
        second = f"{second} {w}".strip()
    return f"{lines[0]}\n{second}…"
