"""analyze_many batches the spaCy parse (nlp.pipe) and gives exactly what analyze_text gives
one document at a time, in order."""

from __future__ import annotations

import presslens

TEXTS = [
    "Ministers meet again over river dispute\n\nBy Jane Doe\n\n"
    'The minister said the talks would continue. "We are close," she told reporters.\n',
    "Storm closes schools\n\nOfficials said the storm would pass by Friday, according to "
    "the weather service.\n",
    "A short note.\n",
]


def test_batched_analyses_equal_one_at_a_time() -> None:
    one = [presslens.analyze_text(t).model_dump_json() for t in TEXTS]
    many = [a.model_dump_json() for a in presslens.analyze_many(TEXTS, batch_size=2)]
    assert many == one
    assert len(many) == len(TEXTS)
    assert '"kind":"direct"' in many[0]  # the NLP stages ran: the quote was found
