"""Start-up stays cheap: importing presslens, `presslens --help` and `presslens schema` never load
spaCy, scikit-learn or SciPy (the NLP stack loads on first analysis)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "sklearn", "scipy", "thinc", "trafilatura")

_PROBE = """
import json, sys, runpy
sys.argv = {argv!r}
try:
    {body}
except SystemExit:
    pass
finally:
    sys.stdout.flush()
    sys.stderr.write("\\nLOADED=" + json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _loaded(body: str, argv: list[str]) -> tuple[list[str], str]:
    code = _PROBE.format(argv=argv, body=body, heavy=HEAVY)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    marker = proc.stderr.rsplit("LOADED=", 1)
    assert len(marker) == 2, proc.stderr
    return json.loads(marker[1]), proc.stdout


def test_import_presslens_loads_no_nlp_stack() -> None:
    loaded, _ = _loaded("import presslens; presslens.PresslensError", ["x"])
    assert loaded == []


@pytest.mark.parametrize(("argv", "needle"), [
    (["presslens", "--help"], "analyze"),
    (["presslens", "schema"], '"$defs"'),
    (["presslens", "analyze", "--help"], "--format"),
])
def test_cli_help_and_schema_load_no_nlp_stack(argv: list[str], needle: str) -> None:
    loaded, out = _loaded("from presslens.cli import app; app()", argv)
    assert needle in out  # the command really ran
    assert loaded == []


def test_lazy_names_resolve_and_unknown_names_fail() -> None:
    import presslens

    assert presslens.Analysis.__name__ == "Analysis"
    assert presslens.Settings().max_body_chars > 0
    with pytest.raises(AttributeError):
        _ = presslens.no_such_name  # type: ignore[attr-defined]
