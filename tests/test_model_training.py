"""Training of dyad's English pipeline, and the model shipped in src/dyad/models."""

from pathlib import Path

import pytest
import spacy

from dyad.nlp import training

REPO = Path(__file__).resolve().parents[1]
SHARED_NLP = REPO.parent / "shared" / "nlp"
SHIPPED_MODEL = REPO / "src" / "dyad" / "models" / "en_dyad"
TREATY = "Iran and Russia signed a treaty in Moscow."

CONLLU_WITH_CONTRACTION = """\
# sent_id = s1
# text = They don't talk.
1\tThey\tthey\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\ttalk\ttalk\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
4.1\ttalk\ttalk\tVERB\tVB\t_\t_\t_\t4:conj\t_
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

"""


def test_conllu_reader_keeps_words_of_multiword_tokens_and_drops_empty_nodes(tmp_path):
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU_WITH_CONTRACTION, encoding="utf-8")

    [sentence] = training.read_conllu(path)

    assert sentence.sent_id == "s1"
    assert sentence.words == ["They", "do", "n't", "talk", "."]
    assert sentence.spaces == [True, False, True, False, True]
    assert sentence.heads == [3, 3, 3, 3, 3]
    assert sentence.deprels == ["nsubj", "aux", "advmod", "ROOT", "punct"]
    doc = training.sentence_to_doc(spacy.blank("en").vocab, sentence, None)
    assert doc.text == "They don't talk. "


def test_early_uner_labels_are_reduced_to_clean_per_loc_org():
    tags = ["B-ORG", "I-ORG", "B-OTH", "I-OTH", "B-O", "I-PER", "O", "B-LOC"]

    assert training.clean_iob_tags(tags) == ["B-ORG", "I-ORG", "O", "O", "O", "B-PER", "O", "B-LOC"]


def test_training_a_few_steps_on_a_slice_gives_a_loadable_pipeline(tmp_path):
    if not SHARED_NLP.is_dir():
        pytest.skip(f"training data not found at {SHARED_NLP}")
    corpus = tmp_path / "corpus"
    reports = training.convert_corpus(SHARED_NLP, corpus, limit=120)
    assert reports["train"].docs == 120
    assert reports["train"].alignment.aligned >= 110

    model_dir = tmp_path / "model"
    settings = training.TrainSettings(eval_frequency=3)
    result = training.train(corpus, model_dir, max_steps=6, max_minutes=1, settings=settings, log=lambda _: None)

    assert result.steps == 7
    nlp = spacy.load(model_dir)
    assert nlp.pipe_names == ["tok2vec", "tagger", "attribute_ruler", "parser", "ner"]
    doc = nlp(TREATY)
    assert len(doc) == 9
    assert all(token.dep_ for token in doc)
    assert [token.pos_ for token in doc] == [token.tag_ for token in doc]
    scores = training.evaluate(model_dir, corpus)
    assert 0 <= scores["pos_acc"] <= 100
    assert set(scores["ner"]) >= {"ALL"}


def test_shipped_model_reads_subject_and_object_of_a_treaty_sentence():
    if not (SHIPPED_MODEL / "meta.json").exists():
        pytest.skip(f"no trained model at {SHIPPED_MODEL}")
    nlp = spacy.load(SHIPPED_MODEL)

    doc = nlp(TREATY)

    token = {t.text: t for t in doc}
    signed = token["signed"]
    assert token["Iran"].dep_ == "nsubj" and token["Iran"].head == signed
    assert token["Russia"].dep_ == "conj" and token["Russia"].head == token["Iran"]
    assert token["treaty"].dep_ in ("obj", "dobj") and token["treaty"].head == signed
    assert signed.pos_ == "VERB"


def test_shipped_model_keeps_a_presplit_sentence_whole():
    # dyad splits sentences itself; marking every later token as "not a
    # sentence start" must stop the parser from cutting the sentence again.
    if not (SHIPPED_MODEL / "meta.json").exists():
        pytest.skip(f"no trained model at {SHIPPED_MODEL}")
    nlp = spacy.load(SHIPPED_MODEL)
    doc = nlp.make_doc("Talks resumed in Geneva on Monday. officials said the mood was calm")
    for token in doc[1:]:
        token.is_sent_start = False

    parsed = nlp(doc)

    assert len(list(parsed.sents)) == 1
    assert sum(token.dep_ == "ROOT" for token in parsed) == 1


def test_dyad_model_train_command(tmp_path):
    """The CLI trains a (tiny) model end to end and reports its scores."""
    import subprocess
    import sys

    if not SHARED_NLP.is_dir():
        pytest.skip("../shared/nlp is not present (fresh clone)")
    out = tmp_path / "tiny"
    proc = subprocess.run(
        [sys.executable, "-m", "dyad", "model", "train", "--data", str(SHARED_NLP), "--out", str(out),
         "--max-steps", "20", "--max-minutes", "2", "-q"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Model written to" in proc.stdout and (out / "SCORES.json").exists() and (out / "LICENSE.md").exists()
