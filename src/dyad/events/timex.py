"""Time expressions in news sentences, resolved to dates with honest precision.

``find_times`` finds every time expression in a string and resolves it against
the article's publication date (``anchor``) and the dates the article has
already given (``context``, most recent last); ``sentence_date`` picks the one
that dates the sentence's event. Pure regular expressions and calendar
arithmetic: no I/O, no dateparser, tens of microseconds per sentence.

Rules, in short (tests/test_timex.py has a case for each):

- Explicit dates ("January 19, 2022", "19 January 2022", "2022-01-19",
  "in August 2022", "in 2021") need no anchor: ``anchor`` is None.
- A month or month-day without a year ("on January 19", "in September") takes
  its year from the publication date when that is day- or month-precise, else
  from the latest context date of day or month precision, else from a
  year-precise publication date. From the publication date, in the past tense,
  a date more than 14 days after the latest day the anchor allows belongs to
  the previous year ("on December 28" in an article of 2022-01-05 is
  2021-12-28); in the future tense one more than 14 days before belongs to the
  next year. From a context date the nearest year wins (a story in July 2015
  that goes on "in October" means October 2015).
- Weekdays need a day-precise base: the publication date, else the latest
  context date of day or month precision (a month one is not enough). Past
  tense: the latest such weekday on or before the base, the same day counting;
  future tense: the first strictly after. "last"/"next" Monday are strictly
  before/after whatever the tense. Without a day-precise base the value is
  None rather than a guess.
- Relative phrases ("yesterday", "last month", "N years ago") count from the
  publication date; "two days later", "the following day", "a week earlier",
  "three days before," count from the latest context date ("three days before
  the vote" counts from an undated event: value None). Arithmetic in days
  needs a day-precise base, in months a month-precise one; otherwise the value
  is None ("yesterday" in an article dated only 2022-01). "today" is the
  publication date at whatever precision it has. Weeks are days: "a week
  earlier" is seven days, day precision.
- "this/last/next week" give the month of the week's Monday (month precision)
  and, when the week runs into another month, that month as ``range_end``;
  "earlier this week" spans Monday to the publication day.
- Ranges ("2006-2010", "2014-18", "from 2006 to 2010", "between March and May
  2023", "January 19-21") have ``value`` = start and ``range_end`` = end.
  Decades are ranges too: "the 1990s" is 1990 to 1999 (kind "decade"; "early"
  1990-1993, "mid" 1994-1996, "late" 1997-1999). Quarters, halves and seasons
  are month ranges (northern meteorological seasons); winter, which straddles
  two years, is its year only, and "last winter" is None. A season without a
  year or "last/this/next" counts only after "in/during the" ("in summer, days
  are long" is no date). "June and July of 1973": a month in a list takes the
  year of the last one.
- A 4-digit number is a year only in 1900-2099 and in a year context (a
  preposition such as "in"/"since"/"by", a month, a modifier such as "mid-", or
  a range); after a month name, 1800-1899 too ("May 7, 1868"). Counts
  ("2,000 troops", "of 2000 troops") and durations ("15 minutes", "a 20-year
  agreement", "for two decades") are never dates.
- Vague expressions ("recently", "in recent weeks", "a few days ago") are
  kept as kind "relative" with value None, so a caller can tell "vaguely dated"
  from "no time expression at all".

Word lists and phrases are data, in ``dyad/data/timex.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from ..datafiles import load_yaml
from ..dates import MAX_YEAR, MIN_YEAR, PartialDate

__all__ = ["TimeMention", "find_times", "sentence_date"]

TENSES = ("past", "future")
# How far after a day-precise publication date a month-day may fall before it is
# read as last year's: articles do mention dates a few days ahead ("on January 24"
# in a piece of the 21st), rarely more than a fortnight ahead in the past tense.
ROLLOVER_DAYS = 14
_ROLLOVER = dt.timedelta(days=ROLLOVER_DAYS)


@dataclass(frozen=True)
class TimeMention:
    """One time expression: ``text == source[start:end]``, and what it resolves to."""

    start: int
    end: int
    text: str
    kind: str  # date | month | year | range | decade | quarter | season | weekday | relative
    value: PartialDate | None
    range_end: PartialDate | None = None
    anchor: str | None = None  # "publication" | "text" | None (explicit, or unresolved)


# --------------------------------------------------------------------------- patterns


def _trie(words, *, prefixes: bool = False) -> str:
    """A regular expression matching ``words``, built as a trie.

    Python's engine tries alternatives one by one; a trie tests one character per
    step instead of one word per alternative, which is what keeps a scan in the tens
    of microseconds. Longer words win ("last night" over "last"). A space matches any
    whitespace. With ``prefixes`` a word also covers every word it begins.
    """
    end = ""
    tree: dict = {}
    for w in sorted(set(words), key=len):
        node = tree
        for ch in w:
            if prefixes and end in node:
                break
            node = node.setdefault(ch, {})
        else:
            if prefixes:
                node.clear()
            node[end] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end in node:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return emit(tree)


def _words(phrases) -> str:
    """Phrases from the data file in lower, Capitalised and UPPER case, as a trie."""
    forms = set()
    for p in phrases:
        p = " ".join(str(p).lower().split())
        forms.update((p, p[:1].upper() + p[1:], p.upper()))
    return _trie(forms)


def _norm(s: str | None) -> str:
    return " ".join(s.lower().replace("-", " ").split()) if s else ""


def _cased(names: Sequence[str]) -> str:
    # Month and weekday names are matched case-sensitively: "may" and "march" are verbs.
    return _trie({v for n in names for v in (n, n.upper())})


_MONTH_FULL = [calendar.month_name[i] for i in range(1, 13)]
_MONTH_ABBR = [calendar.month_abbr[i] for i in range(1, 13)] + ["Sept"]
_MONTH_NUM = {n.lower(): i for i, n in enumerate(_MONTH_FULL, 1)}
_MONTH_NUM.update({n.lower(): i for i, n in enumerate(calendar.month_abbr) if n})
_MONTH_NUM["sept"] = 9
_WEEKDAYS = [calendar.day_name[i] for i in range(7)]
_WEEKDAY_NUM = {n.lower(): i for i, n in enumerate(_WEEKDAYS)}

_FULL = f"(?:{_cased(_MONTH_FULL)})"
# An abbreviation must end the word ("Jan." or "Jan 19", never "Janet").
_ANY_MONTH = f"(?:{_cased(_MONTH_FULL)}|(?:{_cased(_MONTH_ABBR)})(?![A-Za-z])\\.?)"
_WDAY = f"(?:{_cased(_WEEKDAYS)})"
_DASH = "[-\u2013\u2014]"
_UNITS = r"(?i:days?|weeks?|months?|years?|decades?)"

# Every time expression has one of these words (or a digit) within a few words of its
# start, so the full patterns are tried only near them and most text is skipped fast.
_TRIGGER_WORDS = (
    [n[:3] for n in _MONTH_FULL] + [n[:3] for n in _WEEKDAYS]
    + "today tonight tomorrow yesterday week month year decade day ago recent lately soon future night "
    "morning afternoon evening spring summer autumn fall winter quarter half q1 q2 q3 q4 h1 h2".split()
)
_TRIGGER = re.compile(
    r"\b(?:\d|" + _trie({v for w in _TRIGGER_WORDS for v in (w, w.capitalize(), w.upper())}, prefixes=True) + ")"
)
# How far before its trigger an expression may start: "as early as the beginning of 2021".
_LOOKBACK = 50
_WORD = re.compile(r"\b\w+")


def _day(name: str) -> str:
    return rf"(?P<{name}>[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)?(?!\d)(?![.,]\d)"


def _year(name: str, oldest: str = "19|20") -> str:
    return rf"(?P<{name}>(?:{oldest})\d\d)(?!\d)(?![.,]\d)"


def _date_year(name: str) -> str:
    # After a month and day a number is a year even in the 19th century ("May 7, 1868");
    # an older one ("April 6, 1528") is refused rather than dated to the anchor's year.
    return rf"(?:,?\s+{_year(name, '1[89]|20')})?(?!,?\s+\d{{4}}(?!\d))"


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    kind: str
    how: str
    args: tuple
    prep: str | None = None
    lead: int = -1  # where the match began, preposition included


@dataclass(frozen=True)
class _Rules:
    order: tuple[str, ...]
    master: re.Pattern
    single: dict[str, re.Pattern]
    handlers: dict[str, Callable[[re.Match, str], _Item | None]]
    data: dict
    year_preps: frozenset[str]
    month_preps: frozenset[str]
    modifiers: frozenset[str]
    not_before: frozenset[str]
    not_after: frozenset[str]
    openers: frozenset[str]  # words an expression can begin with (lower case)


@cache
def _rules() -> _Rules:
    d = load_yaml("timex.yaml")
    preps = _words(d["year_prepositions"] + d["month_prepositions"])
    mods = _words(d["modifiers"] + d["relative_modifiers"])
    nums = _words(list(d["numbers"]) + list(d["vague_numbers"]))
    ords = _words(d["ordinals"])
    seasons = _words(d["seasons"])
    dets = _words(d["determiners"])
    dirs = _words(list(d["quantity_directions"]) + list(d["quantity_open_directions"]))
    parts = _words(d["day_parts"])
    wlead = rf"(?:{_WDAY},?\s+)?"
    # One optional preposition and one optional modifier shared by all patterns: a
    # single alternation tried once per position instead of once per pattern.
    prefix = (
        r"(?<![\w$£€/-])(?<!\d[.,])"
        rf"(?:(?P<prep>(?:{preps}))\s+)?(?:(?P<mod>(?:{mods}))(?:\s+|-))?"
    )
    need_prep = "(?(prep)|(?!))"
    need_context = "(?(prep)|(?(mod)|(?!)))"
    patterns = {
        "iso": rf"{_year('iso_y')}(?P<iso_s>[-/])(?P<iso_m>0?[1-9]|1[0-2])(?P=iso_s)(?P<iso_d>\d\d?)(?![\d/])",
        "isomonth": rf"{_year('im_y')}-(?P<im_m>0[1-9]|1[0-2])(?![\d/-])",
        "mdr": rf"(?P<mdr_w>{wlead})(?P<mdr_mon>{_ANY_MONTH})\s*{_day('mdr_a')}"
        rf"\s*(?:{_DASH}|(?i:to|through|until|till|and)\s)\s*{_day('mdr_b')}{_date_year('mdr_y')}",
        "dmr": rf"{_day('dmr_a')}\s*(?:{_DASH}|(?i:to|through|until|till|and)\s)"
        rf"\s*{_day('dmr_b')}\s+(?:(?i:of)\s+)?(?P<dmr_mon>{_ANY_MONTH}){_date_year('dmr_y')}",
        "mdy": rf"(?P<mdy_w>{wlead})(?P<mdy_mon>{_ANY_MONTH})\s*{_day('mdy_d')}{_date_year('mdy_y')}",
        "dmy": rf"(?P<dmy_w>{wlead})(?:(?i:the)\s+)?{_day('dmy_d')}\s+"
        rf"(?:(?i:of)\s+)?(?P<dmy_mon>{_ANY_MONTH}){_date_year('dmy_y')}",
        "mrange": rf"{need_prep}(?P<mrg_a>{_FULL})\s*(?:{_DASH}|(?i:to|and|until|till|through)\s)\s*"
        rf"(?P<mrg_b>{_FULL})(?:,?\s+{_year('mrg_y')})?(?!\s*\d)",
        "mrange2": rf"(?P<mr2_a>{_ANY_MONTH})\s*{_DASH}\s*(?P<mr2_b>{_ANY_MONTH}),?\s+{_year('mr2_y')}",
        "mry": rf"(?P<mry_mon>{_FULL})\s+(?:(?i:of)\s+)?(?P<mry_d>(?i:last|this|next))\s+(?i:year)(?!\w)",
        "my": rf"(?P<my_mon>{_ANY_MONTH}),?\s+(?:(?i:of)\s+)?{_year('my_y', '1[89]|20')}(?!\s*{_DASH}\s*\d)",
        "mrel": rf"(?P<mrel_d>(?:{dets}))\s+(?P<mrel_mon>{_FULL})(?![\w-])(?!\s*,?\s*\d)",
        "mon": rf"{need_context}(?P<mon_mon>{_FULL})(?![\w-])(?!\s*,?\s*\d)",
        "yrange": rf"{need_prep}{_year('yr_a')}\s*(?:{_DASH}|\s(?i:to|and|until|till|through)\s)"
        rf"\s*{_year('yr_b')}(?![\w-])",
        "ydash": rf"{_year('yd_a')}\s*(?:{_DASH}|/)\s*(?P<yd_b>(?:19|20)\d\d|\d\d)(?![\w%-])(?![.,]\d)",
        "decade": r"(?:(?i:the)\s+)?(?:(?P<dec_m>(?i:early|mid|late))(?:\s+|-))?"
        r"(?P<dec_y>(?:19|20)\d0)['\u2019]?s(?!\w)",
        "quarter": rf"(?:(?i:the)\s+)?(?P<qt_o>(?:{ords}))\s+(?P<qt_u>(?i:quarter|half))\s+"
        rf"(?i:of)\s+(?:{_year('qt_y')}|(?P<qt_r>(?i:this|last|next))\s+(?i:year)(?!\w))"
        rf"|(?P<qt_q>[QH][1-4])\s+{_year('qt_y2')}",
        "season": rf"(?:(?P<ss_the>(?i:the))\s+)?(?:(?P<ss_d>(?:{dets}))\s+)?(?P<ss_n>(?:{seasons}))"
        rf"(?:\s+(?:(?i:of)\s+)?{_year('ss_y')})?(?![\w-])",
        "yearctx": rf"{need_context}{_year('yc_y')}(?!\w|-\w)(?!\s*{_DASH}\s*\d)",
        "qty": rf"(?P<q_n>\d{{1,3}}|(?:{nums}))\s+(?P<q_u>{_UNITS})\s+(?P<q_d>(?:{dirs}))(?!\w)",
        "weekend": rf"(?P<we>(?:{_words(d['weekends'])}))(?!\w)",
        "fixed": rf"(?P<fx>(?:{_words(d['fixed'])}))(?![\w-])",
        "relgen": rf"(?<!the\s)(?<!The\s)(?<!past\s)(?P<rg_d>(?:{dets}))\s+(?P<rg_u>(?i:week|month|year))(?![\w-])",
        "weekday": rf"(?:(?P<wd_m>(?:{dets}))\s+)?(?P<wd_d>{_WDAY})(?!\w)(?:['\u2019]s)?"
        rf"(?:\s+(?P<wd_p>(?:{parts}))(?!\w))?",
        "vague": rf"(?P<vg>(?:{_words(d['vague'])}))(?!\w)",
    }
    order = tuple(patterns)
    master = re.compile(prefix + "(?:" + "|".join(f"(?P<{n}>{p})" for n, p in patterns.items()) + ")")
    single = {n: re.compile(f"{prefix}(?P<{n}>{p})") for n, p in patterns.items()}
    return _Rules(
        order=order,
        master=master,
        single=single,
        handlers={name: globals()[f"_h_{name}"] for name in patterns},
        data=d,
        year_preps=frozenset(map(_norm, d["year_prepositions"])),
        month_preps=frozenset(map(_norm, d["month_prepositions"])),
        modifiers=frozenset(map(_norm, d["modifiers"])),
        not_before=frozenset(d["year_not_before"]) | {"%"},
        not_after=frozenset(d["year_not_after"]),
        openers=_openers(d),
    )


def _openers(d: dict) -> frozenset[str]:
    lists = ("year_prepositions", "month_prepositions", "modifiers", "relative_modifiers", "determiners",
             "numbers", "vague_numbers", "ordinals", "seasons", "fixed", "weekends", "vague")
    words = {str(p).lower().split()[0] for key in lists for p in d[key]}
    words |= {n.lower() for n in _MONTH_NUM} | {n.lower() for n in _WEEKDAYS}
    words |= {"the", "q1", "q2", "q3", "q4", "h1", "h2"}
    return frozenset(words)


# --------------------------------------------------------------------------- handlers
# Each handler turns a match into an _Item (span, kind and a recipe to resolve later),
# or refuses it; a refused match lets the next pattern try at the same position.
# ``m["prep"]`` and ``m["mod"]`` are the shared preposition and modifier, if any.


def _first(m: re.Match, *groups: str) -> int:
    """Start of the first participating group among ``groups``."""
    for g in groups:
        if m.start(g) >= 0:
            return m.start(g)
    raise AssertionError(groups)


def _valid(y: int, mo: int, d: int) -> bool:
    return 1 <= d <= calendar.monthrange(y, mo)[1]


def _month(s: str) -> int:
    return _MONTH_NUM[s.rstrip(".").lower()]


def _opt_int(s: str | None) -> int | None:
    return int(s) if s else None


def _abs(m: re.Match, start: int, kind: str, y=None, mo=None, d=None, y2=None, mo2=None, d2=None) -> _Item:
    return _Item(start, m.end(), kind, "abs", (y, mo, d, y2, mo2, d2), m["prep"])


def _h_iso(m: re.Match, text: str) -> _Item | None:
    y, mo, d = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
    return _abs(m, m.start("iso_y"), "date", y, mo, d) if _valid(y, mo, d) else None


def _h_isomonth(m: re.Match, text: str) -> _Item | None:
    y, mo = int(m["im_y"]), int(m["im_m"])
    if mo > y % 100:  # "2009-10" is a range of years, "2022-01" a month
        return None
    return _abs(m, m.start("im_y"), "month", y, mo)


def _day_range(m: re.Match, p: str, start: int) -> _Item | None:
    mo, a, b, y = _month(m[f"{p}_mon"]), int(m[f"{p}_a"]), int(m[f"{p}_b"]), _opt_int(m[f"{p}_y"])
    if b <= a:
        return None
    return _abs(m, start, "range", y, mo, a, y, mo, b)


def _h_mdr(m: re.Match, text: str) -> _Item | None:
    return _day_range(m, "mdr", m.start("mdr_w"))


def _h_dmr(m: re.Match, text: str) -> _Item | None:
    return _day_range(m, "dmr", m.start("dmr_a"))


def _day_month(m: re.Match, p: str, start: int) -> _Item | None:
    mo, d, y = _month(m[f"{p}_mon"]), int(m[f"{p}_d"]), _opt_int(m[f"{p}_y"])
    if not _valid(y or 2000, mo, d):  # 2000 is a leap year: February 29 stays possible without a year
        return None
    return _abs(m, start, "date", y, mo, d)


def _h_mdy(m: re.Match, text: str) -> _Item | None:
    return _day_month(m, "mdy", m.start("mdy_w"))


def _h_dmy(m: re.Match, text: str) -> _Item | None:
    return _day_month(m, "dmy", m.start("dmy_w") if m["dmy_w"] else m.start("dmy_d"))


def _range_prep(m: re.Match) -> bool:
    return _norm(m["prep"]) in ("from", "between")


def _h_mrange(m: re.Match, text: str) -> _Item | None:
    if not _range_prep(m):
        return None
    a, b, y = _month(m["mrg_a"]), _month(m["mrg_b"]), _opt_int(m["mrg_y"])
    return _abs(m, m.start("prep"), "range", None, a, None, y, b)


def _h_mrange2(m: re.Match, text: str) -> _Item | None:
    a, b, y = _month(m["mr2_a"]), _month(m["mr2_b"]), int(m["mr2_y"])
    return _abs(m, m.start("mr2_a"), "range", None, a, None, y, b)


def _mod_start(m: re.Match, core: str) -> int:
    return m.start("mod") if m["mod"] else m.start(core)


def _h_mry(m: re.Match, text: str) -> _Item | None:
    off = {"last": -1, "this": 0, "next": 1}[m["mry_d"].lower()]
    return _Item(_mod_start(m, "mry_mon"), m.end(), "month", "mry", (off, _month(m["mry_mon"])), m["prep"])


def _h_my(m: re.Match, text: str) -> _Item | None:
    return _abs(m, _mod_start(m, "my_mon"), "month", int(m["my_y"]), _month(m["my_mon"]))


def _h_mrel(m: re.Match, text: str) -> _Item | None:
    off = _rules().data["determiners"][_norm(m["mrel_d"])]
    return _Item(m.start("mrel_d"), m.end(), "month", "mrel", (off, _month(m["mrel_mon"])))


def _h_mon(m: re.Match, text: str) -> _Item | None:
    r = _rules()
    if _norm(m["mod"]) not in r.modifiers and _norm(m["prep"]) not in r.month_preps:
        return None
    return _abs(m, _mod_start(m, "mon_mon"), "month", None, _month(m["mon_mon"]))


def _h_yrange(m: re.Match, text: str) -> _Item | None:
    a, b = int(m["yr_a"]), int(m["yr_b"])
    if b <= a or not _range_prep(m):
        return None
    return _abs(m, m.start("prep"), "range", a, None, None, b)


def _h_ydash(m: re.Match, text: str) -> _Item | None:
    a, raw = int(m["yd_a"]), m["yd_b"]
    b = a // 100 * 100 + int(raw) if len(raw) == 2 else int(raw)
    if b <= a or b - a > 99:
        return None
    start = m.start("prep") if _range_prep(m) else m.start("yd_a")
    return _abs(m, start, "range", a, None, None, b)


_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _h_decade(m: re.Match, text: str) -> _Item | None:
    y = int(m["dec_y"])
    part = _norm(m["dec_m"]) or _norm(m["mod"])
    if part and part not in _DECADE_PARTS:
        return None
    lo, hi = _DECADE_PARTS.get(part, (0, 9))
    start = _first(m, "dec_m", "mod", "dec_y")
    return _Item(start, m.end(), "decade", "abs", (y + lo, None, None, y + hi, None, None), m["prep"])


def _h_quarter(m: re.Match, text: str) -> _Item | None:
    if m["qt_q"]:
        unit, n = ("quarter" if m["qt_q"][0] == "Q" else "half"), int(m["qt_q"][1])
        y, off, start = int(m["qt_y2"]), None, m.start("qt_q")
    else:
        unit, n = m["qt_u"].lower(), _rules().data["ordinals"][m["qt_o"].lower()]
        y, start = _opt_int(m["qt_y"]), m.start("qt_o")
        off = {"last": -1, "this": 0, "next": 1}[m["qt_r"].lower()] if m["qt_r"] else None
    size = 3 if unit == "quarter" else 6
    n = 12 // size if n == -1 else n
    if not 1 <= n <= 12 // size:
        return None
    first, last = (n - 1) * size + 1, n * size
    if off is not None:
        return _Item(start, m.end(), "quarter", "yearoff", (off, first, last), m["prep"])
    return _abs(m, start, "quarter", y, first, None, y, last)


def _h_season(m: re.Match, text: str) -> _Item | None:
    data = _rules().data
    months = data["seasons"][m["ss_n"].lower()]
    y, det = _opt_int(m["ss_y"]), m["ss_d"]
    # A bare season word is a noun or a verb ("prices fall") unless a year, a
    # determiner or "in/during the" makes it a time.
    if y is None and det is None and (m["ss_the"] is None or _norm(m["prep"]) in ("", "of", "for")):
        return None  # "in summer, days are long", "the proof of spring": seasons in general
    if y is None and _OF_WORD.match(text, m.end()):
        return None  # "after the fall of Kabul", "the winter of discontent"
    start = _first(m, "ss_d", "ss_n")
    if det is not None:
        return _Item(start, m.end(), "season", "season", (data["determiners"][_norm(det)], months), m["prep"])
    if months is None:
        return _abs(m, start, "season", y)
    return _abs(m, start, "season", y, months[0], None, y, months[1])


def _word_before(text: str, i: int) -> str:
    j = i
    while j > 0 and text[j - 1].isspace():
        j -= 1
    k = j
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return text[k:j].lower()


_NEXT_WORD = re.compile(r"\s*([A-Za-z%]+)")
_COUNT_RANGE = re.compile(r"\s*(?:[-\u2013\u2014]|to\s)\s*\d", re.IGNORECASE)
_OF_WORD = re.compile(r"\s+of\b", re.IGNORECASE)
_COUNT_AND = re.compile(r"\s+and\s+\d", re.IGNORECASE)


def _word_after(text: str, i: int) -> str:
    m = _NEXT_WORD.match(text, i)
    return m.group(1).lower() if m else ""


def _h_yearctx(m: re.Match, text: str) -> _Item | None:
    r = _rules()
    prep, mod = _norm(m["prep"]), _norm(m["mod"])
    if prep not in r.year_preps and mod not in r.modifiers:
        return None
    if _word_after(text, m.end()) in r.not_before:
        return None  # "of 2000 troops"
    if _COUNT_RANGE.match(text, m.end()) or (prep == "between" and _COUNT_AND.match(text, m.end())):
        return None  # "from 2000 to 3000": a range of years would have matched as one
    if prep.split(" ")[0] in ("of", "by", "for") and _word_before(text, m.start()) in r.not_after:
        return None  # "a total of 2000"
    return _abs(m, _mod_start(m, "yc_y"), "year", int(m["yc_y"]))


def _h_qty(m: re.Match, text: str) -> _Item | None:
    data = _rules().data
    raw_n, unit, direction = _norm(m["q_n"]), m["q_u"].lower().rstrip("s"), _norm(m["q_d"])
    n = int(raw_n) if raw_n.isdigit() else data["numbers"].get(raw_n)
    base = data["quantity_directions"].get(direction)
    if base is None:
        if _NEXT_WORD.match(text, m.end()):
            n = None  # "three days after the election": counted from an event not dated here
        else:
            base = "text"  # "three days before," : before the date the text is at
    if n is not None and direction not in ("later", "afterwards", "afterward", "after that", "after"):
        n = -n
    return _Item(m.start("q_n"), m.end(), "relative", "qty", (n, unit, base), m["prep"])


def _h_weekend(m: re.Match, text: str) -> _Item | None:
    off = _rules().data["weekends"][_norm(m["we"])]
    return _Item(m.start("we"), m.end(), "relative", "weekend", (off,))


def _h_fixed(m: re.Match, text: str) -> _Item | None:
    phrase = _norm(m["fx"])
    unit, off, base = _rules().data["fixed"][phrase]
    if phrase.endswith((" before", " after")) and _NEXT_WORD.match(text, m.end()):
        base = None  # "the day before the vote": relative to an event not dated here
    return _Item(_mod_start(m, "fx"), m.end(), "relative", "shift", (unit, off, base, None), m["prep"])


def _h_relgen(m: re.Match, text: str) -> _Item | None:
    data = _rules().data
    off = data["determiners"][_norm(m["rg_d"])]
    part = data["week_parts"].get(_norm(m["mod"]))
    args = (m["rg_u"].lower(), off, "publication", part)
    return _Item(_mod_start(m, "rg_d"), m.end(), "relative", "shift", args, m["prep"])


def _h_weekday(m: re.Match, text: str) -> _Item | None:
    data = _rules().data
    if _word_before(text, m.start("wd_d")) in data["weekday_not_after"]:
        return None  # "the Good Friday Agreement"
    mod = None
    if m["wd_m"]:
        mod = {-1: "last", 1: "next"}.get(data["determiners"][_norm(m["wd_m"])], "this")
    # "Wednesday's meeting": the possessive is not part of the date.
    end = m.end("wd_p") if m["wd_p"] else m.end("wd_d")
    start = _first(m, "wd_m", "wd_d")
    return _Item(start, end, "weekday", "weekday", (_WEEKDAY_NUM[m["wd_d"].lower()], mod), m["prep"])


def _h_vague(m: re.Match, text: str) -> _Item | None:
    data = _rules().data
    # "as soon as", "as recently as last week": a comparison, not a time.
    if _word_before(text, m.start("vg")) in data["vague_not_after"]:
        return None
    if _word_after(text, m.end()) in data["vague_not_before"]:
        return None
    return _Item(m.start("vg"), m.end(), "relative", "vague", ())


# --------------------------------------------------------------------------- scanning


def _match_at(rules: _Rules, text: str, pos: int) -> _Item | None:
    m = rules.master.match(text, pos)
    if m is None:
        return None
    name = m.lastgroup
    item = rules.handlers[name](m, text)
    if item is None:
        # The pattern matched but its handler refused it: the later patterns still
        # get their chance at this position.
        for other in rules.order[rules.order.index(name) + 1:]:
            m2 = rules.single[other].match(text, pos)
            if m2 and (item := rules.handlers[other](m2, text)) is not None:
                m = m2
                break
    if item is not None:
        item.lead = m.start()
    return item


def _scan(text: str) -> list[_Item]:
    rules = _rules()
    openers = rules.openers
    items: list[_Item] = []
    pos = 0
    for trig in _TRIGGER.finditer(text):
        t = trig.start()
        if t < pos:
            continue
        # Candidate starts: words before the trigger that can open an expression, then the trigger.
        starts = [
            w.start() for w in _WORD.finditer(text, max(pos, t - _LOOKBACK), t)
            if w.group().lower() in openers or w.group()[0].isdigit()
        ]
        starts.append(t)
        i = 0
        while i < len(starts):
            item = _match_at(rules, text, starts[i])
            if item is None:
                i += 1
                continue
            items.append(item)
            pos = max(item.end, starts[i] + 1)
            while i < len(starts) and starts[i] < pos:
                i += 1
    return items


_CONNECTOR = re.compile(r"\s*(?:[-\u2013\u2014]|to|until|till|through|and)\s*", re.IGNORECASE)
_LIST = re.compile(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*", re.IGNORECASE)


def _merge_ranges(text: str, items: list[_Item]) -> list[_Item]:
    """Join "from <date> to <date>" and "between <date> and <date>" into one range, and
    give "June and July of 1973" the year that only its last month names."""
    out: list[_Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        simple = b is not None and a.how == b.how == "abs" and a.args[3] is None and b.args[3] is None
        if simple and _norm(a.prep) in ("from", "between") and _CONNECTOR.fullmatch(text, a.end, b.start):
            out.append(_Item(a.lead, b.end, "range", "abs", a.args[:3] + b.args[:3], a.prep, a.lead))
            i += 2
            continue
        if simple and a.args[0] is None and b.args[0] is not None and _LIST.fullmatch(text, a.end, b.start):
            y, mo, d = b.args[:3]
            if a.args[1] is not None and mo is not None and (a.args[1], a.args[2] or 0) > (mo, d or 0):
                y -= 1  # "December and January 2022": the earlier month is in the year before
            a.args = (y,) + a.args[1:]
        out.append(a)
        i += 1
    return out


# --------------------------------------------------------------------------- resolution


class _State:
    __slots__ = ("pub", "ctx", "tense")

    def __init__(self, pub: PartialDate | None, ctx: Sequence[PartialDate], tense: str) -> None:
        self.pub = pub
        self.ctx = list(ctx)
        self.tense = tense

    def latest(self, precisions: tuple[str, ...] = ("day", "month", "year")) -> PartialDate | None:
        for d in reversed(self.ctx):
            if d.precision in precisions:
                return d
        return None


_Resolved = tuple[PartialDate | None, PartialDate | None, str | None]
_NONE: _Resolved = (None, None, None)


def _bounds(p: PartialDate) -> tuple[dt.date, dt.date]:
    if p.day is not None:
        d = dt.date(p.year, p.month, p.day)
        return d, d
    if p.month is not None:
        return dt.date(p.year, p.month, 1), dt.date(p.year, p.month, calendar.monthrange(p.year, p.month)[1])
    return dt.date(p.year, 1, 1), dt.date(p.year, 12, 31)


def _as_date(p: PartialDate) -> dt.date:
    return dt.date(p.year, p.month, p.day)


def _from_date(d: dt.date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    i = year * 12 + month - 1 + k
    return i // 12, i % 12 + 1


def _make(y: int | None, mo: int | None, d: int | None) -> PartialDate | None:
    if y is None or not MIN_YEAR <= y <= MAX_YEAR:
        return None
    if d is not None and (mo is None or not _valid(y, mo, d)):
        return None  # February 29 landing in a common year
    return PartialDate(y, mo, d)


def _rolled_year(pub: PartialDate, month: int, day: int | None, tense: str) -> int:
    """The year of a month(-day) written without one, seen from the publication date."""
    y = pub.year
    if pub.month is None:
        return y
    last_day = calendar.monthrange(y, month)[1]
    first = dt.date(y, month, min(day, last_day) if day else 1)
    last = dt.date(y, month, min(day, last_day) if day else last_day)
    lo, hi = _bounds(pub)
    if tense == "past" and first > hi + _ROLLOVER:
        return y - 1
    if tense == "future" and last < lo - _ROLLOVER:
        return y + 1
    return y


def _nearest_year(base: PartialDate, month: int) -> int:
    """Narrative runs both ways from a date in the text: take the year nearest to it."""
    here = base.year * 12 + (base.month or 1)
    return min((base.year, base.year - 1, base.year + 1), key=lambda y: abs(y * 12 + month - here))


def _year_for(month: int, day: int | None, st: _State) -> tuple[int, str] | None:
    pub = st.pub
    # A publication month is as good as its day for a year-less date: "on 23 October"
    # in a November 2024 article is 2024, whatever years the text mentioned before.
    if pub is not None and pub.precision in ("day", "month"):
        return _rolled_year(pub, month, day, st.tense), "publication"
    c = st.latest(("day", "month"))
    if c is not None:
        return _nearest_year(c, month), "text"
    if pub is not None:
        return _rolled_year(pub, month, day, st.tense), "publication"
    return None


def _r_abs(it: _Item, st: _State) -> _Resolved:
    y, mo, d, y2, mo2, d2 = it.args
    anchor = None
    ranged = it.args[3:] != (None, None, None)
    if ranged and y is None and y2 is not None:
        # "between March and May 2023": the start shares the end's year, or the one before.
        y = y2 - 1 if (mo, d or 0) > (mo2, d2 or 0) else y2
    if y is None:
        if mo is None:
            return _NONE
        found = _year_for(mo, d, st)
        if found is None:
            return _NONE
        y, anchor = found
    start = _make(y, mo, d)
    if start is None:
        return _NONE
    if not ranged:
        return start, None, anchor
    if y2 is None:
        y2 = y + 1 if (mo2, d2 or 0) < (mo, d or 0) else y
    return start, _make(y2, mo2, d2), anchor


def _month_base(st: _State, allow_year: bool = False) -> tuple[PartialDate, str] | None:
    """A base precise to the month: the publication date, else the latest context date."""
    if st.pub is not None and (st.pub.month is not None or allow_year):
        return st.pub, "publication"
    c = st.latest(("day", "month"))
    return (c, "text") if c is not None else None


def _r_mry(it: _Item, st: _State) -> _Resolved:
    off, month = it.args
    if st.pub is None:
        return _NONE
    return PartialDate(st.pub.year + off, month), None, "publication"


def _r_mrel(it: _Item, st: _State) -> _Resolved:
    off, month = it.args
    found = _month_base(st, allow_year=off == 0)
    if found is None:
        return _NONE
    base, anchor = found
    y = base.year
    if off == -1:  # the latest such month strictly before the base month
        y = base.year if month < base.month else base.year - 1
    elif off == 1:
        y = base.year if month > base.month else base.year + 1
    return PartialDate(y, month), None, anchor


def _r_yearoff(it: _Item, st: _State) -> _Resolved:
    off, first, last = it.args
    if st.pub is None:
        return _NONE
    y = st.pub.year + off
    return PartialDate(y, first), PartialDate(y, last), "publication"


def _r_season(it: _Item, st: _State) -> _Resolved:
    off, months = it.args
    if months is None:
        return _NONE  # "last winter" spans two years; no honest single year
    first, last = months
    found = _month_base(st, allow_year=off == 0)
    if found is None:
        return _NONE
    base, anchor = found
    y = base.year
    if off == -1:
        y = base.year if base.month > last else base.year - 1
    elif off == 1:
        y = base.year if base.month < first else base.year + 1
    return PartialDate(y, first), PartialDate(y, last), anchor


def _weekday_base(st: _State) -> tuple[dt.date, str] | None:
    if st.pub is not None and st.pub.day is not None:
        return _as_date(st.pub), "publication"
    c = st.latest(("day", "month"))
    if c is not None and c.day is not None:
        return _as_date(c), "text"
    return None


def _r_weekday(it: _Item, st: _State) -> _Resolved:
    wd, mod = it.args
    found = _weekday_base(st)
    if found is None:
        return _NONE
    base, anchor = found
    back = (base.weekday() - wd) % 7
    ahead = (wd - base.weekday()) % 7 or 7
    if mod == "last":
        day = base - dt.timedelta(days=back or 7)
    elif mod == "next" or st.tense == "future":
        day = base + dt.timedelta(days=ahead)
    else:
        day = base - dt.timedelta(days=back)
    return _from_date(day), None, anchor


def _r_weekend(it: _Item, st: _State) -> _Resolved:
    (off,) = it.args
    if st.pub is None or st.pub.day is None:
        return _NONE
    base = _as_date(st.pub)
    if off == -1:
        ref = base - dt.timedelta(days=2)
        sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
    elif off == 1 or st.tense == "future":
        sat = base + dt.timedelta(days=(5 - base.weekday()) % 7 or 7)
    else:
        sat = base - dt.timedelta(days=(base.weekday() - 5) % 7)
    return _from_date(sat), _from_date(sat + dt.timedelta(days=1)), "publication"


def _shift(base: PartialDate, unit: str, n: int) -> PartialDate | None:
    """``base`` moved by ``n`` units, or None when the base is too coarse for the unit."""
    if unit in ("day", "week"):
        if base.day is None:
            return None
        return _from_date(_as_date(base) + dt.timedelta(days=n * (7 if unit == "week" else 1)))
    if unit == "month":
        if base.month is None:
            return None
        return PartialDate(*_shift_month(base.year, base.month, n))
    return PartialDate(base.year + n * (10 if unit == "decade" else 1))


def _week_span(base: dt.date, n: int, part: str | None) -> _Resolved:
    monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=n)
    lo, hi = monday, monday + dt.timedelta(days=6)
    if n == 0 and part == "before":
        hi = base
    elif n == 0 and part == "after":
        lo = base
    start = PartialDate(lo.year, lo.month)
    end = PartialDate(hi.year, hi.month)
    return start, (end if end != start else None), None


def _base_for(kind: str | None, st: _State) -> tuple[PartialDate, str] | None:
    if kind is None:
        return None  # counted from an event the text names but does not date
    if kind == "publication":
        return (st.pub, "publication") if st.pub is not None else None
    c = st.latest()
    return (c, "text") if c is not None else None


def _r_shift(it: _Item, st: _State) -> _Resolved:
    unit, n, base_kind, part = it.args
    found = _base_for(base_kind, st)
    if found is None:
        return _NONE
    base, anchor = found
    if unit == "week":
        if base.day is None:
            return _NONE
        start, end, _ = _week_span(_as_date(base), n, part)
        return start, end, anchor
    if unit == "day" and n == 0:
        return base, None, anchor  # "today" is the anchor itself, at whatever precision it has
    value = _shift(base, unit, n)
    return (value, None, anchor) if value is not None else _NONE


def _r_qty(it: _Item, st: _State) -> _Resolved:
    n, unit, base_kind = it.args
    if n is None or base_kind is None:
        return _NONE
    found = _base_for(base_kind, st)
    if found is None:
        return _NONE
    base, anchor = found
    value = _shift(base, unit, n)
    if value is None:
        return _NONE
    if unit in ("year", "decade"):
        value = PartialDate(value.year)
    elif unit == "month":
        value = PartialDate(value.year, value.month)
    return value, None, anchor


def _r_vague(it: _Item, st: _State) -> _Resolved:
    return _NONE


_RESOLVERS: dict[str, Callable[[_Item, _State], _Resolved]] = {
    "abs": _r_abs,
    "mry": _r_mry,
    "mrel": _r_mrel,
    "yearoff": _r_yearoff,
    "season": _r_season,
    "weekday": _r_weekday,
    "weekend": _r_weekend,
    "shift": _r_shift,
    "qty": _r_qty,
    "vague": _r_vague,
}


# --------------------------------------------------------------------------- API


def find_times(
    text: str,
    anchor: PartialDate | None,
    *,
    context: Sequence[PartialDate] = (),
    tense: str = "past",
) -> list[TimeMention]:
    """Every time expression in ``text``, in order, resolved as far as the anchors allow.

    ``anchor`` is the publication date (any precision, or None); ``context`` the
    dates the article gave before this text, most recent last. Dates found in
    ``text`` extend the context for the expressions after them.
    """
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {', '.join(TENSES)}, not {tense!r}")
    items = _merge_ranges(text, _scan(text))
    st = _State(anchor, context, tense)
    out: list[TimeMention] = []
    for it in items:
        value, end, how = _RESOLVERS[it.how](it, st)
        out.append(TimeMention(it.start, it.end, text[it.start:it.end], it.kind, value, end, how))
        if value is not None:
            st.ctx.append(end or value)
    return out


def sentence_date(
    text: str,
    anchor: PartialDate | None,
    *,
    context: Sequence[PartialDate] = (),
    tense: str = "past",
) -> TimeMention | None:
    """The time expression that dates the sentence's event.

    The first resolved one in the sentence (a range stands for its start, its
    ``value``); if none resolves, the first unresolved one, whose ``value`` is
    None ("recently", a weekday without a day-precise anchor); None when the
    sentence has no time expression at all.
    """
    mentions = find_times(text, anchor, context=context, tense=tense)
    for m in mentions:
        if m.value is not None:
            return m
    return mentions[0] if mentions else None
