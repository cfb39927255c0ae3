"""Which of some regexes may match a text, found in one pass: a cheap first test that spares the regexes the texts
they cannot match.

Every match of a regex holds one of a few literal texts, its *needles* (``needles``: "shot dead" or "killed" or
... for ``shot dead|killed|...``, read from the regex's parse). A ``LiteralGate`` searches a case-folded text for a
key of each needle (a few of its characters from its rarest one) of all its regexes at once, with one regex factored
by common prefix; a regex none of whose needles' keys the text holds cannot match it. The test is a superset: it
never leaves out a regex that would match. Case-blind regexes match 'i' on 'ı' and 'İ', which fold to other texts,
so a text holding either keeps every regex; every other character a case-blind ASCII literal matches folds to that
literal ('K' to 'k', 'ſ' to 's').
"""

from __future__ import annotations

import re


def needles(regex: re.Pattern) -> tuple[str, ...]:
    """Case-folded ASCII texts one of which every match of the regex holds (the longest its parse gives); () when
    the parse gives none (then the regex must always run)."""
    try:
        parsed = re._parser.parse(regex.pattern, regex.flags)
    except (AttributeError, re.error):  # a private module of re: if it is gone, no needles
        return ()
    found = _needles_of(list(parsed))
    return tuple(sorted({needle.casefold() for needle in found})) if found else ()


def _needles_of(items: list) -> list[str] | None:
    """Literal texts one of which every match of a sequence of parsed items holds: a run of literal characters, a
    group's needles or one needle of each branch of an alternation, whichever has the longest shortest needle."""
    best, run = None, ""
    for op, arg in items:
        if op is re._constants.LITERAL and arg < 128:
            run += chr(arg)
            continue
        best, run = _longer(best, [run] if run else None), ""
        if op is re._constants.SUBPATTERN:
            best = _longer(best, _needles_of(list(arg[-1])))
        elif op is re._constants.BRANCH:
            options = [_needles_of(list(branch)) for branch in arg[1]]
            if all(options):
                best = _longer(best, [needle for option in options for needle in option])
    return _longer(best, [run] if run else None)


def _longer(one: list[str] | None, other: list[str] | None) -> list[str] | None:
    """The more telling of two needle lists (the longer shortest needle; the first on a tie); either may be None."""
    if one is None or other is None:
        return one or other
    return other if min(map(len, other)) > min(map(len, one)) else one


def searchable(text: str) -> str | None:
    """text.casefold(), in which a case-blind (re.I) match of an ASCII literal can only stand where the folded
    literal is; None for a text holding 'ı' or 'İ', which re.I matches to 'i' but which do not fold to it."""
    return None if "ı" in text or "İ" in text else text.casefold()


def matches_at(
    pattern: re.Pattern,
    text: str,
    haystack: str | bytes,
    needle: str | bytes,
    shift: int = 0,
    endpos: int | None = None,
) -> list[re.Match]:
    """What ``pattern.finditer(text, shift, endpos)`` finds when every match starts where ``haystack`` holds
    ``needle`` (``haystack[i]`` standing for ``text[i + shift]``): the pattern is tried only there, left to right,
    each search going on from the last match's end, so the same matches are found without a try at every offset."""
    endpos = len(text) if endpos is None else endpos
    found = []
    at = haystack.find(needle)
    while at >= 0:
        m = pattern.match(text, at + shift, endpos)
        if m is None:
            at = haystack.find(needle, at + 1)
            continue
        found.append(m)
        at = haystack.find(needle, m.end() - shift)
    return found


class LiteralGate:
    """Which of some regexes, each given by its needles (``()``: none, always run), may match a text."""

    def __init__(self, needles_by_regex: list[tuple[str, ...]]):
        self.needles = needles_by_regex
        self.everyone = list(range(len(needles_by_regex)))
        self.always = [k for k, found in enumerate(needles_by_regex) if not found or not all(found)]
        self.regexes_of_key = _keys([found if k not in self.always else () for k, found in enumerate(needles_by_regex)])
        self.keys = re.compile(trie_pattern(sorted(self.regexes_of_key)) or r"(?!)")

    def candidates(self, text: str) -> list[int]:
        """The indices of the regexes that may match text, in order (all of them if it holds 'ı' or 'İ')."""
        folded = searchable(text)
        return self.everyone if folded is None else self.of_folded(folded)

    def of_folded(self, folded: str) -> list[int]:
        """``candidates`` of a text given as its ``searchable`` form (for a caller that reads that form too)."""
        hit = self.keys.search(folded)
        if hit is None:
            return self.always
        found = set(self.always)
        while hit is not None:  # on from the next character: keys may overlap ("anti-islamist", "islamist")
            found.update(self.regexes_of_key[hit.group()])
            hit = self.keys.search(folded, hit.start() + 1)
        return sorted(found)


#: Characters from the most to the least common in English news text (the rest: rarer still).
COMMON_FIRST = " etaoinsrhldcu.,mfpgwyb-vk0123456789'x\"jqz"
#: How many characters of a needle its key keeps.
KEY_LENGTH = 4


def _key_of(needle: str) -> str:
    """The part of a needle the gate searches: KEY_LENGTH characters from its rarest character (where the regex
    engine's scan for the keys' first characters stops least often), or the whole needle when shorter."""
    width = min(KEY_LENGTH, len(needle))
    rank = [COMMON_FIRST.find(c) % (len(COMMON_FIRST) + 1) for c in needle[: len(needle) - width + 1]]
    at = rank.index(max(rank))
    return needle[at : at + width]


def _keys(needles_by_regex: list[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """The keys of the needles (``_key_of``) that hold no other key, each with the regexes one of whose needles holds
    it: a text holding a regex's needle holds one of these keys, and at most one key starts at any offset (none is a
    prefix of another)."""
    every = {_key_of(needle) for found in needles_by_regex for needle in found}
    keys = {n for n in every if not any(other != n and other in n for other in every)}
    return {
        key: tuple(k for k, found in enumerate(needles_by_regex) if any(key in needle for needle in found))
        for key in sorted(keys)
    }


def trie_pattern(words: list[str]) -> str:
    """A regex matching any of some literal texts, factored by common prefix ("r(?:ebel|ival )") so that the regex
    engine tries a handful of branches, not every text, at each offset. Of texts that are prefixes of one another
    it tries the longest first, as an alternation sorted longest first does."""
    branches: dict[str, list[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
    alternatives = [re.escape(first) + trie_pattern(rests) for first, rests in sorted(branches.items())]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if "" in words else body
