from conftest import synthetic_article
from dyad import dedup


def test_identical_texts_have_identical_signatures():
    text = synthetic_article(1)
    assert dedup.jaccard(dedup.signature(text), dedup.signature(text)) == 1.0


def test_lightly_edited_copy_is_a_near_duplicate():
    original = synthetic_article(2, sentences=20)
    sentences = original.split(". ")
    edited = ". ".join(["A new headline for the copy"] + sentences[:-2] + ["Reporting by a partner agency"])
    is_dup, score = dedup.is_near_duplicate(dedup.signature(original), dedup.signature(edited))
    assert is_dup and score > 0.6


def test_different_articles_are_not_duplicates():
    a, b = dedup.signature(synthetic_article(3)), dedup.signature(synthetic_article(4))
    assert dedup.is_near_duplicate(a, b) == (False, dedup.jaccard(a, b))
    assert dedup.jaccard(a, b) < 0.2


def test_short_texts_never_match_by_accident():
    a, b = dedup.signature("Iran and Russia met."), dedup.signature("Iran and Russia met.")
    assert dedup.is_near_duplicate(a, b)[0] is False


def test_signature_round_trips_through_bytes_and_bands_are_stable():
    sig = dedup.signature(synthetic_article(5))
    back = dedup.Signature.from_bytes(sig.to_bytes(), sig.n_shingles)
    assert dedup.jaccard(sig, back) == 1.0
    assert sig.buckets() == back.buckets()
    assert len(sig.buckets()) == dedup.BANDS
    assert all(0 <= b < 2**63 for b in sig.buckets())


def _exact_jaccard(a: str, b: str) -> float:
    sa, sb = set(dedup.shingle_hashes(a).tolist()), set(dedup.shingle_hashes(b).tolist())
    return len(sa & sb) / len(sa | sb)


def test_estimate_tracks_the_exact_jaccard_at_every_level_of_overlap():
    # Texts built from one shared sentence pool overlap by design; the
    # signature must estimate their true overlap, not the luck of small hashes.
    pool = synthetic_article(7, sentences=60).split(". ")
    for shared in (0, 5, 10, 15, 20):
        a = ". ".join(pool[:20])
        b = ". ".join(pool[20 - shared:20] + pool[20:40 - shared])
        estimate = dedup.jaccard(dedup.signature(a), dedup.signature(b))
        assert abs(estimate - _exact_jaccard(a, b)) < 0.12, (shared, estimate, _exact_jaccard(a, b))
