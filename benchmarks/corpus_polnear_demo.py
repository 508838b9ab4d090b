"""The PolNeAR corpus demo in numbers: what ingest stored, the stories, one outlet comparison.

Reads a store made by ``presslens ingest /tmp/polnear-corpus.jsonl --db /tmp/polnear.db``
(see ``polnear_to_jsonl.py``) and writes ids, dates, outlets and counts only — no article text
or headline leaves the shared data.

    .venv/bin/python benchmarks/corpus_polnear_demo.py --db /tmp/polnear.db --story 174

Results: ``benchmarks/results/corpus_polnear_demo.json``.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

from presslens.corpus import Corpus

RESULTS = Path(__file__).parent / "results" / "corpus_polnear_demo.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default="/tmp/polnear.db")
    ap.add_argument("--story", type=int, default=None, help="story to compare (default: the "
                    "cross-outlet story with the most outlets among those of ≤ 6 articles)")
    args = ap.parse_args()
    with Corpus(args.db) as corpus:
        stories = corpus.stories()
        runs = corpus.runs()
        story = args.story or max((s for s in stories if s.n_articles <= 6),
                                  key=lambda s: (len(s.outlets), s.n_articles)).id
        cmp = corpus.compare(story)
        out = {
            "measured": datetime.now(UTC).isoformat(timespec="seconds"),
            "articles": corpus.count(),
            "outlets": {o.id: o.articles for o in corpus.outlets()},
            "duplicate_links": len(corpus.duplicates()),
            "ingest_runs": [r.model_dump(mode="json", include={"added", "skipped", "errors",
                                                               "status"}) for r in runs],
            "stories": len(stories),
            "stories_with_2_or_more_articles": sum(s.n_articles > 1 for s in stories),
            "cross_outlet_stories": sum(len(s.outlets) > 1 for s in stories),
            "largest_stories": [s.model_dump(include={"id", "first_date", "last_date",
                                                      "n_articles", "outlets",
                                                      "external_ids"}) for s in stories[:10]],
            "comparison": {
                "story": story, "external_ids": cmp.story.external_ids if cmp.story else [],
                "did_not_cover": [o.id for o in cmp.silent_outlets],
                "outlets": {o.outlet_id: {
                    "articles": len(o.articles), "types": o.article_types,
                    "named_voices": o.voices_named.value,
                    "anonymous_voices": o.voices_anonymous.value,
                    "by_role": {r: m.value for r, m in o.voices_by_role.items()},
                    "own_voice_share": o.own_voice_share.value,
                    "no_comment": o.no_comment.value,
                    "contested_labels": o.contested_labels.value,
                    "loaded_terms": o.loaded_terms.value} for o in cmp.outlets}},
        }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: out[k] for k in ("articles", "stories", "cross_outlet_stories",
                                          "comparison")}, indent=1))


if __name__ == "__main__":
    main()
