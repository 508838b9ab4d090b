"""presslens.evaluation: finding the shared folder and importing its scorers."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.errors import InputError
from presslens.evaluation import load_scorer, parse_timed, shared_dir


def test_env_points_at_another_shared_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "score_demo.py").write_text("def score(a, b):\n    return 42\n")
    monkeypatch.setenv("PRESSLENS_SHARED", str(tmp_path))
    assert shared_dir() == tmp_path
    assert load_scorer("score_demo").score(None, None) == 42
    assert load_scorer(tmp_path / "eval" / "score_demo.py").score(None, None) == 42


def test_missing_scorer_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PRESSLENS_SHARED", str(tmp_path))
    with pytest.raises(InputError, match="scorer not found"):
        load_scorer("score_attributions")


def test_parse_timed_runs_the_whole_pipeline_and_times_the_parse() -> None:
    from presslens.nlp.pipeline import load_pipeline

    text = '"We will stay," the mayor said.'
    doc, seconds = parse_timed(load_pipeline(), text)
    assert doc.text == text and seconds > 0
    assert doc.has_annotation("DEP")
    assert [a.kind for a in doc._.presslens_attributions] == ["direct"]


def test_analyze_timed_runs_every_stage_and_times_each() -> None:
    from presslens.analysis import STAGES
    from presslens.config import Settings
    from presslens.evaluation import analyze_timed
    from presslens.ingest import load_text
    from presslens.nlp.pipeline import load_pipeline

    article = load_text('Talks stall\n\n"We will stay," the mayor said.', settings=Settings())
    doc, analysis, parse, stages = analyze_timed(load_pipeline(), article, max_chars=10_000)
    assert doc.text == article.text and parse > 0
    assert list(stages) == [s.__name__ for s in STAGES]
    assert all(t >= 0 for t in stages.values())
    assert [a.kind for a in analysis.attributions] == ["direct"]
