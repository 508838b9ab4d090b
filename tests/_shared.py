"""Where the tests find the shared research data, seed article and scorers.

``../shared`` beside the checkout by default; ``PRESSLENS_SHARED`` points elsewhere (a clone in
another directory). Tests that need it skip with a reason when it is absent: the data is never
copied into the repo.
"""

from __future__ import annotations

from presslens.evaluation import shared_dir

SHARED = shared_dir()
SEED = SHARED / "seeds" / "press-article.txt"
