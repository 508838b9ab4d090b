"""Speed of the NLP stages on one very long, quote-dense page (the quadratic-scan check).

A synthetic article is generated here (never the seed text): ``--paras`` paragraphs, each with
a direct quotation and its attribution, varied speakers, cues and layouts (quote first, quote
last, interrupted quote, reported speech with an embedded quoted phrase, cue-less follow-up),
about 160k characters at the default 400 paragraphs. The page is parsed once with per-component
timing (:func:`presslens.evaluation.parse_timed` splits spaCy's own parse from the presslens
components), then each analysis stage is timed on the Doc. The reported ``nlp_stages_s`` is
the presslens components plus the voices and language stages, spaCy parse excluded;
``fill_techniques`` (a separate model) is listed on its own.

Usage: .venv/bin/python benchmarks/long_page.py [--paras N] [--repeat K] [--profile FILE]
Writes benchmarks/results/long_page.json (best of ``--repeat`` runs) and prints it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import random
import time
from pathlib import Path
from typing import Any

from presslens.analysis import STAGES
from presslens.config import Settings
from presslens.ingest import load_text
from presslens.nlp.pipeline import BLOCK_BREAK_COMPONENT, load_pipeline
from presslens.schema import Analysis, BlockKind

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "long_page.json"

_FIRST = ["Maria", "John", "Aisha", "Pedro", "Lena", "Omar", "Grace", "Viktor", "Mei", "Samuel",
          "Fatima", "Jonas", "Elena", "Kwame", "Sofia", "David", "Amira", "Lukas", "Nadia", "Tom"]
_LAST = ["Alvarez", "Brennan", "Chowdhury", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
         "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
         "Quinn", "Rossi", "Schmidt", "Tanaka"]
_ROLE = ["a spokesperson for the ministry", "the city's mayor", "a senior analyst",
         "an economist at the central bank", "the union leader", "a local resident",
         "the opposition leader", "a hospital director"]
_CUE = ["said", "told reporters", "added", "warned", "insisted", "argued", "explained"]
_TOPIC = ["the budget", "the new bridge", "the harbour project", "the tax reform",
          "the flood defences", "the school plan", "the rail strike", "the water prices"]
_CLAIM = ["will cost far more than anyone admits", "was never properly debated in council",
          "is the only realistic way forward", "has already been delayed twice this year",
          "puts thousands of jobs at risk", "should have been stopped months ago",
          "will be finished before the winter"]

_MONTH = ["January", "March", "May", "July", "September", "November"]


def synthetic_article(paras: int, seed: int = 7) -> str:
    """A long news-like text: headline, then ``paras`` quote-bearing paragraphs."""
    rng = random.Random(seed)
    out = ["City council faces long night of debate over spending plans", ""]
    for i in range(paras):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        role, cue = rng.choice(_ROLE), rng.choice(_CUE)
        topic, claim, claim2 = rng.choice(_TOPIC), rng.choice(_CLAIM), rng.choice(_CLAIM)
        layout = i % 5
        if layout == 0:
            p = (f"“{topic.capitalize()} {claim},” {cue} {name}, {role}. "
                 f"“We have said so from the start.”")
        elif layout == 1:
            p = f"{name}, {role}, {cue}: “I think {topic} {claim}, and people know it.”"
        elif layout == 2:
            p = (f"“The council,” {name} {cue}, “knows that {topic} {claim}.” "
                 f"Officials did not respond to a request for comment on {topic}.")
        elif layout == 3:
            p = (f"{name} {cue} that {topic} {claim} and called the decision "
                 f"“a complete disgrace for the city.”")
        else:
            p = (f"According to {name}, {topic} {claim}. Critics say the so-called “reform” "
                 f"{claim2}, {role} {cue}.")
        # background the outlet states itself, and a reported follow-up by the same speaker
        month = rng.choice(_MONTH)
        p += (f" {topic.capitalize()} has been discussed at {rng.randint(2, 40)} meetings since"
              f" {month}; the finance committee will report on the costs before"
              f" {rng.choice(_MONTH)}."
              f" {name.split()[1]} later {rng.choice(_CUE)} that residents were worried"
              f" because {topic} {rng.choice(_CLAIM)}.")
        out.append(p)
        out.append("")
    return "\n".join(out)


def run_once(nlp: Any, text: str, settings: Settings) -> dict[str, Any]:
    article = load_text(text, settings=settings)
    doc = nlp.make_doc(article.text[: settings.max_body_chars])
    head = next((b for b in article.blocks if b.kind == BlockKind.HEADLINE), None)
    if head is not None:
        from presslens.nlp.quotes import HEADLINE_KEY

        doc.user_data[HEADLINE_KEY] = (head.start, head.end)
    parse = 0.0
    components: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        doc = proc(doc)
        dt = time.perf_counter() - t0
        if not name.startswith("presslens_") or name == BLOCK_BREAK_COMPONENT:
            parse += dt
        else:
            components[name] = dt
    analysis = Analysis(article=article)
    stages: dict[str, float] = {}
    for stage in STAGES:
        t0 = time.perf_counter()
        stage(doc, analysis)
        stages[stage.__name__] = time.perf_counter() - t0
    nlp_s = sum(components.values()) + sum(v for k, v in stages.items()
                                           if k != "fill_techniques")
    return {"spacy_parse_s": parse, "components_s": components, "stages_s": stages,
            "nlp_stages_s": nlp_s, "attributions": len(analysis.attributions),
            "voices": len(analysis.voices)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--paras", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--profile", type=Path, default=None,
                    help="write a cProfile dump of the analysis (parse included) here")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    settings = Settings()
    nlp = load_pipeline(settings.spacy_model)
    nlp.max_length = max(nlp.max_length, settings.max_body_chars + 1)
    text = synthetic_article(args.paras)
    run_once(nlp, synthetic_article(5), settings)  # warm-up: lexicons, models, matchers
    runs = [run_once(nlp, text, settings) for _ in range(max(1, args.repeat))]
    best = min(runs, key=lambda r: r["nlp_stages_s"])
    if args.profile is not None:
        prof = cProfile.Profile()
        prof.runcall(run_once, nlp, text, settings)
        prof.dump_stats(str(args.profile))

    def r(x: Any) -> Any:
        return {k: r(v) for k, v in x.items()} if isinstance(x, dict) else (
            round(x, 3) if isinstance(x, float) else x)

    result = {
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": f"benchmarks/long_page.py --paras {args.paras} --repeat {args.repeat}",
        "chars": len(text), "paragraphs": args.paras, "runs": len(runs),
        "best": r(best), "nlp_stages_s_all_runs": [round(x["nlp_stages_s"], 3) for x in runs],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
