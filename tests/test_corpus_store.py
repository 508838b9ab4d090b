"""The corpus store, run against SQLite and a real PostgreSQL server (fixture ``store_db``)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from corpus_helpers import finding, make_analysis
from presslens.corpus import Corpus, SearchFilters
from presslens.corpus import tables as t
from presslens.corpus.store import database_url
from presslens.errors import StoreError
from presslens.schema import Attribution, Voice

RIVER = (
    "Negotiators from both river states met in Geneva on Tuesday to discuss the shared dam "
    "and the water quotas that farmers downstream depend on. The talks stalled after the upstream "
    "delegation asked for a larger share of the spring flood, officials said. Farmers in the "
    "delta warned that their harvest would fail without the agreed minimum flow. "
    "A ministry spokesperson declined to comment on the proposal."
)
RIVER_COPY = RIVER.replace("Tuesday", "Tuesday morning") + " More talks are planned next week."
ELECTION = (
    "Voters in the northern province queued for hours at polling stations as the regional "
    "election opened, with turnout expected to exceed the last vote. Observers reported long "
    "lines but few irregularities, and counting begins on Sunday evening in the capital."
)


def _voices() -> list[Voice]:
    return [Voice(id="v1", name="Ana Ruiz", type="person", descriptions=["a senior official"],
                  statements=2, words_quoted=20, share=0.3),
            Voice(id="v2", name="Tom Okafor", type="person", descriptions=["a farmer"],
                  statements=1, words_quoted=8, share=0.1)]


def test_migrated_schema_matches_the_tables(store_db: str) -> None:
    corpus = Corpus(store_db)
    with corpus.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), t.metadata)
    corpus.close()
    # FTS tables/columns are dialect-specific extras made by the migration on purpose.
    real = [d for d in diffs if "fts" not in str(d) and "tsv" not in str(d)]
    assert real == []


def test_add_is_idempotent_and_round_trips_the_analysis(store_db: str) -> None:
    with Corpus(store_db) as corpus:
        a = make_analysis(RIVER, headline="Dam talks stall", voices=_voices(),
                          url="https://example.org/news/dam?utm_source=x")
        first = corpus.add(a, external_id="r1")
        again = corpus.add(a, external_id="r1")
        assert first.added and not again.added
        assert again.article_id == first.article_id
        assert corpus.count() == 1
        got = corpus.get_article(first.article_id)
        assert got is not None
        assert got.analysis == a
        assert got.external_id == "r1"
        assert got.url == "https://example.org/news/dam"  # tracking parameter dropped
        assert got.domain == "example.org"
        assert corpus.get_article_by_external_id("r1") == got
        assert corpus.get_article(first.article_id + 100) is None


def test_analysis_rows_are_queryable(store_db: str) -> None:
    a = make_analysis(RIVER, voices=_voices(),
                      findings=[finding(RIVER, "stalled")],
                      attributions=[Attribution(kind="indirect", content=[(0, 10)],
                                                content_text="declined to comment on it",
                                                speaker="Ana Ruiz")])
    a.findings[0].start += len("A headline\n\n")
    with Corpus(store_db) as corpus:
        aid = corpus.add(a, external_id="r1").article_id
        with corpus.engine.connect() as conn:
            roles = dict(conn.execute(select(t.voices.c.name, t.voices.c.role)
                                      .where(t.voices.c.article_id == aid)).all())
            terms = conn.execute(select(t.findings.c.term)).scalars().all()
            no_comment = conn.execute(select(t.attributions.c.no_comment)).scalars().all()
        assert roles == {"Ana Ruiz": "official", "Tom Okafor": "citizen"}
        assert terms == ["stalled"]
        assert no_comment == [True]


def test_exact_and_syndicated_copies_are_linked_not_dropped(store_db: str) -> None:
    with Corpus(store_db) as corpus:
        orig = corpus.add(make_analysis(RIVER, outlet="ledger"), external_id="a").article_id
        exact = corpus.add(make_analysis(RIVER, outlet="ledger"), external_id="b")
        synd = corpus.add(make_analysis(RIVER_COPY, outlet="courier"), external_id="c")
        other = corpus.add(make_analysis(ELECTION, outlet="courier"), external_id="d")
        assert corpus.count() == 4
        assert [(d.duplicate_of, d.kind) for d in exact.duplicates] == [(orig, "exact")]
        assert (orig, "syndicated") in [(d.duplicate_of, d.kind) for d in synd.duplicates]
        assert all(d.similarity >= 0.5 for d in synd.duplicates)
        assert other.duplicates == []
        assert {d.kind for d in corpus.duplicates()} == {"exact", "syndicated"}
        detail = corpus.get_article(orig)
        assert detail is not None and len(detail.duplicates) >= 2


def test_duplicate_index_and_stories_survive_reopening(store_db: str) -> None:
    with Corpus(store_db) as corpus:
        first = corpus.add(make_analysis(RIVER, outlet="ledger"), external_id="a")
    with Corpus(store_db) as corpus:
        again = corpus.add(make_analysis(RIVER_COPY, outlet="courier"), external_id="c")
        assert [d.duplicate_of for d in again.duplicates] == [first.article_id]
        assert again.story_id == first.story_id


def test_stories_group_the_same_event_across_outlets(store_db: str) -> None:
    with Corpus(store_db) as corpus:
        r1 = corpus.add(make_analysis(RIVER, outlet="ledger", headline="Dam talks stall"),
                        external_id="r1")
        r2 = corpus.add(make_analysis(RIVER_COPY, outlet="courier",
                                      headline="River talks stall in Geneva"),
                        external_id="r2")
        e1 = corpus.add(make_analysis(ELECTION, outlet="courier", headline="Polls open"),
                        external_id="e1")
        late = corpus.add(make_analysis(RIVER, outlet="herald", published="2026-05-30",
                                        headline="Dam talks again"), external_id="r3")
        assert r1.story_id == r2.story_id
        assert e1.story_id != r1.story_id
        assert late.story_id != r1.story_id  # same words, weeks later: another event
        stories = corpus.stories()
        top = stories[0]
        assert top.id == r1.story_id and top.n_articles == 2
        assert top.outlets == ["courier", "ledger"]
        assert sorted(top.external_ids) == ["r1", "r2"]
        assert top.title in {"Dam talks stall", "River talks stall in Geneva"}
        detail = corpus.story(r1.story_id)
        assert detail is not None and [x.external_id for x in detail.articles] == ["r1", "r2"]
        assert corpus.story(10_000) is None
        assert len(corpus.stories(min_articles=2)) == 1


def test_search_full_text_and_filters(store_db: str) -> None:
    with Corpus(store_db) as corpus:
        corpus.add(make_analysis(RIVER, outlet="ledger", voices=_voices(),
                                 findings=[finding("A headline\n\n" + RIVER, "stalled")]),
                   external_id="r1")
        corpus.add(make_analysis(ELECTION, outlet="courier", published="2026-04-02",
                                 article_type="analysis"), external_id="e1")
        ids = lambda hits: [h.article.external_id for h in hits]  # noqa: E731
        assert ids(corpus.search("farmers harvest")) == ["r1"]
        assert ids(corpus.search("polling")) == ["e1"]
        assert ids(corpus.search('"; DROP TABLE articles; --')) == []
        assert ids(corpus.search(outlet="courier")) == ["e1"]
        assert ids(corpus.search(date_from="2026-04-01")) == ["e1"]
        assert ids(corpus.search(date_to="2026-03-31")) == ["r1"]
        assert ids(corpus.search(voice="okafor")) == ["r1"]
        assert ids(corpus.search(term="stalled")) == ["r1"]
        assert ids(corpus.search(article_type="analysis")) == ["e1"]
        assert ids(corpus.search(SearchFilters(query="talks", outlet="courier"))) == []
        hit = corpus.search("harvest")[0]
        assert "harvest" in hit.snippet


def test_outlets_and_ingest_runs(store_db: str) -> None:
    with Corpus(store_db) as corpus:
        corpus.add(make_analysis(RIVER, outlet="ledger"), external_id="r1")
        corpus.add(make_analysis(ELECTION, outlet="ledger"), external_id="e1")
        corpus.add(make_analysis(ELECTION + " Updated.", outlet=None,
                                 url="https://www.courier.example.co.uk/x"), external_id="e2")
        outlets = {o.id: o.articles for o in corpus.outlets()}
        assert outlets == {"ledger": 2, "example.co.uk": 1}
        run = corpus.start_run(["in.jsonl"])
        corpus.record_error(run, "in.jsonl:3", "InputError", "input is empty")
        corpus.finish_run(run, status="done", added=2, skipped=0, errors=1)
        (info,) = corpus.runs()
        assert (info.status, info.added, info.errors, info.sources) == ("done", 2, 1,
                                                                         ["in.jsonl"])
        (e,) = corpus.run_errors(run)
        assert (e.item, e.error_type) == ("in.jsonl:3", "InputError")


def test_unreachable_store_is_a_store_error(tmp_path: object) -> None:
    with pytest.raises(StoreError):
        Corpus("/nonexistent-dir/x/corpus.db")
    assert database_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    with pytest.raises(StoreError) as info:
        Corpus("postgresql://reader:s3cret@127.0.0.1:1/corpus")
    assert "s3cret" not in str(info.value) and "reader:***@" in str(info.value)


def test_recluster_rebuilds_the_same_stories_from_stored_features(store_db: str) -> None:
    with Corpus(store_db) as corpus:
        for i, (body, outlet, day, head) in enumerate([
                (RIVER, "ledger", "2026-03-14", "Dam talks stall"),
                (ELECTION, "courier", "2026-03-14", "Polls open"),
                (RIVER_COPY, "courier", "2026-03-15", "River talks stall in Geneva")]):
            corpus.add(make_analysis(body, outlet=outlet, published=day, headline=head),
                       external_id=f"x{i}")
        before = sorted(sorted(s.external_ids) for s in corpus.stories())
        assert corpus.recluster() == 2
        assert sorted(sorted(s.external_ids) for s in corpus.stories()) == before
        late = corpus.add(make_analysis(RIVER + " Later.", outlet="herald",
                                        published="2026-03-16", headline="Dam deal elusive"),
                          external_id="x3")
        assert late.story_id == corpus.get_article_by_external_id("x0").story_id  # type: ignore[union-attr]
