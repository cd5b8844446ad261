"""Events as a stage of the flow: pick the sentences that can hold an event,
parse them, code them, date them, and store the result."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .. import __version__
from ..actors.registry import shipped_registry
from ..datafiles import load_yaml
from ..dates import MAX_YEAR, MIN_YEAR, PartialDate, stored_date
from ..store import Store
from .codebook import describe
from .coder import _AGREEMENTS, SentenceEvent, code_sentence, nominals
from .parse import model_path, parse
from .timex import TimeMention, find_times
from .verbs import VerbLexicon

STAGE = "events"
# Dependents that start another clause: their time phrases date other events.
_OTHER_CLAUSES = {"conj", "parataxis", "advcl", "ccomp", "acl:relcl", "list"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


_DATA_FILES = ("cameo/verbs.yaml", "cameo/verbs_dyad.yaml", "cameo/nominal.yaml", "cameo/reference.yaml",
               "cameo/codes.yaml", "modality.yaml", "timex.yaml")
# Auxiliaries a simple past can have: "was signed", "were meeting", "did not reply".
_PAST_AUX = {"was", "were", "did"}
# Dependents through which a verb is a participle or an infinitive, not a finite past.
_NONFINITE = {"acl", "amod", "xcomp"}
_QUOTES = str.maketrans("\u201c\u201d", '""')
_YEAR = re.compile(r"(?:19|20)\d\d")
# How far back from the article's date the news it tells can lie: a weekday names a day of
# the week before it; a time further back is background, not the story's own time.
NEWS_WINDOW = dt.timedelta(days=7)


@dataclass
class EventModel:
    lexicon: VerbLexicon
    data_version: str

    @property
    def version(self) -> str:
        # Events are stale when dyad, its patterns, its cue words or its parser change.
        return f"{__version__}+{self.data_version}"


def load_model() -> EventModel:
    digest = hashlib.sha256()
    base = resources.files("dyad").joinpath("data")
    for name in _DATA_FILES:
        digest.update(base.joinpath(name).read_bytes())
    meta = model_path() / "meta.json"
    if meta.exists():
        digest.update(meta.read_bytes())
    return EventModel(VerbLexicon.load(), digest.hexdigest()[:16])


# "the two sides", "both governments": the pair a sentence before named acts in this one
_PAIR = re.compile(r"\b(?:the two|both)\b", re.I)


def _candidate(text: str, model: EventModel, mentions: list[dict]) -> bool:
    """Worth parsing: names two actors (two states by their adjectives will do: "Chinese
    vessels blocked Philippine boats"), or one and a word that refers to another ("it",
    "the two", "the treaty"), and has a word that can code an event. A sentence naming one
    actor and nothing else to act with or on seldom holds an event, and the parse is the
    costliest step of the flow."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(mentions) < 2 and not _PAIR.search(text) and not _referring_words() & set(words):
        return False
    nouns = nominals()
    return any(model.lexicon.verbs_for(w) or w in nouns for w in words)


@cache
def _referring_words() -> frozenset[str]:
    """Words through which a sentence's event can reach an actor it does not name."""
    data = load_yaml("cameo/reference.yaml")
    return frozenset({"it", "its", "he", "his", "she", "her", "they", "their", "them", "him",
                      *data["agreement"], *data["organisation"], *data["collective"]})


def extract(doc_id: str, text: str, spans: list[tuple[int, int]], published: str | None,
            mentions: list[dict[str, Any]], actors: dict[str, dict[str, Any]],
            model: EventModel) -> list[dict[str, Any]]:
    """Event records for one document. ``mentions`` carry actor ids; ``actors``
    maps ids to their records (name, type, country)."""
    anchor = stored_date(published)
    by_sentence: dict[int, list[dict]] = {}
    for m in mentions:
        actor = actors.get(m["actor"], {})
        by_sentence.setdefault(m["sentence"], []).append({**m, "type": actor.get("type"),
                                                          "subtype": actor.get("subtype")})
    chosen = [i for i, (s, e) in enumerate(spans) if _candidate(text[s:e], model, by_sentence.get(i, []))]
    parsed = dict(zip(chosen, parse([text[spans[i][0]:spans[i][1]] for i in chosen]), strict=True))
    records = []
    context: list[PartialDate] = []
    antecedents: dict[str, dict] = {}
    story = _StoryTime(anchor)
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        here = find_times(sentence, anchor, context=context)
        if i in parsed:
            doc = parsed[i]
            for event in code_sentence(doc, start, by_sentence.get(i, []), model.lexicon, antecedents,
                                       _parties, _about):
                trigger = doc[event.trigger]
                when = _nearest_time(sentence, trigger, anchor, context, event.tense)
                if when is None and event.modality == "actual" and _narrative_past(trigger, sentence):
                    when = story.current()
                records.append(_record(doc_id, i, start, end, event, when, actors))
                if when is not None and event.modality == "actual":
                    story.dated(when)
            story.told(doc, sentence, here)
        story.passed(sentence, here)
        context.extend(t.value for t in here if t.value is not None and t.value.precision != "year")
        _update_antecedents(antecedents, by_sentence.get(i, []))
    _date_from_encounter(records, actors)
    return records


def _date_from_encounter(records: list[dict[str, Any]], actors: dict[str, dict[str, Any]]) -> None:
    """"Raisi arrived in Moscow on Wednesday. ... Raisi presented the draft to Putin": what
    two leaders do to each other with no time phrase of its own happened when the
    article has their countries meet, if it has them meet on one date only."""
    met: dict[frozenset, set] = {}
    for r in records:
        if r["root"] == "04" and r["date"] and r["target"] and r["modality"] == "actual":
            met.setdefault(frozenset((r["source"]["country"], r["target"]["country"])), set()).add(
                (r["date"], r["date_precision"], r["date_text"]))
    for r in records:
        if r["date"] or not r["target"] or r["modality"] != "actual":
            continue
        if not all(actors.get(p["actor"], {}).get("type") == "person" for p in (r["source"], r["target"])):
            continue
        pair = frozenset((r["source"]["country"], r["target"]["country"]))
        if None in pair or len(pair) < 2:
            continue
        # "a 2001 treaty Putin signed with then-president Khatami": someone holding no office at
        # the article's date (coded by country alone) acted at another time
        if any(p["code"] in (None, p["country"]) for p in (r["source"], r["target"])):
            continue
        dates = met.get(pair, set())
        if len({d[:2] for d in dates}) == 1:
            r["date"], r["date_precision"], r["date_text"] = next(iter(dates))


def _update_antecedents(antecedents: dict[str, dict], mentions: list[dict[str, Any]]) -> None:
    """The first state and the first person a sentence names: crude antecedents
    for "it" and "he"/"she" in the sentences after it."""
    ordered = [m for m in sorted(mentions, key=lambda m: m["start"]) if m["form"] != "adjective"]
    state = next((m for m in ordered if m.get("type") == "state"), None)
    person = next((m for m in ordered if m.get("type") == "person"), None)
    if state:
        antecedents["it"] = antecedents["they"] = state
    if person:
        antecedents["he"] = antecedents["she"] = person
    # what "the two sides" and "both governments" of a later sentence stand for
    pair: dict[str, dict] = {}
    for m in ordered:
        country = (m.get("code") or "")[:3]
        if m.get("type") in ("state", "person") and len(country) == 3 and country not in pair:
            pair[country] = m
    if len(pair) >= 2:
        antecedents["pair"] = list(pair.values())[:2]
    # what "the agreement" and "the organisation" of a later sentence stand for
    for m in ordered:
        if m.get("type") == "organisation":
            antecedents["agreement" if m.get("subtype") in _AGREEMENTS else "organisation"] = m


@cache
def _party_mentions(agreement: str) -> tuple:
    actor = shipped_registry().get(agreement)
    if actor is None:
        return ()
    return tuple({"actor": m, "code": m, "type": "state", "form": "party", "name": m} for m in actor.members)


def _parties(agreement: str) -> list[dict[str, Any]]:
    return list(_party_mentions(agreement))


@cache
def _about_mentions(agreement: str) -> tuple:
    actor = shipped_registry().get(agreement)
    if actor is None:
        return ()
    return tuple({"actor": m, "code": m, "type": "state", "form": "party", "name": m} for m in actor.context)


def _about(agreement: str) -> list[dict[str, Any]]:
    return list(_about_mentions(agreement))


def _nearest_time(sentence: str, trigger, anchor, context, tense: str):
    """The time phrase that dates this event: one inside the verb's own clause
    first ("Raisi travelled in January, and Putin came to Tehran in July": the
    visit is July), then the year of the agreement or event the act made ("the
    2001 treaty that Putin signed"), else the nearest in the sentence. Resolved
    phrases win."""
    times = find_times(sentence, anchor, context=context, tense=tense)
    own = _own_clause(trigger)
    # "invited his counterpart to visit Tehran soon": a phrase inside a clause the verb
    # heads dates that clause's event, not the verb's
    embedded = [t for c in trigger.children if c.dep_ in _OTHER_CLAUSES for t in c.subtree]
    times = [t for t in times if not _inside(t, embedded) and not _since(sentence, t)
             and not (tense == "past" and _after(t, anchor))]
    if _perfect(trigger):
        # "Iran acknowledged on Saturday that it had sent drones": a past perfect happened
        # before the time of the clause around it, so only a phrase of its own dates it.
        times = [t for t in times if _inside(t, own)]
    named = _named_year(trigger)
    if not times:
        return named
    at = trigger.idx

    def rank(t) -> tuple:
        return (t.value is None, not _inside(t, own), min(abs(t.start - at), abs(t.end - at)))

    best = min(times, key=rank)
    if named is not None and not (best.value is not None and _inside(best, own)):
        return named
    return best


def _after(time: TimeMention, anchor: PartialDate | None) -> bool:
    """"invited Turkey to send a delegation next month": a time after the article's date
    cannot date an act it tells in the past."""
    return anchor is not None and time.value is not None and _span(time.value)[0] > _span(anchor)[1]


def _since(sentence: str, time: TimeMention) -> bool:
    """"his first visit since December 2017": the start of a stretch that runs up to the
    event, not when the event happened (nor a move of the story to that time)."""
    return bool(_SINCE.search(sentence[:time.start])) and not time.text.lower().startswith("since")


_SINCE = re.compile(r"\bsince\s*$", re.I)


def _own_clause(verb) -> list:
    """The tokens of a verb's own clause: its subtree without the clauses it heads."""
    other = {t.i for c in verb.children if c.dep_ in _OTHER_CLAUSES for t in c.subtree}
    return [t for t in verb.subtree if t.i not in other]


def _inside(time: TimeMention, tokens) -> bool:
    return any(time.start <= tok.idx < time.end for tok in tokens)


def _perfect(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


@cache
def _date_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    d = load_yaml("timex.yaml")
    return (frozenset(d["year_named_nouns"]), frozenset(d["year_naming_verbs"]), frozenset(d["irregular_past"]))


def _year_token(noun):
    """The year written before a noun ("the 2001 treaty", "Iran's 2015 nuclear deal")."""
    for c in noun.children:
        if c.i < noun.i and _YEAR.fullmatch(c.text) and MIN_YEAR <= int(c.text) <= MAX_YEAR:
            return c
    return None


def _named_year(trigger) -> TimeMention | None:
    """The year of the agreement or event that the act made or took part in.

    "the 2001 treaty that Putin signed", "the 2001 treaty signed by Putin", "Putin
    signed the 2001 treaty", "the 2001 treaty was signed": the verb is one of making
    or taking part (timex.yaml lists them) and the year-noun is its object, its
    passive subject, or the noun its relative clause hangs on (climbing "the 2001
    treaty on the foundations of relations that ...", wherever the parser hung the
    clause). An event noun with a year of its own ("the 2019 summit") is dated by it too."""
    nouns, verbs, _ = _date_words()
    candidates = []
    if trigger.pos_ == "NOUN":
        candidates.append(trigger)
    elif trigger.lower_ in verbs:
        candidates += [c for c in trigger.children if c.dep_ in ("obj", "nsubj:pass")]
        # "the treaty that Putin signed": the noun fills the verb's object gap, unless the
        # clause has an object of its own ("the treaty under which Russia signed a contract").
        own_object = any(c.dep_ == "obj" and c.pos_ != "PRON" for c in trigger.children)
        if trigger.dep_ in ("acl:relcl", "acl") and not own_object:
            node = trigger.head
            candidates.append(node)
            while node.dep_ in ("nmod", "nmod:unmarked") and node.head.i != node.i:
                node = node.head
                candidates.append(node)
    for noun in candidates:
        if noun.lower_ in nouns and (tok := _year_token(noun)) is not None:
            return TimeMention(tok.idx, tok.idx + len(tok.text), tok.text, "year", PartialDate(int(tok.text)))
    return None


def _in_quote(sentence: str, at: int) -> bool:
    """Inside quotation marks: an odd number of them before ``at`` in the sentence."""
    return sentence[:at].translate(_QUOTES).count('"') % 2 == 1


def _narrative_past(trigger, sentence: str) -> bool:
    """A verb in the simple past, in the narrator's words: "Putin congratulated Raisi",
    "the treaty was signed". A perfect ("had met"), a present, a participle or a
    quoted speaker's verb ("We gave drones months before the war") is not."""
    if trigger.pos_ != "VERB" or trigger.dep_ in _NONFINITE or _in_quote(sentence, trigger.idx):
        return False
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "aux:pass")}
    if aux:
        return aux <= _PAST_AUX
    word = trigger.lower_
    return word.endswith("ed") or word in _date_words()[2]


class _StoryTime:
    """The time a news story is at, for acts it tells in the simple past with no time
    phrase of their own (temporal anaphora: "Iran became a member on Tuesday. ...
    Putin congratulated Raisi" happened on Tuesday; "Iran admitted on Saturday that
    ... Zelensky was quick to reply. He accused Tehran of lying" too).

    The story's time is the news: the first time, to the day or the month, that an
    actual event or the main verb of a sentence is dated to, if it falls in the week
    up to the article's date (an article with no date has no news to be at). It holds
    only until the narrator names another time: a later time phrase outside quotation
    marks that does not fall within it ("in July", "since 2005", "recently") starts
    the background, after which undated acts stay undated. A phrase that contains it
    ("this year" for a Tuesday) or a quoted speaker's "today" does not."""

    def __init__(self, published: PartialDate | None) -> None:
        self.published = published
        self.time: TimeMention | None = None
        self.sentence_set = False
        self.closed = False

    def current(self) -> TimeMention | None:
        return None if self.closed else self.time

    def dated(self, when: TimeMention) -> None:
        if self.time is not None or self.closed or when.value is None or when.value.precision == "year":
            return
        if self.published is None or not _recent(when.value, self.published):
            return
        self.time = when
        self.sentence_set = True

    def told(self, doc, sentence: str, times: list[TimeMention]) -> None:
        """A sentence whose main verb tells the story in the simple past with a time phrase
        of its own ("Iran acknowledged on Saturday that ...") sets the story's time even
        when that verb codes no event."""
        if self.time is not None or self.closed:
            return
        for root in (t for t in doc if t.dep_ == "ROOT"):
            if not _narrative_past(root, sentence):
                continue
            own = _own_clause(root)
            for t in times:
                if t.value is not None and t.value.precision != "year" and _inside(t, own):
                    self.dated(t)
                    return

    def passed(self, sentence: str, times: list[TimeMention]) -> None:
        """After a sentence: a time phrase that takes the story elsewhere ends it. The
        sentence that set the story's time may name others (its background clauses)."""
        if self.sentence_set:
            self.sentence_set = False
            return
        if self.time is None or self.closed:
            return
        for t in times:
            if _in_quote(sentence, t.start) or _since(sentence, t):
                continue
            if t.value is None or not _within(self.time.value, t.value, t.range_end):
                self.closed = True
                return


def _span(p: PartialDate) -> tuple[dt.date, dt.date]:
    if p.month is None:
        return dt.date(p.year, 1, 1), dt.date(p.year, 12, 31)
    last = calendar.monthrange(p.year, p.month)[1]
    return dt.date(p.year, p.month, p.day or 1), dt.date(p.year, p.month, p.day or last)


def _recent(when: PartialDate, published: PartialDate) -> bool:
    """``when`` reaches into the week up to the article's date: news, not background."""
    start, end = _span(when)
    lo, hi = _span(published)
    return start <= hi and end >= lo - NEWS_WINDOW


def _within(when: PartialDate, start: PartialDate, end: PartialDate | None) -> bool:
    """``when`` falls within the time from ``start`` to ``end`` (each at its own precision)."""
    lo, hi = _span(when)
    return _span(start)[0] <= lo and hi <= _span(end or start)[1]


def _party(mention: dict | None, actors: dict[str, dict]) -> dict[str, Any] | None:
    if mention is None:
        return None
    actor = actors.get(mention["actor"], {})
    return {"actor": mention["actor"], "name": actor.get("name", mention.get("name")),
            "country": actor.get("country"), "code": mention.get("code") or actor.get("code")}


def _record(doc_id: str, idx: int, start: int, end: int, event: SentenceEvent, when,
            actors: dict[str, dict]) -> dict[str, Any]:
    info = describe(event.code)
    source, target = _party(event.source, actors), _party(event.target, actors)
    key = f"{doc_id}|{idx}|{source['actor']}|{target['actor'] if target else ''}|{event.code}"
    return {
        "id": hashlib.sha256(key.encode()).hexdigest()[:16],
        "doc": doc_id, "sentence": idx,
        "date": when.value.iso() if when and when.value else None,
        "date_precision": when.value.precision if when and when.value else None,
        "date_text": when.text if when else None,
        "source": source, "target": target,
        "cameo": info.code, "root": info.root, "plover": info.plover, "goldstein": info.goldstein,
        "quad_class": info.quad_class, "polarity": event.polarity, "modality": event.modality,
        "attribution": event.attribution["actor"] if event.attribution else None,
        "location": event.location["actor"] if event.location else None,
        "trigger": event.trigger_text, "start": start, "end": end,
        "rule": event.pattern, "confidence": round(event.confidence, 2),
    }


def reprocess(store: Store, model: EventModel, *, everything: bool = False,
              on_document: Callable[[str], None] | None = None) -> int:
    ids = store.stale_documents(STAGE, "" if everything else model.version)
    for doc_id in ids:
        doc = store.document(doc_id)
        spans = [(s["start"], s["end"]) for s in store.sentences(doc_id)]
        mentions = [dict(m) for m in store.mentions(doc_id)]
        actors = store.actor_records({m["actor"] for m in mentions})
        events = extract(doc_id, doc["text"], spans, doc["published"], mentions, actors, model)
        with store.transaction():
            store.replace_events(doc_id, events)
            store.mark_processed(doc_id, STAGE, model.version)
        if on_document:
            on_document(doc_id)
    return len(ids)
