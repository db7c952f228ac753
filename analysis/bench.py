"""Benchmark: what the pipeline costs, how it grows, and how close it is to the floor.

``python -m analysis.bench`` builds synthetic corpora in a temporary folder from the real documents at 1x,
10x, 30x and 100x their size (as extra documents through the manifest, so the whole loading path runs), and
measures each size in a fresh process. Every stage is a public function called from outside, timed with
``time.perf_counter`` around the call:

- ``load``: ``load_corpus(data_dir)``, whole (validation, checksums, labels, turns, sentence splitting, words);
- ``topic_assignment``: ``topics.assign(corpus.sentences, codebook)`` (the codebook read beforehand);
- ``sentiment_scoring``: ``sentiment.vader(corpus.sentences)`` (reference VADER scores);
- ``total``: the three together;
- ``floor``: what the analysis cannot do without, done with the reference libraries alone, in plain loops:
  ``floor_splitting``, NLTK's ``PunktSentenceTokenizer`` built from the same ``PunktParameters`` as the loader
  (``abbrev_types`` from ``data/abbreviations.csv``, nothing else) tokenizing every paragraph of the analysed
  text of every turn (``corpus.turns["text"]`` split at line breaks: the very text the loader splits); and
  ``floor_scoring``, ``vaderSentiment``'s ``SentimentIntensityAnalyzer.polarity_scores`` on each resulting
  sentence. Building the tokenizer and the analyzer (reading the lexicon) is not timed.

For information, ``splitting`` is ``text.split_sentences`` called on every turn's text after loading: the
splitting ``load`` does inside, measured from outside (it is part of ``load``, not added to the total).

Each size is measured ``--runs`` times after one untimed warm-up run (imports, compiled regular expressions,
lexicons: costs paid once per process, not per corpus). Within a run the pipeline and the floor are timed
back to back; ``overhead`` is the median over runs of total / floor (the machine's noise moves both), and the
stage seconds are medians over runs.

Below the table it prints the ratio of each stage to the part of the floor that does its reference work, so
that the overall ratio can be read: ``load/split`` (the whole loader against bare Punkt on the same text),
``vader/ref`` (``sentiment.vader`` against bare reference VADER on the floor's sentences: below 1 because
``analysis.vader_fast`` computes the reference's scores with less work), ``topics/floor`` (topic assignment,
which the floor does not do at all, as a share of the floor) and ``total/floor`` (the overhead again). Each
is the median of the runs' ratios by the wall clock, and in brackets by the process's processor time
(``time.process_time``: the same single-threaded work, less moved by other processes on a shared machine).

It prints a table and writes JSON (``--json``, default ``bench-results.json``) with, per size: ``scale``,
``documents``, ``words``, ``sentences``, ``seconds`` per stage (medians), ``cpu_seconds`` (the same in processor
time), ``overheads`` (every run's total / floor), ``overhead`` (their median), ``ratios`` and ``cpu_ratios`` (per
stage, as printed), ``words_per_second``, ``growth`` (seconds per word at this size
/ at 1x) and ``peak_memory_mb`` (the process's peak resident memory). With ``--memory`` it measures the
memory Python allocates while loading (tracemalloc's peak, in a fresh process) on the corpus at 10x, a
transcript of one 10 MB line and one of 10 MB of short words, as a multiple of the raw text's size. With
``--notebooks`` it also times the notebook suite against the floor of starting one kernel per notebook and
running an empty cell. Timings are measured, never asserted: nothing here is a test.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from . import paths

SCALES = (1, 10, 30, 100)
STAGES = ("load", "topic_assignment", "sentiment_scoring")
FLOOR = ("floor_splitting", "floor_scoring")


def build_corpus(target: Path, scale: int) -> None:
    """A data folder whose manifest lists every real document ``scale`` times (copies under new names)."""
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("processed", "raw", "validation"))
    (target / "raw").mkdir()
    with (paths.DATA_DIR / paths.MANIFEST_FILE).open(encoding="utf-8", newline="") as handle:
        manifest = list(csv.DictReader(handle))
    with (paths.DATA_DIR / paths.EXCLUSIONS_FILE).open(encoding="utf-8", newline="") as handle:
        exclusions = list(csv.DictReader(handle))
    documents, excluded = [], []
    for copy in range(scale):
        for row in manifest:
            doc_id = row["doc_id"] if copy == 0 else f"{row['doc_id']}.copy{copy}"
            file = row["file"] if copy == 0 else f"copy{copy}_{row['file']}"
            # each copy ends in one more line break: the loader refuses one content under two ids
            content = (paths.RAW_DIR / row["file"]).read_bytes() + b"\n" * copy
            (target / "raw" / file).write_bytes(content)
            documents.append({**row, "doc_id": doc_id, "file": file, "sha256": sha256(content)})
            excluded += [{**e, "doc_id": doc_id} for e in exclusions if e["doc_id"] == row["doc_id"]]
    for name, rows, columns in ((paths.MANIFEST_FILE, documents, manifest[0].keys()),
                                (paths.EXCLUSIONS_FILE, excluded, exclusions[0].keys())):
        with (target / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def measure_once(data_dir: Path) -> dict:
    """One run of every stage and of the floor on one data folder; seconds per stage (wall clock), and the
    processor seconds of the process per stage in ``cpu`` (the same stages; less moved by other processes)."""
    from . import load_corpus, sentiment, topics
    from .text import load_abbreviations, split_sentences

    codebook = topics.read_codebook()
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    with clock("load", seconds, cpu):
        corpus = load_corpus(data_dir)
    with clock("topic_assignment", seconds, cpu):
        topics.assign(corpus.sentences, codebook)
    with clock("sentiment_scoring", seconds, cpu):
        sentiment.vader(corpus.sentences)

    abbreviations = load_abbreviations(data_dir / paths.ABBREVIATIONS_FILE)
    turn_texts = corpus.turns["text"].tolist()
    measure_floor(turn_texts, abbreviations, seconds, cpu)
    for times in (seconds, cpu):
        times["total"] = sum(times[s] for s in STAGES)
        times["floor"] = sum(times[s] for s in FLOOR)
    with clock("splitting", seconds, cpu):
        for text in turn_texts:
            split_sentences(text, abbreviations)
    return {"seconds": seconds, "cpu": cpu, "documents": len(corpus.documents),
            "words": int(corpus.sentences["n_words"].sum()), "sentences": len(corpus.sentences)}


@contextmanager
def clock(stage: str, seconds: dict[str, float], cpu: dict[str, float]):
    """Wall-clock and processor seconds of the ``with`` block, stored under ``stage``."""
    wall, processor = time.perf_counter(), time.process_time()
    yield
    seconds[stage], cpu[stage] = time.perf_counter() - wall, time.process_time() - processor


def measure_floor(turn_texts: list[str], abbreviations: frozenset[str], seconds: dict[str, float],
                  cpu: dict[str, float]) -> None:
    """The floor: bare Punkt on every paragraph of the turns' analysed text, bare VADER on every sentence."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    paragraphs = [paragraph for text in turn_texts for paragraph in text.split("\n")]
    parameters = PunktParameters()
    parameters.abbrev_types = set(abbreviations)
    tokenizer, analyzer = PunktSentenceTokenizer(parameters), SentimentIntensityAnalyzer()
    split = []
    with clock("floor_splitting", seconds, cpu):
        for paragraph in paragraphs:
            split.extend(tokenizer.tokenize(paragraph))
    with clock("floor_scoring", seconds, cpu):
        for sentence in split:
            analyzer.polarity_scores(sentence)


STAGE_RATIOS = {  # stage against the part of the floor that does its reference work (per run, then the median)
    "load/split": ("load", "floor_splitting"),
    "vader/ref": ("sentiment_scoring", "floor_scoring"),
    "topics/floor": ("topic_assignment", "floor"),
    "total/floor": ("total", "floor"),
}


def run_scale(scale: int, runs: int) -> dict:
    """Build the corpus at ``scale``, warm up once, measure ``runs`` times; medians per stage, peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        build_corpus(data_dir, scale)
        measure_once(data_dir)  # warm-up: imports, compiled patterns, lexicons (once per process)
        results = [measure_once(data_dir) for _ in range(runs)]
    seconds = {stage: statistics.median(r["seconds"][stage] for r in results) for stage in results[0]["seconds"]}
    cpu = {stage: statistics.median(r["cpu"][stage] for r in results) for stage in results[0]["cpu"]}
    overheads = [r["seconds"]["total"] / r["seconds"]["floor"] for r in results]
    ratios = {name: statistics.median(r["seconds"][a] / r["seconds"][b] for r in results)
              for name, (a, b) in STAGE_RATIOS.items()}
    cpu_ratios = {name: statistics.median(r["cpu"][a] / r["cpu"][b] for r in results)
                  for name, (a, b) in STAGE_RATIOS.items()}
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"scale": scale, "documents": results[0]["documents"], "words": results[0]["words"],
            "sentences": results[0]["sentences"], "runs": runs, "seconds": seconds, "cpu_seconds": cpu,
            "words_per_second": results[0]["words"] / seconds["total"], "overheads": overheads,
            "overhead": statistics.median(overheads), "ratios": ratios, "cpu_ratios": cpu_ratios,
            "peak_memory_mb": peak_kb / 1024}


MEMORY_INPUTS = ("corpus_10x", "one_10mb_line", "10mb_of_words")


def build_memory_input(target: Path, kind: str) -> int:
    """A data folder for one memory measurement; returns the raw bytes to load."""
    if kind == "corpus_10x":
        build_corpus(target, 10)
        return sum(p.stat().st_size for p in (target / "raw").iterdir())
    build_corpus(target, 1)
    body = "a" * 10_000_000 if kind == "one_10mb_line" else "word " * 2_000_000
    content = f"Question: What happened?\nVladimir Putin: {body}\n".encode("utf-8")
    (target / "raw" / "long.txt").write_bytes(content)
    with (target / paths.MANIFEST_FILE).open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["long", first_event(target), "transcript", "bench", "[long]", "long.txt", sha256(content), "", ""])
    return sum(p.stat().st_size for p in (target / "raw").iterdir())


def first_event(data_dir: Path) -> str:
    with (data_dir / paths.EVENTS_FILE).open(encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))["event"]


def sha256(content: bytes) -> str:
    import hashlib
    return hashlib.sha256(content).hexdigest()


def measure_memory(kind: str) -> dict:
    """Peak memory Python allocates while ``load_corpus`` runs (tracemalloc), against the raw text's size."""
    import tracemalloc

    from . import load_corpus

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        raw_bytes = build_memory_input(data_dir, kind)
        load_corpus(data_dir)  # imports and caches first, so that only loading is measured
        tracemalloc.start()
        load_corpus(data_dir)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"input": kind, "raw_mb": raw_bytes / 1e6, "peak_mb": peak / 1e6, "ratio": peak / raw_bytes}


def time_notebooks(runs: int = 1) -> dict:
    """Seconds to execute each notebook (in a scratch copy) against one kernel start plus an empty cell."""
    import nbformat
    from nbclient import NotebookClient

    notebooks = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    suite, floor = [], []
    for _ in range(runs):
        started = time.perf_counter()
        for path in notebooks:
            notebook = nbformat.read(path, as_version=4)
            NotebookClient(notebook, kernel_name="python3", timeout=600, extra_arguments=["--IPKernelApp.log_level=ERROR"],
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        suite.append(time.perf_counter() - started)
        started = time.perf_counter()
        for _ in notebooks:
            empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
            NotebookClient(empty, kernel_name="python3", timeout=600,
                           extra_arguments=["--IPKernelApp.log_level=ERROR"]).execute()
        floor.append(time.perf_counter() - started)
    return {"notebooks": len(notebooks), "suite_seconds": statistics.median(suite),
            "floor_seconds": statistics.median(floor), "ratio": statistics.median(suite) / statistics.median(floor)}


def machine() -> dict:
    import os
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():  # Linux: the processor's name, which platform does not give
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    return {"python": platform.python_version(), "platform": platform.platform(), "processor": platform.machine(),
            "cpu_model": model, "cpus": os.cpu_count()}


def print_table(results: list[dict], notebooks: dict | None) -> None:
    header = ["scale", "docs", "words", *STAGES, "total", *FLOOR, "floor", "overhead", "(runs)", "growth",
              "words/s", "peak MB", "splitting (in load)"]
    print(" | ".join(header))
    for r in results:
        s = r["seconds"]
        cells = [f"{r['scale']}x", str(r["documents"]), f"{r['words']:,}", *(f"{s[x]:.3f}" for x in STAGES),
                 f"{s['total']:.3f}", *(f"{s[x]:.3f}" for x in FLOOR), f"{s['floor']:.3f}", f"{r['overhead']:.2f}",
                 f"{min(r['overheads']):.2f}-{max(r['overheads']):.2f}", f"{r['growth']:.2f}",
                 f"{r['words_per_second']:,.0f}", f"{r['peak_memory_mb']:.0f}", f"{s['splitting']:.3f}"]
        print(" | ".join(cells))
    print()
    print("ratios per stage, medians of each run's ratio; wall clock (processor time in brackets):")
    print(" | ".join(["scale", *STAGE_RATIOS]))
    for r in results:
        print(" | ".join([f"{r['scale']}x", *(f"{r['ratios'][name]:.2f} ({r['cpu_ratios'][name]:.2f})"
                                              for name in STAGE_RATIOS)]))
    if notebooks:
        print(f"notebook suite: {notebooks['suite_seconds']:.1f} s for {notebooks['notebooks']} notebooks; floor "
              f"(one kernel start and an empty cell each): {notebooks['floor_seconds']:.1f} s; ratio "
              f"{notebooks['ratio']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=list(SCALES))
    parser.add_argument("--runs", type=int, default=3, help="runs per size (the median is reported)")
    parser.add_argument("--json", type=Path, default=Path("bench-results.json"))
    parser.add_argument("--notebooks", action="store_true", help="also time the notebook suite")
    parser.add_argument("--memory", action="store_true", help="also measure the memory of loading: the corpus at "
                        "10x, a transcript with one 10 MB line, and one with 10 MB of short words")
    parser.add_argument("--one-scale", type=int, help=argparse.SUPPRESS)  # internal: measure in this process
    parser.add_argument("--one-memory", choices=MEMORY_INPUTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_scale:
        print(json.dumps(run_scale(args.one_scale, args.runs)))
        return 0
    if args.one_memory:
        print(json.dumps(measure_memory(args.one_memory)))
        return 0
    results = []
    for scale in args.scales:  # a fresh process per size, so peak memory belongs to that size
        runs = args.runs if scale < 100 else max(1, min(args.runs, 3))
        output = subprocess.run([sys.executable, "-m", "analysis.bench", "--one-scale", str(scale), "--runs", str(runs)],
                                check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    base = results[0]["seconds"]["total"] / results[0]["words"]
    for r in results:
        r["growth"] = (r["seconds"]["total"] / r["words"]) / base
    notebooks = time_notebooks() if args.notebooks else None
    m = machine()
    print(f"machine: {m['cpu_model'] or m['processor']}, {m['cpus']} cores, {m['platform']}, Python {m['python']}")
    print_table(results, notebooks)
    memory = []
    for kind in MEMORY_INPUTS if args.memory else ():
        output = subprocess.run([sys.executable, "-m", "analysis.bench", "--one-memory", kind],
                                check=True, capture_output=True, text=True).stdout
        memory.append(json.loads(output.strip().splitlines()[-1]))
        m = memory[-1]
        print(f"loading memory, {m['input']}: {m['raw_mb']:.1f} MB of raw text, peak {m['peak_mb']:.1f} MB allocated "
              f"while loading: {m['ratio']:.1f}x the raw text")
    args.json.write_text(json.dumps({"machine": machine(), "sizes": results, "notebooks": notebooks,
                                     "loading_memory": memory}, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
