"""Event stories on PolNeAR: our online clusterer vs a TF-IDF single-link baseline, same run.

Reads a store made by ``presslens ingest`` of PolNeAR train+dev (see
``benchmarks/polnear_to_jsonl.py``), replays the stored articles through
:class:`presslens.corpus.stories.StoryClusterer` in ingest order (as ingest did) and scores the
stories of the dev articles against our hand-made gold (``benchmarks/stories_gold.json``; every
dev article not in a gold story is a singleton): pairwise precision/recall/F1 over same-story
pairs, and BCubed precision/recall/F1. The baseline links two dev articles when the cosine of
their TF-IDF vectors (fitted on all articles) reaches a threshold, and takes connected
components (single link); its threshold is swept and the best is reported (an oracle choice, in
its favour). Settings (the clusterer's threshold/window, the baseline's threshold) are chosen on a
second hand-made gold on train articles of June 2016 (``tuning`` in the gold file) and reported
on the dev gold; the whole sweep is in the result file.

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
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import select

from presslens.corpus import Corpus
from presslens.corpus import tables as t
from presslens.corpus.stories import StoryClusterer, StorySettings
from presslens.evaluation import shared_dir

HERE = Path(__file__).parent
RESULTS = HERE / "results" / "corpus_stories.json"


def gold_labels(ids: list[str], part: str) -> dict[str, str]:
    """Gold story of each id of ``part`` ("test": dev, "tuning": train June); singletons get
    their own id."""
    gold = json.loads((HERE / "stories_gold.json").read_text(encoding="utf-8"))
    stories = gold["stories"] if part == "test" else gold["tuning"]["stories"]
    labels = {i: f"single:{i}" for i in ids}
    for story, members in stories.items():
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


def _scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, dict[str, float]]:
    sub = {d: pred[d] for d in gold}
    return {"pairwise": pairwise(sub, gold), "bcubed": bcubed(sub, gold)}


def _key(r: dict[str, Any]) -> tuple[float, float]:
    return (r["tuning"]["pairwise"]["f1"], r["tuning"]["bcubed"]["f1"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default="/tmp/polnear.db")
    args = ap.parse_args()
    with Corpus(args.db) as corpus, corpus.engine.connect() as conn:
        a = t.articles
        rows = [dict(r._mapping) for r in conn.execute(
            select(a.c.external_id, a.c.headline, a.c.body, a.c.features, a.c.story_id,
                   a.c.published).order_by(a.c.id))]
    gold_data = json.loads((HERE / "stories_gold.json").read_text(encoding="utf-8"))
    path = shared_dir() / "data" / "polnear" / "dev.jsonl"
    dev_ids = {json.loads(x)["id"] for x in path.read_text("utf-8").splitlines() if x.strip()}
    tune = gold_data["tuning"]
    stored_ids = {str(r["external_id"]) for r in rows}
    test_ids = sorted(dev_ids & stored_ids)
    tune_ids = sorted(str(r["external_id"]) for r in rows if str(r["external_id"]) not in dev_ids
                      and tune["from"] <= str(r["published"])[:10] <= tune["to"])
    golds = {"test": gold_labels(test_ids, "test"), "tuning": gold_labels(tune_ids, "tuning")}
    stored = {str(r["external_id"]): f"s{r['story_id']}" for r in rows}
    default = StorySettings()
    result: dict[str, Any] = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": "PolNeAR train+dev ingested (924 articles), clustered together; scored on the "
                f"{len(test_ids)} dev articles (test gold) and the {len(tune_ids)} train "
                f"articles of {tune['from']}..{tune['to']} (tuning gold, used to choose settings)",
        "gold": {part: {"stories": len(st), "articles_in_them": sum(len(v) for v in st.values())}
                 for part, st in (("test", gold_data["stories"]),
                                  ("tuning", tune["stories"]))},
        "shipped_settings": default.__dict__,
        "clusterer_as_stored_by_ingest": {p: _scores(stored, g) for p, g in golds.items()},
    }
    sweep = []
    for th in (0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.15, 0.2):
        for win, span in ((2, 7), (3, 7), (3, 14), (5, 7)):
            st = replace(default, threshold=th, window_days=win, max_span_days=span)
            pred = replay(rows, st)
            sweep.append({"threshold": th, "window_days": win, "max_span_days": span,
                          **{p: _scores(pred, g) for p, g in golds.items()}})
    result["clusterer_sweep"] = sweep
    result["clusterer_chosen_on_tuning"] = max(sweep, key=_key)
    base = []
    for th in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        base.append({"threshold": th, **{p: _scores(baseline(rows, sorted(g), th), g)
                                         for p, g in golds.items()}})
    result["tfidf_single_link_sweep"] = base
    result["tfidf_single_link_chosen_on_tuning"] = max(base, key=_key)
    print(json.dumps({k: result[k] for k in (
        "clusterer_as_stored_by_ingest", "clusterer_chosen_on_tuning",
        "tfidf_single_link_chosen_on_tuning")}, indent=1))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
