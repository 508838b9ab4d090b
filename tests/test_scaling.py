"""No stage grows super-linearly on adversarial input (issue 11): every shape of
:mod:`presslens.adversarial` is analysed end to end at two sizes, 4× apart, and each stage's
CPU time (best of two runs) may grow at most 10× (exponent 1.66) — a quadratic stage grows 16×.

CPU time of this process (not wall time) and the best of two runs keep the measure steady on a
loaded machine; stage times under 20 ms are too small to compare (counted as 20 ms). HTML
ingest alone is also run at 50k and 200k characters, where markup costs show. The scaling
benchmark (``benchmarks/scaling.py``) measures the same shapes up to ~1 MB and fits the exponent.
"""

from __future__ import annotations

import time

import pytest

from presslens.adversarial import SHAPES, Shape, make, stage_times

SMALL = {"text": 1_000, "html": 5_000}
INGEST_SMALL = 50_000  # HTML ingest alone runs larger: markup costs grow only at size
FACTOR = 4
MAX_RATIO = 10.0  # 4^1.66: linear is 4×, n log n about 5×, quadratic 16×
FLOOR = 0.02  # seconds: stage times below this are treated as this (timer noise)
CAP = 1_000_000


def _best(shape: Shape, size: int, runs: int = 2) -> dict[str, float]:
    text = make(shape.name, size)
    best: dict[str, float] = {}
    for _ in range(runs):
        for stage, t in stage_times(text, shape.kind, body_cap=CAP,
                                    clock=time.process_time).items():
            best[stage] = min(t, best.get(stage, t))
    return best


@pytest.fixture(scope="module")
def warm() -> None:
    stage_times(make("tiny lines", 500), "text", body_cap=CAP)  # model load, caches


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_every_stage_grows_at_most_linearly(shape: Shape, warm: None) -> None:
    n = SMALL[shape.kind]
    small, large = _best(shape, n), _best(shape, n * FACTOR)
    ratios = {stage: max(large[stage], FLOOR) / max(small.get(stage, 0.0), FLOOR)
              for stage in large}
    worst = max(ratios, key=ratios.__getitem__)
    total = max(sum(large.values()), FLOOR) / max(sum(small.values()), FLOOR)
    assert ratios[worst] <= MAX_RATIO and total <= MAX_RATIO, (
        f"{shape.name}: {worst} took {ratios[worst]:.1f}× the time at {FACTOR}× the size "
        f"({small.get(worst, 0):.3f}s → {large[worst]:.3f}s); total {total:.1f}×")


@pytest.mark.parametrize("shape", [s for s in SHAPES if s.kind == "html"],
                         ids=[s.name for s in SHAPES if s.kind == "html"])
def test_html_ingest_grows_at_most_linearly(shape: Shape) -> None:
    from presslens.config import load_settings
    from presslens.ingest import load_text

    settings = load_settings(None, max_body_chars=CAP)

    def cpu(size: int) -> float:
        text = make(shape.name, size)
        t = time.process_time()
        load_text(text, kind="html", settings=settings)
        return max(time.process_time() - t, FLOOR)

    cpu(2_000)  # imports
    ratio = min(cpu(INGEST_SMALL * FACTOR) for _ in range(2)) / min(
        cpu(INGEST_SMALL) for _ in range(2))
    assert ratio <= MAX_RATIO, f"{shape.name}: ingest {ratio:.1f}× at {FACTOR}× the size"


def test_shapes_have_the_size_asked_for() -> None:
    for shape in SHAPES:
        for size in (2_000, 8_000):
            text = make(shape.name, size)
            assert 0.8 * size <= len(text) <= 1.2 * size + 300, (shape.name, len(text))
    with pytest.raises(KeyError):
        make("no such shape", 100)
