"""The report of ``newsgraph eval events``: per gold set, sizes, both
measures side by side, per-type rows, timings, and the run with community
dictionaries when one was made."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from newsgraph.eval.events import DICT_SYSTEM, MEASURES, EventsReport, SetReport
from newsgraph.eval.scoring import Scores

__all__ = ["print_report"]


def _cells(scores: Scores) -> str:
    return f"{scores.precision:.3f} {scores.recall:.3f} {scores.f1:.3f}"


def _set_rows(part: SetReport) -> Iterator[str]:
    ours, base = part.systems["newsgraph"], part.systems["baseline"]
    yield f"{part.title}: {part.sentences} sentences, {part.gold_codings} gold codings"
    if part.noevents:
        yield f"  {part.noevents} sentences have no gold event: any event coded there is wrong"
    if part.untyped:
        yield f"  {part.untyped} gold codings (CAMEO 01) have no PLOVER type: only in 'triples'"
    if part.name == "petrarch":
        yield "  PETRARCH2's own output is not part of these files (this gold was built from and"
        yield "  corrected against PETRARCH-2 output), so there is no PETRARCH2 column beside ours."
    else:
        yield "  0.5b1 types as 2021 types: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE,"
        yield "  FIGHT->ASSAULT; reciprocal SRC/TAR actors coded both ways"
    action = "CAMEO root" if part.action == "cameo" else "PLOVER type"
    yield f"  {'':40}{'newsgraph P/R/F1':>18}   {'baseline P/R/F1':>18}"
    labels = {"triples": f"triples (source, target, {action})", "type": "type (PLOVER)"}
    for measure in MEASURES:
        left, right = _cells(ours.overall[measure]), _cells(base.overall[measure])
        yield f"  {labels[measure]:40}{left:>18}   {right:>18}"
    kinds = sorted(
        set(ours.support) | set(base.support), key=lambda k: (-ours.support.get(k, 0), k)
    )
    if kinds:
        yield (
            f"  {'per type':12}{'support':>8}  {'type: newsgraph P/R/F1':>22} {'baseline F1':>11}"
            f"  {'triples: newsgraph F1':>21} {'baseline F1':>11}"
        )
    for kind in kinds:
        zero = Scores(0.0, 0.0, 0.0)
        mine = ours.by_type["type"].get(kind, zero)
        theirs = base.by_type["type"].get(kind, zero).f1
        mine3 = ours.by_type["triples"].get(kind, zero).f1
        theirs3 = base.by_type["triples"].get(kind, zero).f1
        yield (
            f"  {kind:12}{ours.support.get(kind, 0):>8}  {_cells(mine):>22} {theirs:>11.3f}"
            f"  {mine3:>21.3f} {theirs3:>11.3f}"
        )
    yield (
        f"  predicted codings: newsgraph {ours.predicted}, baseline {base.predicted}; "
        f"seconds: newsgraph {ours.seconds:.1f}, baseline {base.seconds:.1f}"
    )
    extra = part.systems.get(DICT_SYSTEM)
    if extra is not None:
        yield "  with the community dictionaries (--dictionaries):"
        for measure in MEASURES:
            yield f"  {labels[measure]:40}{_cells(extra.overall[measure]):>18}"
        yield f"  predicted codings: {extra.predicted}; seconds: {extra.seconds:.1f}"


def print_report(report: EventsReport, out: TextIO) -> None:
    """Per gold set: sizes, both measures side by side, per-type rows, timings."""
    print(f"baseline verb dictionary: {report.verbs} lemmas ({report.verbs_source})", file=out)
    for part in report.sets:
        for row in _set_rows(part):
            print(row, file=out)
