"""The design's unit: what a bootstrap or a permutation test draws, decided from the turns table.

A news conference with questions is a sequence of *exchanges*: a journalist's question, the answers it gets and
any follow-ups. The words of one exchange are not independent draws (the answer takes up the question, a
follow-up presses the same point), so an interval for a news conference resamples whole exchanges. A transcript
without questions (statements to the press, as at Anchorage) is a sequence of *turns*, each a prepared or
improvised statement, and resamples turns. Turns before a conference's first question (opening statements) are
statements: each is its own unit. Sentences are never the unit (except to show why not): the sentences of one
answer share its subject, mood and phrasing.

:func:`design_units` gives every turn its unit; :func:`with_design_units` puts the unit on a turn or sentence
table; the analyses (speaking time, topic share, sentiment) resample the ``design_unit`` column. Below
:data:`MIN_UNITS` units a group gets its point estimate and no interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_UNITS = 5
"""The fewest units an interval may rest on, counted as *effective* units (:func:`effective_units`). A bootstrap
over k units has only C(2k - 1, k) different resamples (3 for two units, 10 for three, 35 for four, 126 for five),
and it cannot show variation the few units happen not to have; five units of which two carry nearly all the words
are, for a bootstrap, hardly more than two. With fewer than five units, or fewer than five effective units, a group
gets its point estimate and no interval ("too few units for an interval")."""

TOO_FEW = "too few units for an interval"
"""What a table, a figure and a caption say of a group below :data:`MIN_UNITS`."""

DESIGN_COLUMNS = ["doc_id", "turn", "design_unit", "unit_kind"]


def exchanges(turns: pd.DataFrame, follow_up_labels: frozenset[str] = frozenset({"remark", "follow-up"})) -> pd.DataFrame:
    """One row per question exchange in events with journalists: who asked, and how long the answer was.

    Journalists are the turns of the ``press`` role group (``data/roles.csv``). An exchange opens with a
    journalist turn that introduces a journalist, or with a ``Question`` that does not continue the previous
    exchange (``journalist_source`` is not ``earlier turn``); later journalist turns until the next opening are
    follow-ups, and the turns of ``principal`` speakers in between are the answer (a moderator's or an
    interpreter's turn, group ``staff``, is neither). A question that no answer has followed yet keeps the next
    journalist turn that introduces nobody as a follow-up: transcripts that label every question alike (the White
    House's ``Q``) would otherwise make an exchange of each interjection ("Mr. President —") with no answer.
    """
    rows = []
    for (doc_id, event), doc in turns.groupby(["doc_id", "event"], sort=False):
        if not (doc["role_group"] == "press").any():
            continue
        current = None
        for turn in doc.sort_values("turn").itertuples():
            journalist_turn = turn.role_group == "press"
            unanswered = current is not None and current["answer_turns"] == 0
            opens = journalist_turn and (
                turn.journalist_source == "introduction"
                or (turn.label.casefold() not in follow_up_labels and turn.journalist_source != "earlier turn"
                    and not unanswered))
            if opens or (journalist_turn and current is None):
                current = {"doc_id": doc_id, "event": event, "exchange": len([r for r in rows if r["doc_id"] == doc_id]),
                           "first_turn": turn.turn, "journalist": turn.journalist, "outlet": turn.outlet,
                           "outlet_country": turn.outlet_country, "outlet_origin": turn.outlet_origin or "not named",
                           "question_words": 0, "follow_ups": 0, "answer_words": 0, "answer_turns": 0}
                rows.append(current)
                current["question_words"] += turn.n_words
            elif current is None:
                continue  # opening remarks before the first question
            elif journalist_turn:
                current["follow_ups"] += 1
                current["question_words"] += turn.n_words
            elif turn.role_group == "principal":
                current["answer_words"] += turn.n_words
                current["answer_turns"] += 1
    columns = ["doc_id", "event", "exchange", "first_turn", "journalist", "outlet", "outlet_country",
               "outlet_origin", "question_words", "follow_ups", "answer_words", "answer_turns"]
    return pd.DataFrame(rows, columns=columns)


def design_units(turns: pd.DataFrame) -> pd.DataFrame:
    """Every turn's resampling unit: ``doc_id``, ``turn``, ``design_unit`` (an id unique in the corpus) and
    ``unit_kind`` (``"exchange"`` or ``"turn"``).

    In a transcript with questions (:func:`exchanges` finds at least one), a turn from an exchange's first turn
    up to the next exchange's belongs to that exchange; turns before the first question are statements, each
    its own unit. In a transcript without questions every turn is its own unit.
    """
    found = exchanges(turns)
    rows = []
    for doc_id, doc in turns.groupby("doc_id", sort=False):
        numbers = doc["turn"].to_numpy()
        starts = found.loc[found["doc_id"] == doc_id].sort_values("first_turn")
        exchange_of = np.full(len(numbers), -1)
        for exchange, first in zip(starts["exchange"], starts["first_turn"]):
            exchange_of[numbers >= first] = exchange
        for number, exchange in zip(numbers, exchange_of):
            if exchange >= 0:
                rows.append((doc_id, number, f"{doc_id}#exchange{exchange}", "exchange"))
            else:
                rows.append((doc_id, number, f"{doc_id}#turn{number}", "turn"))
    return pd.DataFrame(rows, columns=DESIGN_COLUMNS)


def with_design_units(rows: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """``rows`` (turns or sentences: ``doc_id`` and ``turn``) with their ``design_unit`` and ``unit_kind``.

    A row whose turn is not in ``turns`` is refused by name: it would otherwise be resampled alone."""
    units = design_units(turns)
    merged = rows.drop(columns=[c for c in ("design_unit", "unit_kind") if c in rows.columns]).merge(
        units, on=["doc_id", "turn"], how="left", validate="many_to_one")
    missing = merged[merged["design_unit"].isna()]
    if len(missing):
        first = missing.iloc[0]
        raise ValueError(f"{len(missing)} rows have no turn in the turns table (first: {first['doc_id']}, turn "
                         f"{first['turn']}); pass the corpus's own turns table")
    merged.index = rows.index
    return merged


def unit_description(kinds: pd.Series) -> str:
    """How many units of which kind a group's interval rests on: '19 exchanges and 1 statement turn',
    '3 turns'. ``kinds`` holds one ``unit_kind`` per unit."""
    counts = kinds.value_counts()
    exchanges_n, turns_n = int(counts.get("exchange", 0)), int(counts.get("turn", 0))
    parts = []
    if exchanges_n:
        parts.append(f"{exchanges_n} exchange{'s' if exchanges_n != 1 else ''}")
    if turns_n:
        label = "statement turn" if exchanges_n else "turn"
        parts.append(f"{turns_n} {label}{'s' if turns_n != 1 else ''}")
    return " and ".join(parts) if parts else "no units"


def unit_counts(rows: pd.DataFrame) -> tuple[int, str]:
    """The number of distinct design units of ``rows`` and their description (:func:`unit_description`)."""
    units = rows.drop_duplicates("design_unit")
    return len(units), unit_description(units["unit_kind"])


def effective_units(weights) -> float:
    """Kish's effective number of units, (sum of w)² / sum of w², for units of weights ``w`` (words or sentences per
    unit): equal to the number of units when they weigh alike, close to 1 when one unit carries nearly everything."""
    w = np.asarray(list(weights), dtype=float)
    return float(w.sum() ** 2 / (w ** 2).sum()) if (w > 0).any() else 0.0


def units_for_minimum(weights: pd.Series, units) -> float:
    """What the minimum is checked against: the smaller of the number of units and their effective number, each
    unit weighted by the sum of its rows' ``weights`` (words, or 1 per sentence); ``units`` names each row's unit."""
    codes = pd.factorize(pd.Series(list(units), dtype=object), sort=False)[0]
    per_unit = pd.Series(np.asarray(weights, dtype=float)).groupby(codes, sort=False).sum()
    return min(float(len(per_unit)), effective_units(per_unit))


def percentile_interval(draws: np.ndarray, point: float, units: int,
                        level: float = 0.95) -> tuple[float, float, str]:
    """A percentile bootstrap interval ``(low, high, note)`` of ``draws`` for an estimate ``point``.

    ``note`` is empty for an interval; with fewer than :data:`MIN_UNITS` units there is none (NaN, NaN,
    :data:`TOO_FEW`), and where the resamples lie wholly on one side of the estimate (a share bounded at 0 whose
    estimate is the bound) the bootstrap does not describe the estimate's uncertainty and no interval is given
    either, with a note saying so. A point is therefore never outside its own interval.
    """
    if units < MIN_UNITS:
        return np.nan, np.nan, TOO_FEW
    low, high = np.quantile(draws, [(1 - level) / 2, 1 - (1 - level) / 2])
    if not (low - 1e-12 <= point <= high + 1e-12):
        return np.nan, np.nan, "estimate outside the resamples' range: no interval"
    return float(low), float(high), ""
