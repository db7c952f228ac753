"""The annotation step: topics and sentiment once per corpus, from the corpus's own data folder."""

import pandas as pd

from analysis import annotation, load_corpus, paths, sentiment, topic_coding, topics


def test_annotated_sentences_are_the_corpus_sentences_with_topics_and_scores(corpus):
    annotated = annotation.annotate(corpus)
    sentences = annotated.sentences
    assert sentences.index.equals(corpus.sentences.index)
    pd.testing.assert_frame_equal(sentences[corpus.sentences.columns], corpus.sentences)
    assigned = topics.assign(corpus.sentences, topics.read_codebook(corpus.data_dir))
    assert sentences["topic"].tolist() == assigned["topic"].tolist()
    assert sentences["topics"].tolist() == assigned["topics"].tolist()
    assert sentences["compound"].tolist() == sentiment.vader(corpus.sentences)["compound"].tolist()
    for column in ("nltk_compound", "textblob_polarity", "vader_class", "nltk_class", "textblob_class"):
        assert column in sentences and sentences[column].notna().all(), column


def test_a_corpus_is_annotated_once(corpus, monkeypatch):
    first = annotation.annotate(corpus)
    monkeypatch.setattr(topic_coding, "assign", lambda *a, **k: (_ for _ in ()).throw(AssertionError("assigned again")))
    assert annotation.annotate(corpus) is first


def test_the_codebook_comes_from_the_corpus_data_folder(data_copy):
    codebook = data_copy / paths.TOPICS_FILE
    codebook.write_text(codebook.read_text(encoding="utf-8")
                        + "bees,Bees,1,Bees,president,\n", encoding="utf-8")
    copied = load_corpus(data_copy)
    annotated = annotation.annotate(copied)
    assert "bees" in annotated.codebook.topics
    assert "bees" in set(annotated.sentences["topics"].str.split(";").explode())
    assert "bees" not in set(annotation.annotate(load_corpus()).sentences["topics"].str.split(";").explode())
