"""The CAMEO verb dictionary: verbs, their surface forms, default codes and
patterns, read from ``dyad/data/cameo/verbs.yaml`` (derived from PETRARCH2's
CAMEO 2.0 dictionary by ``scripts/build_cameo_data.py``).

Pattern elements (``VerbPattern.before`` / ``after``, in sentence order):

- a word, lower case: matches that exact word (CAMEO 2.0 has whole words only);
  ``"word*"`` matches any word starting with ``word`` (for patterns you add);
  words joined by spaces ("real pleasant", ``REAL_PLEASANT``) match consecutive words;
- a tuple: alternatives (a synonym set with its plurals, or ``A/B``); an
  alternative may be a phrase of consecutive words ("armed forces");
- ``"+"`` the target and ``"$"`` the source: actor slots the caller binds;
- ``"%"`` a compound actor: a slot the caller binds to coordinated actors;
- ``"^"`` any other noun phrase: matches any word.

``before_phrases`` / ``after_phrases`` are the dictionary's phrases as spans
``(kind, start, end)`` over those elements, and make the match follow the
phrase structure as PETRARCH's pattern format defines it:

- ``np``, ``{NEW &TIETYPES RELATIONS}``: a noun phrase whose last word is its
  head. The head is a word of the clause; the words before it in the braces
  precede it in its noun phrase, in order, the last of them right before the
  head ("new global economic relations" is a {NEW ECONOMIC RELATIONS}, "new
  economic trade relations" is not: those are trade relations);
- ``pp``, ``(OVER EFFORTS)``: a prepositional phrase, its first word the
  preposition. The words after the preposition follow it as a phrase: the
  first one right after it (an article or a possessive may come between:
  "over the efforts"), the others in order within the phrase; a slot in it
  binds an actor anywhere in the phrase ("(WITH +)": "with the leaders of X").
  A bare preposition ``(TO)`` needs a preposition (not the "to" of an infinitive).

Outside phrases, words are matched in order with gaps allowed (a bare word
after the verb is a noun anywhere in the verb's clause, and names that noun's
phrase; ``^`` is such a gap). The words before the verb are matched in the
subject's noun phrase (the caller passes those tokens): PETRARCH reads a
pattern's upper part as the source, so "&MILITARY *" is troops acting, while
TABARI-era upper words that are no part of a subject ("SAID WOULD NOT *",
"HEAVILY *") never match, as in PETRARCH2. A word also matches a token whose
lemma it is, when the parse gives lemmas (Universal-PETRARCH matches nouns by
lemma: "efforts" is an EFFORT). Of a verb's patterns, the one whose match uses
the most words wins (PETRARCH expands a synonym set into one pattern per
member, so "austrian gold florin" beats "florin"); then the more specific one,
then the dictionary's order.

``VerbPattern.code`` is ``None`` when the pattern means "no event in this
direction": a null-code exception to the block's default code, or a pattern
with only a reverse code (``code2``: the event with source and target swapped).
``code2`` is otherwise the paired code for the reverse direction (VISIT 042:043).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SLOTS = frozenset({"+", "$"})
WILDCARDS = frozenset({"^", "%"})
# Slots the caller binds to actors: the target, the source, a compound actor.
BOUND = frozenset({"+", "$", "%"})
# Words that may come between a pattern's preposition and its first word ("over the efforts").
_PP_SKIPPED = frozenset({"det", "det:poss", "nmod:poss"})


@dataclass(frozen=True)
class VerbPattern:
    verb: str
    code: str | None
    code2: str | None
    before: tuple
    after: tuple
    line: int
    text: str = ""
    before_phrases: tuple = ()
    after_phrases: tuple = ()

    @cached_property
    def needs(self) -> frozenset[str]:
        """Plain words the pattern cannot match without: a clause lacking one of
        them is skipped before any matching (most patterns of a verb fail so)."""
        return frozenset(e for e in (*self.before, *self.after) if isinstance(e, str) and e not in WILDCARDS
                         and e not in SLOTS and not e.endswith("*") and " " not in e)

    @property
    def specificity(self) -> int:
        """How many elements the pattern asks for (more: more specific)."""
        return len(self.before) + len(self.after)

    @cached_property
    def max_words(self) -> int:
        """The most words a match can use: PETRARCH expands a synonym set into one
        pattern per member, so a longer member makes a more specific pattern."""
        return sum(_most_words(e) for e in (*self.before, *self.after))

    @cached_property
    def units(self) -> tuple[tuple, tuple]:
        """The elements before and after the verb as match units (see ``match_side``)."""
        return _units(self.before, self.before_phrases), _units(self.after, self.after_phrases)


def _most_words(element) -> int:
    if isinstance(element, _Alternatives):
        return element.longest
    if isinstance(element, str):
        return 0 if element in WILDCARDS - BOUND else 1 if element in BOUND else element.count(" ") + 1
    return max((a.count(" ") + 1 for a in element), default=0)


def matches_element(element, word: str) -> bool:
    """Whether one pattern element matches ``word`` (a token, or a phrase of
    space-separated tokens for a multi-word alternative). Actor slots (``+``,
    ``$``) never match a word: the caller binds them to actors."""
    word = word.lower()
    if isinstance(element, str):
        if element in WILDCARDS:
            return True
        if element in SLOTS:
            return False
        if len(element) > 1 and element.endswith("*"):
            return word.startswith(element[:-1])
        return word == element
    return any(matches_element(alt, word) for alt in element)


def match_at(element, words: Sequence[str], i: int) -> int:
    """How many of ``words[i:]`` one element matches (0: no match). Tries the
    longest alternative first, so "armed forces" beats "forces"."""
    if i >= len(words):
        return 0
    alternatives = [element] if isinstance(element, str) else sorted(element, key=lambda a: -a.count(" "))
    for alt in alternatives:
        n = alt.count(" ") + 1
        if i + n <= len(words) and matches_element(alt, " ".join(words[i:i + n])):
            return n
    return 0


# ---------------------------------------------------------------------------
# Matching a pattern's words to a clause, phrase by phrase


@dataclass
class PatternMatch:
    """How one side of a pattern matched: what its slots bound (``{"+": (token,
    actor)}``, ``"%"``: (token, coordinated actors)), the phrases it
    matched (``("pp", the noun the preposition governs)``, ``("np", its head)``,
    ``("word", the noun a bare word matched)``, in pattern order) and how many
    words it used."""

    bound: dict[str, Any] = field(default_factory=dict)
    phrases: list[tuple[str, Any]] = field(default_factory=list)
    words: int = 0


def _units(elements: Sequence, spans: Sequence, lo: int = 0, hi: int | None = None) -> tuple:
    """Elements grouped by the dictionary's phrases: ("el", element), or
    ("np" | "pp", inner units) for a phrase."""
    hi = len(elements) if hi is None else hi
    out: list[tuple] = []
    i = lo
    while i < hi:
        # the outermost phrase starting here (spans are sorted by start, longest first)
        span = next((sp for sp in spans if sp[1] == i and sp[2] <= hi), None)
        if span is None:
            out.append(("el", _prepared(elements[i])))
            i += 1
        else:
            kind, start, end = span[0], span[1], span[2]
            out.append((kind, _units(elements, [sp for sp in spans if start <= sp[1] and sp[2] <= end
                                                and (sp[1], sp[2]) != (start, end)], start, end)))
            i = end
    return tuple(out)


def word_forms(token) -> set[str]:
    """What a pattern word may be to match ``token``: the word, and its lemma when the
    parse gives one (PETRARCH matches a noun by its lemma too: "efforts" is an EFFORT)."""
    return {token.text.lower(), *_lemmas(token)}


def _lemmas(token) -> frozenset[str]:
    """The token's lemma from the parse; for a noun of a parse without lemmas (dyad's own
    model has no lemmatizer), its possible singulars."""
    lemma = getattr(token, "lemma_", "")
    if lemma:
        return frozenset((lemma.lower(),))
    if getattr(token, "pos_", "") == "NOUN":
        return _singulars(token.text.lower())
    return frozenset()


@cache
def _singulars(word: str) -> frozenset[str]:
    """A plural noun's possible singulars: "efforts" effort, "parties" party, "taxes" tax."""
    out = set()
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        out.add(word[:-1])
        if word.endswith("ies"):
            out.add(word[:-3] + "y")
        elif word.endswith("es"):
            out.add(word[:-2])
    return frozenset(out)


class _Alternatives:
    """A tuple of alternatives prepared for matching: single words, phrases by their
    first word (longest first), prefixes ("curb*")."""

    __slots__ = ("singles", "phrases", "prefixes", "longest")

    def __init__(self, alternatives: Sequence[str]) -> None:
        singles: set[str] = set()
        phrases: dict[str, list[list[str]]] = {}
        prefixes: list[str] = []
        for alt in alternatives:
            if " " in alt:
                words = alt.split(" ")
                phrases.setdefault(words[0], []).append(words)
            elif len(alt) > 1 and alt.endswith("*"):
                prefixes.append(alt[:-1])
            else:
                singles.add(alt)
        for found in phrases.values():
            found.sort(key=len, reverse=True)
        self.singles = frozenset(singles)
        self.phrases = phrases
        self.prefixes = tuple(prefixes)
        self.longest = max((len(w) for found in phrases.values() for w in found), default=1)


# Prepared alternatives by the identity of their tuple (the lexicon shares one tuple per
# synonym set); the tuple is kept with them so that its identity stays its own.
_PREPARED: dict[int, tuple[tuple, _Alternatives]] = {}


def _prepared(element):
    if isinstance(element, str):
        return element
    known = _PREPARED.get(id(element))
    if known is None or known[0] is not element:
        known = _PREPARED[id(element)] = (element, _Alternatives(element))
    return known[1]


def _single(word: str, text: str, lemmas: frozenset[str]) -> bool:
    if word == text or word == "^":
        return True
    if len(word) > 1 and word.endswith("*"):
        return text.startswith(word[:-1])
    return word in lemmas


def _phrase_at(words: Sequence[str], tokens: Sequence, j: int) -> bool:
    n = len(words)
    return j + n <= len(tokens) and all(
        tokens[j + k].text.lower() == words[k] and (k == 0 or tokens[j + k].i == tokens[j + k - 1].i + 1)
        for k in range(n))


def _consume(element, tokens: Sequence, j: int) -> int:
    """How many tokens from ``tokens[j]`` a word element (a word, a phrase, or prepared
    alternatives) matches; a phrase's words must be consecutive in the sentence, the
    longest alternative wins. A single word matches a token that is it or has it as its
    lemma (when the parse gives lemmas)."""
    token = tokens[j]
    text = token.text.lower()
    lemmas = _lemmas(token)
    if isinstance(element, str):
        if " " in element:
            return element.count(" ") + 1 if _phrase_at(element.split(" "), tokens, j) else 0
        return 1 if _single(element, text, lemmas) else 0
    for words in element.phrases.get(text, ()):
        if _phrase_at(words, tokens, j):
            return len(words)
    if text in element.singles or not lemmas.isdisjoint(element.singles):
        return 1
    return 1 if any(text.startswith(p) for p in element.prefixes) else 0


Binder = Callable[[str, Any], Any]


def _match_element(element, tokens, j: int, bind: Binder):
    """(tokens used, words counted, binding) when ``element`` matches at ``j``, else None."""
    if isinstance(element, str) and element in BOUND:
        found = bind(element, tokens[j])
        return (1, 1, {element: (tokens[j], found)}) if found is not None else None
    n = _consume(element, tokens, j)
    if not n:
        return None
    return n, 0 if element == "^" else n, {}


def _match_unit(unit, tokens, pos: int, hi: int, bind: Binder, anchored: bool = False):
    """The earliest-ending match of one unit in ``tokens[pos:hi]`` as (end, PatternMatch),
    or None; ``anchored``: the unit must start at ``pos``."""
    kind, body = unit
    last = pos + 1 if anchored else hi
    if kind == "el":
        if body == "^" and not anchored:
            return pos, PatternMatch()  # "any other noun phrase": a gap, which words may fill anyway
        for j in range(pos, min(last, hi)):
            hit = _match_element(body, tokens, j, bind)
            if hit:
                return j + hit[0], PatternMatch(hit[2], [], hit[1])
        return None
    if kind == "np":
        return _match_np(body, tokens, pos, hi, bind, anchored)
    return _match_pp(body, tokens, pos, hi, bind, anchored)


def _match_np(units, tokens, pos: int, hi: int, bind: Binder, anchored: bool):
    *mods, head = [u[1] for u in units]
    for h in range(pos, pos + len(mods) * 4 + 1 if anchored else hi):
        hit = _match_element(head, tokens, h, bind) if h < hi else None
        if not hit:
            continue
        head_tok = tokens[h + hit[0] - 1]
        floor = pos
        while floor < h and tokens[floor].i < head_tok.left_edge.i:
            floor += 1  # the modifiers lie in the head's own phrase
        match = PatternMatch(dict(hit[2]), [("np", head_tok)], hit[1])
        boundary = h
        for k, mod in enumerate(reversed(mods)):
            if k == 0:
                # the modifier next to the head comes right before it ("economic relations")
                starts = range(boundary - 1, max(floor, boundary - _most_words(mod)) - 1, -1)
            else:
                starts = range(boundary - 1, floor - 1, -1)
            placed = None
            for s in starts:
                got = _match_element(mod, tokens, s, bind)
                if not got or s + got[0] > boundary:
                    continue
                if k == 0 and (s + got[0] != boundary or tokens[boundary - 1].i + 1 != tokens[boundary].i):
                    continue
                placed = (s, got)
                break
            if placed is None:
                break
            boundary = placed[0]
            match.bound.update(placed[1][2])
            match.words += placed[1][1]
        else:
            if not anchored or boundary == pos:
                return h + hit[0], match
    return None


def _match_pp(units, tokens, pos: int, hi: int, bind: Binder, anchored: bool):
    prep, *content = units
    for p in range(pos, pos + 1 if anchored else hi):
        hit = _match_unit(prep, tokens, p, hi, bind, anchored=True)
        if hit is None:
            continue
        end, match = hit
        marker = tokens[end - 1]
        noun = marker.head if marker.head.i > marker.i else None
        if not content:
            # "(TO)": a phrase the preposition introduces, not the "to" of an infinitive
            if marker.pos_ != "ADP" and marker.dep_ != "case":
                continue
            return end, PatternMatch(match.bound, [("pp", noun)] if noun is not None else [], match.words)
        limit = hi  # the phrase: the preposition's noun and what it holds
        if noun is not None:
            limit = end
            while limit < hi and tokens[limit].i <= noun.right_edge.i:
                limit += 1
        # its first word follows the preposition, an article or a possessive between at most
        start = end
        while start < limit and tokens[start].dep_ in _PP_SKIPPED and tokens[start].i == tokens[start - 1].i + 1:
            start += 1
        first_slot = content[0][0] == "el" and isinstance(content[0][1], str) and content[0][1] in BOUND
        if not first_slot and (start >= limit or tokens[start].i != tokens[start - 1].i + 1):
            continue
        out = PatternMatch(dict(match.bound), [], match.words)
        cursor, ok = start, True
        for n, unit in enumerate(content):
            # a slot binds an actor anywhere in the phrase ("(WITH +)": "with the leaders of X")
            slot = unit[0] == "el" and isinstance(unit[1], str) and unit[1] in BOUND
            got = _match_unit(unit, tokens, end if slot and n == 0 else cursor, limit, bind,
                              anchored=n == 0 and not slot)
            if got is None:
                ok = False
                break
            cursor = got[0]
            out.bound.update(got[1].bound)
            out.phrases += got[1].phrases
            out.words += got[1].words
        if ok:
            anchor = noun if noun is not None else tokens[start if start < len(tokens) else end - 1]
            out.phrases.insert(0, ("pp", anchor))
            return cursor, out
    return None


def match_side(units: tuple, tokens: Sequence, bind: Binder) -> PatternMatch | None:
    """Match one side of a pattern (``VerbPattern.units``) to ``tokens`` (spaCy
    tokens in sentence order: the clause after the verb, or the subject's phrase):
    its units in order, gaps allowed between them, each phrase by its own rules
    (see the module notes). ``bind(slot, token)`` gives what a slot binds there
    (an actor, or for "%" a list of coordinated actors), or None."""
    total = PatternMatch()
    pos = 0
    for unit in units:
        got = _match_unit(unit, tokens, pos, len(tokens), bind)
        if got is None:
            return None
        if unit[0] == "el" and got[0] > pos and not (isinstance(unit[1], str) and unit[1] in WILDCARDS | SLOTS):
            # a bare word is the head of a noun phrase (PETRARCH's format): "* ASYLUM" names
            # the phrase "foreign asylum in X"
            got[1].phrases.append(("word", tokens[got[0] - 1]))
        pos = got[0]
        for slot, value in got[1].bound.items():
            total.bound.setdefault(slot, value)
        total.phrases += got[1].phrases
        total.words += got[1].words
    return total


class VerbLexicon:
    """Verb blocks of the CAMEO dictionary, indexed by surface form."""

    def __init__(self, data: dict, version: str = "") -> None:
        self.version = version
        self._forms: dict[str, list[str]] = {}
        self._codes: dict[str, tuple[str | None, str | None]] = {}
        self._form_codes: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self._patterns: dict[str, list[VerbPattern]] = {}
        self._block_forms: dict[str, tuple[str, ...]] = {}
        alternatives: dict[int, tuple] = {}  # synonym sets are shared YAML anchors: convert each once

        def element(e):
            if isinstance(e, list):
                key = id(e)
                if key not in alternatives:
                    alternatives[key] = tuple(e)
                return alternatives[key]
            return e

        for verb, block in data.items():
            self._codes[verb] = (block.get("code"), block.get("code2"))
            forms = tuple(block.get("forms") or ())
            self._block_forms[verb] = forms
            for form in forms:
                heads = self._forms.setdefault(form, [])
                if verb not in heads:
                    heads.append(verb)
            for member in block.get("member_codes") or ():
                for form in member["forms"]:
                    self._form_codes.setdefault((verb, form), (member.get("code"), member.get("code2")))
            patterns = [
                VerbPattern(verb, p.get("code"), p.get("code2"), tuple(element(e) for e in p.get("before") or ()),
                            tuple(element(e) for e in p.get("after") or ()), p["line"], p.get("text", ""),
                            tuple(tuple(sp) for sp in p.get("before_phrases") or ()),
                            tuple(tuple(sp) for sp in p.get("after_phrases") or ()))
                for p in block.get("patterns") or ()
            ]
            patterns.sort(key=lambda p: (-p.specificity, p.line))
            self._patterns[verb] = patterns

    @classmethod
    @cache
    def load(cls) -> VerbLexicon:
        """The shipped dictionary, read once per process."""
        base = resources.files("dyad").joinpath("data", "cameo")
        raw = base.joinpath("verbs.yaml").read_bytes()
        extra_raw = base.joinpath("verbs_dyad.yaml").read_bytes()
        data = yaml.load(raw, Loader=_Loader)
        added: dict = {}
        for verb, block in (yaml.load(extra_raw, Loader=_Loader) or {}).items():
            # dyad's own additions: extend a CAMEO block (its patterns first) or add one.
            ours = [{**p, "line": 100000 + p["line"]} for p in block.get("patterns") or ()]
            if verb in data:
                known = data[verb]
                known["forms"] = list(dict.fromkeys([*(known.get("forms") or ()), *(block.get("forms") or ())]))
                known["patterns"] = ours + list(known.get("patterns") or ())
            else:
                added[verb] = {**block, "patterns": ours}
        # dyad's new blocks come first, so that "ratified" is RATIFY before CAMEO's ALLOW.
        data = {**added, **data}
        return cls(data, version=hashlib.sha256(raw + extra_raw).hexdigest()[:12])

    @property
    def verbs(self) -> list[str]:
        """The head verbs (block names), in dictionary order."""
        return list(self._codes)

    def verbs_for(self, word: str) -> list[str]:
        """Head verbs whose forms include ``word`` ("met" -> ["MEET_PEOPLE"]);
        multi-word verbs are keyed by their words joined by spaces ("met with")."""
        return list(self._forms.get(word.lower(), ()))

    def forms(self, verb: str) -> tuple[str, ...]:
        return self._block_forms.get(verb, ())

    def patterns(self, verb: str) -> list[VerbPattern]:
        """The verb's patterns, most specific (longest) first, then in dictionary order."""
        return list(self._patterns.get(verb, ()))

    def default_code(self, verb: str, word: str | None = None) -> str | None:
        """The code of the verb on its own (no pattern matched): the block's, or,
        given the surface ``word``, that member verb's own code where it has one
        ("grilled" in ASK -> "110"). None: the verb alone codes no event."""
        return self.default_codes(verb, word)[0]

    def default_codes(self, verb: str, word: str | None = None) -> tuple[str | None, str | None]:
        """(code, code2) of the verb on its own; code2 is the reverse-direction code."""
        if word is not None:
            found = self._form_codes.get((verb, word.lower()))
            if found is not None:
                return found
        return self._codes.get(verb, (None, None))
