"""The one resampling helper: a stream per group, whole turns or single rows by argument."""

import numpy as np
import pandas as pd
import pytest

from analysis import resampling


def table(events: list[str]) -> pd.DataFrame:
    rows = [{"event": event, "doc_id": f"{event}_doc", "turn": turn, "position": k}
            for event in events for turn in range(4) for k in range(turn + 1)]
    return pd.DataFrame(rows)


def draws(frame: pd.DataFrame, unit: str) -> dict:
    return {key: [p.tolist() for p in picks]
            for key, _, picks in resampling.group_resamples(frame, "event", 20, 7, unit)}


def test_a_new_group_leaves_the_other_groups_draws_as_they_were():
    before = draws(table(["a", "b"]), "turn")
    after = draws(table(["a", "new", "b"]), "turn")
    assert after["a"] == before["a"] and after["b"] == before["b"] and list(after) == ["a", "new", "b"]


def test_turns_are_drawn_whole_and_rows_one_by_one():
    frame = table(["a"])
    turn_of = frame["turn"].to_numpy()
    for picks in draws(frame, "turn")["a"]:
        drawn = np.asarray(picks)
        for turn in set(turn_of[drawn]):  # every drawn turn comes with all its sentences, as often as drawn
            assert (turn_of[drawn] == turn).sum() % (turn + 1) == 0
    by_row = draws(frame, resampling.ROW)["a"]
    assert all(len(p) == len(frame) for p in by_row)
    assert by_row == draws(frame, "sentence")["a"]  # on a sentence table, rows are sentences
    assert by_row != draws(frame, "turn")["a"]


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unit must be one of"):
        list(resampling.group_resamples(table(["a"]), "event", 5, 1, "sentences"))
