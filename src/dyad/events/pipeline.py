"""Events as a stage of the flow: pick the sentences that can hold an event,
parse them, code them, date them, and store the result."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .. import __version__
from ..actors.registry import shipped_registry
from ..dates import PartialDate, stored_date
from ..store import Store
from .codebook import describe
from .coder import _AGREEMENTS, SentenceEvent, code_sentence, nominals
from .parse import model_path, parse
from .timex import find_times
from .verbs import VerbLexicon

STAGE = "events"
# Dependents that start another clause: their time phrases date other events.
_OTHER_CLAUSES = {"conj", "parataxis", "advcl", "ccomp", "acl:relcl", "list"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


_DATA_FILES = ("cameo/verbs.yaml", "cameo/verbs_dyad.yaml", "cameo/nominal.yaml", "cameo/reference.yaml",
               "cameo/codes.yaml", "modality.yaml")


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
    """Worth parsing: names an actor (or two states by their adjectives: "Chinese vessels
    blocked Philippine boats") and has a word that can code an event."""
    if not any(m["form"] != "adjective" for m in mentions) and len(mentions) < 2 and not _PAIR.search(text):
        return False
    nouns = nominals()
    return any(model.lexicon.verbs_for(w.lower()) or w.lower() in nouns for w in _WORD.findall(text))


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
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        if i in parsed:
            doc = parsed[i]
            for event in code_sentence(doc, start, by_sentence.get(i, []), model.lexicon, antecedents,
                                       _parties, _about):
                when = _nearest_time(sentence, doc[event.trigger], anchor, context, event.tense)
                records.append(_record(doc_id, i, start, end, event, when, actors))
        context.extend(t.value for t in find_times(sentence, anchor, context=context)
                       if t.value is not None and t.value.precision != "year")
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
    visit is July), else the nearest in the sentence. Resolved phrases win."""
    times = find_times(sentence, anchor, context=context, tense=tense)
    if not times:
        return None
    at = trigger.idx
    other = {t.i for c in trigger.children if c.dep_ in _OTHER_CLAUSES for t in c.subtree}
    own = [t for t in trigger.subtree if t.i not in other]

    def rank(t) -> tuple:
        inside = any(t.start <= tok.idx < t.end for tok in own)
        return (t.value is None, not inside, min(abs(t.start - at), abs(t.end - at)))

    return min(times, key=rank)


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
