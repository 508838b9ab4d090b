"""Fallbacks are never silent: logged on stderr and recorded in the output's warnings."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from presslens.nlp import attribution_model

runner = CliRunner()
TEXT = "Talks resumed on Monday.\n\n\"We are ready,\" the minister said.\n"


@pytest.fixture
def no_filter_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The attribution filter's artefact is missing (a broken install)."""
    monkeypatch.setattr(attribution_model, "MODEL_FILE", "no-such-model.json")
    attribution_model.load_model.cache_clear()
    yield
    attribution_model.load_model.cache_clear()


def test_a_missing_filter_model_is_logged_and_in_the_warnings(
    no_filter_model: None, caplog: pytest.LogCaptureFixture
) -> None:
    res = runner.invoke(app, ["analyze", "-", "--format", "json"], input=TEXT)
    assert res.exit_code == 0, res.output
    warnings = json.loads(res.stdout)["warnings"]
    assert any("attribution filter" in w and "rules alone" in w for w in warnings)
    assert "no-such-model.json" in res.stderr  # the CLI shows warnings without -v


def test_with_the_model_there_is_no_such_warning() -> None:
    attribution_model.load_model.cache_clear()
    res = runner.invoke(app, ["analyze", "-", "--format", "json"], input=TEXT)
    assert res.exit_code == 0, res.output
    assert not any("attribution filter" in w for w in json.loads(res.stdout)["warnings"])


def test_verbose_flag_sets_the_package_log_level() -> None:
    levels = {}
    for flags in ([], ["-v"], ["-vv"]):
        assert runner.invoke(app, [*flags, "schema"]).exit_code == 0
        levels[len(flags[0]) - 1 if flags else 0] = logging.getLogger("presslens").level
    assert levels == {0: logging.WARNING, 1: logging.INFO, 2: logging.DEBUG}
