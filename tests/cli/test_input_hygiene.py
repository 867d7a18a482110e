"""Input hygiene, as a user meets it: each article gets a language and only
English is analysed; readmes and listings are refused with one line; a
failed ingest leaves no new, empty database; one article id from the URL,
else from outlet + headline + body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.article.language import detect_language, not_an_article
from newsgraph.extract import analyze
from newsgraph.model import Article

from ..conftest import EVAL_DEV
from .run import newsgraph

ROOT = Path(__file__).resolve().parents[2]

GERMAN = (
    "Der Norweger Marius Lindvik hat am Samstag das Skispringen in Planica gewonnen. "
    "Der Sieger sprang mit einer Weite von 240 Metern am weitesten und feierte damit seinen "
    "ersten Sieg in dieser Saison vor den Österreichern."
)
SPANISH = (
    "El presidente del Gobierno anunció ayer en Madrid un nuevo paquete de medidas contra la "
    "inflación, que incluye ayudas al transporte público y una rebaja del IVA de los alimentos."
)
ENGLISH = (
    "Tony Blair said on Monday that the general election would be fought on the economy, "
    "as the Conservatives promised to cut taxes and the Liberal Democrats attacked both."
)


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (SPANISH, "es"), (ENGLISH, "en")])
def test_language_of_a_text(text, code):
    assert detect_language(text) == code


def test_short_or_unsure_texts_have_no_language_and_are_analysed():
    assert detect_language("Obama met Netanyahu in Washington") is None
    line = "Prime Minister Narendra Modi met Chinese President Xi Jinping in Kazan on Wednesday."
    assert detect_language(line) is None  # names-heavy: the model is not sure
    assert [e.type for e in analyze(line).events] == ["CONSULT"]


def test_other_languages_are_kept_but_not_analysed(caplog):
    found = analyze(GERMAN)
    assert found.article.language == "de"
    assert found.entities == [] and found.events == []
    assert "language de: stored, not analysed" in caplog.text


@pytest.mark.parametrize(
    ("source", "text", "why"),
    [
        ("corpus/README.TXT", "This corpus holds 417 articles.", "a readme file"),
        ("x/LICENSE.md", "MIT License", "a license file"),
        ("x/listing.txt", "Index of /news\n001.txt\n002.txt", "a directory listing"),
        ("x/files.txt", "\n".join(f"{n:03}.txt 2KB" for n in range(12)), "a listing"),
    ],
)
def test_non_articles_are_named_by_a_rule(source, text, why):
    assert why in (not_an_article(source, text) or "")


def test_articles_are_not_refused():
    assert not_an_article("politics/001.txt", ENGLISH) is None
    assert not_an_article("news/readme-reform-plan.html", ENGLISH) is None  # a word in a name


def test_article_id_from_url_else_outlet_headline_and_body():
    body = ["The same wire copy."]
    one = Article(paragraphs=body, headline="Headline one", outlet="AP")
    two = Article(paragraphs=body, headline="Headline two", outlet="AP")
    three = Article(paragraphs=body, headline="Headline one", outlet="Reuters")
    assert len({one.id, two.id, three.id}) == 3
    same = Article(paragraphs=["Other text"], url="https://example.com/a", headline="x")
    again = Article(paragraphs=["Changed text"], url="https://example.com/a", headline="y")
    assert same.id == again.id


def test_ingest_refuses_a_readme_stores_german_and_analyses_a_sentence(tmp_path):
    (tmp_path / "README.TXT").write_text("A corpus of articles.\n", encoding="utf-8")
    records = [
        {"text": GERMAN, "headline": "Lindvik gewinnt in Planica"},
        {"text": "Obama met Netanyahu in Washington on Monday."},
    ]
    (tmp_path / "in.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    done = newsgraph("ingest", "README.TXT", "in.jsonl", "--db", "kb.db", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    refused = [line for line in done.stderr.splitlines() if "README.TXT" in line]
    assert refused == [
        "newsgraph: README.TXT: not an article (a readme file, by its name); refused"
    ]
    assert "refused 1" in done.stderr and "failed 0" in done.stderr
    rows = newsgraph(
        "export", "--what", "articles", "--format", "jsonl", "--db", "kb.db", cwd=tmp_path
    )
    articles = [json.loads(line) for line in rows.stdout.splitlines()]
    assert sorted(a["language"] or "-" for a in articles) == ["-", "de"]
    events = newsgraph(
        "export", "--what", "events", "--format", "jsonl", "--db", "kb.db", cwd=tmp_path
    )
    assert [json.loads(line)["type"] for line in events.stdout.splitlines()] == ["CONSULT"]
    search = newsgraph("search", "Planica", "--db", "kb.db", cwd=tmp_path)
    assert "Lindvik gewinnt in Planica" in search.stdout


def test_a_failed_ingest_leaves_no_new_database(tmp_path):
    (tmp_path / "README.TXT").write_text("A corpus.\n", encoding="utf-8")
    done = newsgraph("ingest", "README.TXT", "missing.txt", "--db", "new.db", cwd=tmp_path)
    assert done.returncode == 2
    assert not (tmp_path / "new.db").exists()
    # an existing knowledge base is never removed, even when this run stored nothing
    (tmp_path / "one.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    assert newsgraph("ingest", "one.txt", "--db", "kept.db", cwd=tmp_path).returncode == 0
    again = newsgraph("ingest", "missing.txt", "--db", "kept.db", cwd=tmp_path)
    assert again.returncode == 2 and (tmp_path / "kept.db").exists()


@pytest.mark.skipif(
    not (EVAL_DEV / "articles" / "bbc-news-politics").is_dir(), reason="needs ../shared"
)
def test_the_bbc_corpus_readme_is_refused_and_its_articles_are_english(tmp_path):
    corpus = EVAL_DEV / "articles" / "bbc-news-politics"
    done = newsgraph(
        "parse",
        str(corpus / "README.TXT"),
        str(corpus / "politics" / "001.txt"),
        "--format",
        "jsonl",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "README.TXT: not an article" in done.stderr
    [article] = [json.loads(line) for line in done.stdout.splitlines()]
    assert article["language"] == "en"
