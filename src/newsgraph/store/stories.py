"""Syndicated copies grouped into stories: MinHash signatures with LSH banding
kept in the database.

The same wire story turns up on many sites, each copy a little different: a
changed headline, a dateline prepended ("WASHINGTON (AP) —"), a trimmed last
paragraph, an editor's note, a few words changed, the site's own copyright
line. ``assign_story`` puts such copies into one ``Story`` and keeps a
*different* story on the same subject (same people and places, different
sentences) in a story of its own. The index lives in the ``article_bands``
table, so it works across ingest runs and processes, on SQLite and PostgreSQL
alike, and finding an article's copies is an index lookup, never a scan.

**Shingles.** The text is normalised (Unicode NFKC, casefolded, apostrophes
dropped so that "Blair's" and "Blair’s" agree, every other run of
punctuation and whitespace a word break) and cut into overlapping word
5-grams (``SHINGLE`` = 5); a text of fewer words is one shingle. Two texts'
resemblance is the Jaccard similarity of their shingle sets: a changed word
breaks the five shingles around it, an added or removed paragraph adds or
removes its own shingles, and the phrases that any two articles on one
subject share ("the prime minister said") rarely run to five words. On the
BBC politics articles of ``eval-dev``, word 3- and 4-grams did no better: at
the same number of wrongly merged pairs they missed as many or more of the
heavily edited copies.

**Signatures.** ``NUM_PERM`` = 128 MinHash values (datasketch's ``affine32``
scheme, SHA-1 of each shingle, seed ``SEED``: the same on every machine and
in every process), stored in ``articles.minhash`` as 128 uint32
little-endian values (512 bytes). The fraction of values two signatures
share estimates the Jaccard similarity, with a standard error of
sqrt(J(1-J)/128), about 0.044 near 0.5.

**Bands.** The first ``BANDS`` x ``ROWS`` = 42 x 3 = 126 values are cut into
42 bands of 3; each band is hashed (BLAKE2b, 63 bits, so that it fits
PostgreSQL's signed BIGINT) into one ``article_bands`` row. Articles that share
any band are candidates. Two texts of Jaccard similarity J share at least one
band with probability 1 - (1 - J**3)**42: 0.996 at J = 0.5, 0.93 at 0.4,
0.29 at 0.2, 0.04 at 0.1, so copies are found and unrelated articles rarely
cost even a look. (32 x 4 would find only 87% of the pairs at J = 0.5;
64 x 2 would make half of the same-subject pairs at J = 0.1 candidates and
store 64 rows per article.)

**Threshold.** A candidate is a copy when the signatures' estimated Jaccard
similarity is at least ``THRESHOLD`` = 0.5: more than half of the two texts'
shingles in common. Measured with ``bench/stories_bench.py`` on the 388
distinct BBC politics articles (exact Jaccard similarity of 5-shingles;
the files cut into two-sentence paragraphs, as wire copy has them):

- copies with a dateline and the wire's copyright line: 0.80-0.995, median
  0.96; with the site's header and footer, two paragraphs swapped and two
  words changed: 0.61-0.99, median 0.87;
- last paragraph cut, an editor's note added, 3-5 words changed: median
  0.82, 98.5% at or above 0.5; only the first 70-85% of the paragraphs:
  median 0.79, all but one above 0.5;
- heavier rewrites (first and last paragraphs cut, ten words changed,
  boilerplate added): median 0.63, 78% at or above 0.5;
- different stories: of 75,078 pairs, 15 are at 0.2 or more, mostly
  follow-ups on one subject reusing background paragraphs; the highest are
  0.35, 0.47 (two days of the attorney general's Iraq advice row) and 0.64
  (pension strike talks and their stalemate a day later, arguably an update
  of one story). Below 0.5, copies start to meet such follow-ups.

On 100 of these articles with two copies each (two different edits of the
above) and 100 others, 400 articles in random order, ten samples: 95% of
the same-story pairs were grouped (copies: light edits 98%, wire, site and
trimmed 100%, heavy rewrites 82%), and 4 of 2,849 grouped pairs were wrong,
all the pension-talks pair above. A copy keeping less than about half of
the original is not grouped: the signatures estimate Jaccard similarity, not
containment.
``assign_story`` takes about 3.5 ms on SQLite, 5.5 ms on PostgreSQL with
2,000 stories stored (0.35 ms of it the signature).

An article joins the story of its most similar verified candidate (ties go
to the oldest story); with none, it starts a new story. An article that has
a story keeps it while any of that story's other articles still verifies,
so assigning again never moves it unless its text changed; a story its last
article leaves is deleted. An article without words gets no bands and a
story of its own. Stories are not merged when an article resembles two of
them, and two processes adding copies of one new story at the same moment
can each start a story.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from typing import Any

import numpy as np
from datasketch import MinHash
from datasketch.hashfunc import sha1_hash32
from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from newsgraph.store.schema import ArticleBand, ArticleRow, Story

NUM_PERM = 128
"""MinHash values per signature (standard error of the estimated Jaccard
similarity about 0.044 near 0.5)."""

BANDS = 42
"""LSH bands stored per article (one ``article_bands`` row each)."""

ROWS = 3
"""MinHash values per band; BANDS x ROWS = 126 of the NUM_PERM values."""

THRESHOLD = 0.5
"""Estimated Jaccard similarity from which a candidate counts as a copy."""

SHINGLE = 5
"""Words per shingle."""

SEED = 1
"""Seed of the MinHash permutations (fixed: signatures are stored)."""

_SCHEME = "affine32"
_DTYPE = np.dtype("<u4")
_HASH_MASK = (1 << 63) - 1
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc]")
_WORD = re.compile(r"\w+")

# The permutations are the same for every signature: made once, shared.
_PERMUTATIONS: Any = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations


def _empty() -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashfunc=sha1_hash32,
        permutations=_PERMUTATIONS,
        scheme=_SCHEME,
    )


def words(text: str) -> list[str]:
    """The normalised words of ``text``: NFKC, casefolded, apostrophes
    dropped, split at anything that is not a letter or digit."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(_APOSTROPHES.sub("", folded))


def shingles(text: str) -> set[str]:
    """The word ``SHINGLE``-grams of the normalised text (all its words as one
    shingle when it has fewer; none when it has no words)."""
    found = words(text)
    if len(found) <= SHINGLE:
        return {" ".join(found)} if found else set()
    return {" ".join(found[i : i + SHINGLE]) for i in range(len(found) - SHINGLE + 1)}


def signature(text: str) -> MinHash:
    """The MinHash signature of ``text``'s shingles (deterministic: the same
    text gives the same values in any process, on any machine)."""
    minhash = _empty()
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash


def to_bytes(m: MinHash) -> bytes:
    """``m``'s values as uint32 little-endian (4 x NUM_PERM bytes)."""
    values = np.asarray(m.hashvalues)
    if values.shape != (NUM_PERM,):
        raise ValueError(f"expected a MinHash of {NUM_PERM} values, got {values.shape}")
    return values.astype(_DTYPE).tobytes()


def _values(b: bytes) -> np.ndarray[Any, np.dtype[np.uint32]]:
    if len(b) != NUM_PERM * _DTYPE.itemsize:
        raise ValueError(
            f"a stored signature has {NUM_PERM * _DTYPE.itemsize} bytes, this has {len(b)}"
        )
    return np.frombuffer(b, dtype=_DTYPE).astype(np.uint32)


def from_bytes(b: bytes) -> MinHash:
    """The MinHash stored by ``to_bytes``."""
    minhash = _empty()
    minhash.hashvalues = _values(b)
    return minhash


def _is_empty(values: np.ndarray[Any, np.dtype[np.uint32]]) -> bool:
    return bool(np.all(values == np.iinfo(np.uint32).max))


def band_hashes(m: MinHash) -> list[tuple[int, int]]:
    """(band, hash) for each of the BANDS bands of ``m``: a 63-bit hash of the
    band's ROWS values (non-negative, so it fits a signed 64-bit BIGINT)."""
    values = np.asarray(m.hashvalues).astype(_DTYPE)
    if values.shape != (NUM_PERM,):
        raise ValueError(f"expected a MinHash of {NUM_PERM} values, got {values.shape}")
    result = []
    for band in range(BANDS):
        rows = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(struct.pack("<I", band) + rows, digest_size=8).digest()
        result.append((band, int.from_bytes(digest, "little") & _HASH_MASK))
    return result


def _estimate(a: np.ndarray[Any, np.dtype[np.uint32]], b: bytes) -> float:
    other = _values(b)
    if _is_empty(other):
        return 0.0
    return float(np.count_nonzero(a == other)) / NUM_PERM


def _stored(article: ArticleRow) -> MinHash:
    return from_bytes(article.minhash) if article.minhash else signature(article.text or "")


def similarity(a: ArticleRow, b: ArticleRow) -> float:
    """Estimated Jaccard similarity of two articles' texts from their stored
    signatures (computed from the text where none is stored yet); 0.0 when
    either has no words."""
    first, second = _stored(a), _stored(b)
    if first.is_empty() or second.is_empty():
        return 0.0
    return float(first.jaccard(second))


def _store_bands(session: Session, article_id: int, bands: list[tuple[int, int]]) -> None:
    stored = session.execute(
        select(ArticleBand.band, ArticleBand.hash).where(ArticleBand.article_id == article_id)
    ).all()
    if sorted((band, value) for band, value in stored) == bands:
        return
    if stored:
        session.execute(
            delete(ArticleBand).where(ArticleBand.article_id == article_id),
            execution_options={"synchronize_session": False},
        )
    if bands:
        session.execute(
            insert(ArticleBand),
            [{"article_id": article_id, "band": band, "hash": value} for band, value in bands],
        )


def _best_match(
    session: Session,
    article: ArticleRow,
    values: np.ndarray[Any, np.dtype[np.uint32]],
    bands: list[tuple[int, int]],
) -> int | None:
    """The story of the most similar verified candidate (the article's own
    story whenever one of its articles verifies), or None."""
    shares_a_band = or_(
        *(and_(ArticleBand.band == band, ArticleBand.hash == value) for band, value in bands)
    )
    candidates = (
        select(ArticleBand.article_id)
        .where(shares_a_band, ArticleBand.article_id != article.id)
        .distinct()
    )
    rows = session.execute(
        select(ArticleRow.story_id, ArticleRow.minhash).where(
            ArticleRow.id.in_(candidates),
            ArticleRow.story_id.is_not(None),
            ArticleRow.minhash.is_not(None),
        )
    ).all()
    best: tuple[bool, float, int] | None = None
    for story_id, minhash in rows:
        if story_id is None or minhash is None:
            continue
        score = _estimate(values, minhash)
        if score < THRESHOLD:
            continue
        key = (story_id == article.story_id, score, -story_id)
        if best is None or key > best:
            best = key
    return None if best is None else -best[2]


def _leave(session: Session, story_id: int, article: ArticleRow) -> None:
    """``article`` leaves story ``story_id``: drop the story if it is left
    empty, else recompute its earliest date."""
    others = ArticleRow.story_id == story_id, ArticleRow.id != article.id
    count, earliest = session.execute(
        select(func.count(ArticleRow.id), func.min(ArticleRow.published)).where(*others)
    ).one()
    story = session.get(Story, story_id)
    if story is None:
        return
    if count == 0:
        session.delete(story)
    else:
        story.first_published = earliest


def assign_story(session: Session, article: ArticleRow) -> Story:
    """Put ``article`` (flushed, so it has an id) into the story of its copies.

    Computes the signature of ``article.text``, stores it in
    ``article.minhash`` and its band hashes in ``article_bands`` (replacing
    any stored before), looks up the articles sharing a band (an index
    lookup on (band, hash)), and joins the story of the most similar one
    whose estimated Jaccard similarity is at least THRESHOLD. An article
    that has a story keeps it while one of that story's other articles
    verifies, or when none of any story does; else it starts a new one
    (``Story(headline=article.headline, first_published=article.published)``),
    and a story it leaves empty is deleted. The story's ``first_published``
    stays the earliest of its articles. Running it again for an assigned
    article gives the same story. Flushes, does not commit. Returns the story.
    """
    if article.id is None:
        raise ValueError("assign_story needs a flushed article (one with an id)")
    minhash = signature(article.text or "")
    values = np.asarray(minhash.hashvalues).astype(np.uint32)
    article.minhash = to_bytes(minhash)
    bands = [] if _is_empty(values) else band_hashes(minhash)
    _store_bands(session, article.id, bands)

    previous = article.story_id
    story_id = _best_match(session, article, values, bands) if bands else None
    if story_id is None:
        story_id = previous
    story = session.get(Story, story_id) if story_id is not None else None
    if story is None:
        story = Story(headline=article.headline, first_published=article.published)
        session.add(story)
        session.flush()
    if previous is not None and previous != story.id:
        article.story_id = story.id
        session.flush()
        _leave(session, previous, article)
    article.story_id = story.id
    if article.published is not None and (
        story.first_published is None or article.published < story.first_published
    ):
        story.first_published = article.published
    if story.headline is None:
        story.headline = article.headline
    session.flush()
    return story
