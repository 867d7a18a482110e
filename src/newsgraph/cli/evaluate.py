"""`newsgraph eval`: newsgraph scored on public gold data and on our own
hand-annotated real articles, each beside a baseline run on the same texts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.options import DictionariesOpt, LimitOpt, ModelOpt, fail


def eval_extraction(
    directory: Annotated[
        Path,
        typer.Argument(
            help="A gold set folder (scrapinghub-aeb or trafilatura-evaldata-en) or the "
            "folder holding both.",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ],
    limit: LimitOpt = None,
) -> None:
    """Score body extraction against plain trafilatura on the same pages, side by side."""
    from newsgraph.eval.extraction import find_gold_sets, print_report, run_gold_set

    sets = find_gold_sets(directory)
    if not sets:
        fail(f"{directory}: no gold set found (expected ground-truth.json or evaldata*.json)")
    for gold in sets:
        print_report(run_gold_set(gold, limit=limit), sys.stdout)


def eval_ner(
    path: Annotated[
        Path,
        typer.Argument(
            help="A CoNLL-2003 file (eng.testb[.gz]) or a folder holding one.",
            exists=True,
            metavar="PATH",
        ),
    ],
    limit: LimitOpt = None,
) -> None:
    """Score entity names on CoNLL-2003 beside raw spaCy on the same parse."""
    from newsgraph.eval.ner import print_report, run_ner_eval

    if path.is_dir():
        found = sorted(path.rglob("eng.testb*")) or sorted(path.rglob("*test*.txt*"))
        if not found:
            fail(f"{path}: no eng.testb file in this folder")
        path = found[0]
    print_report(run_ner_eval(path, limit=limit), sys.stdout)


def eval_quotes(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The PolNeAR folder (dev/ and test/ with text/ and attributions/).",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ],
    split: Annotated[str, typer.Option("--split", help="test (report) or dev (develop).")] = "test",
    limit: LimitOpt = None,
) -> None:
    """Score quotes and their speakers on PolNeAR beside a nearest-entity baseline."""
    from newsgraph.eval.quotes import print_report, run_quotes_eval

    if not (directory / split).is_dir():
        fail(f"{directory}: no {split}/ folder of PolNeAR data")
    print_report(run_quotes_eval(directory, split=split, limit=limit), sys.stdout)


def eval_timex(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The TempEval-3 folder (TBAQ-cleaned/, te3-platinum/) or a folder of .tml files.",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ],
    subset: Annotated[
        str,
        typer.Option("--subset", help="te3-platinum (report); tbaq, timebank, aquaint (develop)."),
    ] = "te3-platinum",
    limit: LimitOpt = None,
) -> None:
    """Score time expressions and their values on TempEval-3 beside dateparser alone."""
    from newsgraph.eval.timex import print_report, run_timex_eval

    try:
        report = run_timex_eval(directory, subset=subset, limit=limit)
    except (ValueError, FileNotFoundError) as exc:
        fail(f"{directory}: {exc}")
    print_report(report, sys.stdout)


def eval_events(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The events gold folder (petrarch2-gsr-validation/, plover-gsr/).",
            file_okay=False,
            metavar="DIR",
        ),
    ] = Path("../shared/eval-dev/events"),
    gold: Annotated[
        str, typer.Option("--gold", help="Which gold set: petrarch, plover or all.")
    ] = "all",
    limit: LimitOpt = None,
    dictionaries: DictionariesOpt = None,
) -> None:
    """Score event coding (who did what to whom) on PETRARCH-2 and PLOVER gold sentences
    beside a dictionary-window baseline; with --dictionaries, also with the community
    dictionaries, side by side."""
    from newsgraph.eval.events import run_events_eval
    from newsgraph.eval.events_report import print_report

    if not directory.is_dir():
        fail(f"{directory}: no such folder of event gold data")
    try:
        report = run_events_eval(directory, gold_set=gold, limit=limit, community=dictionaries)
    except (ValueError, FileNotFoundError) as exc:
        fail(f"{directory}: {exc}")
    print_report(report, sys.stdout)


def eval_facts(
    directory: Annotated[
        Path,
        typer.Argument(
            help="A folder of gold YAML files (bench/gold/facts or a subfolder).",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ],
    articles: Annotated[
        Path,
        typer.Option(
            "--articles",
            help="Folder the gold files' `source` paths are relative to (shared/eval-dev).",
            file_okay=False,
        ),
    ] = Path("../shared/eval-dev"),
    limit: LimitOpt = None,
    misses: Annotated[
        bool, typer.Option("--misses", help="List every miss and extra after the scores.")
    ] = False,
    model: ModelOpt = None,
) -> None:
    """Score entities, quotes and speakers, times and events on hand-annotated
    real articles (format: bench/gold/facts/README.md)."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.eval.facts import print_report, run_facts_eval

    if not articles.is_dir():
        fail(f"{articles}: no such folder of articles (give --articles)")
    try:
        report = run_facts_eval(directory, articles, limit=limit, model=model)
    except NewsgraphError as exc:
        fail(exc)
    print_report(report, sys.stdout, misses=misses)
