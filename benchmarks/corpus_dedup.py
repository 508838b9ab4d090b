"""Duplicate detection on a synthetic corpus with known near-duplicates and syndicated copies.

Builds N documents of random Zipf-distributed words (no real text): originals; near-duplicates
(the same outlet, 3 % of words replaced and a sentence added); syndicated copies (another outlet,
the last paragraph cut, an outlet line added, a new headline); and *related but distinct*
articles (30 % of an original's sentences reused, the rest new) that must NOT be linked.
Each document goes through :class:`presslens.corpus.dedup.DuplicateIndex` as ingest does
(``links`` then ``add``). Scored pairwise over the groups the links form (connected components)
against the true groups, with the time per size to show the cost grows sub-quadratically.

    nice .venv/bin/python benchmarks/corpus_dedup.py --sizes 1000 10000 100000

Results: ``benchmarks/results/corpus_dedup.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import defaultdict
from datetime import UTC, datetime
from itertools import accumulate, combinations
from pathlib import Path

from presslens.corpus.dedup import DedupSettings, DuplicateIndex, signature
from presslens.corpus.identity import content_hash

RESULTS = Path(__file__).parent / "results" / "corpus_dedup.json"


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = [f"w{i}" for i in range(30_000)]
        self.cum: list[float] = list(accumulate(1 / (i + 1) for i in range(30_000)))

    def sentence(self) -> str:
        n = self.rng.randint(10, 22)
        return " ".join(self.rng.choices(self.vocab, cum_weights=self.cum, k=n)) + "."

    def paragraphs(self) -> list[list[str]]:
        return [[self.sentence() for _ in range(self.rng.randint(2, 4))]
                for _ in range(self.rng.randint(4, 7))]


def _text(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras)


def build(n: int, seed: int = 7) -> tuple[list[tuple[str, str]], list[int]]:
    """``n`` documents as (outlet, text) and each one's true group id."""
    g = _Gen(seed)
    docs: list[tuple[str, str]] = []
    groups: list[int] = []
    originals: list[tuple[int, str, list[list[str]]]] = []
    while len(docs) < n:
        r = g.rng.random()
        if originals and r < 0.12:  # near-duplicate: same outlet, light edits
            gid, outlet, paras = g.rng.choice(originals)
            words = _text(paras).split(" ")
            for _ in range(max(1, len(words) * 3 // 100)):
                words[g.rng.randrange(len(words))] = g.rng.choice(g.vocab)
            docs.append((outlet, " ".join(words) + " " + g.sentence()))
            groups.append(gid)
        elif originals and r < 0.24:  # syndicated: another outlet, trimmed, its own lines
            gid, outlet, paras = g.rng.choice(originals)
            other = f"outlet{g.rng.randrange(50)}"
            while other == outlet:
                other = f"outlet{g.rng.randrange(50)}"
            kept = paras[:-1] if len(paras) > 4 else paras
            docs.append((other, g.sentence() + "\n\n" + _text(kept)
                         + "\n\nDistributed by the wire service."))
            groups.append(gid)
        elif originals and r < 0.34:  # related but distinct: 30 % of sentences reused
            _gid, _outlet, paras = g.rng.choice(originals)
            new = [[s if g.rng.random() < 0.3 else g.sentence() for s in p] for p in paras]
            gid = len(originals) + 10 * n
            docs.append((f"outlet{g.rng.randrange(50)}", _text(new)))
            groups.append(gid + len(docs))
        else:
            paras = g.paragraphs()
            gid = len(docs)
            outlet = f"outlet{g.rng.randrange(50)}"
            originals.append((gid, outlet, paras))
            docs.append((outlet, _text(paras)))
            groups.append(gid)
    return docs, groups


def _pairs(labels: list[int]) -> set[tuple[int, int]]:
    members: defaultdict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    return {(a, b) for m in members.values() for a, b in combinations(m, 2)}


def run(n: int, settings: DedupSettings) -> dict[str, object]:
    t0 = time.perf_counter()
    docs, truth = build(n)
    t_build = time.perf_counter() - t0
    index = DuplicateIndex(settings)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = kinds = 0
    kind_counts: defaultdict[str, int] = defaultdict(int)
    t_sig = t_index = 0.0
    for i, (outlet, text) in enumerate(docs):
        a = time.perf_counter()
        mh = signature(text, settings)
        chash = content_hash(text)
        b = time.perf_counter()
        found = index.links(content_hash=chash, minhash=mh, outlet=outlet)
        index.add(i, content_hash=chash, minhash=mh, outlet=outlet)
        t_index += time.perf_counter() - b
        t_sig += b - a
        for d in found:
            links += 1
            kind_counts[d.kind] += 1
            parent[find(i)] = find(d.duplicate_of)
    kinds = len(kind_counts)
    pred = _pairs([find(i) for i in range(n)])
    gold = _pairs(truth)
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return {"documents": n, "true_pairs": len(gold), "predicted_pairs": len(pred),
            "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "links": links, "link_kinds": dict(kind_counts), "n_kinds": kinds,
            "seconds_build_corpus": round(t_build, 2), "seconds_signatures": round(t_sig, 2),
            "seconds_lsh_query_and_insert": round(t_index, 2),
            "ms_per_document_lsh": round(1000 * t_index / n, 4),
            "ms_per_document_total": round(1000 * (t_index + t_sig) / n, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = ap.parse_args()
    settings = DedupSettings()
    rows = []
    for n in args.sizes:
        row = run(n, settings)
        print(json.dumps(row))
        rows.append(row)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": settings.__dict__, "machine": "shared 2-core VM, run under nice",
        "runs": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
