"""The group each quoted speaker speaks for: the published ``speakers`` table.

A speaker of the ``quotes`` table is an entity id (its group comes from ``data/reference/entities.csv``) or the
page's own words for a body that is not an entity ("Libya's eastern-based parliament"): then the longest phrase
of ``data/reference/speaker_groups.csv`` it contains decides (a space or hyphen matches any run of them, any case).
A speaker no rule places has an empty group. The readable sides are in ``libyabook.analysis.voices``.
"""

from __future__ import annotations

import re

import pandas as pd

SPEAKER_COLUMNS = ["speaker", "group", "matched_by"]


def _descriptions(descriptions: pd.DataFrame | None) -> pd.DataFrame:
    """The phrase -> group table: given, or data/reference/speaker_groups.csv."""
    if descriptions is None:
        from libyabook.reference import load_reference

        return load_reference("speaker_groups")
    return descriptions


def _phrase_pattern(phrase: str) -> re.Pattern:
    """Whole-word, any-case pattern for a phrase; a space or hyphen matches any run of spaces and hyphens."""
    parts = [re.escape(p) for p in re.split(r"[\s-]+", phrase.strip()) if p]
    return re.compile(r"(?<![\w])" + r"[\s-]+".join(parts) + r"(?![\w])", re.IGNORECASE)


def _group_and_rule(speaker: str, entities: pd.DataFrame | dict, descriptions: pd.DataFrame | None) -> tuple[str, str]:
    """(group, how it was found: entity, phrase or none) of one speaker; ``entities`` may be an id -> group dict."""
    if not isinstance(speaker, str) or not speaker.strip():
        return "", "none"
    groups = entities if isinstance(entities, dict) else dict(zip(entities["entity_id"], entities["group"]))
    if speaker in groups:
        return str(groups[speaker]), "entity"
    # longest phrase first, then file order: a more specific description wins
    for row in sorted(_descriptions(descriptions).to_dict("records"), key=lambda r: -len(r["phrase"])):
        if _phrase_pattern(row["phrase"]).search(speaker):
            return row["group"], "phrase"
    return "", "none"


def speaker_group(speaker: str, entities: pd.DataFrame, descriptions: pd.DataFrame | None = None) -> str:
    """The entities.csv ``group`` of a speaker: its entity's group, else the first description phrase it contains, else ''."""
    return _group_and_rule(speaker, entities, descriptions)[0]


def speaker_table(
    quotes: pd.DataFrame, entities: pd.DataFrame | None = None, descriptions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per distinct attributed speaker of the quotes table (page order): its group and the rule that found it."""
    if entities is None:
        from libyabook.reference import load_reference

        entities = load_reference("entities")
    speakers = [
        s
        for s in dict.fromkeys(quotes.sort_values(["line", "start"], kind="stable")["speaker"].fillna(""))
        if s.strip()
    ]
    groups = dict(zip(entities["entity_id"], entities["group"]))
    rows = [(s, *_group_and_rule(s, groups, descriptions)) for s in speakers]
    return pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
