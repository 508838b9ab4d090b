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
