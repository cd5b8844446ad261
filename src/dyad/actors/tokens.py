"""Word tokens with character offsets, shared by the gazetteer and the text it reads.

Registry forms and article text go through the same tokenizer, so a form
matches the text whenever their tokens are equal. The possessive 's is its own
token ("Iran's" -> "Iran", "'s"); hyphenated and apostrophe-joined names stay
whole ("Amir-Abdollahian", "O'Brien").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:(?:-|['\u2019](?!s\b))[^\W_]+)*|['\u2019]s\b|\S")
_APOSTROPHE = str.maketrans({"\u2019": "'", "\u2018": "'"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


def words(text: str) -> tuple[str, ...]:
    """A form's tokens, apostrophes normalised."""
    return tuple(m.group().translate(_APOSTROPHE) for m in _TOKEN.finditer(text))


def tokenize(text: str, sentences: list[tuple[int, int]]) -> list[Token]:
    """Tokens of ``text`` with the index of the sentence each falls in."""
    tokens: list[Token] = []
    bounds = sentences or [(0, len(text))]
    s = 0
    for m in _TOKEN.finditer(text):
        while s + 1 < len(bounds) and m.start() >= bounds[s][1]:
            s += 1
        tokens.append(Token(m.group().translate(_APOSTROPHE), m.start(), m.end(), s))
    return tokens
