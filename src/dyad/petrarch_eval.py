"""Score dyad's event coder on PETRARCH-style validation records.

A validation file (``PETR_Validate_records_2_02.xml`` of Universal-PETRARCH,
or one in the same format) holds ``<Sentence>`` records, each with a text, a
CoNLL-U dependency parse of it, and the events PETRARCH should code from it:

    <Sentence category="DEMO" date="19950101" id="DEMO-01" evaluate="true">
    <EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
    <Text> Arnor is about to restore full diplomatic ties with Gondor ... </Text>
    <Parse> 1<TAB>Arnor<TAB>Arnor<TAB>PROPN<TAB>NNP<TAB>_<TAB>3<TAB>nsubj ... </Parse>
    </Sentence>

``<EventCoding noevents="True"/>`` and ``<EventCoding error="..."/>`` mean
that no event should be coded. Records marked ``evaluate="false"`` are left
out (and counted). The file is not well-formed XML (its header comment nests
another comment, and ``<PLEvent {json}>`` lines are not tags), so it is read
with a tolerant scanner: comments dropped, then each ``<Sentence>`` block read
on its own.

How a record is coded
---------------------
Actors come from the validation suite's own dictionaries, not from dyad's
registry: the records are about invented states (Arnor, Gondor, Mordor) whose
codes only those dictionaries know, and every code the records expect is a
code of ``PETR_Validate_actors_2_02.txt``, optionally followed by agent codes
of ``PETR_Validate_agents_2_02.txt`` (ARN, ARNGOV, IGOCOPITP, ...). dyad's
shipped actors are left out by default: they only add codes the records never
expect, and their states clash with the suite's own codes ("Egypt" is UAR,
"Japan" JAP, "Indonesia" INS there). ``with_dyad_states=True`` adds dyad's
states under the suite's actors. dyad's offices are left out too (the suite's
states have no office holders, and an office title would stop the resolver
before it tries the suite's agent nouns: "Arnor President" is ARNGOV by the
agents file), and the agents file replaces dyad's sector nouns.

Reading the dictionaries (``dyad.actors.phoenix.import_dictionary``), with
three adjustments so that they mean here what they mean to PETRARCH:

- a state entry gets its code as its registry id, as dyad's shipped states do
  (the resolver builds a sector actor's code as state id + agent code:
  "Gondor's government" -> GONGOV);
- a person entry with a one-word name ("GOLLUM", +SMEAGOL) becomes a group:
  dyad's gazetteer does not match one-word names of imported people, but the
  suite's dictionary is closed-world and wants them matched;
- agent nouns get their regular plurals ("lawmakers", "congresses"), which
  PETRARCH forms itself from every agents-file noun; agent codes written as a
  prefix (``[NGO~]``) keep the tilde (sector code ``NGO~``), and dyad's
  resolver puts them before the actor's code ("MSF Arnor" -> NGOARN).

Verbs come from the suite's own verbs file (``PETR_Validate_verbs_2_02.txt``,
a PETRARCH dictionary in CAMEO 2.0 format, read by ``dyad.events.verbdict`` as
the build reads CAMEO 2.0) when it is beside the records, as PETRARCH's own
figures were measured with it: the records test that file's codes, which often
differ from CAMEO 2.0 ("welcome" is 050 there, 051 in CAMEO 2.0; 1951, 1952
and 915 are test codes). ``verbs="dyad"`` scores with dyad's shipped CAMEO 2.0
lexicon instead -- how far dyad's own coding agrees with the records.
Discards (``PETR_Validate_discards_2_02.txt``, when present) are applied as
PETRARCH applies them: a record whose text contains a discard phrase is not
coded. ``<Config>`` options (``require_dyad``, comma limits) are ignored.

Parses: ``parse="own"`` parses the text with dyad's parser; ``parse="given"``
builds a spaCy ``Doc`` from the record's CoNLL-U parse (words aligned to the
text for their spacing; UD v1 labels converted to the UD v2 labels dyad's
parser and coder use: dobj -> obj, nmod on a predicate -> obl, nsubjpass ->
nsubj:pass, auxpass -> aux:pass, neg -> advmod, name -> flat, mwe -> fixed,
nmod:tmod/npmod -> obl:unmarked / nmod:unmarked, CONJ -> CCONJ, copulas and
auxiliaries tagged VERB -> AUX). A parse that cannot be built (the suite's
deliberately broken ``bad_input_parse`` records) codes nothing and is counted.

Scoring
-------
An event dyad finds is the triple (source code, target code, CAMEO code),
the source and target codes being the mentions' CAMEO codes at the record's
date (``"NAME IN CAPITALS"`` in quotes, PETRARCH's form, for an actor with no
code). Found triples are unique per record.

Negated events are scored as PETRARCH represents them. dyad keeps a negated
event's code and marks it ``polarity: negated``; PETRARCH codes the negation
itself, by its internal coding ontology (PICO, ``dyad.petrarch_pico``): the
ontology file beside the records (``PETR_Validate_Internal_Coding_Ontology_1_01.txt``,
or the ``<PICOfile>`` the records' ``<Environment>`` names) writes some codes
as the negation of others (110 is 0xFFFF + 050's value: "not cooperate"), so a
negated 110 ("didn't clash over ...") is 050 there and a negated 170 ("will not
wire tap") 057. PETRARCH reads a verb's negation in its own phrase, so this
holds for an event whose verb (or noun) carries the negation itself; one dyad
marks negated because a clause above it is ("won't try to clash over ...") is
coded as stated, as the records have it. A negated event's code becomes its
PICO complement where the file defines one, and stays as it is where it defines none ("Neither Galadriel
nor Gollum boycotted ..." is 163 in the records too); a complement that is the
null code (a negated 120) is no event. The summary counts the events converted
(``negations_converted``) and those dropped so (``negations_dropped``); each
event in the per-record results keeps dyad's code beside the one scored.
Without an ontology file negated events count with their own codes.

- exact: an expected triple is found when a found triple has the same source
  code, target code and event code (an expected code written ``A/B/C`` —
  "FRO/BIL/SAM" — accepts any of its alternatives). Each found triple is used
  for one expected triple at most; ``recall`` = found expected / expected.
  A found triple that matches no expected one is an extra event;
  ``extra_rate`` = records with at least one extra event / records.
- root: the same with codes cut to their roots — actor codes to their first
  three letters (the country or organisation), event codes to their first two
  digits (the CAMEO root). Reported beside the exact numbers.
- pair: exact source and target codes, any event code — how far the actors
  and the structure are right whatever the verb dictionary says; useful
  with ``verbs="dyad"``, whose CAMEO 2.0 codes often differ from the records'.

The file's own figures for Universal-PETRARCH (85.6% of expected events,
extra events on 14.8% of records, from the anchors' PROVENANCE.md) were
measured with the suite's verbs file as well as its actors and agents.
"""

from __future__ import annotations

import copy
import html
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .actors.gazetteer import Gazetteer
from .actors.phoenix import import_dictionary
from .actors.pipeline import ActorModel, annotate
from .actors.registry import Registry, is_full_name, shipped_registry
from .errors import InputError, UsageError
from .petrarch_pico import NULL, read_pico

Triple = tuple[str, str, str]  # (source code, target code, CAMEO event code)

MODES = ("own", "given")
ACTORS_FILE = "PETR_Validate_actors_2_02.txt"
AGENTS_FILE = "PETR_Validate_agents_2_02.txt"
DISCARDS_FILE = "PETR_Validate_discards_2_02.txt"
VERBS_FILE = "PETR_Validate_verbs_2_02.txt"
PICO_FILE = "PETR_Validate_Internal_Coding_Ontology_1_01.txt"

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence\s*>", re.S)
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*\"([^\"]*)\"")
_EVENT_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_CONFIG = re.compile(r"<Config\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text\s*>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse\s*>", re.S)
_PICO_NAME = re.compile(r"<PICOfile>\s*([^<]+?)\s*</PICOfile\s*>")


# -- records -----------------------------------------------------------------


class Word(NamedTuple):
    """One CoNLL-U line of a record's parse."""

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str


@dataclass
class Record:
    id: str
    category: str
    date: str | None  # ISO (1995-01-01), from the record's YYYYMMDD
    text: str  # whitespace normalised: the file wraps sentences over lines
    words: list[Word]
    expected: list[Triple]
    no_events: bool = False
    error: str | None = None  # ERROR records: what PETRARCH should report instead of events
    config: dict[str, str] = field(default_factory=dict)
    parse_problem: str | None = None  # why the CoNLL-U could not be read, if it could not


class Records(list):
    """The records to evaluate, with the number of ``evaluate="false"`` ones left out."""

    skipped: int = 0


def _attrs(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(text)}


def _iso(date: str | None) -> str | None:
    if date and re.fullmatch(r"\d{8}", date.strip()):
        d = date.strip()
        return f"{d[:4]}-{d[4:6]}-{d[6:]}"
    return None


def _read_conllu(text: str) -> tuple[list[Word], str | None]:
    words: list[Word] = []
    for number, line in enumerate(text.strip("\n").split("\n"), 1):
        line = line.strip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 8:
            return words, f"parse line {number}: {len(cols)} columns, expected 10"
        if not cols[0].isdigit():
            continue  # multi-word token ranges (1-2) and empty nodes (1.1)
        try:
            head = int(cols[6])
        except ValueError:
            return words, f"parse line {number}: head {cols[6]!r} is not a number"
        words.append(Word(int(cols[0]), cols[1], cols[2], cols[3], cols[4], cols[5], head, cols[7]))
    if not words:
        return words, "empty parse"
    for i, w in enumerate(words, 1):
        if w.id != i:
            return words, f"parse word {i} is numbered {w.id}"
        if not 0 <= w.head <= len(words):
            return words, f"parse word {i} has head {w.head}, outside the sentence"
    return words, None


def load_records(path: str | Path) -> Records:
    """The records of a PETRARCH validation file to evaluate (``evaluate="false"``
    ones left out and counted in ``.skipped``)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from err
    records = Records()
    for match in _SENTENCE.finditer(_COMMENT.sub("", raw)):
        attrs = _attrs(match.group(1))
        body = match.group(2)
        if attrs.get("evaluate", "true").strip().lower() == "false":
            records.skipped += 1
            continue
        expected: list[Triple] = []
        no_events, error = False, None
        for coding in (_attrs(m) for m in _EVENT_CODING.findall(body)):
            if coding.get("eventcode"):
                expected.append((coding.get("sourcecode", "").strip().upper(),
                                 coding.get("targetcode", "").strip().upper(), coding["eventcode"].strip()))
            elif coding.get("noevents", "").lower() == "true":
                no_events = True
            elif coding.get("error"):
                error = coding["error"]
        text_m, parse_m = _TEXT.search(body), _PARSE.search(body)
        words, problem = _read_conllu(html.unescape(parse_m.group(1))) if parse_m else ([], "no <Parse>")
        records.append(Record(
            id=attrs.get("id", f"record-{len(records) + 1}"), category=attrs.get("category", ""),
            date=_iso(attrs.get("date")),
            text=" ".join(html.unescape(text_m.group(1)).split()) if text_m else "",
            words=words, expected=expected, no_events=no_events, error=error,
            config={c.get("option", ""): c.get("value", "") for c in map(_attrs, _CONFIG.findall(body))},
            parse_problem=problem,
        ))
    if not records and not records.skipped:
        raise InputError(f"{path}: no <Sentence> records found (is it a PETRARCH validation file?)")
    return records


# -- actors --------------------------------------------------------------------


def _plural(noun: str) -> str:
    """The regular plural PETRARCH forms for an agents-file noun (its last word)."""
    head, _, last = noun.rpartition(" ")
    if re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _listed_plurals(path: str | Path) -> set[str]:
    """Agents-file nouns whose line lists its plurals in braces (``POLICE {}``,
    ``GOLDEN_GOOSE {GOLDEN_GEESE}``): PETRARCH forms no regular plural for them."""
    nouns = set()
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0]
        if "{" in body and "!" not in body.split("{", 1)[0]:
            noun = body.split("{", 1)[0].strip().rstrip("_").replace("_", " ").lower()
            nouns.add(" ".join(noun.split()))
    return nouns


def validation_registry(actors_file: str | Path | None, agents_file: str | Path | None = None,
                        *, with_dyad_states: bool = False) -> Registry:
    """A registry of a validation suite's actors and agent nouns (see the module notes)."""
    reg = Registry()
    if with_dyad_states:
        for state in shipped_registry().states():
            reg.actors[state.id] = copy.deepcopy(state)
    if actors_file is not None:
        for entry in import_dictionary(actors_file).entries:
            entry = dict(entry)
            if entry["type"] == "state" and entry.get("code"):
                entry["id"] = entry["code"]
            elif entry["type"] == "person" and not is_full_name(entry["name"]):
                entry["type"] = "group"
            reg.add_entry(entry, entry.get("source", str(actors_file)), default_type=entry["type"])
    if agents_file is not None:
        sectors = []
        fixed = _listed_plurals(agents_file)
        for sector in import_dictionary(agents_file).sectors:
            # a prefix code ([NGO~]) keeps its tilde: the resolver puts it before the actor's code
            code = f"{sector['code']}~" if sector.get("prefix") else sector["code"]
            plurals = [_plural(n) for n in sector["nouns"] if n not in fixed]
            nouns = list(dict.fromkeys([*sector["nouns"], *plurals]))
            sectors.append({"code": code, "name": code, "nouns": nouns})
        reg.add_document({"sectors": sectors}, str(agents_file))
    return reg


def read_discards(path: str | Path) -> list[str]:
    """Discard phrases of a PETRARCH discards file (story-level ``+`` ones too), lower case."""
    phrases = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip().lstrip("+").strip()
        if body:
            phrases.append(" ".join(body.replace("_", " ").lower().split()))
    return phrases


def _discarded(text: str, phrases: Iterable[str]) -> str | None:
    low = " ".join(text.lower().split())
    return next((p for p in phrases if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", low)), None)


# -- parses ------------------------------------------------------------------

_UD1 = {"dobj": "obj", "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "auxpass": "aux:pass",
        "name": "flat", "mwe": "fixed", "root": "ROOT", "nmod:agent": "obl:agent"}
_PREDICATES = {"VERB", "ADJ", "ADV", "AUX"}


def _ud2(words: list[Word]) -> tuple[list[str], list[str]]:
    """UD v2 dependency labels and UPOS tags for a UD v1 (or mixed) parse."""
    deps, tags = [], []
    for w in words:
        head_pos = words[w.head - 1].upos if w.head else "ROOT"
        dep = _UD1.get(w.deprel, w.deprel)
        if dep == "neg":
            dep = "det" if w.form.lower() == "no" else "advmod"
        elif dep == "nmod" and head_pos in _PREDICATES:
            dep = "obl"
        elif dep in ("nmod:tmod", "nmod:npmod", "obl:tmod", "obl:npmod"):
            dep = "obl:unmarked" if head_pos in _PREDICATES else "nmod:unmarked"
        pos = {"CONJ": "CCONJ"}.get(w.upos, w.upos)
        if pos == "VERB" and dep in ("cop", "aux", "aux:pass"):
            pos = "AUX"
        deps.append(dep)
        tags.append(pos)
    return deps, tags


_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": '"', "''": '"'}
_SAME_CHAR = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"'})


def _align(forms: list[str], text: str) -> tuple[list[str], list[bool], bool]:
    """Each word as written in ``text`` (PTB brackets and curly quotes read as
    the text has them), whether a space follows it, and whether every word was
    found in order."""
    out, spaces, pos, aligned = [], [], 0, True
    for form in forms:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        for want in dict.fromkeys((form.translate(_SAME_CHAR), _PTB.get(form, form).translate(_SAME_CHAR))):
            if text[pos:pos + len(want)].translate(_SAME_CHAR) == want:
                out.append(text[pos:pos + len(want)])
                pos += len(want)
                spaces.append(pos >= len(text) or text[pos].isspace())
                break
        else:
            aligned = False
            out.append(form)
            found = text.find(form, pos, pos + len(form) + 20)
            if found >= 0:
                pos = found + len(form)
                spaces.append(pos >= len(text) or text[pos].isspace())
            else:
                spaces.append(True)
    if spaces:
        spaces[-1] = False
    return out, spaces, aligned


def doc_from_conllu(words: list[Word], text: str, vocab) -> tuple[Any, bool]:
    """A parsed spaCy Doc from CoNLL-U words, spaced as in ``text``; and whether
    the words align with ``text`` (then ``doc.text == text``)."""
    from spacy.tokens import Doc

    forms, spaces, aligned = _align([w.form for w in words], text)
    deps, pos = _ud2(words)
    heads = [w.head - 1 if w.head else i for i, w in enumerate(words)]
    doc = Doc(vocab, words=forms, spaces=spaces, heads=heads, deps=deps, pos=pos,
              tags=[w.xpos if w.xpos != "_" else p for w, p in zip(words, pos, strict=True)],
              lemmas=[w.lemma if w.lemma != "_" else w.form for w in words])
    return doc, aligned and doc.text == text


# -- scoring -----------------------------------------------------------------


@dataclass
class RecordResult:
    id: str
    category: str
    text: str
    expected: list[Triple]
    found: list[Triple]
    matched: int
    extra: int
    matched_root: int = 0
    extra_root: int = 0
    matched_pair: int = 0  # source and target codes right, any event code
    missed: list[Triple] = field(default_factory=list)
    extras: list[Triple] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # what dyad found, with its rule and trigger
    mentions: list[dict[str, Any]] = field(default_factory=list)  # text, code, form of each actor mention
    note: str | None = None  # discarded, unparsable parse, words not aligned to the text


@dataclass
class PetrarchReport:
    records: int
    expected_events: int
    found_expected: int
    records_with_extra: int
    mode: str
    results: list[RecordResult]
    skipped: int = 0
    verbs: str = "dyad"  # the verb dictionary used: "dyad" (shipped CAMEO 2.0 lexicon) or a file's path
    found_events: int = 0
    found_expected_root: int = 0
    records_with_extra_root: int = 0
    found_expected_pair: int = 0
    parse_failures: int = 0
    discarded: int = 0
    negations_converted: int = 0  # negated events scored with their PICO complement
    negations_dropped: int = 0  # negated events whose complement is the null code
    pico: str | None = None  # the ontology file used, if any
    seconds: float = 0.0

    def recall(self) -> float:
        return self.found_expected / self.expected_events if self.expected_events else 0.0

    def extra_rate(self) -> float:
        return self.records_with_extra / self.records if self.records else 0.0

    def recall_root(self) -> float:
        return self.found_expected_root / self.expected_events if self.expected_events else 0.0

    def extra_rate_root(self) -> float:
        return self.records_with_extra_root / self.records if self.records else 0.0

    def by_category(self) -> dict[str, dict[str, Any]]:
        table: dict[str, dict[str, Any]] = {}
        for r in self.results:
            row = table.setdefault(r.category, {"records": 0, "expected": 0, "found_expected": 0,
                                                "records_with_extra": 0})
            row["records"] += 1
            row["expected"] += len(r.expected)
            row["found_expected"] += r.matched
            row["records_with_extra"] += r.extra > 0
        return dict(sorted(table.items()))

    def summary(self) -> dict[str, Any]:
        return {
            "mode": self.mode, "verbs": self.verbs, "records": self.records, "skipped": self.skipped,
            "expected_events": self.expected_events, "found_expected": self.found_expected,
            "recall": round(self.recall(), 4), "found_events": self.found_events,
            "records_with_extra": self.records_with_extra, "extra_rate": round(self.extra_rate(), 4),
            "found_expected_root": self.found_expected_root, "recall_root": round(self.recall_root(), 4),
            "records_with_extra_root": self.records_with_extra_root,
            "extra_rate_root": round(self.extra_rate_root(), 4),
            "found_expected_pair": self.found_expected_pair,
            "recall_pair": round(self.found_expected_pair / self.expected_events, 4) if self.expected_events else 0.0,
            "parse_failures": self.parse_failures, "discarded": self.discarded,
            "pico": self.pico, "negations_converted": self.negations_converted,
            "negations_dropped": self.negations_dropped,
            "seconds": round(self.seconds, 2),
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary(), "by_category": self.by_category(),
                "results": [asdict(r) for r in self.results]}


def _alternatives(code: str) -> set[str]:
    return {c.strip() for c in code.split("/") if c.strip()} or {code}


def _actor_match(expected: str, found: str) -> bool:
    return found in _alternatives(expected)


def _actor_root(code: str) -> str:
    return code if code.startswith('"') else code[:3]


def _root_match(expected: str, found: str) -> bool:
    return _actor_root(found) in {_actor_root(c) for c in _alternatives(expected)}


def match_events(expected: list[Triple], found: list[Triple], *,
                 level: str = "exact") -> tuple[int, list[Triple], list[Triple]]:
    """How many expected triples the found ones match (each found triple used
    once), the expected triples missed, and the found triples left over.
    ``level``: "exact" codes, "root" codes (actor roots, event roots), or
    "pair" (exact actor codes, any event code)."""
    same: Callable[[str, str], bool] = _root_match if level == "root" else _actor_match

    def event_ok(exp: str, got: str) -> bool:
        return level == "pair" or (got[:2] == exp[:2] if level == "root" else got == exp)

    left = list(found)
    missed = []
    for exp in expected:
        hit = next((f for f in left if same(exp[0], f[0]) and same(exp[1], f[1]) and event_ok(exp[2], f[2])),
                   None)
        if hit is None:
            missed.append(exp)
        else:
            left.remove(hit)
    return len(expected) - len(missed), missed, left


def diagnose(result: RecordResult) -> list[tuple[Triple, str]]:
    """A likely cause for each expected event a record missed:

    - ``actor not found`` — no mention has the code or its root (source or target);
    - ``agent not attached`` — a mention has the root (ARN) but not the code (ARNGOV);
    - ``wrong event code`` / ``wrong event root`` — an event between the right
      actors in that direction, coded differently (another CAMEO code of the
      same root / another root);
    - ``reversed`` — the event was found with source and target swapped;
    - ``no event`` — both actors were found, but no event between them.
    """
    codes = {str(m.get("code") or "").upper() for m in result.mentions}
    roots = {_actor_root(c) for c in codes if c}
    causes = []
    for exp in result.missed:
        sides = [exp[0], exp[1]]
        if any(not (_alternatives(s) & codes) and not {_actor_root(a) for a in _alternatives(s)} & roots
               for s in sides):
            cause = "actor not found"
        elif any(not (_alternatives(s) & codes) for s in sides):
            cause = "agent not attached"
        else:
            same = [f for f in result.found if _actor_match(exp[0], f[0]) and _actor_match(exp[1], f[1])]
            if same:
                cause = "wrong event code" if any(f[2][:2] == exp[2][:2] for f in same) else "wrong event root"
            elif any(_actor_match(exp[0], f[1]) and _actor_match(exp[1], f[0]) for f in result.found):
                cause = "reversed"
            else:
                cause = "no event"
        causes.append((exp, cause))
    return causes


# -- coding ------------------------------------------------------------------


def _negated_itself(doc, event) -> bool:
    """Whether the event's own verb (or noun) carries the negation ("didn't clash"), as
    PETRARCH reads it, rather than a clause above it ("won't try to clash": PETRARCH
    codes the clash as stated)."""
    from .events.coder import cues

    negators = cues().negators
    return any(c.lower_ in negators for c in doc[event.trigger].children)


def _pico_name(records: Path) -> str:
    """The ontology file the records' <Environment> names, else the suite's usual one."""
    try:
        head = records.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return PICO_FILE
    m = _PICO_NAME.search(_COMMENT.sub("", head))
    return Path(m.group(1)).name if m else PICO_FILE


def _code(mention: dict[str, Any]) -> str:
    code = mention.get("code")
    return str(code).upper() if code else f'"{" ".join(str(mention.get("text", "")).upper().split())}"'


def _code_record(doc, text: str, date: str | None, model: ActorModel, lexicon) -> tuple[list, list]:
    from .events.coder import code_sentence

    mentions, actors = annotate(text, [(0, len(text))], date, model)
    subtypes = {a["id"]: a.get("subtype") for a in actors}
    mentions = [{**m, "subtype": subtypes.get(m["actor"])} for m in mentions]
    return code_sentence(doc, 0, mentions, lexicon, {}, None), mentions


def evaluate_petrarch(path: str | Path, *, parse: str = "own", actors_file: str | Path | None = None,
                      agents_file: str | Path | None = None, discards_file: str | Path | None = None,
                      verbs: str | Path | None = None, with_dyad_states: bool = False, limit: int | None = None,
                      lexicon=None, pico_file: str | Path | None = None,
                      on_record: Callable[[RecordResult], None] | None = None) -> PetrarchReport:
    """Code every record of a PETRARCH validation file and score it (see the module notes).

    ``parse`` is ``"own"`` (dyad's parser) or ``"given"`` (the record's CoNLL-U).
    The dictionaries default to the suite's files beside ``path`` when present
    (``verbs="dyad"``: dyad's shipped CAMEO 2.0 verb lexicon, also used when the
    suite has no verbs file; ``pico_file``: the coding ontology negated events are
    scored by, by default the one the records name, beside them); ``limit`` codes
    only the first records (for quick checks); ``lexicon`` (a ``VerbLexicon``)
    replaces any verb dictionary."""
    if parse not in MODES:
        raise UsageError(f"parse must be one of {', '.join(MODES)}, not {parse!r}")
    started = time.perf_counter()
    path = Path(path)
    records = load_records(path)
    skipped = records.skipped
    if limit is not None:
        records = records[:limit]

    def beside(given, name):
        if given is not None:
            if not Path(given).is_file():
                raise InputError(f"{given}: no such dictionary file")
            return Path(given)
        return path.parent / name if (path.parent / name).exists() else None

    registry = validation_registry(beside(actors_file, ACTORS_FILE), beside(agents_file, AGENTS_FILE),
                                   with_dyad_states=with_dyad_states)
    model = ActorModel(registry, Gazetteer(registry))
    discards_path = beside(discards_file, DISCARDS_FILE)
    discards = read_discards(discards_path) if discards_path else []
    pico_path = beside(pico_file, _pico_name(path))
    pico = read_pico(pico_path) if pico_path else None
    converted = dropped = 0

    from .events.parse import parse as parse_texts
    from .events.parse import parser
    from .events.verbs import VerbLexicon

    verbs_used = "dyad"
    if lexicon is None:
        verbs_path = None if str(verbs) == "dyad" else beside(verbs, VERBS_FILE)
        if verbs_path is not None:
            from .events.verbdict import load_lexicon

            lexicon, verbs_used = load_lexicon(verbs_path), str(verbs_path)
        else:
            lexicon = VerbLexicon.load()
    else:
        verbs_used = "given lexicon"
    docs: dict[int, Any] = {}
    notes: dict[int, str] = {}
    for i, rec in enumerate(records):
        hit = _discarded(rec.text, discards)
        if hit:
            notes[i] = f"discarded: {hit!r}"
    todo = [i for i in range(len(records)) if i not in notes]
    if parse == "own":
        docs = dict(zip(todo, parse_texts([records[i].text for i in todo]), strict=True))
    else:
        vocab = parser().vocab
        for i in todo:
            rec = records[i]
            if rec.parse_problem:
                notes[i] = f"parse not usable: {rec.parse_problem}"
                continue
            try:
                docs[i], aligned = doc_from_conllu(rec.words, rec.text, vocab)
            except (ValueError, IndexError) as err:  # spaCy rejects heads that make no tree
                notes[i] = f"parse not usable: {err}"
                continue
            if not aligned:
                notes[i] = "parse words do not match the text; coded on the parse's words"

    results = []
    for i, rec in enumerate(records):
        found: list[Triple] = []
        events: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []
        if i in docs:
            doc = docs[i]
            coded, mentions = _code_record(doc, doc.text, rec.date, model, lexicon)
            for ev in coded:
                if ev.target is None:
                    continue
                code = ev.code
                if ev.polarity == "negated" and pico is not None and _negated_itself(doc, ev):
                    code = pico.negated(ev.code)  # PETRARCH codes the negation itself
                    converted += code != ev.code and code != NULL
                    dropped += code == NULL
                events.append({"source": _code(ev.source), "target": _code(ev.target), "code": code,
                               "dyad_code": ev.code, "trigger": ev.trigger_text, "rule": ev.pattern,
                               "polarity": ev.polarity, "modality": ev.modality})
                triple = (_code(ev.source), _code(ev.target), code)
                if code != NULL and triple not in found:
                    found.append(triple)
        matched, missed, extras = match_events(rec.expected, found)
        matched_root, _, extras_root = match_events(rec.expected, found, level="root")
        matched_pair = match_events(rec.expected, found, level="pair")[0]
        result = RecordResult(
            id=rec.id, category=rec.category, text=rec.text, expected=list(rec.expected), found=found,
            matched=matched, extra=len(extras), matched_root=matched_root, extra_root=len(extras_root),
            matched_pair=matched_pair, missed=missed, extras=extras, events=events,
            mentions=[{"text": m["text"], "code": m.get("code"), "form": m.get("form"), "method": m.get("method")}
                      for m in mentions],
            note=notes.get(i),
        )
        results.append(result)
        if on_record:
            on_record(result)

    notes_seen = Counter(n.split(":")[0] for n in notes.values())
    return PetrarchReport(
        records=len(results), expected_events=sum(len(r.expected) for r in results),
        found_expected=sum(r.matched for r in results), records_with_extra=sum(r.extra > 0 for r in results),
        mode=parse, results=results, skipped=skipped, verbs=verbs_used, found_events=sum(len(r.found) for r in results),
        found_expected_root=sum(r.matched_root for r in results),
        records_with_extra_root=sum(r.extra_root > 0 for r in results),
        found_expected_pair=sum(r.matched_pair for r in results),
        parse_failures=notes_seen.get("parse not usable", 0), discarded=notes_seen.get("discarded", 0),
        negations_converted=converted, negations_dropped=dropped, pico=str(pico_path) if pico_path else None,
        seconds=time.perf_counter() - started,
    )
