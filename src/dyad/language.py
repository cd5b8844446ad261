"""Language identification with py3langid (its model ships inside the wheel),
restricted to the languages news is published in (data/languages.yaml)."""

from __future__ import annotations

import re
from functools import cache

from .datafiles import load_yaml

# A thousand characters of running prose identify its language reliably; the
# classifier's cost grows with the sample, and it is the largest single cost
# of ingest, so it reads no more.
_SAMPLE = 1000
_MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _identifier():
    from py3langid import langid

    identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(load_yaml("languages.yaml")["candidates"])
    return identifier


@cache
def _english() -> tuple[frozenset[str], float, float]:
    data = load_yaml("languages.yaml")
    return frozenset(data["english_function_words"]), data["min_confidence"], data["min_english_share"]


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability; ``(None, 0.0)`` for text too short to tell."""
    sample = text[:_SAMPLE]
    if len(_LETTER.findall(sample, 0, 400)) < _MIN_LETTERS:
        return None, 0.0
    code, score = _identifier().classify(sample)
    function_words, min_confidence, min_share = _english()
    if code != "en" and score < min_confidence:
        words = [w.lower() for w in _WORD.findall(sample)]
        if words and sum(w in function_words for w in words) / len(words) >= min_share:
            return "en", round(float(score), 3)
    return code, round(float(score), 3)
