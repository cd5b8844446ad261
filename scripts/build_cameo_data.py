"""Build dyad's CAMEO data files from the open event-data resources.

    python scripts/build_cameo_data.py [--anchors ../shared/anchors/eventdata] [--out src/dyad/data/cameo]

Reads (as data; see the anchors' PROVENANCE.md and LICENSE files):

- petrarch2/dictionaries/CAMEO.2.0.txt: PETRARCH2's CAMEO verb dictionary (MIT)
- goldstein/CAMEO.goldsteinscale.GDELT.txt and goldstein/CAMEO.goldstein.phoenix_pipeline.tsv
- plover/CAMEO2PLOVER-2021.txt: the CAMEO -> PLOVER map (CC BY-SA 4.0)

and writes, into ``--out``:

- codes.yaml: every CAMEO event code with label, root, PLOVER category, Goldstein value, QuadClass
- verbs.yaml: one entry per verb block of the dictionary: its code, surface forms and patterns
- LICENSE.md: what the files are derived from and under which terms

The output depends only on the input files: running it twice gives identical bytes.

How the verb dictionary is read (learnt from its header, PETRARCH's dictionary
documentation and the data itself):

- Synonym sets: ``&NAME`` then ``+MEMBER`` lines. Members are whole words; ``_``
  (or a space) joins the words of a phrase, which must be consecutive. Regular
  plurals are generated for members unless the member or the set name ends in
  ``_`` (that is what the trailing ``_`` means: "+KNIFE_" "+KNIVES_",
  "+ANALYSIS_" "+ANALYSES_", "+DIFFERENCE_OF_OPINION_"
  "+DIFFERENCES_OF_OPINION_" list the plural by hand). Nothing is a prefix or
  stem: PETRARCH matches complete words only, so no element here ends in ``*``.
- Verb blocks: ``--- NAME [code] ---`` then member verbs ``VERB {FORMS} [code]``
  (``+A_B`` for a multi-word verb). ``{...}`` lists every inflected form (an empty
  ``{}`` means none); without it the regular forms are generated. A member's own
  code overrides the block code for that verb.
- Patterns: ``- <before> * <after> [code] # comment``. ``*`` is the verb, ``+``
  the target, ``$`` the source, ``^`` any other noun phrase (skipped), ``%`` a
  compound actor. ``(...)`` is a prepositional phrase (first word the
  preposition), ``{...}`` a noun phrase (last word its head); both are kept in
  ``text`` and flattened in ``before``/``after``. ``&SET`` expands to the set's
  alternatives; ``A/B`` (a few patterns) is read as alternatives too.
- Codes: ``[042:043]`` is a paired code (the second is the event for the
  reverse direction, target -> source: a visit is hosted); ``[:173]`` has only
  the reverse code; ``[---]`` is the null code; ``[080!]`` (one line) is read as 080.
- ``#`` starts a comment, and so does ``;`` (the legacy KEDS/TABARI rule).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ANCHORS = ROOT.parent / "shared" / "anchors" / "eventdata"
DEFAULT_OUT = ROOT / "src" / "dyad" / "data" / "cameo"

VERB_DICT = "petrarch2/dictionaries/CAMEO.2.0.txt"
GDELT_GOLDSTEIN = "goldstein/CAMEO.goldsteinscale.GDELT.txt"
PHOENIX_GOLDSTEIN = "goldstein/CAMEO.goldstein.phoenix_pipeline.tsv"
PLOVER_MAP = "plover/CAMEO2PLOVER-2021.txt"

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


def read_verb_dictionary(path: Path) -> VerbDictionary:
    lines = path.read_text(encoding="ascii").splitlines()
    problems: list[Problem] = []
    stats = {"transformations": 0, "transformations_commented": 0, "null_patterns_dropped": 0,
             "null_patterns_kept": 0, "reverse_only_patterns": 0, "duplicate_patterns": 0,
             "repaired_star": 0, "slash_alternatives": 0, "bang_codes": 0, "legacy_comments": 0,
             "pattern_lines": 0, "member_lines": 0, "duplicate_members": 0, "members_that_are_forms": 0}
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
            exact = text.endswith("_") or name in no_plural_sets
            words = _phrase(text.rstrip("_"))
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
        key = (pattern.code, pattern.code2, repr(pattern.before), repr(pattern.after))
        if any((p.code, p.code2, repr(p.before), repr(p.after)) == key for p in block.patterns):
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
        listed = [w.lstrip("+") for w in re.split(r"[\s,]+", m.group(1)) if w.strip("+")]
        line = line[: m.start()].rstrip()
    base = line.strip()
    if not re.fullmatch(r"\+?[A-Z][A-Z'-]*(_[A-Z'-]+)*", base):
        raise PatternError("not a verb member line")
    words = _phrase(base.lstrip("+"))
    if listed is not None:
        forms = [words, *(_phrase(w) for w in listed)]
    else:
        first, _, rest = words.partition(" ")
        forms = [words, *(f"{f} {rest}".strip() for f in inflections(first))]
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
    """One dictionary token -> its elements (a ``_`` phrase gives one per word)."""
    if tok in MARKERS:
        return [tok]
    out: list = []
    parts = tok.split("_")
    for i, part in enumerate(parts):
        if not part:
            continue
        if part.startswith("&"):  # a set name runs to the end of the token (&FIGHT_OF_WORDS)
            name = "_".join(parts[i:])[1:].rstrip("_")
            if name not in sets:
                raise PatternError(f"undefined synonym set &{name}")
            used.add(name)
            out.append(("set", name))
            break
        elif "/" in part and all(re.fullmatch(r"[A-Za-z-]+", p) for p in part.split("/")):
            stats["slash_alternatives"] += 1
            out.append([p.lower() for p in part.split("/")])
        elif re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.'/-]*", part):
            out.append(part.lower())
        else:
            raise PatternError(f"unexpected token {part!r}")
    return out


def _parse_pattern(line: str, number: int, sets: dict[str, list[str]], used: set[str],
                   stats: dict[str, int]) -> Pattern:
    m = re.match(r"^-\s*(.*?)\s*\[([^\[\]]*)\]\s*$", line)
    if not m:
        raise PatternError("no [code] at the end of the pattern")
    body, code_text = m.group(1), m.group(2)
    code, code2, bang = parse_code(code_text)
    if bang:
        stats["bang_codes"] += 1
    tokens = _tokens(body, stats)
    stack: list[str] = []
    before: list = []
    after: list = []
    seen_verb = False
    for tok in tokens:
        if tok in "({":
            stack.append(tok)
        elif tok in ")}":
            if not stack or {"(": ")", "{": "}"}[stack.pop()] != tok:
                raise PatternError("unbalanced brackets")
        elif tok == "*":
            if stack:
                raise PatternError("the verb * inside a phrase")
            if seen_verb:
                raise PatternError("more than one verb *")
            seen_verb = True
        else:
            (after if seen_verb else before).extend(_element(tok, sets, used, stats))
    if stack:
        raise PatternError("unbalanced brackets")
    if not seen_verb:
        raise PatternError("no verb * in the pattern")
    text = " ".join(tokens).replace("( ", "(").replace(" )", ")").replace("{ ", "{").replace(" }", "}").lower()
    return Pattern(code, code2, before, after, number, text)


# ---------------------------------------------------------------------------
# Code tables


def read_goldstein(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("CAMEO"):
            continue
        code, value = line.split("\t")
        out[code.strip()] = float(value)
    return out


@dataclass
class PloverRow:
    category: str
    mode: str | None
    context: str | None
    comment: str | None
    line: int


def read_plover(path: Path) -> tuple[dict[str, PloverRow], list[str]]:
    rows: dict[str, PloverRow] = {}
    notes: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        rest, _, comment = rest.partition("#")
        cols = [c.strip() or None for c in rest.split(",")]
        cols += [None] * (3 - len(cols))
        row = PloverRow(cols[0], cols[1], cols[2], comment.strip() or None, number)
        if code in rows:
            if (rows[code].category, rows[code].mode, rows[code].context) != (row.category, row.mode, row.context):
                notes.append(f"{code} is mapped twice ({rows[code].category} at line {rows[code].line}, "
                             f"{row.category} at line {number}): the first is used")
            continue
        rows[code] = row
    return rows, notes


# Labels in our own words where the PLOVER comments have none (roots 01-20, the
# CAMEO 01 and 02 families PLOVER does not map) or need fixing (typos, notes).
LABELS = {
    "01": "Make a public statement", "010": "Make a statement", "011": "Decline to comment",
    "012": "Make a pessimistic comment", "013": "Make an optimistic comment", "014": "Consider a policy option",
    "015": "Acknowledge or claim responsibility", "016": "Deny responsibility", "017": "Engage in a symbolic act",
    "018": "Make an empathetic comment", "019": "Express agreement",
    "02": "Appeal", "020": "Make an appeal or request", "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation", "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation", "0214": "Appeal for intelligence sharing",
    "022": "Appeal for diplomatic cooperation or policy support", "023": "Appeal for aid",
    "0231": "Appeal for economic aid", "0232": "Appeal for military aid", "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping", "024": "Appeal for political reform",
    "0241": "Appeal for a change in leadership", "0242": "Appeal for a policy change",
    "0243": "Appeal for rights", "0244": "Appeal for a change in institutions or regime",
    "025": "Appeal to yield", "0251": "Appeal to ease administrative sanctions",
    "0252": "Appeal to ease popular dissent", "0253": "Appeal to release persons or property",
    "0254": "Appeal to ease economic sanctions, boycott or embargo",
    "0255": "Appeal to allow international involvement", "0256": "Appeal to de-escalate military engagement",
    "026": "Appeal to others to meet or negotiate", "027": "Appeal to others to settle a dispute",
    "028": "Appeal to others to engage in or accept mediation",
    "03": "Express intent to cooperate", "04": "Consult", "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation", "07": "Provide aid", "08": "Yield", "09": "Investigate",
    "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten", "14": "Protest",
    "15": "Exhibit military or police posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
    # fixes of the PLOVER comments
    "055": "Apologize", "100": "Make a demand", "1051": "Demand easing of administrative sanctions",
    "1444": "Obstruct passage to demand change in institutions, regime", "0813": "Ease curfew",
    "175": "Use violent repression",
    # codes found in one source only, whose meaning no source documents
    "0110": "Decline to comment (variant code, Phoenix table only)",
    "0357": "Express intent to yield (undocumented subcode, Phoenix table only)",
    "109": "Demand (undocumented subcode, Phoenix table only)",
    "1213": "Reject judicial cooperation",
    "1214": "Reject intelligence cooperation",
    "1641": "Halt negotiations (undocumented subcode, Phoenix table only)",
    "1642": "Halt negotiations (undocumented subcode, Phoenix table only)",
    "1643": "Halt negotiations (undocumented subcode, Phoenix table only)",
    "176": "Attack cybernetically, hack (extension used by the CAMEO 2.0 verb dictionary)",
    "1952": "Employ aerial weapons: drone strike (extension used by the CAMEO 2.0 verb dictionary)",
}


def quad_class(root: str) -> int:
    """GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def build_codes(anchors: Path, verbs: VerbDictionary) -> tuple[dict[str, dict], list[str], tuple[int, int]]:
    gdelt = read_goldstein(anchors / GDELT_GOLDSTEIN)
    phoenix = read_goldstein(anchors / PHOENIX_GOLDSTEIN)
    plover, notes = read_plover(anchors / PLOVER_MAP)
    in_verbs: set[str] = set()
    for block in verbs.blocks:
        in_verbs.update(c for c in (block.code, block.code2) if c)
        for m in block.members:
            in_verbs.update(c for c in (m.code, m.code2) if c)
        for p in block.patterns:
            in_verbs.update(c for c in (p.code, p.code2) if c)
    codes = sorted(set(gdelt) | set(phoenix) | set(plover) | in_verbs)
    roots = {c[:2] for c in codes}
    codes = sorted(set(codes) | roots)
    out: dict[str, dict] = {}
    for code in codes:
        row = plover.get(code)
        label = LABELS.get(code) or (row.comment if row else None)
        if label is None:
            raise SystemExit(f"no label for CAMEO code {code}: add one to LABELS")
        entry: dict = {"label": label, "root": code[:2]}
        entry["plover"] = row.category if row else None
        entry["plover_mode"] = row.mode if row else None
        entry["plover_context"] = row.context if row else None
        if code in gdelt:
            entry["goldstein"] = gdelt[code]
            if code in phoenix and phoenix[code] != gdelt[code]:
                entry["goldstein_alt"] = phoenix[code]
        elif code in phoenix:
            entry["goldstein"] = phoenix[code]
            entry["goldstein_source"] = "phoenix"
        else:
            entry["goldstein"] = None
        entry["quad_class"] = quad_class(code[:2])
        entry["sources"] = [name for name, table in (("cameo2-verbs", in_verbs), ("gdelt", gdelt),
                                                     ("phoenix", phoenix), ("plover", plover)) if code in table]
        out[code] = entry
    return out, notes, (len(gdelt), len(phoenix))


# ---------------------------------------------------------------------------
# YAML writing: our own small emitter, so the layout is stable and readable
# (one line per code / pattern, synonym sets as anchors). Checked by reading
# the result back with PyYAML and comparing.

_PLAIN = re.compile(r"[a-z][a-z0-9-]*(?: [a-z0-9][a-z0-9-]*)*")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if _PLAIN.fullmatch(value) and value not in _RESERVED:
        return value
    return json.dumps(value)


class Emitter:
    def __init__(self, sets: dict[str, list[str]]) -> None:
        self.sets = sets
        self.anchored: set[str] = set()

    def element(self, el) -> str:
        if isinstance(el, tuple):  # ("set", NAME)
            name = el[1]
            anchor = name.lower()
            if name in self.anchored:
                return "*" + anchor
            self.anchored.add(name)
            return f"&{anchor} " + self.seq(self.sets[name])
        if isinstance(el, list):
            return self.seq(el)
        return scalar(el)

    def seq(self, items) -> str:
        return "[" + ", ".join(self.element(i) for i in items) + "]"

    def mapping(self, pairs) -> str:
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def _plain_elements(items, sets):
    out = []
    for el in items:
        if isinstance(el, tuple):
            out.append(list(sets[el[1]]))
        else:
            out.append(el)
    return out


def write_verbs(verbs: VerbDictionary, source_sha: str) -> tuple[str, dict]:
    em = Emitter(verbs.sets)
    st = verbs.stats
    n_patterns = sum(len(b.patterns) for b in verbs.blocks)
    n_forms = sum(len({f for m in b.members for f in m.forms}) for b in verbs.blocks)
    n_distinct = len({f for b in verbs.blocks for m in b.members for f in m.forms})
    unused = [s for s in verbs.set_order if s not in verbs.used_sets]
    head = [
        "# Derived from PETRARCH2's CAMEO 2.0 verb dictionary (MIT, Open Event Data Alliance); "
        "built by scripts/build_cameo_data.py.",
        f"# Source: {VERB_DICT} (sha256 {source_sha}). Do not edit by hand: change the script and rebuild.",
        "#",
        "# One entry per verb block, keyed by the block's name:",
        "#   code / code2   the block's default code for an isolated verb (null: no event); code2 is the paired",
        "#                  code for the reverse direction (target -> source), as in VISIT 042:043",
        "#   forms          every surface form of the member verbs, lower case (multi-word verbs joined by spaces)",
        "#   member_codes   members whose own code overrides the block's, with their forms",
        "#   patterns       {code, code2, before, after, line, text}: words before and after the verb, in order;",
        "#                  a list is a set of alternatives (a synonym set, with regular plurals generated);",
        '#                  "+" target, "$" source, "^" any other noun phrase, "%" compound actor; every word is a',
        "#                  whole, exact word (CAMEO 2.0 has no stems); text keeps the original grouping:",
        "#                  (...) a prepositional phrase, {...} a noun phrase. line: line in the source file.",
        "#                  code null: the verb in this context codes nothing (a [---] exception to the block's",
        "#                  default) or only the reverse event in code2 ([:xxx]).",
        "# Synonym sets are YAML anchors (&military ... *military), defined where first used.",
        "#",
        f"# Counts: {len(verbs.blocks)} verb blocks, {n_forms} surface forms ({n_distinct} distinct), "
        f"{n_patterns} patterns kept of "
        f"{st['pattern_lines']} pattern lines;",
        f"#   {st['null_patterns_dropped']} null-code [---] patterns dropped (in blocks whose default is null too);",
        f"#   {st['null_patterns_kept']} null-code patterns kept as exceptions to a block's default code;",
        f"#   {st['reverse_only_patterns']} patterns with only a reverse code [:xxx];",
        f"#   {st['duplicate_patterns']} exact duplicate patterns merged (first line kept);",
        f"#   {len(verbs.sets)} synonym sets ({len(verbs.used_sets)} used; unused: "
        f"{', '.join('&' + s for s in unused) or 'none'});",
        f"#   {st['transformations']} TRANSFORMATIONS skipped ({st['transformations_commented']} more commented out);",
        f"#   repaired: {st['repaired_star']} verb markers glued to a word (*SCEPTICAL, *_LAWS), "
        f"{st['slash_alternatives']} A/B alternatives, {st['bang_codes']} code with a stray '!', "
        f"{st['legacy_comments']} ';' comments.",
        f"# Lines not used ({len(verbs.problems)}):",
    ]
    for p in verbs.problems:
        head.append(f"#   line {p.line}: {p.reason}: {p.text}")
    body: list[str] = []
    data: dict = {}
    for block in verbs.blocks:
        forms = list(dict.fromkeys(f for m in block.members for f in m.forms))
        body.append(f"{block.name}:")
        body.append(f"  code: {scalar(block.code)}")
        entry: dict = {"code": block.code}
        if block.code2:
            body.append(f"  code2: {scalar(block.code2)}")
            entry["code2"] = block.code2
        body.append(f"  forms: {em.seq(forms)}")
        entry["forms"] = forms
        coded = [m for m in block.members if m.has_code and (m.code, m.code2) != (block.code, block.code2)]
        if coded:
            body.append("  member_codes:")
            entry["member_codes"] = []
            for m in coded:
                pairs = [("code", scalar(m.code))]
                item: dict = {"code": m.code}
                if m.code2:
                    pairs.append(("code2", scalar(m.code2)))
                    item["code2"] = m.code2
                pairs.append(("forms", em.seq(m.forms)))
                item["forms"] = m.forms
                body.append(f"    - {em.mapping(pairs)}")
                entry["member_codes"].append(item)
        entry["patterns"] = []
        if not block.patterns:
            body.append("  patterns: []")
        else:
            body.append("  patterns:")
        for p in block.patterns:
            pairs = [("code", scalar(p.code))]
            item = {"code": p.code}
            if p.code2:
                pairs.append(("code2", scalar(p.code2)))
                item["code2"] = p.code2
            if p.before:
                pairs.append(("before", em.seq(p.before)))
                item["before"] = _plain_elements(p.before, verbs.sets)
            if p.after:
                pairs.append(("after", em.seq(p.after)))
                item["after"] = _plain_elements(p.after, verbs.sets)
            pairs += [("line", scalar(p.line)), ("text", json.dumps(p.text))]
            item["line"] = p.line
            item["text"] = p.text
            body.append(f"    - {em.mapping(pairs)}")
            entry["patterns"].append(item)
        data[block.name] = entry
    return "\n".join(head + body) + "\n", data


def write_codes(codes: dict[str, dict], notes: list[str], table_sizes: tuple[int, int]) -> str:
    differ = [c for c, e in codes.items() if "goldstein_alt" in e]
    lines = [
        "# CAMEO event codes: every code in the CAMEO 2.0 verb dictionary of PETRARCH2, the GDELT and Phoenix",
        "# Goldstein tables and the CAMEO -> PLOVER map (their union). Built by scripts/build_cameo_data.py;",
        "# do not edit by hand. See LICENSE.md beside this file.",
        "#",
        "# label         short English description (PLOVER map comments; our own words for the rest)",
        "# root          the first two digits",
        "# plover        PLOVER category from CAMEO2PLOVER-2021 (CC BY-SA 4.0); null where PLOVER has none:",
        "#               PLOVER does not code CAMEO 01 (statements) and 02 (appeals) at all",
        "# plover_mode   PLOVER's second column (mode), plover_context its third (context), if any",
        "# goldstein     Goldstein conflict-cooperation score, -10 .. +10, from GDELT's CAMEO table. Chosen over",
        "#               the Phoenix table because GDELT is the scale analysts know and compare against, it covers",
        f"#               more codes ({table_sizes[0]} vs {table_sizes[1]}), and where the two disagree "
        f"({', '.join(differ)})",
        "#               GDELT's values fit their neighbours (124/1246 = -4.0 like the rest of 12x; 016 'deny",
        "#               responsibility' negative) while Phoenix's 163/165/166 look shifted by one row.",
        "#               goldstein_alt is the Phoenix value where it differs; goldstein_source: phoenix where",
        "#               only Phoenix has the code. null: no table has it (dyad uses the parent code's value).",
        "# quad_class    GDELT's QuadClass from the root: 1 verbal cooperation (01-05), 2 material cooperation",
        "#               (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20). Not Phoenix's 0-4",
        "#               scheme (phoenix_quadclass.tsv: 0 = 01-02, 1 = 03-05, ..., 16 counted as verbal",
        "#               conflict): GDELT's is the one analysts know.",
        "# sources       which inputs list the code (cameo2-verbs, gdelt, phoenix, plover)",
    ]
    if notes:
        lines.append("#")
        lines.extend(f"# PLOVER map: {n}" for n in notes)
    for code, e in codes.items():
        pairs = [("label", json.dumps(e["label"])), ("root", json.dumps(e["root"]))]
        for key in ("plover", "plover_mode", "plover_context", "goldstein", "goldstein_alt", "goldstein_source",
                    "quad_class"):
            if key in e:
                pairs.append((key, scalar(e[key]) if key != "plover_context" or e[key] is None
                              else json.dumps(e[key])))
        pairs.append(("sources", "[" + ", ".join(e["sources"]) + "]"))
        lines.append(f"{json.dumps(code)}: " + "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
    return "\n".join(lines) + "\n"


LICENSE_TEXT = """\
# Licences of the CAMEO data files

The files in this folder are generated by `scripts/build_cameo_data.py` from open
event-data resources (copies and provenance in `../shared/anchors/eventdata/`).
They are data derived from those works and keep their terms:

- `verbs.yaml` is derived from the CAMEO 2.0 verb dictionary of PETRARCH2
  (`CAMEO.2.0.txt`), Copyright (c) 2015 Open Event Data Alliance, released under
  the MIT License (the petrarch2 repository's own LICENSE file reads
  "Copyright (c) 2014 Open Event Data"). Its patterns were built from the
  earlier TABARI/CAMEO dictionaries, whose development was funded by the U.S.
  National Science Foundation. The MIT License asks that the copyright notice
  and the permission notice travel with copies: they are reproduced below.
- The `plover`, `plover_mode` and `plover_context` fields and most labels of
  `codes.yaml` come from the CAMEO to PLOVER conversion table of the PLOVER
  project (Open Event Data Alliance; Philip Schrodt, editor), licensed under
  Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0). Those fields are
  an adaptation shared under the same licence:
  https://creativecommons.org/licenses/by-sa/4.0/
- The `goldstein` values are the Goldstein (1992) conflict-cooperation scale as
  published for CAMEO in GDELT's public lookup table; `goldstein_alt` values
  come from the table in the Phoenix pipeline (openeventdata/phoenix_pipeline,
  also MIT-licensed). They are reproduced as published.
- The QuadClass grouping follows GDELT's public codebook. Labels not taken from
  PLOVER are our own short descriptions of the CAMEO categories.

## The MIT License, as in the header of CAMEO.2.0.txt

Copyright (c) 2015 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def build(anchors: Path, out: Path, *, quiet: bool = False) -> dict[str, int]:
    source = anchors / VERB_DICT
    for rel in (VERB_DICT, GDELT_GOLDSTEIN, PHOENIX_GOLDSTEIN, PLOVER_MAP):
        if not (anchors / rel).is_file():
            raise SystemExit(f"missing input {anchors / rel}: pass --anchors <shared/anchors/eventdata>")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    verbs = read_verb_dictionary(source)
    verbs_text, verbs_data = write_verbs(verbs, sha)
    codes, notes, table_sizes = build_codes(anchors, verbs)
    codes_text = write_codes(codes, notes, table_sizes)

    import yaml  # only to check what we wrote reads back as intended

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if yaml.load(verbs_text, Loader=loader) != verbs_data:
        raise SystemExit("internal error: verbs.yaml does not read back as written")
    if yaml.load(codes_text, Loader=loader) != codes:
        raise SystemExit("internal error: codes.yaml does not read back as written")

    out.mkdir(parents=True, exist_ok=True)
    (out / "verbs.yaml").write_text(verbs_text, encoding="utf-8")
    (out / "codes.yaml").write_text(codes_text, encoding="utf-8")
    (out / "LICENSE.md").write_text(LICENSE_TEXT, encoding="utf-8")
    counts = {
        "codes": len(codes),
        "verb_blocks": len(verbs.blocks),
        "forms": sum(len({f for m in b.members for f in m.forms}) for b in verbs.blocks),
        "patterns": sum(len(b.patterns) for b in verbs.blocks),
        "pattern_lines": verbs.stats["pattern_lines"],
        "unparsed": len(verbs.problems),
        "transformations": verbs.stats["transformations"],
    }
    if not quiet:
        st = verbs.stats
        print(f"codes.yaml: {counts['codes']} codes", file=sys.stderr)
        print(f"verbs.yaml: {counts['verb_blocks']} verb blocks, {counts['forms']} forms, {counts['patterns']} "
              f"patterns from {st['pattern_lines']} pattern lines ({st['null_patterns_dropped']} null dropped, "
              f"{st['null_patterns_kept']} null kept as exceptions, {st['duplicate_patterns']} duplicates merged); "
              f"{st['transformations']} transformations skipped", file=sys.stderr)
        print(f"lines not used: {len(verbs.problems)}", file=sys.stderr)
        for p in verbs.problems:
            print(f"  line {p.line}: {p.reason}: {p.text}", file=sys.stderr)
        for n in notes:
            print(f"PLOVER map: {n}", file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchors", type=Path, default=DEFAULT_ANCHORS,
                        help="the eventdata anchors folder (default: ../shared/anchors/eventdata)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write (default: dyad's package data)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    build(args.anchors, args.out, quiet=args.quiet)


if __name__ == "__main__":
    main()
