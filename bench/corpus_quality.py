"""What a user sees after ingesting a real corpus, counted: the acceptance
numbers of the quotes-and-entities and events issues.

    python bench/corpus_quality.py ../shared/eval-dev/articles/bbc-news-politics/politics \
        [--db /tmp/bbc.db] [--workers 2] [--reuse]

Ingests the folder into a fresh SQLite knowledge base (``--reuse``: count an
existing one), exports entities, quotes and events (CSV, as a user would),
and prints:

- people: how many PERSON entities each well-known politician of the corpus
  became, and their countries (the goal is one, GBR);
- parties and bodies: how many entities each became;
- junk entities (role nouns, common nouns, nationality words);
- quotes: direct/partial quotes with a speaker entity, and quotes holding
  attribution narration ("X said:", ", he said");
- events: how many, ASSAULT count, sources without a country.

The names below are the corpus's main figures (BBC News politics
2004-05), used to *count*, never by the pipeline.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

#: Titles of women: "Baroness Kennedy" is not Charles Kennedy (the ten people are men).
_WOMEN = frozenset({"Baroness", "Lady", "Mrs", "Ms", "Miss", "Dame"})
PEOPLE = [
    "Tony Blair",
    "Gordon Brown",
    "Michael Howard",
    "Jack Straw",
    "Charles Kennedy",
    "Charles Clarke",
    "John Prescott",
    "David Blunkett",
    "Alan Milburn",
    "Oliver Letwin",
]
BODIES = {
    "Conservative Party": {"tory", "tories", "conservative", "conservatives", "conservative party"},
    "Labour Party": {"labour", "labour party", "new labour"},
    "Liberal Democrats": {"liberal democrats", "liberal democrat", "lib dems", "lib dem"},
    "European Union": {"eu", "european union"},
    "United Nations": {"un", "united nations"},
}
JUNK = {
    "a spokesman", "spokesman", "spokeswoman", "budget", "minister", "breakfast", "british",
    "democrat", "mp", "mps", "the government", "government", "prime minister", "chancellor",
}  # fmt: skip
NARRATION = re.compile(
    r"\b(?:said|says|told|added|asked|insisted|warned|argued)\s*:|"
    r",\s*(?:he|she|they|it)\s+(?:said|says|added|told)\b|"
    r"\b(?:he|she)\s+(?:said|added|told)\s+(?:the|that|BBC)\b",
    re.IGNORECASE,
)


def _norm(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.casefold().split()))


def newsgraph(*args: str) -> None:
    exe = Path(sys.executable).with_name("newsgraph")
    subprocess.run([str(exe), *args], check=True)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="count an existing --db")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsgraph-quality-"))
    db = options.db or work / "kb.db"
    if not options.reuse:
        db.unlink(missing_ok=True)
        workers = str(options.workers)
        newsgraph("ingest", str(options.corpus), "--db", str(db), "--workers", workers)
    for what in ("entities", "quotes", "events"):
        newsgraph(
            "export", "--what", what, "-f", "csv", "-o", str(work / f"{what}.csv"), "--db", str(db)
        )
    entities, quotes, events = (rows(work / f"{w}.csv") for w in ("entities", "quotes", "events"))
    by_id = {e["id"]: e for e in entities}

    print(
        f"knowledge base {db}: {len(entities)} entities, {len(quotes)} quotes, {len(events)} events"
    )
    print("\npeople (goal: 1 PERSON entity each, country GBR)")
    ok = 0
    for person in PEOPLE:
        surname = person.split()[-1].casefold()
        found = [
            e for e in entities
            if e["type"] == "PERSON" and _norm(e["name"]) in {_norm(person)}
        ]  # fmt: skip
        partial = [
            e for e in entities
            if e["type"] == "PERSON" and _norm(e["name"]) != _norm(person)
            and _norm(e["name"]).split()[-1:] == [surname]
            and _norm(e["name"]).split()[0] in {surname, "mr", person.split()[0].casefold()}
            and not set(json.loads(e["titles"] or "[]")) & _WOMEN  # "Baroness Kennedy": another
        ]  # fmt: skip
        countries = Counter(e["country"] or "—" for e in found)
        good = len(found) == 1 and not partial and found[0]["country"] == "GBR"
        ok += good
        print(
            f"  {person:<16} {len(found)} entit{'y' if len(found) == 1 else 'ies'} "
            f"{dict(countries)}; bare-surname entities {len(partial)}  {'ok' if good else ''}"
        )
    print(f"  {ok}/{len(PEOPLE)} right")

    print("\nparties and bodies (goal: 1 entity each, never PERSON)")
    for body, names in BODIES.items():
        found = [e for e in entities if _norm(e["name"]) in names]
        types = Counter(e["type"] for e in found)
        print(f"  {body:<20} {len(found)} entities {dict(types)}")

    junk = [e for e in entities if _norm(e["name"]) in JUNK]
    print(f"\njunk entities: {len(junk)}  {sorted({e['name'] for e in junk})[:15]}")

    direct = [q for q in quotes if q["kind"] in {"direct", "partial"}]
    linked = sum(1 for q in direct if q["speaker_id"])
    narrated = [q for q in quotes if q["kind"] != "indirect" and NARRATION.search(q["text"])]
    print(
        f"\nquotes: {len(direct)} direct/partial, {linked} linked to a speaker entity "
        f"({linked / max(1, len(direct)):.1%}); {len(narrated)} hold attribution narration "
        f"({len(narrated) / max(1, len(quotes)):.2%} of {len(quotes)} quotes)"
    )
    for q in narrated[:5]:
        print(f"    {q['text'][:110]!r}")

    types = Counter(e["type"] for e in events)
    no_country = sum(
        1
        for e in events
        if not (e["source_code"] or "").strip() or e["source_code"].startswith("---")
    )
    print(
        f"\nevents: {len(events)}; ASSAULT {types.get('ASSAULT', 0)}; sources without a country "
        f"{no_country} ({no_country / max(1, len(events)):.1%})"
    )
    print("  by type: " + ", ".join(f"{t} {n}" for t, n in types.most_common()))
    for e in (e for e in events if e["type"] == "ASSAULT"):  # each, to judge: violence or not
        negated = " (negated)" if e["negated"].strip().lower() in {"true", "1"} else ""
        print(
            f"    ASSAULT{negated} {e['source_code']} -> {e['target_code'] or '-'}: "
            f"{e['sentence'][:100]!r}"
        )
    speakers: dict[str, int] = defaultdict(int)
    for q in direct:
        if q["speaker_id"] in by_id:
            speakers[by_id[q["speaker_id"]]["name"]] += 1
    print(
        "  most quoted: "
        + ", ".join(f"{n} {c}" for n, c in sorted(speakers.items(), key=lambda x: -x[1])[:8])
    )
    print(f"\nexports in {work}")


if __name__ == "__main__":
    main()
