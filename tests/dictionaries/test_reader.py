"""Reading PETRARCH / TABARI dictionaries: small invented snippets in the
file formats (so these run anywhere), then the public Phoenix set in
../shared/dictionaries/petrarch2 when it is there."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.dictionaries import (
    ActorCode,
    CommunityDictionaries,
    VerbPattern,
    load_dictionaries,
)
from newsgraph.dictionaries.text import parse_date, parse_window
from newsgraph.dictionaries.verbs import regular_verb_forms
from newsgraph.errors import NewsgraphError

from ..conftest import SHARED

PHOENIX = SHARED / "dictionaries" / "petrarch2"

# Invented entries in the formats of the Phoenix files (not copied from them).
ACTORS = """\
# An invented actors file
FREEDONIA_  [FRE]
+FREEDONIAN_
+FREE_REPUBLIC_OF_FREEDONIA_ +FREEDONIA_REPUBLIC_

RUFUS_T._FIREFLY_  # leader of Freedonia
+PRESIDENT_FIREFLY_
\t[FREELI 320101-331108]
\t[FREGOV 331108-20150630]
\t[FREGOV >160101]
\t[FREELI]

TRENTINO_ [SYL <991231]
\t[SYLGOV <020301]

ZEPPO_MARX_\t[FREMIL 850101-861231][IGOUNO >870101]\tcomedian\t$1,000

PINKY_  # one bad window, one good one
\t[FREGOV 8501011-860101]
\t[FREMIL 860101-870101]

CHICO_
\t[FRE@GOV 850101-860101]

HARPO_
\t[FREGOV 20000230-20010101]

GUMMO_
\t[FREGOV 20010101-20000101]

NO_CODE_AT_ALL_
TWICE_NAMED_  [FREOPP]
BROKEN]_NAME_
\t[FRELEG]
"""

MORE_ACTORS = """\
TWICE_NAMED_
\t[FREGOV 100101-120101]
"""

AGENTS = """\
<!-- AN INVENTED AGENTS DICTIONARY -->
<!-- a comment
over two lines [~XXX] -->
# ======== SUBSTITUTION SETS ========
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!BOARD! = BOARD, BOARDS

PROSECUTOR [~JUD]
SPOKES!PERSON! [~MED]
!BOARD! OF_GOVERNORS [~GOV]
POLICE {} [~COP]
THIEF {THIEVES} [~CRM]
DEPUTY [~GOV]
BOSS_ [~BUS]
PEACEKEEPING_TROOPS {} [IGO~]
UNCODED_ROLE
TYPO_SECTOR [~ENV}
AD!BOARD!ING [~GOV]
!UNKNOWN! ROLE [~GOV]
"""

VERBS = """\
# An invented verb dictionary
####### SYNONYM SETS #######
&CURRENCY
+DOLLAR
+CASH_
+SWISS_FRANC

&AUXVERB_
+WAS
+IS_TO

####### VERB PATTERNS #######
---  GRANT   [070]  ---
GRANT
AWARD [071]
GIVE {GIVES GAVE GIVEN GIVING}
+HAND_OVER {+HANDS_OVER +HANDED_OVER +HANDING_OVER}
- * ASYLUM                           [075]   # GRANT
- * (TO +) &CURRENCY                 [071]   # GIVE
- $ * {HUMANITARIAN AID} (TO +)      [0233]  # GRANT
- * (TO)                             [042:043]
- % * ^ CONCESSION                   [:057]
- * &UNDEFINED_SET                   [070]
- * [07X]
- * ASYLUM (TO                       [075]
- ASYLUM                             [075]

---  PULL_OUT   [---]  ---
+PULL_OUT {+PULLS_OUT +PULLED_OUT +PULLING_OUT}
- * (OF $)                           [087]

---  TEAR   [---]  ---
RIP {RIPPING RIPS RIPPED};shan 7/11/93

---  BROKEN   [5X]  ---
BREAK
- * [011]
"""

DISCARDS = """\
# invented discards
+WORLD_CUP_  # story-level
SUPER BOWL
BASKETBALL
  # just a comment
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def snippet_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(
        tmp_path_factory.mktemp("dictionaries"),
        {
            "Test.actors.txt": ACTORS,
            "Test.zmore.actors.txt": MORE_ACTORS,
            "Test.agents.txt": AGENTS,
            "CAMEO.test.txt": VERBS,
            "Test.discards.txt": DISCARDS,
            "README.md": "not a dictionary",
            "Test.prepositions.txt": "ON\nIN\n",
        },
    )


@pytest.fixture(scope="module")
def snippets(snippet_folder: Path) -> CommunityDictionaries:
    return load_dictionaries(snippet_folder)


def problem_lines(loaded: CommunityDictionaries, name: str) -> list[int]:
    return [int(p.split(":")[1]) for p in loaded.problems if p.startswith(name + ":")]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# ---- dates


def test_two_digit_years_follow_the_pivot() -> None:
    assert parse_date("320101") == dt.date(1932, 1, 1)
    assert parse_date("990101") == dt.date(1999, 1, 1)
    assert parse_date("070723") == dt.date(2007, 7, 23)
    assert parse_date("290101") == dt.date(2029, 1, 1)  # 29 < 30
    assert parse_date("300101") == dt.date(1930, 1, 1)  # 30 is not
    assert parse_date("290101", pivot=20) == dt.date(1929, 1, 1)
    assert parse_date("19270101") == dt.date(1927, 1, 1)


@pytest.mark.parametrize("text", ["8501011", "201005011", "20000230", "851301", "85010x"])
def test_malformed_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_window_forms() -> None:
    assert parse_window("") == (None, None)
    assert parse_window("320101-331108") == (dt.date(1932, 1, 1), dt.date(1933, 11, 8))
    assert parse_window(">130201") == (dt.date(2013, 2, 1), None)
    assert parse_window("> 140608") == (dt.date(2014, 6, 8), None)
    assert parse_window("<991231") == (None, dt.date(1999, 12, 31))
    assert parse_window("19100101-470918") == (dt.date(1910, 1, 1), dt.date(1947, 9, 18))
    for bad in ("20121204", "20010101-20000101", "1-2", "abc"):
        with pytest.raises(ValueError):
            parse_window(bad)


def test_load_applies_the_pivot(tmp_path: Path) -> None:
    write(tmp_path, {"X.actors.txt": "ALPHA_\n\t[AAAGOV 250101-260101]\n"})
    assert load_dictionaries(tmp_path).actors["alpha"] == [
        ActorCode("AAAGOV", dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    ]
    assert load_dictionaries(tmp_path, pivot=20).actors["alpha"] == [
        ActorCode("AAAGOV", dt.date(1925, 1, 1), dt.date(1926, 1, 1))
    ]
    with pytest.raises(ValueError):
        load_dictionaries(tmp_path, pivot=101)


# ---- actors


def test_actor_windows_of_every_form(snippets: CommunityDictionaries) -> None:
    assert snippets.actors["rufus t. firefly"] == [
        ActorCode("FREELI", dt.date(1932, 1, 1), dt.date(1933, 11, 8)),
        ActorCode("FREGOV", dt.date(1933, 11, 8), dt.date(2015, 6, 30)),
        ActorCode("FREGOV", dt.date(2016, 1, 1), None),
        ActorCode("FREELI", None, None),
    ]
    assert snippets.actors["trentino"] == [
        ActorCode("SYL", None, dt.date(1999, 12, 31)),
        ActorCode("SYLGOV", None, dt.date(2002, 3, 1)),
    ]
    assert snippets.actors["zeppo marx"] == [  # two codes on the phrase line, text after them
        ActorCode("FREMIL", dt.date(1985, 1, 1), dt.date(1986, 12, 31)),
        ActorCode("IGOUNO", dt.date(1987, 1, 1), None),
    ]


def test_synonyms_share_the_codes(snippets: CommunityDictionaries) -> None:
    for phrase in ("freedonian", "free republic of freedonia", "freedonia republic"):
        assert snippets.actors[phrase] == snippets.actors["freedonia"] == [ActorCode("FRE")]
    assert snippets.actors["president firefly"] == snippets.actors["rufus t. firefly"]
    assert snippets.actors["president firefly"] is not snippets.actors["rufus t. firefly"]
    # freedonia, firefly, trentino, zeppo, pinky, twice named (in each file)
    assert snippets.actor_entries == 7


def test_a_phrase_of_two_files_gets_both_codes(snippets: CommunityDictionaries) -> None:
    assert snippets.actors["twice named"] == [
        ActorCode("FREOPP"),
        ActorCode("FREGOV", dt.date(2010, 1, 1), dt.date(2012, 1, 1)),
    ]


def test_actor_codes_choose_by_window(snippets: CommunityDictionaries) -> None:
    firefly = "Rufus T. Firefly"
    assert snippets.actor_codes(firefly, on=dt.date(1933, 1, 1)) == ["FREELI"]
    assert snippets.actor_codes(firefly, on=dt.date(1950, 1, 1)) == ["FREGOV", "FREELI"]
    assert snippets.actor_codes(firefly, on=dt.date(2015, 9, 1)) == ["FREELI"]
    assert snippets.actor_codes("RUFUS_T._FIREFLY_", on=dt.date(2020, 1, 1)) == [
        "FREGOV",
        "FREELI",
    ]
    assert snippets.actor_codes(firefly) == ["FREELI"]  # no day: the undated code
    assert snippets.actor_codes("zeppo marx") == ["IGOUNO"]  # no undated: the latest window
    assert snippets.actor_codes("zeppo marx", on=dt.date(1986, 6, 1)) == ["FREMIL"]
    assert snippets.actor_codes("zeppo marx", on=dt.date(1980, 6, 1)) == []
    assert snippets.actor_codes("trentino", on=dt.date(1999, 12, 31)) == ["SYL", "SYLGOV"]
    assert snippets.actor_codes("trentino", on=dt.date(2001, 1, 1)) == ["SYLGOV"]
    assert snippets.actor_codes("trentino") == ["SYLGOV"]
    assert snippets.actor_codes("nobody at all") == []


def test_malformed_actor_lines_are_reported_and_skipped(snippets: CommunityDictionaries) -> None:
    lines = problem_lines(snippets, "Test.actors.txt")
    expected = [
        line_of(ACTORS, "8501011"),  # a 7-digit date
        line_of(ACTORS, "FRE@GOV"),  # a code typo
        line_of(ACTORS, "20000230"),  # an impossible date
        line_of(ACTORS, "20010101-20000101"),  # a window that ends before it starts
        line_of(ACTORS, "NO_CODE_AT_ALL_"),  # a phrase with no code
        line_of(ACTORS, "BROKEN]_NAME_"),  # a stray bracket
    ]
    assert sorted(lines) == sorted(expected)
    assert snippets.actors["pinky"] == [
        ActorCode("FREMIL", dt.date(1986, 1, 1), dt.date(1987, 1, 1))
    ]
    for skipped in ("chico", "harpo", "gummo", "no code at all", "broken] name"):
        assert skipped not in snippets.actors
    assert all(re.match(r"Test\.actors\.txt:\d+: \S", p) for p in snippets.problems[:6])


def test_actor_codes_must_be_runs_of_three(tmp_path: Path) -> None:
    write(tmp_path, {"X.actors.txt": "A_ [USAGOVX]\nB_ [---REB]\nC_ [igouno]\n"})
    loaded = load_dictionaries(tmp_path)
    assert "a" not in loaded.actors
    assert loaded.actors["b"] == [ActorCode("---REB")]
    assert loaded.actors["c"] == [ActorCode("IGOUNO")]
    assert len(loaded.problems) == 1 and "USAGOVX" in loaded.problems[0]


def test_stray_bytes_never_stop_reading(tmp_path: Path) -> None:
    (tmp_path / "X.actors.txt").write_bytes(
        b"ERDO\xc4\x9eAN_ [TUR]\nS\xe3O_PAULO_ [BRA]\nZ\x1aROUAL_ [DZA]\n"
    )
    loaded = load_dictionaries(tmp_path)
    assert loaded.actors["são paulo"] == [ActorCode("BRA")]  # latin-1 line
    assert loaded.actors["erdoğan"] == [ActorCode("TUR")]  # UTF-8 line
    assert len(loaded.problems) == 1 and "X.actors.txt:3:" in loaded.problems[0]


# ---- agents


def test_agents_with_sectors_and_plurals(snippets: CommunityDictionaries) -> None:
    assert snippets.agents["prosecutor"] == "JUD"
    assert snippets.agents["prosecutors"] == "JUD"  # the regular plural PETRARCH makes
    assert snippets.agent_sector("Prosecutor") == "JUD"
    assert snippets.agent_sector("deputies") == "GOV"
    assert snippets.agent_sector("police") == "COP"
    assert "polices" not in snippets.agents  # {} : no plural
    assert snippets.agent_sector("thieves") == "CRM"  # {PLURAL}
    assert "boss" in snippets.agents and "bosses" not in snippets.agents  # ends with _
    assert snippets.agent_sector("peacekeeping troops") == "IGO"  # the [SEC~] form
    assert snippets.agent_sector("nobody") is None


def test_agent_macros_are_expanded(snippets: CommunityDictionaries) -> None:
    for word in ("spokesman", "spokesmen", "spokeswoman", "spokeswomen", "spokesperson"):
        assert snippets.agents[word] == "MED"
    assert "spokes!person!" not in snippets.agents
    assert "over two lines" not in snippets.agents  # inside <!-- -->
    assert "spokespersons" not in snippets.agents  # no plural after a substitution
    assert snippets.agents["board of governors"] == "GOV"
    assert snippets.agents["boards of governors"] == "GOV"


def test_malformed_agent_lines_are_reported(snippets: CommunityDictionaries) -> None:
    expected = [
        line_of(AGENTS, "UNCODED_ROLE"),
        line_of(AGENTS, "[~ENV}"),
        line_of(AGENTS, "AD!BOARD!ING"),
        line_of(AGENTS, "!UNKNOWN!"),
    ]
    assert sorted(problem_lines(snippets, "Test.agents.txt")) == sorted(expected)
    assert "typo sector" not in snippets.agents and "uncoded role" not in snippets.agents


# ---- verbs


def test_synsets(snippets: CommunityDictionaries) -> None:
    assert snippets.synsets["&currency"] == {
        "dollar",
        "dollars",
        "cash",  # ends with _: no plural
        "swiss franc",
        "swiss francs",
    }
    assert snippets.synsets["&auxverb"] == {"was", "is to"}  # a name ending with _: no plurals


def test_verb_block_bare_verbs(snippets: CommunityDictionaries) -> None:
    grant = [v for v in snippets.verbs if v.verb == "grant" and not v.before and not v.after]
    assert grant == [
        VerbPattern(
            "grant",
            "070",
            None,
            (),
            (),
            ("grant", "grants", "granted", "granting"),
            VERBS.splitlines().index("GRANT") + 1,
        )
    ]
    award = next(v for v in snippets.verbs if v.verb == "award" and not v.after)
    assert (award.code, award.forms) == ("071", ("award", "awards", "awarded", "awarding"))
    give = next(v for v in snippets.verbs if v.verb == "give" and not v.after)
    assert give.forms == ("give", "gives", "gave", "given", "giving")
    assert give.code == "070"
    hand = next(v for v in snippets.verbs if v.verb == "hand")
    assert (hand.before, hand.after) == ((), ("over",))
    assert hand.forms == ("hand", "hands", "handed", "handing")


def test_verb_patterns(snippets: CommunityDictionaries) -> None:
    patterns = {v.line: v for v in snippets.verbs}
    forms = (
        "grant",
        "grants",
        "granted",
        "granting",
        "award",
        "awards",
        "awarded",
        "awarding",
        "give",
        "gives",
        "gave",
        "given",
        "giving",
    )
    asylum = patterns[line_of(VERBS, "- * ASYLUM  ")]
    assert asylum == VerbPattern("grant", "075", None, (), ("asylum",), forms, asylum.line)
    money = patterns[line_of(VERBS, "&CURRENCY  ")]
    assert (money.code, money.after) == ("071", ("to", "&currency"))
    aid = patterns[line_of(VERBS, "HUMANITARIAN AID")]
    assert (aid.before, aid.after) == ((), ("humanitarian", "aid", "to"))
    paired = patterns[line_of(VERBS, "[042:043]")]
    assert (paired.code, paired.paired, paired.after) == ("042", "043", ("to",))
    reverse = patterns[line_of(VERBS, "[:057]")]
    assert (reverse.code, reverse.paired, reverse.after) == ("---", "057", ("concession",))


def test_multi_word_verb_blocks_put_their_words_around_patterns(
    snippets: CommunityDictionaries,
) -> None:
    pull = [v for v in snippets.verbs if v.verb == "pull"]
    assert [(v.code, v.before, v.after) for v in pull] == [
        ("---", (), ("out",)),
        ("087", (), ("out", "of")),
    ]
    assert pull[0].forms == ("pull", "pulls", "pulled", "pulling")


def test_a_semicolon_ends_a_verb_line(snippets: CommunityDictionaries) -> None:
    [rip] = [v for v in snippets.verbs if v.verb == "rip"]
    assert (rip.code, rip.forms) == ("---", ("rip", "ripping", "rips", "ripped"))


def test_malformed_verb_lines_are_reported(snippets: CommunityDictionaries) -> None:
    expected = [
        line_of(VERBS, "&UNDEFINED_SET"),
        line_of(VERBS, "[07X]"),
        line_of(VERBS, "(TO    "),
        line_of(VERBS, "- ASYLUM  "),
        line_of(VERBS, "[5X]"),
    ]
    assert sorted(problem_lines(snippets, "CAMEO.test.txt")) == sorted(expected)
    assert not [v for v in snippets.verbs if v.verb == "break"]  # its block was skipped


def test_regular_verb_forms() -> None:
    assert regular_verb_forms("grant") == ("grant", "grants", "granted", "granting")
    assert regular_verb_forms("agree") == ("agree", "agrees", "agreed", "agreeing")
    assert regular_verb_forms("deny") == ("deny", "denies", "denied", "denying")
    assert regular_verb_forms("approach") == ("approach", "approaches", "approached", "approaching")
    assert regular_verb_forms("veto") == ("veto", "vetoes", "vetoed", "vetoing")
    assert regular_verb_forms("tie") == ("tie", "ties", "tied", "tying")
    assert regular_verb_forms("play") == ("play", "plays", "played", "playing")


# ---- discards and the folder


def test_discards(snippets: CommunityDictionaries) -> None:
    assert snippets.discards == {"world cup", "super bowl", "basketball"}


def test_unknown_files_are_ignored_and_nothing_else_reported(
    snippets: CommunityDictionaries,
) -> None:
    names = {p.split(":")[0] for p in snippets.problems}
    assert names == {"Test.actors.txt", "Test.agents.txt", "CAMEO.test.txt"}


def test_a_folder_without_dictionaries_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "hello", "CAMEO.codebook.txt": "no verb blocks here\n"})
    with pytest.raises(NewsgraphError, match="expected .*actors"):
        load_dictionaries(tmp_path)
    with pytest.raises(NewsgraphError, match="no such folder"):
        load_dictionaries(tmp_path / "missing")


def test_one_kind_of_file_is_enough(tmp_path: Path) -> None:
    write(tmp_path, {"mine.discards.txt": "CRICKET\n"})
    loaded = load_dictionaries(tmp_path)
    assert loaded.discards == {"cricket"} and not loaded.actors and not loaded.problems


# ---- newsgraph dictionaries check


def test_cli_check_prints_counts_and_problems(
    snippet_folder: Path, snippets: CommunityDictionaries
) -> None:
    result = CliRunner().invoke(app, ["dictionaries", "check", str(snippet_folder)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "actors file: Test.actors.txt" in out and "verbs file: CAMEO.test.txt" in out
    assert f"actors: 7 entries, {len(snippets.actors)} phrases" in out
    assert f"agents: {len(snippets.agents)} phrases" in out
    assert f"verb patterns: {len(snippets.verbs)}" in out
    assert "synsets: 2 (7 words)" in out and "discards: 3" in out
    assert f"problems: {len(snippets.problems)}" in out
    assert all(problem in out for problem in snippets.problems)
    assert "README.md" not in out


def test_cli_check_refuses_a_folder_without_dictionaries(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["dictionaries", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a folder of PETRARCH/TABARI dictionaries" in result.stderr
    result = CliRunner().invoke(app, ["dictionaries", "check", str(tmp_path / "missing")])
    assert result.exit_code == 1 and "no such folder" in result.stderr


# ---- the public Phoenix set


@pytest.fixture(scope="module")
def phoenix() -> CommunityDictionaries:
    if not (PHOENIX / "CAMEO.2.0.txt").is_file():
        pytest.skip(f"{PHOENIX} not found (set NEWSGRAPH_SHARED to the shared/ folder)")
    started = time.perf_counter()
    loaded = load_dictionaries(PHOENIX)
    assert time.perf_counter() - started < 3.0
    return loaded


def test_phoenix_known_actors(phoenix: CommunityDictionaries) -> None:
    # JOHN_KERRY_ [USAGOVLEG 850103-130201] [USAGOV >130201], with +SECRETARY_KERRY_
    kerry = phoenix.actors["john kerry"]
    assert ActorCode("USAGOV", dt.date(2013, 2, 1), None) in kerry
    assert phoenix.actor_codes("Secretary Kerry", on=dt.date(2014, 5, 1)) == ["USAGOV"]
    assert phoenix.actor_codes("john kerry", on=dt.date(2000, 5, 1)) == ["USAGOVLEG"]
    # MOHAMMAD_ZAHIR_SHAH_ [AFGELI 320101-331108] ... [AFGELI 730717-070723]
    shah = phoenix.actors["mohammad zahir shah"]
    assert shah[0] == ActorCode("AFGELI", dt.date(1932, 1, 1), dt.date(1933, 11, 8))
    assert shah[-1] == ActorCode("AFGELI", dt.date(1973, 7, 17), dt.date(2007, 7, 23))
    assert phoenix.actor_codes("afghan") == ["AFG"]
    assert phoenix.actor_codes("the united nations") == ["IGOUNO"]


def test_phoenix_known_agents_and_verbs(phoenix: CommunityDictionaries) -> None:
    assert phoenix.agent_sector("prosecutor") == "JUD"
    assert phoenix.agent_sector("spokeswoman") == "MED"  # SPOKES!PERSON! [~MED]
    # --- ASK [---] ---; ASK [020]; - * (FOR {FINANCIAL AID}) [0231]
    ask = [v for v in phoenix.verbs if v.verb == "ask"]
    assert any(v.after == ("for", "financial", "aid") and v.code == "0231" for v in ask)
    assert "dollar" in phoenix.synsets["&currency"]
    assert any(v.paired for v in phoenix.verbs)


def test_phoenix_counts_are_plausible(phoenix: CommunityDictionaries) -> None:
    assert 25_000 < phoenix.actor_entries < 30_000
    assert 30_000 < len(phoenix.actors) < 40_000
    assert 4_000 < len(phoenix.agents) < 6_000
    assert 6_000 < len(phoenix.verbs) < 7_000
    assert 35 <= len(phoenix.synsets) <= 45
    assert 400 < len(phoenix.discards) < 600
    assert len(phoenix.problems) < 100


def test_phoenix_problems_point_at_malformed_lines(phoenix: CommunityDictionaries) -> None:
    """Each reported line really is malformed: read it back and check the
    kind of fault the message names."""
    cache: dict[str, list[str]] = {}
    for problem in phoenix.problems:
        name, number, message = problem.split(":", 2)
        lines = cache.setdefault(
            name, (PHOENIX / name).read_bytes().decode("utf-8", "replace").split("\n")
        )
        line = lines[int(number) - 1]
        if "no code for" in message:
            following = "\n".join(lines[int(number) : int(number) + 30])
            assert "[" not in line.split("#")[0]
            assert not re.match(r"(\+[^\n]*\n)*\s+\[", following + "\n")
        elif "date" in message:
            window = re.search(r"\[[A-Z-]+ ([^\]]*)\]", line)
            assert window, line
            with pytest.raises(ValueError):
                parse_window(window[1])
        elif "damaged character" in message:
            assert "\x1a" in line or "\ufffd" in line
        elif "bad actor code" in message:
            assert re.search(r"\[[A-Z]{10}\]", line)
        elif "substitution marker" in message:
            assert re.search(r"[A-Z]!MINIST![A-Z]", line)
        elif "undefined synonym set" in message:
            name_used = re.search(r"&\w+", line)
            assert name_used and name_used[0].lower() not in phoenix.synsets
        else:
            assert re.search(r"stray|unbalanced|bad CAMEO|no \[code\]|bad agent", message), problem
