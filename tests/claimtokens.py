"""Readers of the claims scanner's tokens for the tests: a field's tokens one tuple each, and the index of a token
list made by a pass over it, the reading ``claims._Index.of_segments`` is checked against."""

from typing import NamedTuple

from libyabook.extract import claims


class Tok(NamedTuple):
    """One token as a tuple: a row of ``claims._Tokens``."""

    text: str
    start: int
    end: int
    low: str
    sent: int
    line: int
    is_digit: bool
    is_word: bool


def tokenised(text: str, start: int, end: int, line: int, start_id: int = 0) -> claims._Tokens:
    """The tokens of text[start:end], each numbered with its sentence from start_id (``claims._Tokens.add``)."""
    toks = claims._Tokens()
    toks.add(text, start, end, line, start_id)
    return toks


def rows(toks: claims._Tokens) -> list[Tok]:
    """The tokens one tuple each."""
    return list(map(Tok, *(getattr(toks, column) for column in Tok._fields)))


def index_of(toks: claims._Tokens) -> claims._Index:
    """The index of a field's tokens by a pass over them (sentences and lines are runs of consecutive tokens)."""
    sent_lo: dict[int, int] = {}
    sent_hi: dict[int, int] = {}
    line_lo: dict[int, int] = {}
    sent = line = None
    for k, (t_sent, t_line) in enumerate(zip(toks.sent, toks.line)):
        if t_sent != sent:
            if sent is not None:
                sent_hi[sent] = k
            sent_lo[t_sent] = k
            sent = t_sent
        if t_line != line:
            line_lo[t_line] = k
            line = t_line
    if sent is not None:
        sent_hi[sent] = len(toks)
    return claims._Index(toks, sent_lo, sent_hi, line_lo)
