"""Every figure of the suite: one module per notebook (``corpus_overview``, ``speaking_time``, ``sentiment``,
``topics``, ``coverage``), built on the shared ``style``, ``encoding`` (what colours and labels stand for),
``print_check`` and ``publish`` (saving, and what a notebook shows).

Importing this package imports no matplotlib: ``captions`` serves the catalogue and the HTML edition.
"""
