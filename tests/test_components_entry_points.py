"""The spaCy components are usable in anyone's pipeline: found through entry points, no import."""

from __future__ import annotations

import subprocess
import sys

from presslens.config import Settings

_SCRIPT = """
import sys, spacy
nlp = spacy.load(sys.argv[1])
nlp.add_pipe("presslens_quotes")
nlp.add_pipe("presslens_speakers")
doc = nlp('Talks resumed on Monday.\\n\\n"We will not retreat," the minister said.')
print(len(doc._.presslens_attributions), doc._.presslens_attributions[0].speaker)
"""


def test_components_load_by_name_without_importing_presslens() -> None:
    model = Settings().spacy_model
    out = subprocess.run([sys.executable, "-c", _SCRIPT, model], capture_output=True,
                         text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["1", "the", "minister"]
