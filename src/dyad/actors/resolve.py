"""Find the actors a document mentions and resolve each mention.

One document at a time, in passes that each use what the earlier ones found:

1. registry forms, longest first: names, aliases, country words, metonyms,
   organisations and organs;
2. titles and sectors around country words: "the Iranian president" (the
   holder at the article's date), "Russia's top diplomat", "his Russian
   counterpart", "the Iranian foreign ministry" (IRNGOV), "Russian troops";
3. capitalised names the registry does not hold as written: full names of new
   people and organisations (with the role and affiliation the text gives),
   then misspellings and transliterations (name and phonetic similarity,
   backed by the document's context);
4. surnames and partial names, linked to the full names used in the same
   document, or to the one registry person the context supports.

Every mention records how it was resolved (exact, alias, surname, fuzzy,
role, coreference, new) and a confidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from .gazetteer import Entry, Gazetteer
from .lexicon import Lexicon, lexicon
from .names import fold, joined_similarity, name_similarity, org_similarity, phonetic, token_similarity
from .registry import Actor, Registry, Role, date_bounds, is_full_name, shipped_registry, slug
from .tokens import Token, tokenize

METHODS = ("exact", "alias", "surname", "fuzzy", "role", "coreference", "new")
_COUNTRY_KINDS = {"name", "alias", "adjective", "metonym", "demonym"}
_MODIFIER = re.compile(r"^[a-z][a-z-]*$")
_MAX_MODIFIERS = 3
_CONNECTORS = frozenset({"of", "for", "and", "&"})


@dataclass
class Mention:
    start: int
    end: int
    text: str
    actor: str
    name: str
    method: str
    confidence: float
    sentence: int
    form: str  # name, alias, adjective, demonym, metonym, title, sector, counterpart, surname
    code: str | None = None  # the actor's CAMEO code at the article's date
    role: str | None = None  # office a title named

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Resolution:
    mentions: list[Mention] = field(default_factory=list)
    new_actors: dict[str, Actor] = field(default_factory=dict)  # discovered, keyed by id


@dataclass
class _Context:
    registry: Registry
    gazetteer: Gazetteer
    lex: Lexicon
    lo: dt.date
    hi: dt.date
    countries: Counter
    people: dict[str, Actor]  # persons named in this document (registry or new)
    lower_words: frozenset[str]
    text: str
    undated: bool
    tok_at_start: dict[int, int] = field(default_factory=dict)  # character offset -> token index
    tok_at_end: dict[int, int] = field(default_factory=dict)
    ner: Callable[[str, int, int], str | None] | None = None
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)
    # How each sector mention was built, by its start offset: the state, the agent
    # codes in order, and whether the agent nouns come before the state ("officials
    # of Iran") or after it ("Iranian officials"); _distribute reads it.
    sector_phrases: dict[int, _SectorPhrase] = field(default_factory=dict)
    # Title phrases whose holder waits for the names pass (see _PendingTitle).
    pending_titles: list[_PendingTitle] = field(default_factory=list)
    headlines: dict[int, bool] = field(default_factory=dict)  # sentence index -> written in title case
    organs: dict[tuple[str, str], Actor] = field(default_factory=dict)  # (state, "coast guard") -> named body
    named_inside: dict[str, set[str]] = field(default_factory=dict)  # organisation id -> states its name names
    companies: dict[str, Actor] = field(default_factory=dict)  # names a company noun introduced


@dataclass(frozen=True)
class _PendingTitle:
    """A title phrase resolved after the names: one with an unresolved name beside it
    ("Kenyan President Samia Wanjiru", "Wu Qian, the Chinese foreign ministry
    spokesman"), whose holder is that name, or one the registry has no holder for at
    the date ("the Kenyan president"), who is the person the document introduced with
    that title, else the office's sector of the state (KENGOV)."""
    start_tok: int
    title_start: int
    end_tok: int
    title_end: int
    offices: tuple[str, ...]
    country: str
    former: bool  # "the former Kenyan president": not the holder at the date


@dataclass(frozen=True)
class _SectorPhrase:
    country: str
    agents: tuple[str, ...]
    agents_first: bool


@cache
def _shipped_gazetteer() -> Gazetteer:
    return Gazetteer(shipped_registry())


def resolve(text: str, sentences: list[tuple[int, int]], published=None,
            registry: Registry | None = None, gazetteer: Gazetteer | None = None,
            ner: Callable[[str, int, int], str | None] | None = None) -> Resolution:
    """Mentions of actors in ``text`` (sentences as (start, end) spans),
    titles resolved at the date ``published`` (a PartialDate, or None).
    ``ner(sentence, start, end)`` labels a span PER/ORG/LOC, for names no
    pattern identifies."""
    if registry is None:
        registry, gazetteer = shipped_registry(), _shipped_gazetteer()
    elif gazetteer is None:
        gazetteer = Gazetteer(registry)
    tokens = tokenize(text, sentences)
    lo, hi = date_bounds(published) if published is not None else (dt.date(1, 1, 1), dt.date(9999, 12, 31))
    ctx = _Context(registry, gazetteer, lexicon(), lo, hi, Counter(), {},
                   frozenset(t.text for t in tokens if t.text.islower()), text, published is None,
                   {t.start: k for k, t in enumerate(tokens)}, {t.end: k for k, t in enumerate(tokens)},
                   ner, list(sentences))
    res = Resolution()
    taken = [False] * len(tokens)
    _registry_forms(tokens, ctx, res, taken)
    _titles_and_sectors(tokens, ctx, res, taken)
    _patron_groups(tokens, ctx, res, taken)
    _vessels(tokens, ctx, res, taken)
    _agreements(tokens, ctx, res, taken)
    runs = _capitalised_runs(tokens, ctx, taken, res)
    # Full names first, wherever they stand, so that a surname or a garbled
    # run earlier in the text can be linked to the person named later.
    for run in runs:
        if len(run) > 1:
            _resolve_full_name(run, tokens, ctx, res, taken)
    for run in runs:
        if len(run) > 1 and not taken[run[-1]]:
            _resolve_run(run, tokens, ctx, res, taken)
    for run in runs:
        if len(run) == 1 and not taken[run[-1]]:
            _resolve_run(run, tokens, ctx, res, taken)
    _settle_titles(tokens, ctx, res, taken)
    _appositions(tokens, ctx, res)
    _bare_titles(tokens, ctx, res)
    _organisation_references(tokens, ctx, res, taken)
    _counterparts(tokens, ctx, res, taken)
    _code_new_people(ctx, res)
    res.mentions.sort(key=lambda m: (m.start, -m.end))
    res.mentions = _sector_names(_merge_adjacent(_outermost(res.mentions), text), text, ctx, res)
    res.mentions = _distribute(res.mentions, tokens, ctx, res)
    _link_to_organs(res.mentions, ctx, res)
    return res


def _sector_names(mentions: list[Mention], text: str, ctx: _Context, res: Resolution) -> list[Mention]:
    """"Bree President Romendacil", where the registry knows Romendacil only by his
    country's code: the name is the sector its title phrase gives (BREGOV). A
    registry person keeps their own mention and dated roles."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        actor = ctx.registry.actors.get(m.actor) or res.new_actors.get(m.actor)
        if (prev is not None and prev.form == "sector" and m.form in ("name", "alias") and actor is not None
                and actor.type != "person" and m.code and len(m.code) == 3
                and prev.code and prev.code.startswith(m.code) and not text[prev.end:m.start].strip()
                and prev.sentence == m.sentence):
            out[-1] = Mention(prev.start, m.end, text[prev.start:m.end], prev.actor, prev.name, prev.method,
                              prev.confidence, prev.sentence, "sector", prev.code, prev.role)
            continue
        out.append(m)
    return out


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """A title or sector phrase replaces the country word it starts with: in
    "Russian President" the actor is the president, not Russia as well. A
    mention inside the phrase that is not its start stays ("ambassador to the
    United Nations" mentions the UN too)."""
    kept: list[Mention] = []
    for m in mentions:  # sorted by start, longest first
        if kept and kept[-1].start == m.start and m.end <= kept[-1].end:
            continue
        kept.append(m)
    return kept


def _merge_adjacent(mentions: list[Mention], text: str) -> list[Mention]:
    """One name split over two mentions of one person ("Ali Bagheri" + "Kanni")
    becomes one mention, resolved the weaker of the two ways."""
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.actor == m.actor and prev.form not in ("title", "sector", "counterpart")
                and m.form not in ("title", "sector", "counterpart") and not text[prev.end:m.start].strip()
                and prev.sentence == m.sentence):
            weaker = prev if prev.confidence <= m.confidence else m
            merged[-1] = Mention(prev.start, m.end, text[prev.start:m.end], m.actor, m.name, weaker.method,
                                 weaker.confidence, prev.sentence, "name", prev.code or m.code, prev.role)
            continue
        merged.append(m)
    return merged


# -- pass 1: registry forms ------------------------------------------------------


def _registry_forms(tokens: list[Token], ctx: _Context, res: Resolution, taken: list[bool]) -> None:
    i = 0
    conditional: list[tuple[int, int, Actor]] = []
    while i < len(tokens):
        found = ctx.gazetteer.match(tokens, i) if tokens[i].is_word else None
        if found is None:
            i += 1
            continue
        n, entries = found
        entry = _choose_entry(entries, ctx)
        actor = ctx.registry.actors[entry.actor_id]
        if entry.kind == "context":
            conditional.append((i, n, actor))
            i += n
            continue
        if actor.type == "state" and n == 1 and _starts_a_name(tokens, i, ctx):
            i += 1  # "Israel Katz", "Jordan Bardella": a person, not a country
            continue
        method = "exact" if entry.kind == "name" else "alias"
        confidence = 1.0 if entry.kind in ("name", "alias", "adjective", "demonym") else 0.9
        if len(entries) > 1:
            confidence = min(confidence, 0.8)
        _add(res, tokens, i, i + n, actor, method, confidence, entry.kind, ctx, taken)
        if actor.type == "person":
            ctx.people[actor.id] = actor
        elif actor.type == "state":
            ctx.countries[actor.id] += 1
        elif actor.country:
            ctx.countries[actor.country] += 1
        i += n
    for i, n, actor in conditional:
        if any(ctx.countries.get(c) for c in actor.context) and not any(taken[i:i + n]):
            _add(res, tokens, i, i + n, actor, "alias", 0.8, "alias", ctx, taken)


def _choose_entry(entries: list[Entry], ctx: _Context) -> Entry:
    """Among actors sharing a form, the one the document's countries support."""
    if len(entries) == 1:
        return entries[0]

    def score(e: Entry) -> tuple:
        a = ctx.registry.actors[e.actor_id]
        active = any(r.overlap(ctx.lo, ctx.hi) > 0 for r in a.roles)
        return (ctx.countries.get(a.country or a.id, 0), active, a.type == "state")

    return max(entries, key=score)


def _starts_a_name(tokens: list[Token], i: int, ctx: _Context) -> bool:
    """"Israel Katz", "Jordan Bardella": a country's name that is also a given name, before a surname."""
    if i + 1 >= len(tokens) or not _has_given_name([tokens[i].text, "X"], ctx):
        return False
    nxt = tokens[i + 1]
    return (nxt.sentence == tokens[i].sentence and nxt.text[:1].isupper() and nxt.text.isalpha()
            and nxt.text.lower() not in ctx.lex.common_words
            and ctx.gazetteer.match(tokens, i + 1) is None
            and ctx.gazetteer.match_title(tokens, i + 1) is None)


def _add(res: Resolution, tokens: list[Token], i: int, j: int, actor: Actor, method: str,
         confidence: float, form: str, ctx: _Context, taken: list[bool], role: str | None = None,
         start_tok: int | None = None) -> Mention:
    first = tokens[i if start_tok is None else start_tok]
    last = tokens[j - 1]
    mention = Mention(
        start=first.start, end=last.end, text=ctx.text[first.start:last.end], actor=actor.id,
        name=actor.name, method=method,
        confidence=round(confidence, 2), sentence=first.sentence, form=form,
        code=actor.code_at(ctx.lo, ctx.hi), role=role,
    )
    res.mentions.append(mention)
    for k in range(i if start_tok is None else start_tok, j):
        taken[k] = True
    return mention


# -- pass 2: titles, counterparts and sectors ---------------------------------


def _country_of(mention_actor: Actor) -> str | None:
    return mention_actor.id if mention_actor.type == "state" else None


def _titles_and_sectors(tokens: list[Token], ctx: _Context, res: Resolution, taken: list[bool]) -> None:
    """Titles after a country word ("Iranian President", "Russia's top diplomat"),
    before "of <country>" ("President of Iran"), and sector nouns ("Iranian
    foreign ministry", "Russian troops")."""
    by_start = {m.start: m for m in res.mentions}
    for m in list(res.mentions):
        actor = _actor_of(m.actor, ctx, res)
        country = _country_of(actor)
        if country is None and _takes_agents(actor) and m.form in ("name", "alias"):
            _org_sector_after(tokens, m, actor, ctx, res, taken)
            continue
        if country is None or m.form not in _COUNTRY_KINDS:
            continue
        end_tok = ctx.tok_at_end[m.end]
        k = end_tok + 1
        possessive = k < len(tokens) and tokens[k].text == "'s"
        if possessive:
            k += 1
        elif m.form not in ("adjective", "demonym"):
            # "Iran President Pezeshkian" (headline style): a state's name right before a
            # capitalised title names its office holder; "Moscow was ...", "a Russia expert" do not.
            title = ctx.gazetteer.match_title(tokens, k) if k < len(tokens) else None
            if m.form == "name" and title and tokens[k].text[:1].isupper():
                _resolve_title(tokens, ctx.tok_at_start[m.start], k, k + title[0], title[1], country, ctx, res,
                               taken)
            elif title is None:
                # A state's name or metonym as a noun modifier of a sector noun is that state's
                # sector, as its adjective is: "Moscow police", "Kremlin officials", "Gaza authorities".
                _title_or_sector_after(tokens, k, m, country, ctx, res, taken, by_start, titles=False)
            continue
        _title_or_sector_after(tokens, k, m, country, ctx, res, taken, by_start)
    _titles_of_country(tokens, ctx, res, taken)
    _national_sections(tokens, ctx, res, taken)


def _takes_agents(actor: Actor) -> bool:
    """An organisation or group with a CAMEO code of its own: agent nouns add to its
    code as to a state's ("EU officials", "activists of Amnesty International")."""
    return actor.type in ("organisation", "group") and bool(actor.code)


def _org_sector_after(tokens, m: Mention, org: Actor, ctx: _Context, res: Resolution, taken) -> None:
    """"Hamas gunmen", "EU officials": an agent noun right after an organisation's name."""
    k = ctx.tok_at_end[m.end] + 1
    if k >= len(tokens) or taken[k] or tokens[k].sentence != m.sentence or ctx.gazetteer.match_title(tokens, k):
        return
    sector = ctx.gazetteer.match_sector(tokens, k)
    if sector is None or tokens[k + sector[0] - 1].text.lower() in ctx.lex.topic_nouns:
        return
    end, codes = _stacked_sectors(tokens, k + sector[0], [sector[1]], ctx, taken)
    _add_org_sector(tokens, ctx.tok_at_start[m.start], end, org, codes, ctx, res, taken)


def _add_org_sector(tokens, start_tok, end_tok, org: Actor, agents, ctx, res, taken) -> None:
    """The organisation itself is the actor (its id, so that it stays the one named);
    the mention's code carries the agents: NGM + OPP = NGMOPP."""
    res.mentions[:] = [m for m in res.mentions if not (m.start == tokens[start_tok].start and m.form != "title")]
    mention = _add(res, tokens, start_tok, end_tok, org, "alias", 0.9, "sector", ctx, taken)
    mention.code = _sector_code(mention.code or org.code or "", agents)


def _national_sections(tokens, ctx: _Context, res: Resolution, taken) -> None:
    """"MSF Arnor", "an MSF Arnor diplomat": an agent noun written as an acronym right
    before a state's name is that body's section in the state (NGO~ + ARN = NGOARN),
    the way organisations name their national branches."""
    for m in list(res.mentions):
        phrase = ctx.sector_phrases.get(m.start) if m.form == "sector" else None
        if phrase is not None and phrase.agents_first:
            continue
        state = phrase.country if phrase is not None else _state_named(m, ctx, ("name", "alias"))
        first = ctx.tok_at_start.get(m.start)
        if state is None or not first:
            continue
        k = first - 1
        for n in range(1, 4):
            i = k - n + 1
            if i < 0 or any(taken[j] or not tokens[j].text.isupper() or len(tokens[j].text) < 2
                            for j in range(i, k + 1)) or tokens[i].sentence != m.sentence:
                break
            sector = ctx.gazetteer.match_sector(tokens, i)
            if sector is not None and sector[0] == n:
                agents = (sector[1], *(phrase.agents if phrase is not None else ()))
                res.mentions[:] = [x for x in res.mentions if x is not m]
                _add_sector(tokens, i, ctx.tok_at_end[m.end] + 1, state, agents, ctx, res, taken)
                break


def _actor_of(actor_id: str, ctx: _Context, res: Resolution) -> Actor:
    """A mention's actor: from the registry, or one this document discovered ("new:...")."""
    return ctx.registry.actors.get(actor_id) or res.new_actors[actor_id]


def _title_or_sector_after(tokens, k, country_mention, country, ctx, res, taken, by_start, titles=True) -> None:
    start_tok = ctx.tok_at_start[country_mention.start]
    if start_tok > 0 and tokens[start_tok - 1].text.lower() in ctx.lex.pronouns:
        return  # "his Russian counterpart": handled by _counterparts
    skipped = 0
    capitals = False  # capitalised words skipped: "Dagolath's first Deputy Prime Minister"
    while k < len(tokens) and skipped <= _MAX_MODIFIERS:
        tok = tokens[k]
        if tok.sentence != country_mention.sentence or taken[k] and tok.start not in by_start:
            return
        if capitals and not tok.text[:1].isupper():
            return  # a capitalised word before a lower-case noun is a name of its own ("Russia's Gazprom officials")
        title = ctx.gazetteer.match_title(tokens, k)
        if title:
            if titles:
                n, targets = title
                _resolve_title(tokens, start_tok, k, k + n, targets, country, ctx, res, taken)
            return
        sector = ctx.gazetteer.match_sector(tokens, k)
        if sector and _names_an_act(tokens, k + sector[0], ctx):
            return
        if sector:
            n, code = sector
            if titles or tokens[k + n - 1].text.lower() not in ctx.lex.topic_nouns:
                end, codes = _stacked_sectors(tokens, k + n, [code], ctx, taken)
                if end == k + n and _named_body(tokens, k, end, ctx):
                    _add_organ(tokens, start_tok, k, end, country, code, ctx, res, taken)
                else:
                    _add_sector(tokens, start_tok, end, country, codes, ctx, res, taken)
            return
        low = tok.text.lower()
        if not titles:
            return  # after a name, only a sector noun right after it: "Iran protested, and troops ..." is no organ
        capital = tok.text[:1].isupper() and tok.text.isalpha() and not tok.text.isupper()
        if (not _MODIFIER.match(tok.text) and low not in ("and", ",") and not capital or taken[k]
                or low in ctx.lex.function_words):
            return
        capitals = capitals or capital
        skipped += 1
        k += 1


def _headline(tokens: list[Token], sentence: int, ctx: _Context) -> bool:
    """A sentence in title case, as headlines are written: all its longer words
    capitalised, verbs too, so capitals there do not mark names."""
    if sentence not in ctx.headlines:
        longer = [t.text for t in tokens if t.sentence == sentence and t.text.isalpha() and len(t.text) > 3]
        ctx.headlines[sentence] = len(longer) >= 3 and all(w[0].isupper() for w in longer)
    return ctx.headlines[sentence]


def _named_body(tokens, k: int, end: int, ctx: _Context) -> bool:
    """"Coast Guard", "Foreign Ministry", "Ministry of Defence" written with capitals after a
    state's word: the name of one body of that state, not the sector at large. Only nouns
    that head the names of bodies (org_heads: "Guard", "Ministry", "Army", "Navy"), not
    people ("Officials") or the government as a whole; not in a headline, where every
    word is capitalised."""
    words = [t.text for t in tokens[k:end]]
    names = [w for w in words if w not in _CONNECTORS and w != "the"]
    if not names or not all(w[:1].isupper() and not w.isupper() for w in names):
        return False
    heads = {names[0].lower(), names[-1].lower(), names[-1].lower().rstrip("s")}
    return bool(heads & ctx.lex.org_heads) and not _headline(tokens, tokens[k].sentence, ctx)


def _add_organ(tokens, start_tok: int, k: int, end: int, country: str, agent: str, ctx: _Context,
               res: Resolution, taken) -> None:
    """A named body of a state ("China Coast Guard", "the Russian Foreign Ministry"): an
    organ with the state's sector code, as organs.yaml's are, one per state and name
    however the state is written ("China Coast Guard", "Chinese Coast Guard", "China's
    Coast Guard")."""
    body = " ".join(t.text for t in tokens[k:end])
    actor_id = f"new:{country.lower()}-{slug(body)}"
    actor = res.new_actors.get(actor_id)
    if actor is None:
        first = tokens[start_tok]
        written = ctx.text[first.start:tokens[end - 1].end]
        if end - start_tok > 1 and tokens[ctx.tok_at_end[first.end] + 1].text == "'s":
            state = ctx.registry.actors[country]
            written = f"{(state.adjectives or [state.name])[0]} {body}"  # "Russia's Foreign Ministry"
        actor = Actor(id=actor_id, type="organisation", subtype="organ", name=written, country=country,
                      code=_sector_code(country, [agent]), source="discovered")
        res.new_actors[actor_id] = actor
    ctx.organs[(country, body.lower())] = actor
    res.mentions[:] = [m for m in res.mentions if not (m.start == tokens[start_tok].start and m.form != "title")]
    _add(res, tokens, start_tok, end, actor, "new", 0.85, "name", ctx, taken)


def _link_to_organs(mentions: list[Mention], ctx: _Context, res: Resolution) -> None:
    """"the Chinese coast guard" in a document that names the China Coast Guard: the same body."""
    for m in mentions:
        actor = res.new_actors.get(m.actor)
        if m.form != "sector" or actor is None or actor.subtype != "sector":
            continue
        words = m.text.lower().split()
        for n in range(1, len(words)):
            organ = ctx.organs.get((actor.country or "", " ".join(words[n:])))
            if organ is not None and organ.code == m.code:
                m.actor, m.name = organ.id, organ.name
                break


def _stacked_sectors(tokens: list[Token], k: int, codes: list[str], ctx: _Context,
                     taken: list[bool]) -> tuple[int, list[str]]:
    """Agent nouns right after another add their codes in turn, as CAMEO stacks them:
    "Danish Islamist media" is DNK + MUS + MED, "opposition lawmakers" OPP + LEG."""
    while k < len(tokens) and not taken[k] and tokens[k].sentence == tokens[k - 1].sentence:
        nxt = ctx.gazetteer.match_sector(tokens, k)
        if nxt is None or ctx.gazetteer.match_title(tokens, k):
            break
        codes.append(nxt[1])
        k += nxt[0]
    return k, codes


def _names_an_act(tokens, end: int, ctx: _Context) -> bool:
    """Whether the sector noun ending before ``end`` names an act ("opposition to sanctions")."""
    after = ctx.lex.act_readings.get(tokens[end - 1].text.lower())
    return bool(after) and end < len(tokens) and tokens[end].text.lower() in after


def _patron(word: str, ctx: _Context) -> str | None:
    """The state a patron word names: "pro-Iranian", "Iran-backed" -> IRN (cues.yaml)."""
    low = word.lower()
    inner = None
    for prefix in ctx.lex.patron_prefixes:
        if low.startswith(prefix) and len(low) > len(prefix):
            inner = word[len(prefix):]
    for suffix in ctx.lex.patron_suffixes:
        if low.endswith(suffix) and len(low) > len(suffix):
            inner = word[:-len(suffix)]
    if not inner:
        return None
    states = [e for e in ctx.gazetteer.lookup(inner) if e.kind in _COUNTRY_KINDS]
    if not states:
        return None
    return _country_of(ctx.registry.actors[_choose_entry(states, ctx).actor_id])


def _patron_groups(tokens: list[Token], ctx: _Context, res: Resolution, taken: list[bool]) -> None:
    """"pro-Iranian militias", "Iran-backed rebels": an armed group acting for the
    state the patron word names is that state's sector (IRN + UAF), which makes the
    state the actor of what the group does."""
    for k in range(len(tokens) - 1):
        if taken[k] or taken[k + 1] or "-" not in tokens[k].text:
            continue
        country = _patron(tokens[k].text, ctx)
        sector = ctx.gazetteer.match_sector(tokens, k + 1) if country else None
        if sector and sector[1] in ctx.lex.patron_sectors and tokens[k + sector[0]].sentence == tokens[k].sentence:
            _add_sector(tokens, k, k + 1 + sector[0], country, sector[1], ctx, res, taken)


def _vessels(tokens: list[Token], ctx: _Context, res: Resolution, taken: list[bool]) -> None:
    """"BRP Sierra Madre", "USS Ronald Reagan": a ship's prefix before a name makes it a
    ship, not a person; a navy's ship is its state's armed forces (vessels.yaml). A word
    of the name the registry knows ("Reagan", "Georgia") is part of it."""
    lex = ctx.lex
    for k, tok in enumerate(tokens):
        states = lex.naval_prefixes.get(tok.text)
        if taken[k] or states is None and tok.text not in lex.civil_prefixes:
            continue
        j = k + 1
        while j < len(tokens) and j - k <= 5 and tokens[j].sentence == tok.sentence and (
                _is_name_token(tokens[j], ctx) or tokens[j].text.isdigit() and j > k + 1):
            j += 1
        if j == k + 1 or tokens[k + 1].text.isupper():
            continue
        inside = [m for m in res.mentions if tok.start <= m.start and m.end <= tokens[j - 1].end]
        if inside and states is None or any(
                (ctx.registry.actors.get(m.actor) or Actor("", "group", "")).type not in ("person", "state")
                for m in inside):
            continue  # a merchant prefix is only trusted before a name nothing else explains
        res.mentions[:] = [m for m in res.mentions if m not in inside]
        for n in range(k, j):
            taken[n] = True
        mentioned = [c for c in states or () if ctx.countries.get(c)]
        country = mentioned[0] if len(mentioned) == 1 else states[0] if states and not mentioned else None
        if country is None:
            continue  # a merchant ship, or a prefix of two navies both mentioned: no person, no state
        name = ctx.text[tok.start:tokens[j - 1].end]
        actor_id = f"new:{slug(name)}"
        actor = res.new_actors.get(actor_id) or Actor(id=actor_id, type="organisation", subtype="vessel", name=name,
                                                      country=country, code=_sector_code(country, [lex.vessel_sector]),
                                                      source="discovered")
        res.new_actors[actor_id] = actor
        _add(res, tokens, k, j, actor, "new", 0.8, "name", ctx, taken)


_AGREEMENT_LINKS = frozenset({"of", "on", "for", "between", "and", "the"})


def _agreements(tokens: list[Token], ctx: _Context, res: Resolution, taken: list[bool]) -> None:
    """Names of agreements the registry does not hold: capitalised words before a
    capitalised head ("Kagera Water Sharing Treaty", "the Oslo Accords") or after it
    through "of"/"on" ("Treaty of Lausanne"). A place or state named inside is part
    of the name ("Oslo" there is not Norway acting). Each becomes an agreement actor,
    as the registry's are (type organisation, subtype agreement)."""
    for k, tok in enumerate(tokens):
        if taken[k] or tok.text.lower() not in ctx.lex.agreement_heads or not tok.text[:1].isupper():
            continue
        i = k
        while i > 0 and tokens[i - 1].sentence == tok.sentence and _agreement_word(tokens, i - 1, ctx, res, taken):
            i -= 1
        if i < k and _sentence_initial(tokens, i) and tokens[i].text.lower() in ctx.lex.common_words:
            i += 1  # "Trade Agreement ..." opening a sentence: its first word may be capitalised for that
        end = _agreement_complement(tokens, k + 1, ctx, res, taken)
        if i == k and end == k + 1:
            continue  # a head alone is a reference ("the Treaty"), not a name
        if _headline(tokens, tok.sentence, ctx):
            continue  # "Iran Signs New Agreement With Russia": every word is capitalised there
        lo, hi = tokens[i].start, tokens[end - 1].end
        res.mentions[:] = [m for m in res.mentions if not (lo <= m.start and m.end <= hi)]
        words = [t.text for t in tokens[i:end]]
        found = _known_organisation(words, ctx)
        if found is not None:
            actor, score = found
            _add(res, tokens, i, end, actor, "fuzzy", min(0.85, score / 100), "name", ctx, taken)
            continue
        name = ctx.text[lo:hi]
        actor_id = f"new:{slug(name)}"
        actor = res.new_actors.get(actor_id) or Actor(id=actor_id, type="organisation", subtype="agreement",
                                                      name=name, source="discovered")
        res.new_actors[actor_id] = actor
        _add(res, tokens, i, end, actor, "new", 0.7, "new", ctx, taken)


def _agreement_complement(tokens, j: int, ctx: _Context, res: Resolution, taken) -> int:
    """The end of "of Lausanne", "on the Law of the Sea", "of Friendship and Cooperation"
    after a head at j - 1 (j itself when there is none). A calendar word or another
    agreement ends it: "the Kagera Treaty on Monday", "the Treaty of Lausanne and the ..."."""
    def word(k: int) -> bool:
        return (k < len(tokens) and tokens[k].sentence == tokens[j - 1].sentence
                and _agreement_word(tokens, k, ctx, res, taken)
                and tokens[k].text.lower() not in ctx.lex.not_names | ctx.lex.agreement_heads)

    end = j
    if j >= len(tokens) or tokens[j].text not in ("of", "on"):
        return end
    k = j + 1 + (j + 1 < len(tokens) and tokens[j + 1].text == "the")
    while word(k):
        while word(k):
            k += 1
        end = k
        if k < len(tokens) and tokens[k].text in ("of", "and", "for", "on"):
            nxt = k + 1 + (tokens[k].text != "and" and k + 1 < len(tokens) and tokens[k + 1].text == "the")
            if word(nxt):
                k = nxt
                continue
        break
    return end


def _agreement_word(tokens, k: int, ctx: _Context, res: Resolution, taken) -> bool:
    """A word of an agreement's name: capitalised, free, or a place or state the
    registry matched ("Oslo Accords"). A year before it is no part of the name."""
    text = tokens[k].text
    if not text[:1].isupper() or text.lower() in ctx.lex.function_words:
        return False
    if not taken[k]:
        return True
    m = next((m for m in res.mentions if m.start <= tokens[k].start < m.end), None)
    actor = ctx.registry.actors.get(m.actor) if m is not None else None
    return actor is not None and actor.type == "state" and m.form in ("name", "alias", "metonym", "adjective")


def _known_organisation(words: list[str], ctx: _Context) -> tuple[Actor, float] | None:
    """The registry organisation (or agreement) a name is another spelling of."""
    best, best_score = None, 0.0
    for actor, form in _organisations_by_head(ctx.registry).get(_head_key(words[-1]), ()):
        score = org_similarity(words, form)
        if score > best_score:
            best, best_score = actor, score
    return (best, best_score) if best is not None and best_score >= 75 else None


def _titles_of_country(tokens, ctx, res, taken) -> None:
    """"President of Iran", "foreign minister of Russia"; and sectors the same
    way: "the government of Iran", "troops from Russia", "officials in Tehran"."""
    for k in range(len(tokens)):
        if taken[k] or not tokens[k].is_word:
            continue
        sector = ctx.gazetteer.match_sector(tokens, k)
        if sector and not ctx.gazetteer.match_title(tokens, k):
            n, code = sector
            j = k + n
            linked = j + 1 < len(tokens) and tokens[j].text in ("of", "from", "in")
            if linked and j + 2 < len(tokens) and tokens[j + 1].text == "the" and not taken[j + 1]:
                j += 1  # "officials of the IAEA", "the government of the United States"
            if linked and taken[j + 1]:
                country_m = next((m for m in res.mentions if m.start == tokens[j + 1].start
                                  and m.form in ("name", "alias", "metonym")), None)
                owner = _actor_of(country_m.actor, ctx, res) if country_m else None
                country = _country_of(owner) if owner else None
                if country or owner is not None and _takes_agents(owner) and country_m.form != "metonym":
                    end = ctx.tok_at_end[country_m.end] + 1
                    res.mentions[:] = [m for m in res.mentions if m is not country_m]
                    if country:
                        _add_sector(tokens, k, end, country, code, ctx, res, taken, agents_first=True)
                    else:
                        _add_org_sector(tokens, k, end, owner, [code], ctx, res, taken)
                    continue
        title = ctx.gazetteer.match_title(tokens, k)
        if not title:
            continue
        n, targets = title
        j = k + n
        if j + 1 < len(tokens) and tokens[j].text == "of" and taken[j + 1]:
            country_m = next((m for m in res.mentions if m.start == tokens[j + 1].start), None)
            if country_m is None:
                continue
            after = ctx.tok_at_end[country_m.end] + 1
            if after < len(tokens) and tokens[after].text == "'s":
                continue  # "head of Iran's Strategic Council": the office is the council's
            country = _country_of(_actor_of(country_m.actor, ctx, res))
            if country:
                end = ctx.tok_at_end[country_m.end] + 1
                _resolve_title(tokens, k, k, end, targets, country, ctx, res, taken, title_end=j)


def _offices(targets: list[str], country: str, ctx: _Context) -> list[str]:
    offices = [t for t in targets if not t.startswith("person:")]
    for t in targets:
        if t.startswith("person:"):
            _, pid, office = t.split(":", 2)
            person = ctx.registry.actors.get(pid)
            if person and person.country == country and office not in offices:
                offices.append(office)
    return offices


def _named_after(tokens: list[Token], j: int, res: Resolution) -> Mention | None:
    """The person mention that starts right after a title ("President Vladimir Putin")."""
    if j < len(tokens):
        return next((m for m in res.mentions if m.start == tokens[j].start and m.form in ("name", "alias")
                     and m.actor in _people_ids(res)), None)
    return None


def _people_ids(res: Resolution) -> set[str]:
    return {m.actor for m in res.mentions if m.form in ("name", "alias", "surname", "new")}


def _resolve_title(tokens, start_tok, title_start, end_tok, targets, country, ctx, res, taken,
                   title_end: int | None = None) -> None:
    title_end = end_tok if title_end is None else title_end
    offices = _offices(targets, country, ctx)
    if not offices:
        return
    named = _named_after(tokens, end_tok, res)
    if named is not None:
        # "Iranian President Ebrahim Raisi": the title is that person, as named.
        person = ctx.registry.actors.get(named.actor) or res.new_actors.get(named.actor)
        if person is not None:
            _add(res, tokens, start_tok, end_tok, person, "role", 1.0, "title", ctx, taken, role=offices[0])
        return
    pending = _PendingTitle(start_tok, title_start, end_tok, title_end, tuple(offices), country,
                            _former(tokens, start_tok, ctx))
    if not _state_office(offices[0], ctx):
        _resolve_holder(tokens, pending, ctx, res, taken)  # "IAEA chief": an organisation's office
        return
    if pending.former or _name_beside(tokens, start_tok, end_tok, ctx, taken) or not _resolve_holder(
            tokens, pending, ctx, res, taken):
        ctx.pending_titles.append(pending)


def _state_office(key: str, ctx: _Context) -> bool:
    office = ctx.registry.offices.get(key)
    return office is not None and bool(office.sector) and not office.org_office


def _former(tokens, start_tok: int, ctx: _Context) -> bool:
    """"the former Iranian president": someone who held the office, not its holder at the date."""
    return start_tok > 0 and tokens[start_tok - 1].text.lower() in ctx.lex.former_words


def _resolve_holder(tokens, t: _PendingTitle, ctx: _Context, res: Resolution, taken) -> bool:
    """The registry person who held the title's office at the date, as a mention of the
    title phrase; False when there is none to name."""
    holders = []
    posted_to = _posting(tokens, t.end_tok, ctx, res) or _posting_within(tokens, t.title_start, t.title_end, res)
    for office in t.offices:
        needs = ctx.registry.offices.get(office)
        if office in ("ambassador", "envoy") or needs is not None and needs.key in ("ambassador", "envoy"):
            if posted_to is None:
                continue  # "the Iranian ambassador" is one of many without "to <state>"
            holders = [h for h in ctx.registry.holders(office, t.country, ctx.lo, ctx.hi) if h[1].to == posted_to]
        else:
            holders = ctx.registry.holders(office, t.country, ctx.lo, ctx.hi)
        if holders:
            break
    if not holders:
        return False
    named_here = [h for h in holders if h[0].id in ctx.people]
    if ctx.undated and not named_here:
        return False  # without a date, "the president" could be any of them
    actor, role, share = (named_here or holders)[0]
    confidence = 0.95 if named_here else 0.85 * share if share < 1 else 0.85
    if len(holders) > 1 and not named_here:
        confidence = min(confidence, 0.6)
    _add(res, tokens, t.start_tok, t.end_tok, actor, "role", confidence, "title", ctx, taken, role=role.office)
    return True


def _name_beside(tokens, start_tok: int, end_tok: int, ctx: _Context, taken) -> bool:
    """A capitalised word no pass has resolved yet right after the title phrase
    ("Chinese foreign ministry spokesman Wu Qian", "the Kenyan president, Samia
    Wanjiru") or a name before it in apposition ("Wu Qian, the Chinese ... spokesman"):
    the title may be that person's, so it waits for the names."""
    sentence = tokens[start_tok].sentence
    k = end_tok + 1 if end_tok < len(tokens) and tokens[end_tok].text == "," else end_tok
    if k < len(tokens) and not taken[k] and tokens[k].sentence == sentence and _is_name_token(tokens[k], ctx):
        return True
    j = start_tok - 1
    if j >= 0 and tokens[j].text.lower() in ("the", "a", "an"):
        j -= 1
    return (j >= 1 and tokens[j].text == "," and not taken[j - 1] and tokens[j - 1].sentence == sentence
            and _is_name_token(tokens[j - 1], ctx))


def _settle_titles(tokens, ctx: _Context, res: Resolution, taken) -> None:
    """The title phrases that waited for the names pass (see _PendingTitle)."""
    rest = []
    for t in ctx.pending_titles:
        person = _person_beside(tokens, t, ctx, res)
        if person is None:
            rest.append(t)
            continue
        if person.id in res.new_actors and not t.former:
            _give_role(person, t.offices[0], t.country, ctx)
        elif person.id in res.new_actors and person.country is None:
            person.country = t.country  # a former holder: their country, no office at the date
        _add(res, tokens, t.start_tok, t.end_tok, person, "role", 0.9, "title", ctx, taken, role=t.offices[0])
    for t in rest:
        if any(taken[k] for k in range(t.title_start, t.title_end)):
            continue
        if not t.former and _resolve_holder(tokens, t, ctx, res, taken):
            continue
        introduced = None if t.former else _introduced_holder(t, ctx, res)
        if introduced is not None:
            # "the Kenyan president" after "Kenyan President Samia Wanjiru": her again
            _add(res, tokens, t.start_tok, t.end_tok, introduced, "coreference", 0.8, "title", ctx, taken,
                 role=t.offices[0])
            continue
        office = ctx.registry.offices.get(t.offices[0])
        sector = ctx.lex.former_sector if t.former else office.sector if office and not office.org_office else None
        if sector:
            # No holder to name: the office's organ of the state, as CAMEO codes it
            # ("the Kenyan president" is KENGOV; "a former Kenyan president" KENELI).
            _add_sector(tokens, t.start_tok, t.end_tok, t.country, sector, ctx, res, taken)


def _person_beside(tokens, t: _PendingTitle, ctx: _Context, res: Resolution) -> Actor | None:
    """The person named right after the title phrase or in apposition before it."""
    def person_at(m: Mention | None) -> Actor | None:
        if m is None or m.form not in ("name", "alias", "new", "surname"):
            return None
        actor = ctx.registry.actors.get(m.actor) or res.new_actors.get(m.actor)
        return actor if actor is not None and actor.type == "person" else None

    k = t.end_tok
    if k < len(tokens) and tokens[k].text == ",":
        k += 1  # "the Kenyan president, Samia Wanjiru,"
    if k < len(tokens):
        found = person_at(next((m for m in res.mentions if m.start == tokens[k].start), None))
        if found is not None:
            return found
    j = t.start_tok - 1
    if j >= 0 and tokens[j].text.lower() in ("the", "a", "an"):
        j -= 1
    if j >= 1 and tokens[j].text == ",":
        return person_at(next((m for m in res.mentions if m.end == tokens[j - 1].end), None))
    return None


def _role_code(office_key: str, country: str, ctx: _Context) -> str:
    office = ctx.registry.offices.get(office_key)
    return f"{country}{office.sector}" if office and office.sector and not office.org_office else country


def _give_role(person: Actor, office_key: str, country: str, ctx: _Context) -> None:
    """A person the registry does not know takes the country and office of the title
    that introduces them; a title of another country does not change them."""
    office = ctx.registry.offices.get(office_key)
    if office is None or office.org_office or person.country not in (None, country):
        return
    person.country = person.country or country
    if not any(r.office == office_key and r.country == country for r in person.roles):
        person.roles.append(Role(office=office_key, code=_role_code(office_key, country, ctx), country=country))


def _introduced_holder(t: _PendingTitle, ctx: _Context, res: Resolution) -> Actor | None:
    """The one person this document introduced with the title's office and country."""
    found = {a.id: a for a in ctx.people.values() if a.id in res.new_actors
             and any(r.office in t.offices and r.country == t.country for r in a.roles)}
    return next(iter(found.values())) if len(found) == 1 else None


_AFFILIATED = frozenset({"for", "at", "of", "with", "in", "from"})


def _appositions(tokens, ctx: _Context, res: Resolution) -> None:
    """"Tom Okello, a Ugandan diplomat,", "Amina Said, a spokeswoman for the Kenyan foreign
    ministry,": a person the registry does not know, described in apposition as a state's
    agent or as working for a body with a state, takes that state and code. The
    described agent is the person, so its phrase becomes a mention of them."""
    by_start = {m.start: m for m in res.mentions}
    for m in list(res.mentions):
        person = res.new_actors.get(m.actor)
        if person is None or person.type != "person" or person.country or m.form not in ("new", "name"):
            continue
        k = ctx.tok_at_end[m.end] + 1
        if k + 2 >= len(tokens) or tokens[k].text != ",":
            continue
        j = k + 1 + (tokens[k + 1].text.lower() in ("a", "an", "the"))
        role_words = []
        while (j < len(tokens) and tokens[j].text.islower() and tokens[j].text not in _AFFILIATED
               and len(role_words) < 3):
            role_words.append(tokens[j].text)
            j += 1
        if role_words:
            if not (j + 1 < len(tokens) and tokens[j].text in _AFFILIATED
                    and any(w in ctx.lex.person_roles for w in role_words)):
                continue
            j += 1 + (tokens[j + 1].text == "the")
        described = by_start.get(tokens[j].start) if j < len(tokens) else None
        body = (ctx.registry.actors.get(described.actor) or res.new_actors.get(described.actor)) if described else None
        if body is None or body.type == "person" or not body.country or not described.code \
                or (not role_words and described.form != "sector"):
            continue
        after = ctx.tok_at_end[described.end] + 1
        if after < len(tokens) and tokens[after].text not in (",", ".", ";") and tokens[after].sentence == m.sentence:
            continue  # "X, a Ugandan diplomat's aide": the phrase goes on
        title = " ".join(role_words) or described.text
        person.country = body.country
        person.roles.insert(0, Role(office="other", code=described.code, country=body.country, title=title))
        if not role_words:  # "Tom Okello, a Ugandan diplomat": that diplomat is he
            described.actor, described.name, described.form, described.method = person.id, person.name, "title", \
                "coreference"


def _bare_titles(tokens, ctx: _Context, res: Resolution) -> None:
    """"President Samia Wanjiru" with no country word, in an article on Kenya and
    Uganda: her country is the one of the document's states whose holder of that
    office at the date is not known to be someone else (Uganda's president is in the
    registry). Where more than one state remains, or the text says "former", no guess."""
    if ctx.undated:
        return
    states = [c for c, n in ctx.countries.items() if n and (a := ctx.registry.actors.get(c)) and a.type == "state"]
    for m in list(res.mentions):
        person = res.new_actors.get(m.actor)
        if m.form != "new" or person is None or person.type != "person" or person.country is not None:
            continue
        first = ctx.tok_at_start.get(m.start)
        title = _title_ending_at(tokens, first, ctx) if first is not None else None
        if title is None:
            continue
        i, offices = title
        before = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == tokens[i].sentence else None
        if before is not None and (before.text[:1].isupper() or before.text.lower() in ctx.lex.former_words
                                   or any(x.end == before.end for x in res.mentions)):
            continue  # "Commission President X", "former President X", "Kenyan President X"
        for office in offices:
            left = [c for c in states if not _held_by_another(office, c, person, ctx, res)]
            if len(left) == 1:
                _give_role(person, office, left[0], ctx)
                break


def _title_ending_at(tokens, k: int, ctx: _Context) -> tuple[int, list[str]] | None:
    """A capitalised state office title that ends right before token k: (first token, offices)."""
    for i in range(max(0, k - 6), k):
        title = ctx.gazetteer.match_title(tokens, i)
        if title and i + title[0] == k and tokens[i].text[:1].isupper():
            offices = [o for o in title[1] if not o.startswith("person:") and (off := ctx.registry.offices.get(o))
                       and off.sector and not off.org_office]
            return (i, offices) if offices else None
    return None


def _held_by_another(office: str, country: str, person: Actor, ctx: _Context, res: Resolution) -> bool:
    if any(a.id != person.id for a, _, _ in ctx.registry.holders(office, country, ctx.lo, ctx.hi)):
        return True
    return any(a.id != person.id and any(r.office == office and r.country == country for r in a.roles)
               for a in ctx.people.values() if a.id in res.new_actors)


def _code_new_people(ctx: _Context, res: Resolution) -> None:
    """Mentions of people and organisations found in this document take the code the
    document gave them, wherever they stand ("Mitsotakis" after "Greek Prime Minister
    Kyriakos Mitsotakis" is GRCGOV too)."""
    for actor in res.new_actors.values():
        if actor.country and actor.code is None:
            actor.code = actor.country
    for m in res.mentions:
        actor = res.new_actors.get(m.actor)
        if actor is not None and m.code is None:
            m.code = actor.code_at(ctx.lo, ctx.hi)


def _posting(tokens, j, ctx, res) -> str | None:
    """The state after "to"/"in" that follows a title ("ambassador to Moscow")."""
    if j + 1 < len(tokens) and tokens[j].text in ("to", "in"):
        m = next((m for m in res.mentions if m.start == tokens[j + 1].start), None)
        actor = ctx.registry.actors.get(m.actor) if m else None
        if actor is not None:
            return actor.id if actor.type == "state" else actor.id
    return None


def _posting_within(tokens, i, j, res) -> str | None:
    """A title that names its posting ("ambassador to the United Nations")."""
    lo, hi = tokens[i].start, tokens[j - 1].end
    return next((m.actor for m in res.mentions if lo <= m.start and m.end <= hi and m.form in ("name", "alias")),
                None)


def _sector_code(country: str, agents) -> str:
    """A state's (or organisation's) code with agent codes appended, each once:
    IRN + GOV + MED = IRNGOVMED, IRN + GOV + GOV = IRNGOV. An agent code written
    with a trailing ``~`` (``NGO~``, the agents file's prefix form) goes before:
    NGO~ + ARN + GOV = NGOARNGOV."""
    code = country
    for agent in agents:
        if agent.endswith("~"):
            if not code.startswith(agent[:-1]):
                code = agent[:-1] + code
            continue
        segments = {code[i:i + 3] for i in range(0, len(code), 3)}
        if not all(agent[i:i + 3] in segments for i in range(0, len(agent), 3)):
            code += agent
    return code


def _sector_actor(country: str, agents, ctx: _Context, res: Resolution) -> Actor:
    actor_id = _sector_code(country, agents)
    actor = ctx.registry.actors.get(actor_id) or res.new_actors.get(actor_id)
    if actor is None:
        state = ctx.registry.actors[country]
        labels = []
        for agent in dict.fromkeys(agents):
            sector = ctx.registry.sectors.get(agent)
            labels.append((sector.name if sector else agent).rstrip("~"))
        actor = Actor(id=actor_id, type="group", subtype="sector", name=" ".join([state.name, *labels]),
                      country=country, code=actor_id, source="sector")
        res.new_actors[actor_id] = actor
    return actor


def _add_sector(tokens, start_tok, end_tok, country, code, ctx, res, taken, agents_first: bool = False) -> None:
    agents = tuple([code] if isinstance(code, str) else code)
    actor = _sector_actor(country, agents, ctx, res)
    # The sector phrase replaces the bare country word it starts with.
    res.mentions[:] = [m for m in res.mentions if not (m.start == tokens[start_tok].start and m.form != "title")]
    mention = _add(res, tokens, start_tok, end_tok, actor, "alias", 0.9, "sector", ctx, taken)
    ctx.sector_phrases[mention.start] = _SectorPhrase(country, agents, agents_first)


# -- coordination: one actor per conjunct -------------------------------------------

_AND = frozenset({"and", "or", ",", "&"})


def _distribute(mentions: list[Mention], tokens: list[Token], ctx: _Context, res: Resolution) -> list[Mention]:
    """A sector phrase shared by coordinated states or agent nouns names one actor
    per conjunct, each mention spanning the whole phrase:

    - "officials of Iran and Russia", "lawmakers in France, Germany and Italy":
      the agent noun for each state (IRNGOV, RUSGOV);
    - "Russian and Chinese officials", "US and Iranian diplomats": the same, the
      states written before the noun;
    - "Danish media and government", "Iranian officials and lawmakers": the state
      for each agent noun (DNKMED, DNKGOV), with the words the nouns share
      ("Danish Islamist media and government": DNKMUSMED, DNKMUSGOV);
    - both at once: "lawmakers and officials in A and B" is four actors.

    A conjunct with a determiner or a country of its own ("Israeli troops and the
    militants", "Iranian officials and Russian diplomats") starts a phrase of its own."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    used: set[int] = set()  # ids of mentions folded into a distributed phrase
    out: list[Mention] = []
    for m in mentions:
        if id(m) in used:
            continue
        phrase = ctx.sector_phrases.get(m.start) if m.form == "sector" else None
        if phrase is None or m.start not in ctx.tok_at_start or m.end not in ctx.tok_at_end:
            out.append(m)
            continue
        first, last = ctx.tok_at_start[m.start], ctx.tok_at_end[m.end]
        countries, stacks, folded = [phrase.country], [phrase.agents], []
        if phrase.agents_first:
            k = last + 1
            while True:  # ", Osgiliath and Gondor"
                j = _after_and(tokens, k, m.sentence)
                if j is None:
                    break
                if j < len(tokens) and tokens[j].text.lower() == "the":
                    j += 1
                nxt = by_start.get(tokens[j].start) if j < len(tokens) else None
                state = _state_named(nxt, ctx, ("name", "alias", "metonym"))
                if state is None or id(nxt) in used:
                    break
                countries.append(state)
                folded.append(nxt)
                last = ctx.tok_at_end[nxt.end]
                k = last + 1
            while first >= 2 and tokens[first - 1].text.lower() in _AND:  # "Lawmakers and officials in"
                noun = _bare_sector_ending(tokens, first - 2, ctx, by_start, by_end)
                if noun is None:
                    break
                stacks.insert(0, (noun[1],))
                first = noun[0]
        else:
            while first >= 2 and tokens[first - 1].text.lower() in _AND:  # "Russian and Chinese officials"
                prev = by_end.get(tokens[first - 2].end)
                state = _state_named(prev, ctx, ("adjective", "name", "alias"))
                if state is None or id(prev) in used or prev.sentence != m.sentence:
                    break
                countries.insert(0, state)
                folded.append(prev)
                first = ctx.tok_at_start[prev.start]
            k = last + 1
            while True:  # "media and government"
                j = _after_and(tokens, k, m.sentence)
                noun = _bare_sector_at(tokens, j, ctx, by_start) if j is not None else None
                if noun is None:
                    break
                stacks.append((*phrase.agents[:-1], noun[1]))
                last, k = noun[0] - 1, noun[0]
        if len(countries) == 1 and len(stacks) == 1:
            out.append(m)
            continue
        used.update(id(f) for f in folded)
        start, end = tokens[first].start, tokens[last].end
        seen = set()
        for agents in stacks:
            for country in countries:
                actor = _sector_actor(country, agents, ctx, res)
                if actor.id in seen:
                    continue
                seen.add(actor.id)
                out.append(Mention(start, end, ctx.text[start:end], actor.id, actor.name, m.method,
                                   min(m.confidence, 0.85), m.sentence, "sector", actor.code, m.role))
    out = [m for m in out if id(m) not in used]
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _after_and(tokens: list[Token], k: int, sentence: int) -> int | None:
    """The token after a coordinator at k ("and", "or", ",", ", and"), if there is one."""
    if k >= len(tokens) or tokens[k].sentence != sentence or tokens[k].text.lower() not in _AND:
        return None
    k += 1
    if k < len(tokens) and tokens[k - 1].text == "," and tokens[k].text.lower() in ("and", "or"):
        k += 1
    return k if k < len(tokens) and tokens[k].sentence == sentence else None


def _state_named(mention: Mention | None, ctx: _Context, forms: tuple[str, ...]) -> str | None:
    if mention is None or mention.form not in forms:
        return None
    actor = ctx.registry.actors.get(mention.actor)
    return actor.id if actor is not None and actor.type == "state" else None


def _bare_sector_at(tokens, k, ctx, by_start) -> tuple[int, str] | None:
    """An agent noun at k, with up to two lower-case modifiers before it, that no
    mention holds ("and government", "and military officials"): (end token, code)."""
    for skip in range(3):
        j = k + skip
        if j >= len(tokens) or tokens[j].start in by_start:
            return None
        sector = ctx.gazetteer.match_sector(tokens, j)
        if sector is not None:
            end = j + sector[0]
            if any(tokens[i].start in by_start for i in range(j, end)):
                return None
            return end, sector[1]
        if not _MODIFIER.match(tokens[j].text) or tokens[j].text in ctx.lex.function_words:
            return None
    return None


def _bare_sector_ending(tokens, k, ctx, by_start, by_end) -> tuple[int, str] | None:
    """An agent noun that ends at token k and that no mention holds ("Lawmakers" in
    "Lawmakers and officials in ..."): (first token, code)."""
    if tokens[k].end in by_end:
        return None
    for n in range(1, 5):
        i = k - n + 1
        if i < 0 or tokens[i].start in by_start:
            return None
        sector = ctx.gazetteer.match_sector(tokens, i)
        if sector is not None and sector[0] == n:
            return i, sector[1]
    return None


def _counterparts(tokens: list[Token], ctx: _Context, res: Resolution, taken: list[bool]) -> None:
    """"his Russian counterpart": the same office, the other country, at the date."""
    for k, tok in enumerate(tokens):
        if tok.text.lower() not in ("counterpart", "counterparts") or k < 2:
            continue
        country_m = next((m for m in res.mentions if m.end == tokens[k - 1].end), None)
        if country_m is None:
            continue
        country = _country_of(ctx.registry.actors.get(country_m.actor) or Actor("", "group", ""))
        if country is None:
            continue
        anchor = _office_of_previous_person(tokens, k, country, ctx, res)
        if anchor is None:
            continue
        start = ctx.tok_at_start[country_m.start]
        phrase = _PendingTitle(start, k, k + 1, k + 1, (anchor,), country, False)
        person = _person_beside(tokens, phrase, ctx, res)  # "his Kenyan counterpart Musalia Mudavadi"
        holders = ctx.registry.holders(anchor, country, ctx.lo, ctx.hi) if person is None else []
        introduced = _introduced_holder(phrase, ctx, res) if person is None and not holders else None
        if person is not None or holders or introduced is not None:
            res.mentions[:] = [m for m in res.mentions if m is not country_m]
        if person is not None:
            if person.id in res.new_actors:
                _give_role(person, anchor, country, ctx)
            _add(res, tokens, start, k + 1, person, "role", 1.0, "counterpart", ctx, taken, role=anchor)
        elif holders:
            actor, role, share = holders[0]
            confidence = 0.9 if actor.id in ctx.people else 0.8
            _add(res, tokens, start, k + 1, actor, "coreference", confidence, "counterpart", ctx, taken,
                 role=role.office)
        elif introduced is not None:
            _add(res, tokens, start, k + 1, introduced, "coreference", 0.8, "counterpart", ctx, taken, role=anchor)
        elif _state_office(anchor, ctx):
            # nobody known holds it: the office's organ of that state ("his Kenyan counterpart" is KENGOV)
            _add_sector(tokens, start, k + 1, country, ctx.registry.offices[anchor].sector, ctx, res, taken)


def _office_of_previous_person(tokens, k, other_country, ctx, res) -> str | None:
    """The office held at the date by the nearest person mentioned before token k
    (same or previous sentence) who is not of ``other_country``."""
    sentence = tokens[k].sentence
    for m in sorted(res.mentions, key=lambda m: -m.start):
        if m.start >= tokens[k].start or m.sentence < sentence - 1:
            continue
        person = ctx.registry.actors.get(m.actor) or res.new_actors.get(m.actor)
        if person is None or person.type != "person" or person.country == other_country:
            continue
        if m.role:
            return m.role
        active = [r for r in person.roles if r.overlap(ctx.lo, ctx.hi) > 0 and r.office]
        office_flags = [r for r in active if ctx.registry.offices.get(r.office or "") and
                        ctx.registry.offices[r.office].counterpart]
        if office_flags:
            return office_flags[0].office
        if active:
            return active[0].office
    return None


# -- pass 3 and 4: names the registry does not hold as written --------------------


def _is_name_token(tok: Token, ctx: _Context) -> bool:
    text = tok.text
    return text[:1].isupper() and text[0].isalpha() and any(c.islower() for c in text) or (
        len(text) > 1 and text.isupper() and text.isalpha())


def _capitalised_runs(tokens: list[Token], ctx: _Context, taken: list[bool], res: Resolution) -> list[list[int]]:
    """Runs of capitalised words, with the particles and connectors inside names. A
    state's word inside an organisation's name, after its head and "of"/"for"/"the"
    or another capitalised word, is part of the name: "Institute for Kenyan Studies",
    "National Task Force for the East Kenyan Coast"."""
    states = {k for m in res.mentions if m.form in _COUNTRY_KINDS and _state_named(m, ctx, tuple(_COUNTRY_KINDS))
              for k in range(ctx.tok_at_start[m.start], ctx.tok_at_end[m.end] + 1)}

    def free(k: int, current: list[int]) -> bool:
        if not taken[k]:
            return True
        return (k in states and bool(current) and tokens[current[-1]].text not in ("and", "&")
                and any(tokens[i].text.lower().rstrip("s") in ctx.lex.org_heads
                        or tokens[i].text.lower() in ctx.lex.org_heads for i in current))

    runs: list[list[int]] = []
    current: list[int] = []
    for k, tok in enumerate(tokens):
        linking = tok.text in _CONNECTORS or tok.text == "the" and bool(current) and tokens[current[-1]].text in (
            "of", "for")
        nxt = k + 2 if tok.text in ("of", "for") and k + 2 < len(tokens) and tokens[k + 1].text == "the" else k + 1
        is_particle = ((tok.text.lower() in ctx.lex.name_particles or linking) and current
                       and nxt < len(tokens) and tokens[nxt].text[:1].isupper() and free(nxt, [*current, k]))
        if free(k, current) and (_is_name_token(tok, ctx) or is_particle) and (
                not current or tokens[current[-1]].sentence == tok.sentence):
            current.append(k)
            continue
        if current:
            runs.append(current)
        current = [k] if not taken[k] and _is_name_token(tok, ctx) else []
    if current:
        runs.append(current)
    split: list[list[int]] = []
    for run in runs:
        split.extend(_split_at_connectors(run, tokens, ctx))
    return [_with_place_before(r, tokens, ctx, states) for r in (_trim(run, tokens, ctx) for run in split) if r]


def _with_place_before(run: list[int], tokens: list[Token], ctx: _Context, states: set[int]) -> list[int]:
    """"Nairobi Policy Institute", "Kenyan Red Crescent Society": a state's word or place
    right before an organisation's name begins the name (which says nothing of whose the
    body is: the Iran Policy Institute need not be Iranian)."""
    k = run[0]
    if not _looks_like_organisation([tokens[i].text for i in run], ctx) or run[0] - 1 not in states:
        return run
    while k - 1 in states and tokens[k - 1].sentence == tokens[run[0]].sentence:
        k -= 1
    if k > 0 and tokens[k - 1].text == "'s" or _sentence_initial(tokens, run[0]):
        return run
    return [*range(k, run[0]), *run]


def _split_at_connectors(run: list[int], tokens: list[Token], ctx: _Context) -> list[list[int]]:
    """"Tabriz Centre for Regional Studies" is one name; "Iran and Russia" or
    "Putin of Russia" are not: keep connectors only inside organisation names."""
    if not any(tokens[k].text in _CONNECTORS or tokens[k].text == "the" for k in run):
        return [run]
    if _looks_like_organisation([tokens[k].text for k in run], ctx):
        return [run]
    parts, current = [], []
    for k in run:
        if tokens[k].text in _CONNECTORS or tokens[k].text == "the":
            if current:
                parts.append(current)
            current = []
        else:
            current.append(k)
    if current:
        parts.append(current)
    return parts


def _sentence_initial(tokens: list[Token], k: int) -> bool:
    prev = tokens[k - 1] if k > 0 else None
    return prev is None or prev.sentence != tokens[k].sentence or prev.text in ("\"", "\u201c", "(", ":", "-",
                                                                                "\u2014", "\u2013")


def _trim(run: list[int], tokens: list[Token], ctx: _Context) -> list[int]:
    """Drop words that are capitalised for another reason than being a name."""
    lex = ctx.lex
    if len(run) > 1 and _partial_of_known([tokens[k].text for k in run], ctx) is not None:
        return run  # "Amir Abdollahian": part of a name already seen, though "amir" is a title
    while run:
        title = ctx.gazetteer.match_title(tokens, run[0])
        if title and title[0] <= len(run):
            run = run[title[0]:]  # "Deputy Prime Minister ..." is an office, not a name
            continue
        t = tokens[run[0]]
        low = t.text.lower()
        common = low in lex.common_words or low in ctx.lower_words
        if common and (low in lex.family_name_first or low in lex.given_names) and len(run) > 1 and \
                tokens[run[1]].text.lower() not in lex.common_words:
            common = False  # "Park Jiwoo said", "Mark Okello said": a name, though "park" is a word too
        if low in lex.not_names or low in lex.honorifics or _sentence_initial(tokens, run[0]) and common:
            run = run[1:]
            continue
        break
    while run and (tokens[run[-1]].text.lower() in lex.name_particles or
                   tokens[run[-1]].text.lower() in lex.not_names):
        run = run[:-1]
    if len(run) == 1:
        low = tokens[run[0]].text.lower()
        if low in lex.common_words and low not in lex.given_names or low in ctx.lower_words:
            return []
    return run


def _run_text(run: list[int], tokens: list[Token]) -> str:
    return " ".join(tokens[k].text for k in run)


def _resolve_full_name(run: list[int], tokens: list[Token], ctx: _Context, res: Resolution,
                       taken: list[bool]) -> None:
    """A run that is plainly a person's full name: a registry person written
    another way, or a new person whose first word is a given name."""
    words = [tokens[k].text for k in run]
    if _looks_like_organisation(words, ctx):
        return
    found = _registry_person(words, ctx)
    if found is not None:
        actor, method, confidence = found
        ctx.people[actor.id] = actor
        _add(res, tokens, run[0], run[-1] + 1, actor, method, confidence, "name", ctx, taken)
    elif (2 <= len(words) <= 4 and (_has_given_name(words, ctx) or _titled(run, words, tokens, ctx))
          and _fuzzy_known(words, ctx) is None):
        actor = _new_person(run, words, tokens, ctx, res)
        ctx.people[actor.id] = actor
        _add(res, tokens, run[0], run[-1] + 1, actor, "new", 0.7, "new", ctx, taken)


def _titled(run: list[int], words: list[str], tokens: list[Token], ctx: _Context) -> bool:
    """"President Samia Wanjiru", "spokesman Wu Qian", "analyst Laila Osman": an office
    title or a person's role word right before a run of two to four names makes it a
    person's name, unless its last word is an ordinary word ("Queen Elizabeth Hospital")."""
    if not is_full_name(" ".join(words)) or any(w.isupper() for w in words):
        return False
    last = words[-1].lower()
    if last in ctx.lex.common_words or last in ctx.lower_words or last in ctx.lex.not_names:
        return False
    k = run[0]
    if k > 0 and tokens[k - 1].sentence == tokens[k].sentence and tokens[k - 1].text.lower() in ctx.lex.person_roles:
        return True
    if k > 1 and tokens[k - 1].text == ",":
        k -= 1  # "the Kenyan president, Samia Wanjiru,"
    return any((title := ctx.gazetteer.match_title(tokens, i)) and i + title[0] == k for i in range(max(0, k - 6), k))


def _has_given_name(words: list[str], ctx: _Context) -> bool:
    if not is_full_name(" ".join(words)):
        return False
    first = fold(words[0])
    return first in ctx.lex.given_names or first in _registry_given_names(ctx.registry)


def _part_of_a_name(run: list[int], tokens: list[Token], ctx: _Context) -> bool:
    """"St Antony's College", "Harvard's Belfer Center": the run names a place
    or body through a possessive, not a person."""
    k = run[-1] + 1
    return (k + 1 < len(tokens) and tokens[k].text == "'s" and tokens[k + 1].text[:1].isupper()
            and tokens[k + 1].text.lower().rstrip("s") in ctx.lex.org_heads | {"college", "school"})


def _resolve_run(run: list[int], tokens: list[Token], ctx: _Context, res: Resolution, taken: list[bool]) -> None:
    words = [tokens[k].text for k in run]
    i, j = run[0], run[-1] + 1
    if _part_of_a_name(run, tokens, ctx):
        return
    if len(run) > 1 and not _is_known_name(words, ctx):
        tail = _partial_of_known(words[-1:], ctx)
        if tail is not None and _partial_of_known(words, ctx) is None:
            # "Belfer Center's Grajewski": the name is the last word only.
            _add(res, tokens, run[-1], j, tail, "surname", 0.9, "surname", ctx, taken)
            if len(run) > 2:
                _resolve_run(run[:-1], tokens, ctx, res, taken)
            return
    # 1. part of a person already named in this document ("Raisi", "Amir Abdollahian")
    partial = _partial_of_known(words, ctx)
    if partial is not None:
        _add(res, tokens, i, j, partial, "surname", 0.9, "surname", ctx, taken)
        return
    # 2. a misspelling of someone named in this document ("Rais", "Rice", "Sergie Lavrov")
    fuzzy = _fuzzy_known(words, ctx)
    if fuzzy is not None:
        actor, score = fuzzy
        _add(res, tokens, i, j, actor, "fuzzy", min(0.9, score / 100), "name", ctx, taken)
        return
    if _looks_like_organisation(words, ctx):
        _organisation(run, words, tokens, ctx, res, taken)
        return
    company = _company_noun_beside(run, tokens, ctx, res, taken)
    named_before = ctx.companies.get(" ".join(words))
    if named_before is not None:
        _add(res, tokens, i, j, named_before, "exact", 0.8, "name", ctx, taken)  # "Tembo said" after "carmaker Tembo"
        return
    if company is not None:
        _company(run, tokens, company, ctx, res, taken)
        return
    # 3. someone in the registry the context supports
    found = _registry_person(words, ctx)
    if found is not None:
        actor, method, confidence = found
        ctx.people[actor.id] = actor
        _add(res, tokens, i, j, actor, method, confidence, "surname" if method == "surname" else "name",
             ctx, taken)
        return
    # 4. a person the registry does not know, if the text says it is one —
    # by a pattern or a given name, else by the statistical NER's reading
    if len(words) >= 2 and (_is_person(run, words, tokens, ctx) or _ner_says(run, tokens, ctx) == "PER"):
        actor = _new_person(run, words, tokens, ctx, res)
        ctx.people[actor.id] = actor
        _add(res, tokens, i, j, actor, "new", 0.7, "new", ctx, taken)


def _organisation_references(tokens: list[Token], ctx: _Context, res: Resolution, taken: list[bool]) -> None:
    """"The task force said" after "the National Task Force for the East Coast": a
    definite noun phrase in lower case that repeats the head of an organisation's name
    the document gave before refers back to it, when only one organisation named so far
    has that head. A state's adjective inside it ("the Kenyan task force") gives the
    state to an organisation whose name names that state but did not say it is its."""
    heads: dict[tuple[str, ...], list[tuple[int, Actor]]] = defaultdict(list)
    for m in res.mentions:
        actor = ctx.registry.actors.get(m.actor) or res.new_actors.get(m.actor)
        if actor is None or actor.type not in ("organisation", "group") or actor.subtype in (
                "agreement", "treaty", "sector", "organ", "vessel") or m.form not in ("name", "alias", "new"):
            continue
        core = []
        for w in m.text.split():
            if w.lower() in _CONNECTORS or w.lower() == "the" and core:
                break
            if w.lower() != "the":
                core.append(w.lower())
        for n in range(1, len(core) + 1):
            tail = tuple(core[-n:])
            if tail[-1] in ctx.lex.org_heads and all(w.isalpha() for w in tail):
                heads[tail].append((m.end, actor))
    if not heads:
        return
    longest = max(len(t) for t in heads)
    for k, tok in enumerate(tokens):
        if tok.text.lower() != "the" or k + 1 >= len(tokens):
            continue
        j = k + 1
        state = _state_named(next((m for m in res.mentions if m.start == tokens[j].start), None), ctx, ("adjective",))
        if state is not None:
            j += 1
        for n in range(longest, 0, -1):
            words = tokens[j:j + n]
            if len(words) < n or any(taken[i] or not t.text.islower() or t.sentence != tok.sentence
                                     for i, t in zip(range(j, j + n), words, strict=True)):
                continue
            if j + n < len(tokens) and tokens[j + n].text[:1].isupper() and tokens[j + n].sentence == tok.sentence:
                continue  # "the institute Mark Katz founded" is fine, "the institute Director" is not a reference
            found = {a.id: a for end, a in heads.get(tuple(t.text for t in words), ()) if end <= tok.start}
            if len(found) != 1:
                continue
            actor = next(iter(found.values()))
            if state is not None and actor.country != state and (
                    actor.country is not None or state not in ctx.named_inside.get(actor.id, ())):
                break  # "the Ugandan commission" after the Lake Victoria Basin Commission may be another one
            if state is not None:
                actor.country = state  # "the Kenyan task force" after "the Task Force for the Kenyan Coast"
            res.mentions[:] = [m for m in res.mentions if not (tokens[k + 1].start <= m.start < tokens[j + n - 1].end)]
            _add(res, tokens, k + 1, j + n, actor, "coreference", 0.7, "reference", ctx, taken)
            break


def _company_noun_beside(run: list[int], tokens: list[Token], ctx: _Context, res: Resolution,
                         taken: list[bool]) -> tuple[str | None] | None:
    """"oil company Chevron", "the Kenyan carmaker Tembo", "Tembo, a Kenyan carmaker,": a
    company noun right before the name, or after it in apposition, with lower-case
    modifiers. Returns (the state an adjective among them names,), or None."""
    sentence = tokens[run[0]].sentence

    def phrase_ending(k: int) -> tuple[str | None] | None:
        if k < 0 or tokens[k].sentence != sentence or tokens[k].text.lower() not in ctx.lex.company_nouns \
                or not tokens[k].text.islower() or taken[k]:
            return None
        state = None
        for i in range(k - 1, max(-1, k - 5), -1):
            found = _state_named(next((m for m in res.mentions if m.start == tokens[i].start), None), ctx,
                                 ("adjective",))
            if found:
                state = found
                continue
            if not tokens[i].text.islower() or tokens[i].text in ctx.lex.function_words:
                break
        return (state,)

    before = phrase_ending(run[0] - 1)
    if before is not None:
        return before
    k = run[-1] + 1
    if k < len(tokens) and tokens[k].text == ",":
        j = k + 1
        if j < len(tokens) and tokens[j].text.lower() in ("the", "a", "an"):
            j += 1
        phrase = ctx.sector_phrases.get(tokens[j].start) if j < len(tokens) else None
        if phrase is not None and "BUS" in phrase.agents and not phrase.agents_first:
            return (phrase.country,)  # "Zuri, a Ugandan shipping firm,": the phrase is a sector of its own
        while j < len(tokens) and j - k < 6 and tokens[j].sentence == sentence:
            if tokens[j].text.lower() in ctx.lex.company_nouns and tokens[j].text.islower():
                return phrase_ending(j) if j + 1 >= len(tokens) or tokens[j + 1].text in (",", ".", ";") else None
            if not (tokens[j].text.islower() or _state_named(next((m for m in res.mentions
                                                                   if m.start == tokens[j].start), None), ctx,
                                                              ("adjective",))):
                break
            j += 1
    return None


def _company(run, tokens, found: tuple[str | None], ctx: _Context, res: Resolution, taken) -> None:
    """A company the registry does not know, with its state's business code if the text gives one."""
    (country,) = found
    i, j = run[0], run[-1] + 1
    name = ctx.text[tokens[i].start:tokens[j - 1].end]
    actor_id = f"new:{slug(name)}"
    actor = res.new_actors.get(actor_id) or Actor(id=actor_id, type="organisation", subtype="company", name=name,
                                                  source="discovered")
    if country and actor.country is None:
        actor.country, actor.code = country, _sector_code(country, ["BUS"])
    res.new_actors[actor_id] = actor
    ctx.companies[" ".join(t.text for t in tokens[i:j])] = actor
    _add(res, tokens, i, j, actor, "new", 0.7, "new", ctx, taken)


def _ner_says(run: list[int], tokens: list[Token], ctx: _Context) -> str | None:
    """The entity label dyad's NER gives exactly this span of its sentence, if any."""
    if ctx.ner is None:
        return None
    sentence = tokens[run[0]].sentence
    lo, hi = ctx.sentence_spans[sentence] if sentence < len(ctx.sentence_spans) else (0, len(ctx.text))
    return ctx.ner(ctx.text[lo:hi], tokens[run[0]].start - lo, tokens[run[-1]].end - lo)


def _is_known_name(words: list[str], ctx: _Context) -> bool:
    target = [fold(w) for w in words]
    return any([fold(t) for t in name] == target for a in ctx.people.values() for name in _name_tokens(a))


def _name_tokens(actor: Actor) -> list[list[str]]:
    forms = [actor.name, *actor.aliases]
    return [f.replace("-", " ").split() for f in forms]


def _partial_of_known(words: list[str], ctx: _Context) -> Actor | None:
    target = [fold(w) for w in " ".join(words).replace("-", " ").split()]
    hits = []
    for actor in ctx.people.values():
        for name in _name_tokens(actor):
            folded = [fold(t) for t in name]
            if len(target) < len(folded) and _is_sub(target, folded) and target[-1] == folded[-1]:
                hits.append(actor)
                break
            if len(target) == 1 and target[0] == folded[-1]:
                hits.append(actor)
                break
            if len(target) == 1 and 2 <= len(folded) <= 3 and target[0] == folded[0] \
                    and target[0] in ctx.lex.family_name_first:
                hits.append(actor)  # "Wang" after "Wang Wenbin": the family name, written first
                break
    unique = {a.id: a for a in hits}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _is_sub(part: list[str], whole: list[str]) -> bool:
    n = len(part)
    return any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def _fuzzy_known(words: list[str], ctx: _Context) -> tuple[Actor, float] | None:
    best: tuple[Actor, float] | None = None
    for actor in ctx.people.values():
        for name in _name_tokens(actor):
            if len(words) == 1:
                score = max(token_similarity(words[0], name[-1]),
                            joined_similarity(words, name[-1:]) if len(name[-1]) > 6 else 0)
                score = score if score >= 80 else 0
            else:
                score = max(name_similarity(words, name), _joined_ok(words, name))
                score = score if score >= 82 else 0
            if score and (best is None or score > best[1]):
                best = (actor, score)
    return best


def _joined_ok(words: list[str], name: list[str]) -> float:
    score = joined_similarity(words, name[-1:])
    return score if score >= 78 else 0.0


def _registry_person(words: list[str], ctx: _Context) -> tuple[Actor, str, float] | None:
    index = _surname_index(ctx.registry)
    last = fold(words[-1].replace("-", " ").split()[-1])
    candidates = set(index["exact"].get(last, ()))
    if len(words) > 1:
        candidates |= set(index["phonetic"].get(phonetic(words[-1]), ()))
    scored = []
    for pid in candidates:
        actor = ctx.registry.actors[pid]
        if len(words) == 1:
            sim = 100.0 if any(fold(n[-1]) == last for n in _name_tokens(actor)) else 0.0
        else:
            sim = max((name_similarity(words, n) for n in _name_tokens(actor)), default=0.0)
            if sim < 85:
                continue
        if sim == 0:
            continue
        active = max((r.overlap(ctx.lo, ctx.hi) for r in actor.roles), default=0.0) > 0
        in_context = ctx.countries.get(actor.country or "", 0) > 0
        scored.append((active * 2 + in_context, sim, actor))
    if not scored:
        return None
    scored.sort(key=lambda t: (-t[0], -t[1]))
    top = scored[0]
    if len(scored) > 1 and scored[1][0] == top[0] and scored[1][1] >= top[1] - 2:
        return None  # two people fit as well: leave it unresolved rather than guess
    # in a state the document names, an international official, or a leader known without one ("Putin")
    placed = top[0] % 2 == 1 or _country_of_person(top[2], ctx) is None or _leader_at_date(top[2], ctx)
    if len(words) == 1 and not (top[0] >= 2 and placed or _prominent_here(top[2], ctx)):
        # a bare surname the document's date and countries do not support: "Haddad" in a story
        # on Egypt is not Brazil's finance minister, though he is in office at the date
        return None
    method = "surname" if len(words) == 1 else ("alias" if top[1] == 100 else "fuzzy")
    confidence = {3: 0.9, 2: 0.85, 1: 0.75, 0: 0.6}[top[0]] * (top[1] / 100)
    return top[2], method, confidence


def _leader_at_date(actor: Actor, ctx: _Context) -> bool:
    offices = ctx.registry.offices
    return any(r.overlap(ctx.lo, ctx.hi) > 0 and (o := offices.get(r.office or "")) is not None
               and (o.head_of_state or o.head_of_government) for r in actor.roles)


def _country_of_person(actor: Actor, ctx: _Context) -> str | None:
    """The state a registry person acts for at the date (None for an international official)."""
    roles = [r for r in actor.roles if r.overlap(ctx.lo, ctx.hi) > 0]
    return next((r.country for r in roles if r.country), None) if roles else actor.country


def _prominent_here(actor: Actor, ctx: _Context) -> bool:
    """A former leader or minister of a state the document keeps returning to
    ("Rouhani" in an article on Iran in 2022)."""
    if ctx.countries.get(actor.country or "", 0) < 2:
        return False
    offices = ctx.registry.offices
    return any(o and (o.head_of_state or o.head_of_government or o.counterpart)
               for o in (offices.get(r.office or "") for r in actor.roles))


def _surname_index(registry: Registry) -> dict[str, dict[str, list[str]]]:
    cached = getattr(registry, "_surnames", None)
    if cached is not None:
        return cached
    exact: dict[str, list[str]] = defaultdict(list)
    sounds: dict[str, list[str]] = defaultdict(list)
    for actor in registry.people():
        for name in _name_tokens(actor):
            if not name:
                continue
            last = fold(name[-1])
            if actor.id not in exact[last]:
                exact[last].append(actor.id)
            key = phonetic(name[-1])
            if actor.id not in sounds[key]:
                sounds[key].append(actor.id)
    index = {"exact": dict(exact), "phonetic": dict(sounds)}
    registry._surnames = index  # type: ignore[attr-defined]
    return index


def _looks_like_organisation(words: list[str], ctx: _Context) -> bool:
    heads = ctx.lex.org_heads
    return len(words) >= 2 and any(w.lower() in heads or w.lower().rstrip("s") in heads for w in words)


def _organisation(run, words, tokens, ctx, res, taken) -> None:
    i, j = run[0], run[-1] + 1
    found = _known_organisation(words, ctx)
    if found is not None:
        best, best_score = found
        _add(res, tokens, i, j, best, "fuzzy", min(0.85, best_score / 100), "name", ctx, taken)
        return
    lo, hi = tokens[i].start, tokens[j - 1].end
    inside = [m for m in res.mentions if lo <= m.start and m.end <= hi]  # "Kenyan" in the name
    res.mentions[:] = [m for m in res.mentions if m not in inside]
    # a state's adjective opening the name says whose the body is ("the Kenyan Red Cross");
    # a name or place does not ("the Iran Policy Institute" may sit anywhere)
    country = next((_state_named(m, ctx, ("adjective",)) for m in inside if m.start == lo), None)
    named = {c for m in inside if (c := _state_named(m, ctx, tuple(_COUNTRY_KINDS)))}
    name = ctx.text[lo:hi] if "\n" not in ctx.text[lo:hi] else _run_text(run, tokens)
    actor_id = f"new:{slug(name)}"
    actor = res.new_actors.get(actor_id) or Actor(id=actor_id, type="organisation", name=name, country=country,
                                                  source="discovered")
    res.new_actors[actor_id] = actor
    ctx.named_inside.setdefault(actor_id, set()).update(named)
    _add(res, tokens, i, j, actor, "new", 0.6, "new", ctx, taken)


def _head_key(word: str) -> str:
    # org_similarity needs the head words to agree; their first four letters
    # ("Serv-ice(s)", "Inst-itute") are enough to find the candidates.
    return fold(word)[:4]


def _organisations_by_head(registry: Registry) -> dict[str, list[tuple[Actor, list[str]]]]:
    cached = getattr(registry, "_org_heads", None)
    if cached is None:
        cached = defaultdict(list)
        for actor in registry.actors.values():
            if actor.type in ("person", "state"):
                continue
            for form in [actor.name, *actor.aliases]:
                parts = form.split()
                if len(parts) >= 2:
                    cached[_head_key(parts[-1])].append((actor, parts))
        registry._org_heads = cached  # type: ignore[attr-defined]
    return cached


def _is_person(run: list[int], words: list[str], tokens: list[Token], ctx: _Context) -> bool:
    if len(words) > 4 or any(w.isupper() for w in words):
        return False
    if _has_given_name(words, ctx):
        return True
    before = tokens[run[0] - 1].text.lower() if run[0] > 0 else ""
    after = tokens[run[-1] + 1].text.lower() if run[-1] + 1 < len(tokens) else ""
    if before in ctx.lex.speech_verbs or after in ctx.lex.speech_verbs:
        return True
    return after == "," and _affiliation(run, tokens, ctx) is not None


def _affiliation(run: list[int], tokens: list[Token], ctx: _Context) -> str | None:
    """"X, a researcher with the Y Institute" -> "researcher, Y Institute"."""
    m = _AFFILIATION.match(_text_after(tokens, run[-1] + 1, 30))
    if m and any(w in ctx.lex.person_roles for w in m["role"].split()):
        return f"{m['role']}, {m['org'].strip().rstrip('.,')}"
    return None


def _registry_given_names(registry: Registry) -> frozenset[str]:
    cached = getattr(registry, "_given", None)
    if cached is None:
        common = lexicon().common_words
        cached = frozenset(fold(n[0]) for a in registry.people() for n in _name_tokens(a)
                           if len(n) > 1 and n[0].lower() not in common)
        registry._given = cached  # type: ignore[attr-defined]
    return cached


_AFFILIATION = re.compile(
    r"^\s*,\s*(?:an?\s+|the\s+)?(?P<role>(?:[a-z][a-z-]*\s+){0,4}?[a-z][a-z-]*)\s+"
    r"(?:at|of|with|from|for|in)\s+(?:the\s+)?(?P<org>(?:[A-Z][\w'\u2019-]*(?:\s+(?:of|for|and|on|the|de)"
    r"(?=\s+[A-Z]))?[ \t]*){1,8})")


def _new_person(run, words, tokens, ctx, res) -> Actor:
    name = " ".join(words)
    actor_id = f"new:{slug(name)}"
    actor = res.new_actors.get(actor_id)
    if actor is None:
        actor = Actor(id=actor_id, type="person", name=name, source="discovered")
        res.new_actors[actor_id] = actor
    role_text = _affiliation(run, tokens, ctx)
    if role_text and not any(r.title == role_text for r in actor.roles):
        actor.roles.append(Role(office="other", code=None, country=None, title=role_text))
    return actor


def _text_after(tokens: list[Token], k: int, n: int) -> str:
    """The text of up to n tokens from k, spaced as close to the original as tokens allow."""
    out = []
    prev_end = None
    for tok in tokens[k:k + n]:
        if prev_end is not None and tok.start > prev_end:
            out.append(" ")
        out.append(tok.text)
        prev_end = tok.end
    return "".join(out)
