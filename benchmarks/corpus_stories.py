"""Event stories on PolNeAR: our online clusterer vs a TF-IDF single-link baseline, same run.

Reads a store made by ``presslens ingest`` of PolNeAR train+dev (see
``benchmarks/polnear_to_jsonl.py``), replays the stored articles through
:class:`presslens.corpus.stories.StoryClusterer` in ingest order (as ingest did) and scores the
stories of the dev articles against our hand-made gold (``benchmarks/stories_gold.json``; every
dev article not in a gold story is a singleton): pairwise precision/recall/F1 over same-story
pairs, and BCubed precision/recall/F1. The baseline links two dev articles when the cosine of
their TF-IDF vectors (fitted on all articles) reaches a threshold, and takes connected
components (single link); its threshold is swept and the best is reported (an oracle choice, in
its favour). The clusterer's settings are the shipped defaults; a small sweep is reported too.

    .venv/bin/python benchmarks/corpus_stories.py --db /tmp/polnear.db

Results: ``benchmarks/results/corpus_stories.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import select

from presslens.corpus import Corpus
from presslens.corpus import tables as t
from presslens.corpus.stories import StoryClusterer, StorySettings

HERE = Path(__file__).parent
RESULTS = HERE / "results" / "corpus_stories.json"


def gold_labels(ids: list[str]) -> dict[str, str]:
    """Gold story of each dev id (singletons get their own id)."""
    gold = json.loads((HERE / "stories_gold.json").read_text(encoding="utf-8"))
    labels = {i: f"single:{i}" for i in ids}
    for story, members in gold["stories"].items():
        for m in members:
            labels[m] = story
    return labels


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    def pairs(lab: dict[str, str]) -> set[tuple[str, str]]:
        groups: defaultdict[str, list[str]] = defaultdict(list)
        for k, v in lab.items():
            groups[v].append(k)
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}  # type: ignore[misc]

    pp, gp = pairs(pred), pairs(gold)
    tp = len(pp & gp)
    p = tp / len(pp) if pp else 0.0
    r = tp / len(gp) if gp else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "predicted_pairs": len(pp), "gold_pairs": len(gp)}


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    pc: defaultdict[str, set[str]] = defaultdict(set)
    gc: defaultdict[str, set[str]] = defaultdict(set)
    for k in gold:
        pc[pred[k]].add(k)
        gc[gold[k]].add(k)
    p = sum(len(pc[pred[k]] & gc[gold[k]]) / len(pc[pred[k]]) for k in gold) / len(gold)
    r = sum(len(pc[pred[k]] & gc[gold[k]]) / len(gc[gold[k]]) for k in gold) / len(gold)
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def replay(rows: list[dict[str, object]], settings: StorySettings) -> dict[str, str]:
    """Story of every article when the clusterer sees them in ingest order."""
    cl = StoryClusterer(settings)
    out = {}
    for n, r in enumerate(rows):
        a = cl.assign(r["features"], str(r["headline"] or ""), new_id=n)  # type: ignore[arg-type]
        out[str(r["external_id"])] = f"s{a.story.id}"
    return out


def baseline(rows: list[dict[str, object]], dev: list[str], threshold: float) -> dict[str, str]:
    texts = [str(r["body"]) for r in rows]
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2).fit(texts)
    index = {str(r["external_id"]): i for i, r in enumerate(rows)}
    m = vec.transform([texts[index[d]] for d in dev])
    sims = (m @ m.T).toarray()
    parent = list(range(len(dev)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in combinations(range(len(dev)), 2):
        if sims[i, j] >= threshold:
            parent[find(i)] = find(j)
    return {d: f"b{find(i)}" for i, d in enumerate(dev)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default="/tmp/polnear.db")
    args = ap.parse_args()
    with Corpus(args.db) as corpus, corpus.engine.connect() as conn:
        a = t.articles
        rows = [dict(r._mapping) for r in conn.execute(
            select(a.c.external_id, a.c.headline, a.c.body, a.c.features, a.c.story_id)
            .order_by(a.c.id))]
    gold_data = json.loads((HERE / "stories_gold.json").read_text(encoding="utf-8"))
    dev_ids = {json.loads(line)["id"] for line in
               (HERE.parent.parent / "shared" / "data" / "polnear" / "dev.jsonl")
               .read_text(encoding="utf-8").splitlines() if line.strip()} \
        if (HERE.parent.parent / "shared").exists() else set()
    if not dev_ids:
        from presslens.evaluation import shared_dir
        path = shared_dir() / "data" / "polnear" / "dev.jsonl"
        dev_ids = {json.loads(x)["id"] for x in path.read_text("utf-8").splitlines() if x}
    dev = sorted(i for i in dev_ids if any(r["external_id"] == i for r in rows))
    gold = gold_labels(dev)
    stored = {str(r["external_id"]): f"s{r['story_id']}" for r in rows}
    result: dict[str, object] = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": "PolNeAR train+dev ingested (924 articles); scored on the 84 dev articles",
        "gold": {"stories": len(gold_data["stories"]),
                 "articles_in_multi_article_stories": sum(
                     len(v) for v in gold_data["stories"].values()),
                 "dev_articles": len(dev)},
    }
    default = StorySettings()
    ours = replay(rows, default)
    result["clusterer_default"] = {
        "settings": default.__dict__,
        "as_stored_by_ingest": {"pairwise": pairwise({d: stored[d] for d in dev}, gold),
                                "bcubed": bcubed({d: stored[d] for d in dev}, gold)},
        "replayed": {"pairwise": pairwise({d: ours[d] for d in dev}, gold),
                     "bcubed": bcubed({d: ours[d] for d in dev}, gold)}}
    sweep = []
    for th in (0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.15):
        for win, span in ((2, 7), (3, 5), (3, 7), (3, 10), (3, 365), (5, 7)):
            s = replace(default, threshold=th, window_days=win, max_span_days=span)
            pred = replay(rows, s)
            sweep.append({"threshold": th, "window_days": win, "max_span_days": span,
                          "pairwise_f1": pairwise({d: pred[d] for d in dev}, gold)["f1"],
                          "bcubed_f1": bcubed({d: pred[d] for d in dev}, gold)["f1"]})
    result["clusterer_sweep"] = sweep
    base = []
    for th in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        pred = baseline(rows, dev, th)
        base.append({"threshold": th, "pairwise": pairwise(pred, gold),
                     "bcubed": bcubed(pred, gold)})
    result["tfidf_single_link_sweep"] = base
    result["tfidf_single_link_best"] = max(base, key=lambda b: b["pairwise"]["f1"])  # type: ignore[index]
    print(json.dumps({k: result[k] for k in ("clusterer_default", "tfidf_single_link_best")},
                     indent=1))
    print(json.dumps(sweep))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
