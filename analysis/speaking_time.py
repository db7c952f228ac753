"""Speaking time and turn-taking: who held the floor, for how long, and how the exchange ran.

All functions take tables from the corpus (``corpus.turns``, ``corpus.sentences``, ...) and return new
tables; events and speakers keep the order of ``events.csv`` and ``speakers.csv``.

Minutes are *estimated* from words: ``minutes = words / rate``. The rate is a parameter per language
the speaker spoke (``speakers.csv``'s ``language``), with :data:`DEFAULT_WPM` for any language not
given. For a speaker who spoke Russian, the words are those of the English translation, so the rate is
English words of translation per minute of Russian speech. The speaking-time notebook calibrates these
rates against the published durations and states the error.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .comparisons import LANGUAGES
from .outputs import in_data_order
from .resampling import DESIGN, ROW, bootstrap_picks, group_resamples, rng_for
from .units import exchanges  # noqa: F401  (st.exchanges, as the notebooks call it)
from .units import percentile_interval, unit_counts, units_for_minimum, with_design_units

DEFAULT_WPM = 150.0
"""Words per minute for conversational US English (National Center for Voice and Speech, secondary
source, see ``../shared/CONTEXT.md``). It is also inside the range expected for interpreted Russian:
100-120 Russian words a minute times 1.3-1.45 English words per Russian word is 130-174."""

BOOTSTRAP_SEED = 20210616
BOOTSTRAP_SAMPLES = 2000


# --- words, turns and shares ------------------------------------------------------------------------

def speaker_table(turns: pd.DataFrame, events: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Per event and speaker: words, share of the event's words, turns, mean/median/longest turn."""
    return floor_table(turns, ["event", "speaker", "role"], events, speakers)


def role_table(turns: pd.DataFrame, events: pd.DataFrame, roles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per event and speaker role: the same measures as :func:`speaker_table` (roles in roles.csv order)."""
    return floor_table(turns, ["event", "role"], events, None, roles)


def floor_table(turns: pd.DataFrame, keys: list[str], events: pd.DataFrame,
                speakers: pd.DataFrame | None, roles: pd.DataFrame | None = None) -> pd.DataFrame:
    table = (turns.groupby(keys, sort=False)
             .agg(words=("n_words", "sum"), turns=("turn", "size"), mean_turn_words=("n_words", "mean"),
                  median_turn_words=("n_words", "median"), longest_turn_words=("n_words", "max"))
             .reset_index())
    table["share_of_words"] = table["words"] / own_transcript_words(turns, keys)
    order = ["event", *keys[1:], "words", "share_of_words", "turns", "mean_turn_words", "median_turn_words",
             "longest_turn_words"]
    return in_data_order(table[order], events, speakers, roles)



def own_transcript_words(turns: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Per group of ``keys`` (in groupby order): the words of the transcripts the group speaks in.

    A share of words is a share of the conversation the speaker took part in. An event with one transcript (the
    seed events) gives the event's words; an event with several news conferences (Putin's and Biden's at
    Geneva) gives a speaker the words of their own conference, not of both.
    """
    doc_words = turns.groupby("doc_id")["n_words"].sum()
    own = turns.groupby(keys, sort=False)["doc_id"].unique()
    return np.array([doc_words[list(docs)].sum() for docs in own], dtype=float)


def transcript_stratified_picks(part: pd.DataFrame, key, samples: int, seed: int, unit: str = ROW) -> list[np.ndarray]:
    """Row positions of ``samples`` resamples of an event with several transcripts: each transcript's rows
    resampled within that transcript (its own stream, keyed by event and transcript), so that every resample
    keeps each conference's size and no turn moves to another conference. ``unit`` is what is drawn within a
    transcript (rows, or the design's units)."""
    docs = part["doc_id"].to_numpy()
    positions = np.arange(len(part))
    per_doc = [[positions[docs == doc][pick] for pick in bootstrap_picks(rng_for(seed, (key, doc)), part[docs == doc],
                                                                          samples, unit)]
               for doc in dict.fromkeys(docs)]
    return [np.concatenate([doc_picks[b] for doc_picks in per_doc]) for b in range(samples)]


def default_unit(table: pd.DataFrame) -> str:
    """The design's units for a turns table (or any table already carrying ``design_unit``), sentences one by one
    for a sentence table without them (shown beside, to see why not)."""
    return DESIGN if {"design_unit"} <= set(table.columns) or "journalist_source" in table.columns else "sentence"


def bootstrap_shares(units: pd.DataFrame, group: str = "role", by: str = "event",
                     samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED,
                     level: float = 0.95, unit: str | None = None) -> pd.DataFrame:
    """Share of words per ``group`` within each ``by`` value, with a percentile bootstrap interval.

    ``unit`` is what a resample draws (default :func:`default_unit`): ``"design"`` draws the design's units
    (:mod:`analysis.units`: whole exchanges of a news conference with questions, so that a question stays with
    its answers; whole turns of statements), the default for ``corpus.turns``; ``"sentence"`` draws sentences one
    by one (the default for ``corpus.sentences``, shown beside to see why not). The result gives how many units
    each interval rests on (``units``, ``unit_description``); with fewer than :data:`analysis.units.MIN_UNITS`
    there is no interval (``interval_note``), and a point is never outside its interval.

    A share is of the words of the transcripts the group speaks in (:func:`own_transcript_words`); an event with
    several transcripts is resampled within each transcript (:func:`transcript_stratified_picks`), and ``units``
    and ``turns`` count those of the group's own transcripts.
    """
    unit = unit or default_unit(units)
    if unit == DESIGN and "design_unit" not in units.columns:
        units = with_design_units(units, units)
    drawn_as = ROW if unit == "sentence" else unit
    rows = []
    for value, part, drawn in group_resamples(units, by, samples, seed, drawn_as):
        if part["doc_id"].nunique() > 1:
            drawn = transcript_stratified_picks(part, value, samples, seed, drawn_as)
        labels = part[group].to_numpy()
        docs = part["doc_id"].to_numpy()
        words = part["n_words"].to_numpy(dtype=float)
        groups = list(dict.fromkeys(labels))
        for name in groups:
            mask = labels == name
            own = np.isin(docs, np.unique(docs[mask]))
            share = np.array([(words[p] * (labels[p] == name)).sum() / max((words[p] * own[p]).sum(), 1e-300)
                              for p in drawn])
            point = words[mask].sum() / words[own].sum()
            if unit == DESIGN:
                n_units, described = unit_counts(part[own])
                group_units = int(part.loc[mask, "design_unit"].nunique())
            else:
                n_units, described, group_units = int(own.sum()), f"{int(own.sum())} sentences", int(mask.sum())
            # the share moves with the group's own units as much as with the conference's: both must reach the minimum,
            # each counted as effective units (weighted by words)
            ids = part["design_unit"] if unit == DESIGN else np.arange(len(part))
            checked = min(n_units, group_units, units_for_minimum(words[own], np.asarray(ids)[own]),
                          units_for_minimum(words[mask], np.asarray(ids)[mask]))
            low, high, note = percentile_interval(share, point, checked, level)
            rows.append({by: value, group: name, "share": point, "low": low, "high": high, "units": n_units,
                         "unit_description": described, "group_units": group_units,
                         "effective_units": round(checked, 2), "interval_note": note,
                         "turns": part.loc[own, ["doc_id", "turn"]].drop_duplicates().shape[0]})
    return pd.DataFrame(rows)


def intervals_by_unit(shares: pd.DataFrame, events: pd.DataFrame, roles: pd.DataFrame | None = None,
                      group: str = "role") -> pd.DataFrame:
    """One row per event and ``group`` with its share and both bootstrap intervals side by side.

    ``shares`` stacks two results of :func:`bootstrap_shares`, one over sentences and one over the design's units,
    told apart by a ``unit`` column ('sentences', 'design'). ``sentences`` is how many sentences the group has,
    ``units`` and ``unit_description`` how many of the design's units the event's interval rests on.
    """
    by_unit = {unit: shares[shares["unit"] == unit].set_index(["event", group]) for unit in ("sentences", "design")}
    missing = [u for u, rows in by_unit.items() if rows.empty]
    if missing:
        raise ValueError(f"intervals_by_unit needs rows with unit 'sentences' and 'design' (missing: {missing})")
    design = by_unit["design"]
    table = pd.DataFrame({
        "share": design["share"],
        "low_sentences": by_unit["sentences"]["low"], "high_sentences": by_unit["sentences"]["high"],
        "low_design": design["low"], "high_design": design["high"],
        "sentences": by_unit["sentences"]["group_units"], "turns": design["turns"], "units": design["units"],
        "unit_description": design["unit_description"], "interval_note": design["interval_note"],
    }).reset_index()
    return in_data_order(table, events, roles=roles)


# --- the question-and-answer structure ---------------------------------------------------------------

def answer_words_by_speaker(turns: pd.DataFrame, exchange_table: pd.DataFrame) -> pd.DataFrame:
    """The answer of each exchange of :func:`exchanges` split by who gave it: one row per exchange and answering
    speaker (speakers in order of their first answer turn), with ``answer_words`` and ``answer_turns``.

    An exchange runs from its ``first_turn`` to the next exchange's (or the end of the transcript); its answer is
    the turns of ``principal`` speakers in it, as in :func:`exchanges`, so the rows of an exchange add up to its
    ``answer_words``. In a joint news conference both leaders may answer one question. An exchange nobody
    answered keeps one row, with no speaker and 0 words, so that it is not lost from a figure.
    """
    rows = []
    for doc_id, doc_exchanges in exchange_table.groupby("doc_id", sort=False):
        doc = turns[turns["doc_id"] == doc_id].sort_values("turn")
        starts = doc_exchanges.sort_values("first_turn")
        ends = [*starts["first_turn"].iloc[1:], np.inf]
        for exchange, start, end in zip(starts.itertuples(), starts["first_turn"], ends):
            inside = doc[(doc["turn"] >= start) & (doc["turn"] < end) & (doc["role_group"] == "principal")]
            answers = inside.groupby("speaker", sort=False).agg(answer_words=("n_words", "sum"),
                                                                 answer_turns=("turn", "size"))
            base = {"doc_id": doc_id, "event": exchange.event, "exchange": exchange.exchange}
            if answers.empty:
                rows.append({**base, "speaker": "", "answer_words": 0, "answer_turns": 0})
            for speaker, answer in answers.iterrows():
                rows.append({**base, "speaker": speaker, "answer_words": int(answer["answer_words"]),
                             "answer_turns": int(answer["answer_turns"])})
    return pd.DataFrame(rows, columns=["doc_id", "event", "exchange", "speaker", "answer_words", "answer_turns"])


def answers_with_outlets(answers: pd.DataFrame, exchange_table: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`answer_words_by_speaker` with the outlet that asked each question and its origin."""
    outlets = exchange_table[["doc_id", "exchange", "outlet", "outlet_origin"]]
    return answers.merge(outlets, on=["doc_id", "exchange"])[
        ["doc_id", "event", "exchange", "outlet", "outlet_origin", "speaker", "answer_words"]]


def origin_order(outlets: pd.DataFrame) -> list[str]:
    """Every origin an exchange can have: those of ``outlets.csv`` in its order, then ``unknown`` (an outlet named
    but not listed) and ``not named`` (no outlet given)."""
    return list(dict.fromkeys([*outlets["origin"], "unknown", "not named"]))


def outlet_table(exchange_table: pd.DataFrame) -> pd.DataFrame:
    """Per event and outlet: questions (exchanges), follow-ups, and answer length."""
    named = exchange_table.assign(outlet=exchange_table["outlet"].replace("", "(not named)"))
    table = (named.groupby(["event", "outlet", "outlet_country", "outlet_origin"], sort=False)
             .agg(questions=("exchange", "size"), follow_ups=("follow_ups", "sum"),
                  question_words=("question_words", "sum"), answer_words=("answer_words", "sum"),
                  mean_answer_words=("answer_words", "mean"))
             .reset_index())
    return table


def origin_table(exchange_table: pd.DataFrame) -> pd.DataFrame:
    """Per event and outlet origin (e.g. russian / foreign / not named): questions and answer length."""
    return (exchange_table.groupby(["event", "outlet_origin"], sort=False)
            .agg(questions=("exchange", "size"), follow_ups=("follow_ups", "sum"),
                 mean_answer_words=("answer_words", "mean"), median_answer_words=("answer_words", "median"),
                 total_answer_words=("answer_words", "sum"))
            .reset_index())


def timeline(turns: pd.DataFrame, speakers: pd.DataFrame, rates: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Each turn in order with its start and end in cumulative words and in estimated minutes."""
    table = turns[["event", "doc_id", "turn", "speaker", "role", "n_words"]].copy()
    table["minutes"] = table["n_words"] / rate_per_turn(table, speakers, rates)
    group = table.groupby("doc_id", sort=False)
    table["end_words"] = group["n_words"].cumsum()
    table["start_words"] = table["end_words"] - table["n_words"]
    table["end_minute"] = group["minutes"].cumsum()
    table["start_minute"] = table["end_minute"] - table["minutes"]
    return table[["event", "doc_id", "turn", "speaker", "role", "n_words", "start_words", "end_words",
                  "start_minute", "end_minute"]]


# --- minutes -----------------------------------------------------------------------------------------

def rates_for(speakers: pd.DataFrame, rates: Mapping[str, float] | None = None) -> dict[str, float]:
    """Words per minute per speaker, from the rate of the language each spoke (default otherwise)."""
    rates = dict(rates or {})
    return {row.speaker: float(rates.get(row.language, DEFAULT_WPM)) for row in speakers.itertuples()}


def rate_per_turn(turns: pd.DataFrame, speakers: pd.DataFrame, rates: Mapping[str, float] | None) -> pd.Series:
    return turns["speaker"].map(rates_for(speakers, rates)).fillna(DEFAULT_WPM)


def estimate_minutes(turns: pd.DataFrame, speakers: pd.DataFrame, events: pd.DataFrame,
                     rates: Mapping[str, float] | None = None, seconds_per_change: float = 0.0) -> pd.DataFrame:
    """Estimated minutes per event and speaker, plus one ``(whole appearance)`` row per event.

    The whole appearance adds ``seconds_per_change`` for every change of speaker (turns minus one):
    time the words do not account for (handing over the microphone, pauses, interpretation lag). It is the
    appearance of the event's first transcript (in ``corpus.csv`` order), the one whose length ``events.csv``
    publishes: an event with two news conferences (Putin's and Biden's at Geneva) has one published length, of
    its first; the speakers of every transcript keep their own rows.
    """
    per_turn = turns.assign(rate=rate_per_turn(turns, speakers, rates))
    per_turn["minutes"] = per_turn["n_words"] / per_turn["rate"]

    def per_speaker(rows: pd.DataFrame) -> pd.DataFrame:
        return in_data_order(rows.groupby(["event", "speaker"], sort=False)
                             .agg(words=("n_words", "sum"), turns=("turn", "size"), rate=("rate", "first"),
                                  minutes=("minutes", "sum")).reset_index(), events, speakers)

    table = per_speaker(per_turn)
    appearance = per_speaker(per_turn[per_turn["doc_id"].isin(set(appearance_transcripts(turns).values()))])
    whole = (appearance.groupby("event", sort=False).agg(words=("words", "sum"), turns=("turns", "sum"),
                                                          minutes=("minutes", "sum")).reset_index())
    whole["speaker"] = WHOLE
    whole["rate"] = np.nan
    whole["minutes"] += (whole["turns"] - 1).clip(lower=0) * seconds_per_change / 60
    combined = pd.concat([table, whole[table.columns]], ignore_index=True)
    return in_data_order(combined, events)


WHOLE = "(whole appearance)"


def appearance_transcripts(turns: pd.DataFrame) -> dict[str, str]:
    """event -> the transcript whose appearance ``events.csv``'s published length describes: the event's first (in
    ``corpus.csv`` order, which ``corpus.turns`` keeps)."""
    return dict(zip(turns.drop_duplicates("event")["event"], turns.drop_duplicates("event")["doc_id"]))


def published_minutes(events: pd.DataFrame, durations: pd.DataFrame) -> pd.DataFrame:
    """Published minutes as ranges, per speaker (durations.csv) and per whole appearance (events.csv)."""
    whole = events[["event", "press_minutes_low", "press_minutes_high", "press_minutes_source"]].rename(
        columns={"press_minutes_low": "published_low", "press_minutes_high": "published_high",
                 "press_minutes_source": "source"}).assign(speaker=WHOLE)
    per_speaker = durations.rename(columns={"minutes_low": "published_low", "minutes_high": "published_high"})
    table = pd.concat([per_speaker[whole.columns], whole], ignore_index=True)
    return table.dropna(subset=["published_low", "published_high"], how="all")


def check_estimates(estimates: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Estimated against published minutes, with the distance to the published range as measured.

    Adds :func:`distance_to_range`'s ``minutes_outside``, ``percent_outside`` and ``inside``. No tolerance is
    added anywhere: the published ranges are already the width the sources allow, so an estimate either lies in
    its range or misses it by the distance stated.
    """
    table = estimates.merge(published, on=["event", "speaker"], how="inner", validate="one_to_one")
    table = pd.concat([table, distance_to_range(table["minutes"], table["published_low"], table["published_high"])],
                      axis=1)
    return table[["event", "speaker", "words", "rate", "minutes", "published_low", "published_high",
                  *DISTANCE_COLUMNS, "source"]]


DISTANCE_COLUMNS = ["minutes_outside", "percent_outside", "inside"]


def distance_to_range(minutes: pd.Series, low: pd.Series, high: pd.Series) -> pd.DataFrame:
    """How far each estimate lies from its published range: 0 inside it (ends included), else signed.

    ``minutes_outside`` is estimate minus the nearest end (negative: short of the range, positive: beyond it);
    ``percent_outside`` is that difference in per cent of the nearest end; ``inside`` is True where both are 0.
    A range with one end only is the single number it gives. An estimate that is missing (nothing could be
    fitted) gets no distance and ``inside`` empty, not False.
    """
    low = low.fillna(high)
    high = high.fillna(low)
    nearest = pd.Series(np.select([minutes < low, minutes > high], [low, high], np.nan), index=minutes.index)
    outside = (minutes - nearest).where(nearest.notna(), 0.0).where(minutes.notna())
    percent = (100 * outside / nearest).where(nearest.notna(), 0.0).where(minutes.notna())
    inside = (outside == 0).astype("boolean").mask(minutes.isna())
    return pd.DataFrame({"minutes_outside": outside, "percent_outside": percent, "inside": inside})


def misses(check: pd.DataFrame) -> pd.DataFrame:
    """The rows of a :func:`check_estimates` table whose estimate lies outside its published range, in order."""
    return check[check["inside"].eq(False).fillna(False).astype(bool)]


def calibrate_rates(turns: pd.DataFrame, speakers: pd.DataFrame, durations: pd.DataFrame) -> pd.DataFrame:
    """Words per minute implied by each published per-speaker duration, and per language.

    Each row of ``durations`` gives a rate range (words / high minutes to words / low minutes) and its
    middle. The per-language rate is the middle of the pooled words over pooled middle minutes.
    """
    words = turns.groupby(["event", "speaker"])["n_words"].sum().rename("words").reset_index()
    table = durations.merge(words, on=["event", "speaker"], how="left").merge(
        speakers[["speaker", "language"]], on="speaker", how="left")
    table["middle_minutes"] = (table["minutes_low"] + table["minutes_high"]) / 2
    table["rate_low"] = table["words"] / table["minutes_high"]
    table["rate_high"] = table["words"] / table["minutes_low"]
    table["rate"] = table["words"] / table["middle_minutes"]
    return table[["event", "speaker", "language", "words", "minutes_low", "minutes_high", "rate_low", "rate",
                  "rate_high"]]


def rates_by_language(calibration: pd.DataFrame) -> dict[str, float]:
    """One rate per language from :func:`calibrate_rates`: pooled words over pooled middle minutes."""
    pooled = calibration.assign(minutes=calibration["words"] / calibration["rate"]).groupby("language")[
        ["words", "minutes"]].sum()
    return {language: float(row.words / row.minutes) for language, row in pooled.iterrows()}


def implied_seconds_per_change(estimates: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Per event: the seconds per change of speaker that would bring speech minutes to the published range.

    Uses the whole-appearance rows of ``estimates`` made with ``seconds_per_change=0``.
    """
    whole = estimates[estimates["speaker"] == WHOLE].merge(
        published[published["speaker"] == WHOLE], on=["event", "speaker"], how="inner")
    changes = (whole["turns"] - 1).clip(lower=1)
    whole["changes"] = whole["turns"] - 1
    whole["gap_to_low"] = whole["published_low"] - whole["minutes"]
    whole["seconds_to_low"] = whole["gap_to_low"] * 60 / changes
    whole["seconds_to_high"] = (whole["published_high"] - whole["minutes"]) * 60 / changes
    return whole[["event", "words", "changes", "minutes", "published_low", "published_high", "seconds_to_low",
                  "seconds_to_high"]]


def consistent_seconds_per_change(implied: pd.DataFrame) -> dict[str, float]:
    """The seconds per change of speaker to add to speech minutes, fitted on the events of ``implied``.

    ``low`` is the largest ``seconds_to_low`` (never below 0) and ``high`` the smallest ``seconds_to_high``
    over the events of :func:`implied_seconds_per_change`. If ``low <= high`` one allowance puts every event
    inside its published range (``fits_all`` is True) and ``middle`` is the middle of that range. If not,
    ``middle`` is the median over the events of the middle of each event's own range (clipped at 0), so a new
    event whose format does not fit the others still gets an estimate, and ``fits_all`` says it does not fit.
    With no event at all, ``middle`` is 0.
    """
    if implied.empty:
        return {"low": 0.0, "high": 0.0, "middle": 0.0, "fits_all": True}
    low = max(0.0, float(implied["seconds_to_low"].max()))
    high = float(implied["seconds_to_high"].min())
    if low <= high:
        return {"low": low, "high": high, "middle": (low + high) / 2, "fits_all": True}
    own = ((implied["seconds_to_low"].clip(lower=0) + implied["seconds_to_high"].clip(lower=0)) / 2).median()
    return {"low": low, "high": high, "middle": float(own), "fits_all": False}


ESTIMATES = ("default", "out_of_sample", "fitted")
"""The three estimates of a published range, in the order :func:`minutes_compared` gives them."""


def minutes_compared(default_check: pd.DataFrame, out_of_sample: pd.DataFrame,
                     fitted_check: pd.DataFrame) -> pd.DataFrame:
    """Per published range (event and speaker, as in ``fitted_check``): the range and three estimates of it.

    ``default_minutes`` from the default rate (nothing fitted), ``out_of_sample_minutes`` from
    :func:`leave_one_event_out` and ``fitted_minutes`` from the fit on every event (``fitted_check``); each is
    a :func:`check_estimates` table, and each estimate comes with its distance to the range as measured
    (``<estimate>_outside_minutes``, ``<estimate>_outside_percent``: 0 inside, signed outside). Where nothing could
    be fitted on the other events, ``out_of_sample_minutes`` is empty and ``why_no_out_of_sample`` says why.
    """
    keys = ["event", "speaker"]

    def estimate(check: pd.DataFrame, name: str) -> pd.DataFrame:
        return check[[*keys, "minutes", "minutes_outside", "percent_outside"]].rename(columns={
            "minutes": f"{name}_minutes", "minutes_outside": f"{name}_outside_minutes",
            "percent_outside": f"{name}_outside_percent"})

    table = fitted_check[[*keys, "published_low", "published_high"]]
    for name, check in zip(ESTIMATES, (default_check, out_of_sample, fitted_check)):
        table = table.merge(estimate(check, name), on=keys, how="left")
    why = out_of_sample[[*keys, "why_none"]].rename(columns={"why_none": "why_no_out_of_sample"})
    return table.merge(why, on=keys, how="left").fillna({"why_no_out_of_sample": ""})


def events_per_fit(out_of_sample: pd.DataFrame) -> list[int]:
    """How many events the estimates of :func:`leave_one_event_out` rest on: the distinct counts, smallest first
    (estimates that could not be made are not counted)."""
    made = out_of_sample[out_of_sample["minutes"].notna()]
    return sorted({len([e for e in fitted.split("; ") if e]) for fitted in made["fitted_on"]})


def leave_one_event_out(turns: pd.DataFrame, speakers: pd.DataFrame, events: pd.DataFrame,
                        durations: pd.DataFrame) -> pd.DataFrame:
    """The minutes model tested on each event with everything fitted on the other events only.

    For each event with a published duration: speaking rates calibrated on the other events' per-speaker
    durations and the allowance per change of speaker fitted on the other events' whole appearances. The estimate
    is then checked against the event's own published ranges, which were not used.

    An estimate is out of sample only if something in it was fitted on another event's published figures:
    a speaker's minutes need a rate for the language they spoke from another event (``fitted_on``: the events
    it came from); a whole appearance needs that or an allowance fitted on another whole appearance. Where
    nothing could be fitted, the default rate would give back the default estimate, which is no test of a fit:
    ``minutes`` is left empty and ``why_none`` says what no other event publishes.
    """
    published = published_minutes(events, durations)
    language = speakers.set_index("speaker")["language"].fillna("")
    rows = []
    for event in [e for e in events["event"] if e in set(published["event"])]:
        others = durations[durations["event"] != event]
        calibration = calibrate_rates(turns, speakers, others)
        rates = rates_by_language(calibration) if len(others) else {}
        rate_events = {lang: set(calibration.loc[calibration["language"] == lang, "event"]) for lang in rates}
        speech = estimate_minutes(turns, speakers, events, rates=rates)
        implied = implied_seconds_per_change(speech, published[published["event"] != event])
        allowance = consistent_seconds_per_change(implied)["middle"]
        allowance_events = set(implied["event"]) | (set().union(*rate_events.values()) if len(implied) else set())
        own = turns[turns["event"] == event]
        estimate = estimate_minutes(own, speakers, events, rates=rates, seconds_per_change=allowance)
        checked = check_estimates(estimate, published[published["event"] == event])
        spoken = {language.get(s, "") for s in own.loc[own["doc_id"].isin(set(appearance_transcripts(own).values())),
                                                        "speaker"]}
        rests_on = [fit_sources(speaker, spoken, language, rate_events, allowance_events)
                    for speaker in checked["speaker"]]
        fitted = ["; ".join(e for e in events["event"] if e in used) for used, _ in rests_on]
        why = ["" if used else reason for used, reason in rests_on]
        checked = checked.assign(seconds_per_change=np.where(checked["speaker"] == WHOLE, allowance, np.nan),
                                 fitted_on=fitted, why_none=why)
        none = checked["why_none"] != ""
        checked.loc[none, ["rate", "minutes", "minutes_outside", "percent_outside", "seconds_per_change"]] = np.nan
        checked["inside"] = checked["inside"].mask(none)
        rows.append(checked)
    columns = ["event", "speaker", "words", "rate", "minutes", "published_low", "published_high", *DISTANCE_COLUMNS,
               "seconds_per_change", "fitted_on", "why_none", "source"]
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)


def fit_sources(speaker: str, spoken: set[str], language: pd.Series, rate_events: dict[str, set[str]],
                allowance_events: set[str]) -> tuple[set[str], str]:
    """The other events an out-of-sample estimate of ``speaker`` rests on, and why there is none if none.

    A speaker's minutes rest on the events that gave a rate for the language they spoke; a whole appearance on
    those of every language ``spoken`` in it and on the events the allowance per change of speaker was fitted on.
    """
    if speaker == WHOLE:
        used = allowance_events.union(*[rate_events.get(lang, set()) for lang in spoken])
        named = " or ".join(sorted(LANGUAGES.get(lang, lang) for lang in spoken if lang))
        return used, ("no other event publishes the length of a whole appearance"
                      + (f", nor minutes of a speaker of {named}" if named else ""))
    spoke = language.get(speaker, "")
    return rate_events.get(spoke, set()), (f"no other event publishes minutes of a speaker of {LANGUAGES.get(spoke, spoke)}"
                                           if spoke else "no language given for this speaker, so no rate can be fitted")
