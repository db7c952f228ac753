"""Press-conference comparison suite: the analysis package the notebooks call.

``load_corpus()`` returns the corpus as tidy tables; ``CorpusError`` is raised for bad input.
"""

from .corpus import Corpus, load_corpus
from .errors import CorpusError
from .text import count_words, split_sentences

__all__ = ["Corpus", "CorpusError", "count_words", "load_corpus", "split_sentences"]
