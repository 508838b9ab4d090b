"""One performance run: presslens against spaCy, textacy and trafilatura on the same inputs.

Writes ``benchmarks/results/latest.json`` and ``latest.md``. Sections (all by default; pick
with ``--only``):

* ``throughput``: on the PolNeAR dev articles, articles/s and tokens/s of spaCy's parse alone
  (the model's own pipeline), presslens's full analysis with one job and, when ``presslens
  batch --jobs`` exists, with ``--jobs N``; presslens with each stage switched off in turn
  (each presslens pipe and each analysis stage); textacy's ``direct_quotations`` (parse
  included) in a throwaway venv made under /tmp with pip (skipped with a note when it cannot be
  installed). Ratios to the parse alone.
* ``html``: plain ``trafilatura.extract`` against presslens HTML ingest on the article-extraction
  benchmark pages: pages/s and body F1 (shared scorer).
* ``memory``: peak RSS of ``presslens analyze`` on one article and of ``presslens batch`` over
  ``--batch-records`` records (PolNeAR articles repeated).
* ``startup``: wall time of ``import presslens``, ``presslens --help``, ``presslens schema``,
  one-article ``analyze`` and its floor (Python + spaCy + model load), best of 3; the
  ``-X importtime`` total of ``import presslens``.
* ``length``: cost per character of the full analysis at 1×, 16× and 64× an article's length
  (its paragraphs repeated), and the fitted exponent (1.0 = flat cost per character).

    benchmarks/run                                   # everything (~15 min on an idle 2-core box)
    benchmarks/run --only startup --only html        # subsets
    benchmarks/run --articles 20 --batch-records 200 # smaller
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
import venv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

SECTIONS = ("startup", "throughput", "html", "memory", "length")
TEXTACY_VENV = Path(tempfile.gettempdir()) / "presslens-bench-textacy"


def _articles(limit: int | None) -> list[dict[str, Any]]:
    from polnear import read_gold

    return [{"id": d["id"], "text": d["text"]} for d in read_gold("dev", limit)]


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else 0.0


def _peak_rss(cmd: list[str], **kw: Any) -> tuple[float, float, int]:
    """(peak RSS MiB, wall seconds, exit code) of ``cmd`` run in a fresh helper process."""
    probe = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
             "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
             "print(json.dumps([resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
             "time.perf_counter() - t, rc]))")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True,
                         check=True, **kw)
    kib, wall, rc = json.loads(out.stdout.strip().splitlines()[-1])
    return round(kib / 1024, 1), round(wall, 2), rc


def _best_wall(cmd: list[str], runs: int = 3) -> float:
    best = math.inf
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - t)
    return round(best, 3)


# --------------------------------------------------------------------------- sections


def startup(model: str) -> dict[str, Any]:
    py = sys.executable
    cli = str(BIN / "presslens")
    sample = ROOT / "src" / "presslens" / "samples" / "sample-article.txt"
    imp = subprocess.run([py, "-X", "importtime", "-c", "import presslens"],
                         capture_output=True, text=True, check=True).stderr
    total_us = max((int(line.split("|")[1]) for line in imp.splitlines()
                    if line.rstrip().endswith("| presslens")), default=0)
    heavy = subprocess.run([py, "-c", "import presslens, sys; print(sorted(m for m in "
                            "('spacy','sklearn','scipy') if m in sys.modules))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    return {
        "python_bare_s": _best_wall([py, "-c", "pass"]),
        "import_presslens_s": _best_wall([py, "-c", "import presslens"]),
        "importtime_presslens_ms": round(total_us / 1000, 1),
        "import_presslens_loads": heavy,
        "help_s": _best_wall([cli, "--help"]),
        "schema_s": _best_wall([cli, "schema"]),
        "analyze_one_article_s": _best_wall([cli, "analyze", str(sample), "-f", "json"]),
        "floor_python_spacy_model_s": _best_wall(
            [py, "-c", f"import spacy; spacy.load({model!r})"]),
    }


def _textacy_python() -> tuple[str | None, str]:
    """A python with textacy: a venv under /tmp that sees this venv's packages (spaCy, the
    model) through a .pth file, textacy installed into it with pip."""
    py = TEXTACY_VENV / "bin" / "python"
    ok = py.exists() and subprocess.run([str(py), "-c", "import textacy"],
                                        capture_output=True, check=False).returncode == 0
    if ok:
        return str(py), "reused " + str(TEXTACY_VENV)
    try:
        venv.create(TEXTACY_VENV, with_pip=True, clear=True)
        site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()"
                               "['purelib'])"], capture_output=True, text=True,
                              check=True).stdout.strip()
        ours = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig."
                               "get_paths()['purelib'])"], capture_output=True, text=True,
                              check=True).stdout.strip()
        # addsitedir, not a bare path: the editable presslens install is itself a .pth there
        Path(site, "presslens-bench.pth").write_text(
            f"import site; site.addsitedir({ours!r})\n", encoding="utf-8")
        res = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "textacy"],
                             capture_output=True, text=True, check=False, timeout=600)
        if res.returncode:
            return None, "textacy could not be installed: " + res.stderr.strip()[-300:]
        return str(py), "installed into " + str(TEXTACY_VENV)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"textacy venv failed: {exc}"


def _jobs_supported() -> bool:
    from presslens.batch import run_batch

    return "jobs" in inspect.signature(run_batch).parameters


def throughput(arts: list[dict[str, Any]], jobs: int, textacy: bool) -> dict[str, Any]:
    import spacy

    from presslens.analysis import STAGES, analyze_article
    from presslens.config import load_settings
    from presslens.ingest import load_text
    from presslens.nlp.pipeline import PRESSLENS_COMPONENTS, load_pipeline

    settings = load_settings()
    texts = [a["text"] for a in arts]
    chars = sum(len(t) for t in texts)
    plain = spacy.load(settings.spacy_model)
    plain(texts[0])
    t = time.perf_counter()
    tokens = sum(len(plain(x)) for x in texts)
    parse_s = time.perf_counter() - t
    del plain
    nlp = load_pipeline(settings.spacy_model)
    articles = [load_text(x, kind="text", settings=settings) for x in texts]
    analyze_article(articles[0], settings=settings)

    def full() -> float:
        t0 = time.perf_counter()
        for a in articles:
            analyze_article(a, settings=settings)
        return time.perf_counter() - t0

    rows: dict[str, Any] = {"spaCy parse alone": {"seconds": round(parse_s, 2)}}
    full_s = full()
    rows["presslens full analysis (1 job)"] = {"seconds": round(full_s, 2)}
    for name in (BLOCK for BLOCK in ("presslens_block_breaks", *PRESSLENS_COMPONENTS)
                 if BLOCK in nlp.pipe_names):
        with nlp.select_pipes(disable=[name]):
            rows[f"presslens without pipe {name}"] = {"seconds": round(full(), 2)}
    for stage in list(STAGES):
        i = STAGES.index(stage)
        STAGES.remove(stage)
        try:
            rows[f"presslens without stage {stage.__name__}"] = {"seconds": round(full(), 2)}
        finally:
            STAGES.insert(i, stage)
    notes: list[str] = []
    if _jobs_supported():
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.jsonl"
            src.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
            for j in (1, jobs):
                t0 = time.perf_counter()
                subprocess.run([str(BIN / "presslens"), "batch", str(src), "-o",
                                str(Path(tmp) / f"out{j}.jsonl"), "--jobs", str(j)],
                               check=True, stderr=subprocess.DEVNULL)
                rows[f"presslens batch --jobs {j} (incl. start-up)"] = {
                    "seconds": round(time.perf_counter() - t0, 2)}
            same = (Path(tmp) / "out1.jsonl").read_bytes() == \
                (Path(tmp) / f"out{jobs}.jsonl").read_bytes()
            notes.append(f"--jobs {jobs} output identical to --jobs 1: {same}")
    else:
        notes.append("presslens batch has no --jobs yet: only one job measured")
    if textacy:
        py, how = _textacy_python()
        notes.append(how)
        if py is not None:
            from polnear import run_textacy

            try:
                with tempfile.TemporaryDirectory() as tmp:
                    _, secs, failed = run_textacy(py, [{"id": a["id"], "text": a["text"]}
                                                       for a in arts], Path(tmp), str(nlp.path))
                rows["textacy direct_quotations (parse included)"] = {
                    "seconds": round(secs, 2)}
                notes.append(f"textacy raised on {failed} articles")
            except SystemExit as exc:  # run_textacy's way of saying the baseline failed
                notes.append(f"textacy skipped: {str(exc)[-300:]}")
    for r in rows.values():
        r["articles_per_s"] = _rate(len(arts), r["seconds"])
        r["tokens_per_s"] = _rate(tokens, r["seconds"])
        r["vs_parse_alone"] = round(parse_s / r["seconds"], 3) if r["seconds"] else None
    return {"articles": len(arts), "tokens": tokens, "characters": chars, "rows": rows,
            "notes": notes}


def html() -> dict[str, Any]:
    from extraction import DEFAULT_DATA, load_pages, run_presslens, run_trafilatura
    from presslens.evaluation import load_scorer

    scorer = load_scorer("score_extraction")
    truth, pages = load_pages(DEFAULT_DATA)
    theirs, theirs_s = run_trafilatura(pages)
    ours, ours_s, errors = run_presslens(pages)
    t, o = scorer.score(truth, theirs), scorer.score(truth, ours)
    return {
        "pages": len(pages),
        "trafilatura.extract": {"pages_per_s": _rate(len(pages), theirs_s), "f1": t["f1"]},
        "presslens HTML ingest (batch --stages ingest)": {
            "pages_per_s": _rate(len(pages), ours_s), "f1": o["f1"], "errors": errors},
        "ingest_vs_trafilatura_pages_per_s": round(theirs_s / ours_s, 3),
    }


def memory(arts: list[dict[str, Any]], records: int) -> dict[str, Any]:
    cli = str(BIN / "presslens")
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(arts[0]["text"], encoding="utf-8")
        a_rss, a_wall, _ = _peak_rss([cli, "analyze", str(one), "-f", "json"])
        src = Path(tmp) / "batch.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for k in range(records):
                a = arts[k % len(arts)]
                fh.write(json.dumps({"id": f"{a['id']}-{k}", "text": a["text"]}) + "\n")
        b_rss, b_wall, rc = _peak_rss([cli, "batch", str(src), "-o", str(Path(tmp) / "o.jsonl")])
    return {"analyze_peak_rss_mib": a_rss, "analyze_wall_s": a_wall,
            "batch_records": records, "batch_peak_rss_mib": b_rss, "batch_wall_s": b_wall,
            "batch_articles_per_s": _rate(records, b_wall), "batch_exit_code": rc}


def length(arts: list[dict[str, Any]]) -> dict[str, Any]:
    from presslens.analysis import analyze_article
    from presslens.config import load_settings
    from presslens.ingest import load_text
    from scaling import fit_exponent

    base = max(arts, key=lambda a: len(a["text"]))["text"].strip()
    settings = load_settings(None, max_body_chars=len(base) * 70)
    analyze_article(load_text(base, kind="text", settings=settings), settings=settings)
    rows = []
    for k in (1, 16, 64):
        text = "\n\n".join([base] * k)
        article = load_text(text, kind="text", settings=settings)
        t = time.perf_counter()
        analyze_article(article, settings=settings)
        s = time.perf_counter() - t
        rows.append({"factor": k, "characters": len(text), "seconds": round(s, 2),
                     "microseconds_per_char": round(s / len(text) * 1e6, 2)})
    exp = fit_exponent([r["characters"] for r in rows], [r["seconds"] for r in rows])
    return {"rows": rows, "exponent": round(exp, 3)}


# --------------------------------------------------------------------------- report


def _markdown(out: dict[str, Any]) -> str:
    lines = [f"# presslens benchmark run — {out['measured_at']}", "", out["machine"], ""]
    if "startup" in out:
        lines += ["## Start-up (best of 3, wall seconds)", "", "| what | s |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in out["startup"].items()] + [""]
    if "throughput" in out:
        tp = out["throughput"]
        lines += [f"## Throughput ({tp['articles']} PolNeAR dev articles, {tp['tokens']:,} "
                  "tokens, one run)", "",
                  "| system | s | articles/s | tokens/s | × parse-alone throughput |",
                  "|---|---|---|---|---|"]
        lines += [f"| {k} | {r['seconds']} | {r['articles_per_s']} | {r['tokens_per_s']} | "
                  f"{r['vs_parse_alone']} |" for k, r in tp["rows"].items()]
        lines += [""] + [f"- {n}" for n in tp["notes"]] + [""]
    if "html" in out:
        h = out["html"]
        lines += [f"## HTML ({h['pages']} pages of the article-extraction benchmark)", "",
                  "| system | pages/s | body F1 |", "|---|---|---|"]
        lines += [f"| {k} | {v['pages_per_s']} | {v['f1']} |" for k, v in h.items()
                  if isinstance(v, dict)]
        lines += ["", f"presslens ingest / trafilatura pages/s: "
                  f"{h['ingest_vs_trafilatura_pages_per_s']}", ""]
    if "memory" in out:
        lines += ["## Memory", "", "| what | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in out["memory"].items()] + [""]
    if "length" in out:
        ln = out["length"]
        lines += ["## Cost per character by article length", "",
                  "| × | characters | s | µs/char |", "|---|---|---|---|"]
        lines += [f"| {r['factor']} | {r['characters']:,} | {r['seconds']} | "
                  f"{r['microseconds_per_char']} |" for r in ln["rows"]]
        lines += ["", f"fitted exponent (time over length): {ln['exponent']}", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", choices=SECTIONS, help="run only these sections")
    ap.add_argument("--articles", type=int, default=None, help="PolNeAR dev articles (all: 84)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="N for --jobs N")
    ap.add_argument("--batch-records", type=int, default=1000)
    ap.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    args = ap.parse_args(argv)
    from presslens.config import load_settings

    model = load_settings().spacy_model
    todo = args.only or list(SECTIONS)
    load = os.getloadavg()
    out: dict[str, Any] = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores, load average at start {load[0]:.1f} "
                   "(shared machine: absolute numbers inflated; ratios are from this one run)",
    }
    arts = _articles(args.articles) if {"throughput", "memory", "length"} & set(todo) else []
    for section in todo:
        t = time.perf_counter()
        if section == "startup":
            out["startup"] = startup(model)
        elif section == "throughput":
            out["throughput"] = throughput(arts, args.jobs, not args.no_textacy)
        elif section == "html":
            out["html"] = html()
        elif section == "memory":
            out["memory"] = memory(arts, args.batch_records)
        elif section == "length":
            out["length"] = length(arts)
        print(f"{section}: {time.perf_counter() - t:.0f}s", file=sys.stderr, flush=True)
    out["self_peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    md = _markdown(out)
    (RESULTS / "latest.md").write_text(md + "\n", encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
