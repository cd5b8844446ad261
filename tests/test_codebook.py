"""The CAMEO codebook shipped in dyad/data/cameo/codes.yaml."""

from __future__ import annotations

import pytest

from dyad.events.codebook import CodeInfo, codebook, describe, is_valid
from dyad.events.verbs import VerbLexicon

ROOTS = [f"{i:02d}" for i in range(1, 21)]


def test_every_root_is_there_with_gdelt_quad_class():
    for root in ROOTS:
        info = describe(root)
        assert info.root == root
        expected = 1 if root <= "05" else 2 if root <= "08" else 3 if root <= "13" else 4
        assert info.quad_class == expected, root


def test_known_values():
    visit = describe("042")
    assert isinstance(visit, CodeInfo)
    assert (visit.root, visit.quad_class, visit.plover, visit.plover_mode, visit.goldstein) == (
        "04", 1, "CONSULT", "visit", 1.9)
    assert visit.label == "Make a visit"
    force = describe("190")
    assert (force.root, force.quad_class, force.goldstein, force.plover) == ("19", 4, -10.0, "ASSAULT")
    retreat = describe("0874")
    assert (retreat.root, retreat.quad_class, retreat.plover, retreat.goldstein) == ("08", 2, "RETREAT", 10.0)


def test_gdelt_goldstein_with_phoenix_as_alternative():
    deny = describe("016")
    assert (deny.goldstein, deny.goldstein_alt) == (-2.0, 3.4)
    sanctions = describe("163")
    assert (sanctions.goldstein, sanctions.goldstein_alt) == (-8.0, -6.5)
    assert describe("042").goldstein_alt is None


def test_missing_fields_fall_back_to_the_parent():
    # 176 (hacking) is only in the verb dictionary: PLOVER and Goldstein come from 17
    hack = describe("176")
    assert (hack.root, hack.plover, hack.goldstein, hack.quad_class) == ("17", "COERCE", -7.0, 4)
    # 1952 (drone strike) -> 195 -> 19
    drone = describe("1952")
    assert (drone.plover, drone.plover_mode, drone.goldstein) == ("ASSAULT", "heavy-weapons", -10.0)
    # 1214 is only in the PLOVER map: Goldstein from 121
    assert describe("1214").goldstein == describe("121").goldstein == -4.0


def test_every_code_is_complete():
    book = codebook()
    assert len(book) > 300
    for code, info in book.items():
        assert info.code == code and info.root == code[:2]
        assert info.label
        assert 1 <= info.quad_class <= 4
        assert isinstance(info.goldstein, float) and -10.0 <= info.goldstein <= 10.0
        # PLOVER leaves CAMEO 01 (statements) and 02 (appeals) uncoded, and only those
        assert (info.plover is None) == (info.root in ("01", "02")), code


def test_unknown_codes():
    with pytest.raises(KeyError, match="999"):
        describe("999")
    with pytest.raises(KeyError):
        describe(42)  # type: ignore[arg-type]
    assert is_valid("042") and is_valid("0874")
    assert not is_valid("999") and not is_valid(42) and not is_valid(None) and not is_valid("")


def test_every_code_the_verb_dictionary_uses_is_known():
    lexicon = VerbLexicon.load()
    used = set()
    for verb in lexicon.verbs:
        used.update(lexicon.default_codes(verb))
        for p in lexicon.patterns(verb):
            used.update((p.code, p.code2))
    used.discard(None)
    assert used and all(is_valid(c) for c in used), sorted(c for c in used if not is_valid(c))
