"""Reading a PETRARCH verb dictionary (CAMEO 2.0 format): synonym sets, verb
blocks with their member verbs and inflections, and patterns.

Used by ``scripts/build_cameo_data.py`` to build dyad's shipped ``verbs.yaml``
from PETRARCH2's CAMEO 2.0 dictionary, and at run time to read another
dictionary in the same format (a validation suite's own verbs file) into a
``VerbLexicon`` (``load_lexicon``). How the format is read is described in
the script's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

MARKERS = {"+", "$", "^", "%"}
CODE_RE = re.compile(r"\d{2,4}")

# ---------------------------------------------------------------------------
# English inflection (our own rules)

VOWELS = set("aeiou")

# Verbs of more than one syllable whose final consonant doubles (admitted,
# controlling): stressed on the last syllable, or compounds of a one-syllable
# verb (eavesdropped, outfitted). The others do not (visited, targeted, offered).
DOUBLES_FINAL = set("""
    abet abhor acquit admit allot annul aver befit begin commit compel concur confer control debar defer
    deter dispel eavesdrop embed emit enrol equip excel expel extol forbid forget impel incur infer inter
    kidnap omit outbid outfit outwit patrol permit prefer propel rebel recur refer regret remit repel
    resubmit submit transfer transmit unclog unplug unwrap worship
""".split())
# Irregular verbs among the dictionary's members that it lists without their forms.
IRREGULAR = {
    "abide": "abides abided abode abiding", "bide": "bides bided biding",
    "broadcast": "broadcasts broadcasted broadcasting", "burn": "burns burned burnt burning",
    "bust": "busts busted busting", "cast": "casts casting", "cut": "cuts cutting",
    "dive": "dives dived dove diving", "forgive": "forgives forgave forgiven forgiving",
    "hear": "hears heard hearing", "hit": "hits hitting", "hurt": "hurts hurting",
    "learn": "learns learned learnt learning", "lose": "loses lost losing", "set": "sets setting",
    "shut": "shuts shutting", "spell": "spells spelled spelt spelling", "spoil": "spoils spoiled spoilt spoiling",
    "spread": "spreads spreading", "spring": "springs sprang sprung springing",
    "swell": "swells swelled swollen swelling", "teach": "teaches taught teaching",
    "tear": "tears tore torn tearing", "thrust": "thrusts thrusting",
    "understand": "understands understood understanding", "unwind": "unwinds unwound unwinding",
    "upset": "upsets upsetting",
}
# Spelt with a double consonant although their stress is not final (US and UK agree).
ALSO_DOUBLE = {"program": "programm", "handicap": "handicapp", "format": "formatt", "hiccup": "hiccupp"}


def _vowel_groups(word: str) -> int:
    word = re.sub(r"^(s?)qu", r"\1qw", word)  # the u of qu is a consonant sound
    return len(re.findall(r"[aeiou]+|(?<=[^aeiou])y", word))


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant, the final consonant not w, x or y."""
    word = re.sub(r"^(s?)qu", r"\1qw", word)
    if len(word) < 3:
        return False
    c1, v, c2 = word[-3], word[-2], word[-1]
    return c2 not in VOWELS and c2 not in "wxy" and v in VOWELS and c1 not in VOWELS


def _doubled_stems(word: str) -> list[str]:
    """Stems for -ed/-ing: usually one; both spellings for a British/US -l."""
    last = word.rsplit("-", 1)[-1]
    if last in ALSO_DOUBLE:
        return [word[: -len(last)] + ALSO_DOUBLE[last]]
    if not _cvc(last):
        return [word]
    if _vowel_groups(last) == 1 or last in DOUBLES_FINAL:
        return [word + word[-1]]
    if last.endswith("l") and last[-2] in VOWELS and last[-3] not in VOWELS:
        return [word, word + "l"]  # canceled / cancelled, traveling / travelling
    return [word]


def inflections(verb: str) -> list[str]:
    """The inflected forms of an English verb (lower case): -s, -ed, -ing, or
    the irregular forms for the few irregular verbs the dictionary leaves bare."""
    v = verb.lower()
    if v in IRREGULAR:
        return IRREGULAR[v].split()
    out: list[str] = []
    # third person singular
    if re.search(r"(s|x|z|ch|sh)$", v) or re.search(r"[^aeiou]o$", v):
        out.append(v + "es")
    elif re.search(r"[^aeiou]y$", v):
        out.append(v[:-1] + "ies")
    else:
        out.append(v + "s")
    # past and past participle
    if v.endswith("e"):
        out.append(v + "d")
    elif re.search(r"[^aeiou]y$", v):
        out.append(v[:-1] + "ied")
    elif v.endswith("ic") and _vowel_groups(v) > 1:
        out.append(v + "ked")
    else:
        out.extend(stem + "ed" for stem in _doubled_stems(v))
    # present participle
    if v.endswith("ie"):
        out.append(v[:-2] + "ying")
    elif re.search(r"(ee|oe|ye)$", v) or v == "be":
        out.append(v + "ing")
    elif v.endswith("e") and len(v) > 2:
        out.append(v[:-1] + "ing")
    elif v.endswith("ic") and _vowel_groups(v) > 1:
        out.append(v + "king")
    else:
        out.extend(stem + "ing" for stem in _doubled_stems(v))
    return out


def plural(noun: str) -> str | None:
    """The regular plural of a noun or phrase (its last word), or None when the
    word already looks plural (troops, headquarters, servicemen)."""
    head = noun.rsplit(" ", 1)[-1]
    if re.search(r"(ss|sh|ch|x|z)$", head):
        return noun + "es"
    if head.endswith("s") or head.endswith("men"):
        return None
    if re.search(r"[^aeiou]y$", head):
        return noun[:-1] + "ies"
    return noun + "s"


# ---------------------------------------------------------------------------
# The verb dictionary


@dataclass
class Problem:
    line: int
    reason: str
    text: str


@dataclass
class Pattern:
    code: str | None
    code2: str | None
    before: list
    after: list
    line: int
    text: str
    # The pattern's phrases as spans over ``before`` / ``after``: [kind, start, end] with kind
    # "np" for {...} and "pp" for (...); a phrase may hold another ((TO {PEACE PLAN})).
    before_phrases: list = field(default_factory=list)
    after_phrases: list = field(default_factory=list)


@dataclass
class Member:
    base: str
    forms: list[str]
    code: str | None
    code2: str | None
    has_code: bool
    listed: bool
    line: int


@dataclass
class Block:
    name: str
    code: str | None
    code2: str | None
    line: int
    members: list[Member] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    sets: dict[str, list[str]]
    set_order: list[str]
    blocks: list[Block]
    problems: list[Problem]
    stats: dict[str, int]
    used_sets: set[str]


class PatternError(ValueError):
    pass


def _strip_comment(line: str) -> str:
    return re.split(r"[#;]", line, maxsplit=1)[0].rstrip()


def parse_code(text: str) -> tuple[str | None, str | None, bool]:
    """``042:043`` -> ("042", "043"); ``:173`` -> (None, "173"); ``---`` -> (None, None).
    The flag says a stray ``!`` was dropped."""
    text = text.strip()
    bang = text.endswith("!")
    text = text.rstrip("!").strip()
    parts = [p.strip() for p in text.split(":")]
    if len(parts) > 2:
        raise PatternError(f"more than two codes in [{text}]")
    codes: list[str | None] = []
    for p in parts:
        if p in ("", "---"):
            codes.append(None)
        elif CODE_RE.fullmatch(p):
            codes.append(p)
        else:
            raise PatternError(f"not a CAMEO code: [{text}]")
    code = codes[0]
    code2 = codes[1] if len(codes) > 1 else None
    return code, code2, bang


def _phrase(word: str) -> str:
    return " ".join(w for w in word.replace("_", " ").lower().split())


def read_verb_dictionary(path: Path, encoding: str = "ascii") -> VerbDictionary:
    """Read a verb dictionary (CAMEO 2.0 is plain ASCII: the build insists on it)."""
    lines = path.read_text(encoding=encoding, errors="strict" if encoding == "ascii" else "replace").splitlines()
    problems: list[Problem] = []
    stats = {"transformations": 0, "transformations_commented": 0, "null_patterns_dropped": 0,
             "null_patterns_kept": 0, "reverse_only_patterns": 0, "duplicate_patterns": 0,
             "repaired_star": 0, "slash_alternatives": 0, "bang_codes": 0, "legacy_comments": 0,
             "pattern_lines": 0, "member_lines": 0, "duplicate_members": 0, "members_that_are_forms": 0,
             "repaired_dash": 0}
    section = "preamble"
    sets: dict[str, list[str]] = {}
    set_order: list[str] = []
    no_plural_sets: set[str] = set()
    raw_sets: dict[str, list[tuple[str, int]]] = {}
    current_set: str | None = None
    blocks: list[Block] = []
    raw_patterns: list[tuple[Block, int, str]] = []

    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if stripped.startswith("#######") or stripped.startswith("########"):
            upper = stripped.upper()
            if "SYNONYM SETS" in upper:
                section = "sets"
            elif "VERB PATTERNS" in upper:
                section = "verbs"
            elif "TRANSFORMATIONS" in upper:
                section = "transformations"
            continue
        if section == "transformations":
            if stripped.startswith("~"):
                stats["transformations"] += 1
            elif stripped.startswith("#~"):
                stats["transformations_commented"] += 1
            continue
        if not stripped or stripped.startswith("#") or section == "preamble":
            continue
        if ";" in raw and "#" not in raw.split(";", 1)[0]:
            stats["legacy_comments"] += 1
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if section == "sets":
            if line.startswith("&"):
                name = line.split()[0][1:]
                current_set = name.rstrip("_")
                if name.endswith("_"):
                    no_plural_sets.add(current_set)
                if current_set not in raw_sets:
                    set_order.append(current_set)
                raw_sets.setdefault(current_set, [])
            elif line.startswith("+") and current_set is not None:
                raw_sets[current_set].append((line[1:].strip(), number))
            else:
                problems.append(Problem(number, "not a synonym-set line", raw.strip()))
            continue
        # verb section
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\][\s-]*$", line)
        if header:
            try:
                code, code2, _ = parse_code(header.group(2))
            except PatternError as exc:
                problems.append(Problem(number, str(exc), raw.strip()))
                code, code2 = None, None
            blocks.append(Block(header.group(1), code, code2, number))
            continue
        if line.startswith("---"):
            problems.append(Problem(number, "malformed block header", raw.strip()))
            continue
        if not blocks:
            problems.append(Problem(number, "line before the first verb block", raw.strip()))
            continue
        if line.startswith("-"):
            stats["pattern_lines"] += 1
            raw_patterns.append((blocks[-1], number, line))
        elif line.startswith("*") and re.search(r"\[[^\]]*\]$", line):
            # "* (TO QUESTION) [110]": a pattern that lost its leading "-" (no member starts with *)
            stats["pattern_lines"] += 1
            stats["repaired_dash"] += 1
            raw_patterns.append((blocks[-1], number, line))
        else:
            stats["member_lines"] += 1
            try:
                member = _parse_member(line, number)
            except PatternError as exc:
                problems.append(Problem(number, str(exc), raw.strip()))
                continue
            blocks[-1].members.append(member)

    # synonym sets: plurals, then (recursive) expansion of any &SET inside a set
    for name, members in raw_sets.items():
        out: list[str] = []
        for text, _number in members:
            # "+(TO THE END)": a member that is a prepositional phrase is its words, as they stand
            phrase = text.startswith("(") and text.endswith(")")
            exact = text.endswith("_") or name in no_plural_sets or phrase
            words = _phrase(text.strip("()").rstrip("_"))
            out.append(words)
            if not exact and not words.startswith("&"):
                p = plural(words)
                if p:
                    out.append(p)
        sets[name] = out
    expanded: dict[str, list[str]] = {}

    def expand(name: str, seen: tuple[str, ...] = ()) -> list[str]:
        if name in expanded:
            return expanded[name]
        if name in seen:
            raise PatternError(f"synonym set &{name} refers to itself")
        result: list[str] = []
        for item in sets[name]:
            if item.startswith("&"):
                ref = item[1:].upper().rstrip("_")
                if ref not in sets:
                    raise PatternError(f"synonym set &{name} refers to undefined &{ref}")
                result.extend(expand(ref, (*seen, name)))
            else:
                result.append(item)
        expanded[name] = list(dict.fromkeys(result))
        return expanded[name]

    for name in set_order:
        expand(name)

    used_sets: set[str] = set()
    for block, number, line in raw_patterns:
        try:
            pattern = _parse_pattern(line, number, expanded, used_sets, stats)
        except PatternError as exc:
            problems.append(Problem(number, str(exc), lines[number - 1].strip()))
            continue
        if pattern.code is None and pattern.code2 is None and block.code is None and block.code2 is None:
            stats["null_patterns_dropped"] += 1
            continue
        key = (pattern.code, pattern.code2, repr(pattern.before), repr(pattern.after),
               repr(pattern.before_phrases), repr(pattern.after_phrases))
        if any((p.code, p.code2, repr(p.before), repr(p.after), repr(p.before_phrases),
                repr(p.after_phrases)) == key for p in block.patterns):
            stats["duplicate_patterns"] += 1
            continue
        if pattern.code is None:
            stats["null_patterns_kept" if pattern.code2 is None else "reverse_only_patterns"] += 1
        block.patterns.append(pattern)

    for block in blocks:
        # a member that is a form of another member ("lost" beside "lose") is only that form
        for m in block.members:
            if not m.listed and any(m.base in o.forms for o in block.members if o.base != m.base):
                m.forms = [m.base]
                stats["members_that_are_forms"] += 1
        merged: dict[str, Member] = {}
        for m in block.members:
            if m.base in merged:
                stats["duplicate_members"] += 1
                old = merged[m.base]
                # an explicit {forms} list wins over generated regular forms
                if m.listed and not old.listed:
                    old.forms, old.listed = m.forms, True
                elif m.listed == old.listed:
                    old.forms = list(dict.fromkeys(old.forms + m.forms))
                if m.has_code and not old.has_code:
                    old.code, old.code2, old.has_code = m.code, m.code2, True
            else:
                merged[m.base] = m
        block.members = list(merged.values())
    return VerbDictionary(expanded, set_order, blocks, problems, stats, used_sets)


def _parse_member(line: str, number: int) -> Member:
    """A member verb line: ``VERB {FORMS} [code]``. In a multi-word verb (``_`` joins its
    words) a ``+`` marks the word that is the verb, first or last: ``+CORDON_OFF``,
    ``WIRE_+TAP``; without a ``{FORMS}`` list the regular forms of that word are made."""
    code = code2 = None
    has_code = False
    m = re.search(r"\[([^\]]*)\]\s*$", line)
    if m:
        code, code2, _ = parse_code(m.group(1))
        has_code = True
        line = line[: m.start()].rstrip()
    listed: list[str] | None = None
    m = re.search(r"\{([^}]*)\}\s*$", line)
    if m:
        listed = [w.replace("+", "") for w in re.split(r"[\s,]+", m.group(1)) if w.strip("+")]
        line = line[: m.start()].rstrip()
    base = line.strip()
    if not re.fullmatch(r"\+?[A-Z][A-Z'-]*(_\+?[A-Z'-]+)*", base):
        raise PatternError("not a verb member line")
    parts = base.split("_")
    verb_at = next((i for i, part in enumerate(parts) if part.startswith("+")), 0)
    words = _phrase(base.replace("+", ""))
    if listed is not None:
        forms = [words, *(_phrase(w) for w in listed)]
    else:
        split = words.split(" ")
        forms = [words, *(" ".join([*split[:verb_at], f, *split[verb_at + 1:]]) for f in inflections(split[verb_at]))]
    return Member(words, list(dict.fromkeys(forms)), code, code2, has_code, listed is not None, number)


def _tokens(body: str, stats: dict[str, int]) -> list[str]:
    out: list[str] = []
    for tok in re.sub(r"([(){}])", r" \1 ", body).split():
        if "*" in tok and tok != "*":
            stats["repaired_star"] += 1
            out.extend(re.sub(r"_?\*_?", " * ", tok).split())
        else:
            out.append(tok)
    return out


def _element(tok: str, sets: dict[str, list[str]], used: set[str], stats: dict[str, int]) -> list:
    """One dictionary token -> its elements. ``_`` joins words that must be consecutive
    (``REAL_PLEASANT``): one element, a phrase; a set name runs to the end of the token
    (``&FIGHT_OF_WORDS``), after any joined words before it."""
    if tok in MARKERS:
        return [tok]
    parts = [p for p in tok.split("_") if p]
    at = next((i for i, p in enumerate(parts) if p.startswith("&")), None)
    words, rest = (parts, []) if at is None else (parts[:at], parts[at:])
    out: list = []
    if len(words) > 1 and all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.'-]*", w) for w in words):
        out.append(" ".join(w.lower() for w in words))
    else:
        for part in words:
            if "/" in part and all(re.fullmatch(r"[A-Za-z-]+", p) for p in part.split("/")):
                stats["slash_alternatives"] += 1
                out.append([p.lower() for p in part.split("/")])
            elif re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.'/-]*", part):
                out.append(part.lower())
            else:
                raise PatternError(f"unexpected token {part!r}")
    if rest:
        name = "_".join(rest)[1:].rstrip("_")
        if name not in sets:
            raise PatternError(f"undefined synonym set &{name}")
        used.add(name)
        out.append(("set", name))
    return out


def _parse_pattern(line: str, number: int, sets: dict[str, list[str]], used: set[str],
                   stats: dict[str, int]) -> Pattern:
    m = re.match(r"^-?\s*(.*?)\s*\[([^\[\]]*)\]\s*$", line)
    if not m:
        raise PatternError("no [code] at the end of the pattern")
    body, code_text = m.group(1), m.group(2)
    code, code2, bang = parse_code(code_text)
    if bang:
        stats["bang_codes"] += 1
    tokens = _tokens(body, stats)
    stack: list[tuple[str, int]] = []  # open brackets: (bracket, start in the current side)
    before: list = []
    after: list = []
    phrases: dict[bool, list] = {False: [], True: []}
    seen_verb = False
    for tok in tokens:
        side = after if seen_verb else before
        if tok in "({":
            stack.append((tok, len(side)))
        elif tok in ")}":
            if not stack or {"(": ")", "{": "}"}[stack[-1][0]] != tok:
                raise PatternError("unbalanced brackets")
            bracket, start = stack.pop()
            if len(side) > start:
                phrases[seen_verb].append(["pp" if bracket == "(" else "np", start, len(side)])
        elif tok == "*":
            if stack:
                raise PatternError("the verb * inside a phrase")
            if seen_verb:
                raise PatternError("more than one verb *")
            seen_verb = True
        else:
            side.extend(_element(tok, sets, used, stats))
    if stack:
        raise PatternError("unbalanced brackets")
    if not seen_verb:
        raise PatternError("no verb * in the pattern")
    text = " ".join(tokens).replace("( ", "(").replace(" )", ")").replace("{ ", "{").replace(" }", "}").lower()
    # outer phrases before the phrases they hold: (TO {PEACE PLAN}) is pp 0-3, then np 1-3
    for spans in phrases.values():
        spans.sort(key=lambda p: (p[1], -p[2]))
    return Pattern(code, code2, before, after, number, text, phrases[False], phrases[True])


# ---------------------------------------------------------------------------
# As a lexicon


def _plain_elements(items, sets):
    return [list(sets[el[1]]) if isinstance(el, tuple) else el for el in items]


def lexicon_data(verbs: VerbDictionary) -> dict:
    """The dictionary as the data ``VerbLexicon`` reads (the content of verbs.yaml)."""
    data: dict = {}
    for block in verbs.blocks:
        entry: dict = {"code": block.code}
        if block.code2:
            entry["code2"] = block.code2
        entry["forms"] = list(dict.fromkeys(f for m in block.members for f in m.forms))
        coded = [m for m in block.members if m.has_code and (m.code, m.code2) != (block.code, block.code2)]
        if coded:
            entry["member_codes"] = []
            for m in coded:
                item: dict = {"code": m.code}
                if m.code2:
                    item["code2"] = m.code2
                item["forms"] = m.forms
                entry["member_codes"].append(item)
        entry["patterns"] = []
        for pat in block.patterns:
            item = {"code": pat.code}
            if pat.code2:
                item["code2"] = pat.code2
            if pat.before:
                item["before"] = _plain_elements(pat.before, verbs.sets)
            if pat.after:
                item["after"] = _plain_elements(pat.after, verbs.sets)
            if pat.before_phrases:
                item["before_phrases"] = [list(p) for p in pat.before_phrases]
            if pat.after_phrases:
                item["after_phrases"] = [list(p) for p in pat.after_phrases]
            item["line"] = pat.line
            item["text"] = pat.text
            entry["patterns"].append(item)
        data[block.name] = entry
    return data


def load_lexicon(path: str | Path):
    """A ``VerbLexicon`` of a PETRARCH verb dictionary file, on its own (without
    dyad's additions); lines it cannot read are skipped, as the build skips them."""
    import hashlib

    from .verbs import VerbLexicon

    path = Path(path)
    raw = path.read_bytes()
    verbs = read_verb_dictionary(path, encoding="utf-8")
    return VerbLexicon(lexicon_data(verbs), version=hashlib.sha256(raw).hexdigest()[:12])
