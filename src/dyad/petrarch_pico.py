"""PETRARCH's Internal Coding Ontology (PICO): how PETRARCH represents a negated event.

Universal-PETRARCH codes events internally as PICO values, not as CAMEO codes:
a validation suite's ontology file (``PETR_Validate_Internal_Coding_Ontology_1_01.txt``)
gives each CAMEO code its value as a sum of hexadecimal terms::

    050:0x0080#DiplomaticCoop        diplomatic cooperation
    110:0x1007f#0xFFFF+0x0080#...     0x1007F = 0xFFFF + 0x0080
    120:-0xFFFF#Reject
    121:-0xFFFF+0x0070               -0xFFFF + 060's 0x0070
    011:0x1000-0xFFFF                010's 0x1000 - 0xFFFF
    ---:0                            no event

(``#`` starts a comment, so 110 is the single value 0x1007F; the comment spells
it out.) A term of 0xFFFF, added or taken away, is the file's "not": 110
("disapprove") is "not 050" (not cooperate diplomatically), 170 ("coerce") is
"not 057" (0xFFFF + 057's 0x0087), 121 ("reject material cooperation") is "not
060", 011 ("decline to comment") is "not 010", and 120 ("reject") is "not"
of nothing in particular (-0xFFFF + 0: the null code ``---``).

Negating an event therefore moves its value by 0xFFFF, and the **complement**
of a code is the code whose value differs from its own by exactly 0xFFFF, up
or down: 110 <-> 050, 170 <-> 057, 121 <-> 060, 011 <-> 010, 120 <-> ``---``.
Codes that share a value (082, 0841 and 0842 are all 0x020C) resolve to the
first one in the file. A code with no such partner has no complement (042:
0xB002 +- 0xFFFF is no code), nor does a code the file does not list.

That is what the validation records expect of a negated event: "Romendacil
didn't clash over the efforts of Eriadori" is 050 there (a negated 110), "the
soldiers will not wire tap the links" 057 (a negated 170). dyad keeps the verb's
code and marks the event ``polarity: negated`` -- richer, and right for dyad --
so the scorer converts a negated event's code to its complement before comparing
(``Pico.negated``), keeping the code where the file defines none; a complement
that is ``---`` means PETRARCH codes no event at all. Nothing of this is used
outside scoring against PETRARCH records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

NOT = 0xFFFF  # the ontology's "not": a term of +-0xFFFF negates the rest of a value
NULL = "---"  # the null code: no event
_TERM = re.compile(r"([+-]?)\s*(0x[0-9a-fA-F]+|\d+)")
_LINE = re.compile(r"^\s*(\d{2,4}|---)\s*:\s*(.+?)\s*$")


@dataclass
class Pico:
    """A PICO file: each CAMEO code's value, and the complements they imply."""

    values: dict[str, int] = field(default_factory=dict)  # code -> value, in file order
    problems: list[str] = field(default_factory=list)  # lines that could not be read

    def complement(self, code: str) -> str | None:
        """The code of the negated event (``---``: none), or None when the file defines
        no complement for ``code`` (see the module notes)."""
        value = self.values.get(code)
        if value is None:
            return None
        for other, v in self.values.items():
            if other != code and abs(v - value) == NOT:
                return other
        return None

    def negated(self, code: str) -> str:
        """How PETRARCH codes ``code`` negated: its complement when there is one,
        else ``code`` itself (``---``: no event)."""
        return self.complement(code) or code


def parse_value(text: str) -> int:
    """The value of one ontology expression: ``0x1007f``, ``-0xFFFF+0x0070``, ``0x1000-0xFFFF``, ``0``."""
    text = text.replace(" ", "")
    terms = _TERM.findall(text)
    if not terms or "".join(sign + number for sign, number in terms) != text:
        raise ValueError(f"not a sum of hexadecimal terms: {text!r}")
    return sum((-1 if sign == "-" else 1) * int(number, 0) for sign, number in terms)


def read_pico(path: str | Path) -> Pico:
    """Read a PICO file (``CODE:EXPRESSION`` lines, ``#`` comments)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from err
    pico = Pico()
    for number, raw in enumerate(lines, start=1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        m = _LINE.match(body)
        if not m:
            pico.problems.append(f"line {number}: not CODE:VALUE: {raw.strip()}")
            continue
        try:
            value = parse_value(m.group(2))
        except ValueError as err:
            pico.problems.append(f"line {number}: {err}")
            continue
        pico.values.setdefault(m.group(1), value)
    return pico
