"""dyad's own English pipeline (tagger and dependency parser trained from UD
English-EWT, shipped in dyad/models/en_dyad), loaded once and used only on the
sentences that can hold an event."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import DyadError

MODEL_NAME = "en_dyad"


MODEL_ENV = "DYAD_MODEL"


def model_path() -> Path:
    """The shipped model, or the one ``$DYAD_MODEL`` names (one you trained yourself)."""
    override = os.environ.get(MODEL_ENV)
    return Path(override) if override else Path(str(resources.files("dyad").joinpath("models", MODEL_NAME)))


@cache
def parser():
    """The spaCy pipeline without its NER (actors come from the registry)."""
    path = model_path()
    if not (path / "config.cfg").exists():
        raise DyadError(f"dyad's English model is missing from {path}; reinstall dyad, or train it with "
                        "'dyad model train --data ../shared/nlp'")
    import spacy

    return spacy.load(path, exclude=["ner"])


def parse(texts: list[str]):
    """Parsed sentences, in order (batched: the parser is the slowest step of the flow),
    with the parser's systematic misparses of verbs repaired (see ``repair``)."""
    from .repair import repair

    docs = list(parser().pipe(texts, batch_size=64))
    for doc in docs:
        repair(doc)
    return docs
