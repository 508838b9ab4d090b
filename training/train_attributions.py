"""Train the attribution filter of ``presslens.nlp.attribution_model`` on PolNeAR train.

Data: ``../shared/data/polnear/train.jsonl`` (research data with no stated licence: read, never
copied). Candidates and features come from the production module, so training and production
see the same relations. A candidate is positive when its content overlaps a gold content by at
least 0.5 (character Jaccard, the shared scorer's definition).

    python training/train_attributions.py --docs-cache /tmp/polnear_train.spacy
    python training/train_attributions.py --errors     # error listing on train, no training

Steps: grouped 5-fold CV over articles gives out-of-fold probabilities; the two thresholds
(drop a rule relation below ``keep_rule``, add an open one at or above ``add_generic``) are
chosen by simulating the final output and scoring it with the shared scorer on train; then the
model is refit on all of train and written as JSON weights to
``src/presslens/nlp/models/attribution_filter.json``. Dev is never read here. Features never
name an actor: the module replaces names by ``<name>``, and features holding a word written
capitalised in most of its occurrences in the corpus (a name the tagger missed) are dropped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.tokens import Doc, DocBin

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from presslens.evaluation import load_scorer, shared_dir  # noqa: E402
from presslens.nlp import attribution_model as M  # noqa: E402
from presslens.nlp.indirect import quoted_mask  # noqa: E402
from presslens.nlp.pipeline import PRESSLENS_COMPONENTS, load_pipeline  # noqa: E402
from presslens.nlp.quotes import find_quotes, rule_stages  # noqa: E402
from presslens.nlp.types import RawAttribution  # noqa: E402

DATA = shared_dir() / "data" / "polnear" / "train.jsonl"
OUT = REPO / "src" / "presslens" / "nlp" / "models" / M.MODEL_FILE
SEED = 13
MIN_COUNT = 3  # features seen fewer times are dropped (keeps the artefact small)
KEEP_GRID = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
ADD_GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 1.01)


def load_docs(articles: list[dict[str, Any]], cache: Path | None) -> list[Doc]:
    nlp = load_pipeline()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(articles):
            return docs
    ours = [p for p in PRESSLENS_COMPONENTS if p in nlp.pipe_names]
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe((a["text"] for a in articles), batch_size=16))
    if cache is not None:
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(cache)
    return docs


def _key(att: RawAttribution) -> tuple[int, int]:
    return (att.cue[0][0] if att.cue else -1, att.content[0][0])


def name_like_words(docs: list[Doc]) -> set[str]:
    """Lower-cased words written capitalised in most of their occurrences inside a sentence:
    names the tagger sometimes misses ("Trump" tagged a noun at a sentence's start). A feature
    holding one is never learnt, so no weight can key on an actor (the features already
    replace every recognised name by ``<name>``)."""
    seen: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    for doc in docs:
        for t in doc:
            if t.is_alpha and not t.is_sent_start:
                low = t.lower_
                seen[low] += 1
                caps[low] += t.text[0].isupper()
                lem = t.lemma_.lower()
                if lem != low:
                    seen[lem] += 1
                    caps[lem] += t.text[0].isupper()
    return {w for w, n in seen.items() if caps[w] * 2 > n}


def _words_of(feature: str) -> set[str]:
    _, _, value = feature.partition("=")
    return set(re.split(r"[|:]", value))


def collect(articles: list[dict[str, Any]], docs: list[Doc], sc: Any) -> dict[str, Any]:
    """Candidates, features and labels per article, plus the rules-only output."""
    rows: list[dict[str, Any]] = []
    for art_i, (art, doc) in enumerate(zip(articles, docs, strict=True)):
        text = art["text"]
        gold = [sc.char_set(text, a["content"]) for a in art["attributions"]]
        gold = [g for g in gold if g]
        st = rule_stages(doc)
        base, _ = find_quotes(doc, use_model=False)
        in_quote = quoted_mask(doc)
        cands = M.candidates(doc, st.indirect, st.blocked)
        feats, labels = [], []
        for c in cands:
            cs = sc.char_set(text, c.att.content)
            best = max((sc.overlap(cs, g) for g in gold if g & cs), default=0.0)
            labels.append(int(best >= 0.5))
            feats.append(M.features(doc, c, in_quote))
        rows.append({"i": art_i, "doc": doc, "st": st, "base": base, "cands": cands,
                     "feats": feats, "labels": labels})
    return {"rows": rows}


def simulate(rows: list[dict[str, Any]], probs: list[list[float]], keep: float,
             add: float) -> list[list[dict[str, Any]]]:
    """The final attributions per article under thresholds (keep, add)."""
    out = []
    for row, pr in zip(rows, probs, strict=True):
        sel = M.select(list(zip(row["cands"], pr, strict=True)), row["st"].indirect, keep, add)
        kept_keys = {_key(a) for a in sel}
        dropped = {_key(a) for a in row["st"].indirect} - kept_keys
        final = [a for a in row["base"] if _key(a) not in dropped]
        have = {_key(a) for a in final}
        for a in sel:
            if a.rule == "model" and _key(a) not in have:
                cs = a.cue[0][0]
                if any(s <= cs < e for b in final for s, e in b.content):
                    continue
                final.append(a)
        out.append([{"content": a.content, "cue": a.cue, "source": a.source} for a in final])
    return out


def fit(x: Any, y: np.ndarray, c: float) -> LogisticRegression:
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    x = sp.csr_matrix(x)
    x.indices = x.indices.astype(np.int32)  # liblinear refuses int64 sparse indices
    x.indptr = x.indptr.astype(np.int32)
    clf.fit(x, y)
    return clf


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--docs-cache", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    sc = load_scorer("score_attributions")
    articles = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    articles.sort(key=lambda a: a["id"])
    if args.limit:
        articles = articles[: args.limit]
    t0 = time.time()
    docs = load_docs(articles, args.docs_cache)
    print(f"{len(docs)} docs in {time.time() - t0:.0f}s", file=sys.stderr)
    rows = collect(articles, docs, sc)["rows"]
    flat = [(r["i"], f, y, c.generic) for r in rows for f, y, c in
            zip(r["feats"], r["labels"], r["cands"], strict=True)]
    counts: Counter[str] = Counter(f for _, fs, _, _ in flat for f in set(fs))
    names = name_like_words(docs)
    vocab = {f for f, n in counts.items() if n >= MIN_COUNT and not names & _words_of(f)}
    print(f"{len(names)} words mostly capitalised inside sentences: their features dropped",
          file=sys.stderr)
    dv = DictVectorizer()
    x = dv.fit_transform([{f: 1 for f in fs if f in vocab} for _, fs, _, _ in flat])
    y = np.array([lab for _, _, lab, _ in flat])
    groups = np.array([i for i, _, _, _ in flat])
    gen = np.array([g for *_, g in flat])
    print(f"candidates {len(y)} (rule {int((~gen).sum())}, pos {int(y[~gen].sum())}; "
          f"open {int(gen.sum())}, pos {int(y[gen].sum())}); features {len(vocab)}",
          file=sys.stderr)

    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(x, y, groups):
        xt = sp.csr_matrix(x[te])
        xt.indices, xt.indptr = xt.indices.astype(np.int32), xt.indptr.astype(np.int32)
        oof[te] = fit(x[tr], y[tr], args.c).predict_proba(xt)[:, 1]
    probs: list[list[float]] = []
    k = 0
    for r in rows:
        n = len(r["cands"])
        probs.append(list(oof[k:k + n]))
        k += n
    gold = [{"id": a["id"], "text": a["text"], "attributions": a["attributions"]}
            for a in articles]
    grid: dict[tuple[float, float], float] = {}
    for keep in KEEP_GRID:
        for add in ADD_GRID:
            preds = [{"id": a["id"], "attributions": p}
                     for a, p in zip(articles, simulate(rows, probs, keep, add), strict=True)]
            res = sc.score(gold, preds, thresholds=(0.5,))
            grid[(keep, add)] = res["quote"]["0.5"]["f1"]
    base = grid[(0.0, 1.01)]
    (keep, add), f1 = max(grid.items(), key=lambda kv: kv[1])
    print(f"train OOF (simulated) F1@0.5: rules only {base:.4f}; best {f1:.4f} at keep={keep} "
          f"add={add}", file=sys.stderr)
    for kk in KEEP_GRID:
        print(" ".join(f"{grid[(kk, a)]:.4f}" for a in ADD_GRID), f"keep={kk}", file=sys.stderr)

    clf = fit(x, y, args.c)
    names = dv.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0], strict=True)
               if abs(w) >= 1e-3}
    art = {
        "_about": "presslens attribution filter (logistic regression) trained by "
                  "training/train_attributions.py on PolNeAR train; feature -> weight.",
        "trained": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "articles": len(articles), "candidates": len(y), "C": args.c,
        "train_oof_f1_at_0.5": {"rules_only": round(base, 4), "with_model": round(f1, 4)},
        "thresholds": {"keep_rule": keep, "add_generic": add},
        "bias": round(float(clf.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(art, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)", file=sys.stderr)
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        for c, lab in zip(r["cands"], r["labels"], strict=True):
            by_rule[c.comp if c.generic else "rule:" + (c.att.rule or "?")][lab] += 1
    print(json.dumps({k: v for k, v in sorted(by_rule.items(), key=lambda kv: -sum(kv[1]))[:25]}),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
