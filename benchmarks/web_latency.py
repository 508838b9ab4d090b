"""Latency of the web UI's story and search pages with 1,000 articles stored (p50 / p95).

The store: PolNeAR train+dev (924 real articles from 7 US outlets, shared data) ingested with
the real pipeline through the corpus ingest API, then topped up to ``--articles`` (1,000) with
synthesised rows: stored analyses re-stored under new ids, spread over three invented wire
outlets and later dates, with their text unchanged — syndicated copies, which the store links as
duplicates (and the story pages count once per outlet). Nothing is downloaded; the store is
built under /tmp (``--db``) and reused when it already holds enough articles.

The server: the real app under uvicorn in a thread (read-only: no analysis workers), queried over
HTTP on 127.0.0.1 with one client, sequentially. Pages: the story comparison of the 20 largest
stories and 20 random ones; search with a word, an outlet, a date range, a voice and a term
filter (10 of each). Every URL is fetched once to warm up, then ``--repeat`` times measured.

    nice .venv/bin/python benchmarks/web_latency.py [--db /tmp/presslens-web-bench.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import httpx  # noqa: E402

from presslens.config import Settings  # noqa: E402
from presslens.corpus import Corpus, SearchFilters  # noqa: E402
from presslens.corpus.ingest import IngestOptions, ingest_sources  # noqa: E402
from presslens.evaluation import shared_dir  # noqa: E402
from presslens.schema import OutletInfo  # noqa: E402
from presslens.web import WebConfig, create_app  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "web_latency.json"
WIRES = ("Northwind Wire", "Meridian Press Service", "Harbourline News Agency")  # invented


def build_store(db: str, target: int, workers: int) -> dict[str, Any]:
    """Ingest PolNeAR train+dev, then top up to ``target`` articles with syndicated copies."""
    from polnear_to_jsonl import record

    info: dict[str, Any] = {}
    with Corpus(db) as corpus:
        if corpus.count() < 900:
            rows = []
            for split in ("train", "dev"):
                path = shared_dir() / "data" / "polnear" / f"{split}.jsonl"
                with path.open(encoding="utf-8") as fh:
                    rows += [json.loads(line) for line in fh if line.strip()]
            jsonl = Path(db).with_suffix(".jsonl")
            with jsonl.open("w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps(record(row), ensure_ascii=False) + "\n")
            t0 = time.perf_counter()
            report = ingest_sources(corpus, [str(jsonl)], settings=Settings(),
                                    options=IngestOptions(workers=workers))
            info["ingest_seconds"] = round(time.perf_counter() - t0, 1)
            info["ingested"] = report.added
            info["ingest_errors"] = report.errors
        real = corpus.count()
        rng = random.Random(13)
        ids = [a.id for a in corpus.articles(limit=10_000)]
        n = 0
        while corpus.count() < target:
            src = corpus.get_article(rng.choice(ids))
            assert src is not None
            analysis = src.analysis.model_copy(deep=True)
            wire = WIRES[n % len(WIRES)]
            slug = wire.lower().replace(" ", "-")
            analysis.article.outlet = OutletInfo(id=slug, name=wire)
            if analysis.article.published:
                day = dt.date.fromisoformat(analysis.article.published[:10])
                analysis.article.published = (day + dt.timedelta(days=1 + n % 3)).isoformat()
            corpus.add(analysis, external_id=f"synthetic-{n}-{src.external_id}",
                       source="benchmark synthetic copy")
            n += 1
        info.update(real_articles=real, synthetic_copies=n, articles=corpus.count(),
                    stories=len(corpus.stories()), outlets=len(corpus.outlets()))
    return info


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def _stats(ms: list[float]) -> dict[str, float]:
    return {"requests": len(ms), "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(_percentile(ms, 0.95), 1), "max_ms": round(max(ms), 1),
            "mean_ms": round(statistics.fmean(ms), 1)}


def urls(corpus: Corpus, rng: random.Random) -> dict[str, list[str]]:
    """The story and search URLs to time."""
    stories = corpus.stories()
    picked = stories[:20] + rng.sample(stories[20:], min(20, max(0, len(stories) - 20)))
    hits = corpus.search(SearchFilters(limit=1000))
    words = [w for h in hits for w in (h.article.headline or "").split()
             if w.isalpha() and len(w) > 5]
    outlets = [o.id for o in corpus.outlets()]
    voices: list[str] = []
    terms: list[str] = []
    for h in rng.sample(hits, min(60, len(hits))):
        detail = corpus.get_article(h.article.id)
        if detail is None:
            continue
        voices += [v.name for v in detail.analysis.voices if v.type == "person"][:1]
        terms += [(f.term or f.text).lower() for f in detail.analysis.findings][:1]
    search = (
        [f"/search?q={w}" for w in rng.sample(words, 10)]
        + [f"/search?outlet={o}" for o in rng.choices(outlets, k=10)]
        + [f"/search?date_from=2016-0{m}-01&date_to=2016-0{m}-28" for m in range(1, 10)]
        + ["/search?date_from=2017-01-01"]
        + [f"/search?voice={v}" for v in rng.sample(voices, min(10, len(voices)))]
        + [f"/search?term={t}" for t in rng.sample(terms, min(10, len(terms)))]
    )
    return {"story page": [f"/stories/{s.id}" for s in picked], "search page": search}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/presslens-web-bench.db")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=1, help="ingest processes")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from web_helpers import serve_in_thread

    store = build_store(args.db, args.articles, args.workers)
    print("store:", store)
    rng = random.Random(7)
    with Corpus(args.db) as corpus:
        targets = urls(corpus, rng)
        sizes = sorted((s.n_articles for s in corpus.stories()), reverse=True)
    app = create_app(WebConfig(db=args.db, read_only=True))
    timings: dict[str, list[float]] = {k: [] for k in targets}
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        for kind, paths in targets.items():
            for path in paths:
                r = client.get(path)  # warm-up
                r.raise_for_status()
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    client.get(path).raise_for_status()
                    timings[kind].append((time.perf_counter() - t0) * 1000)
    result = {
        "measured": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {platform.python_version()}, shared 2-core VM",
        "store": {**store, "largest_stories": sizes[:5],
                  "stories_with_2plus": sum(1 for s in sizes if s >= 2)},
        "method": "uvicorn on 127.0.0.1, one sequential httpx client; each URL warmed once, "
                  f"then fetched {args.repeat} times",
        "pages": {k: {"urls": len(targets[k]), **_stats(v)} for k, v in timings.items()},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["pages"], indent=2))


if __name__ == "__main__":
    main()
