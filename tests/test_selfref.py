"""An unknown outlet's own name, read from its boilerplate (copyright, follow, mirror notices)."""

from __future__ import annotations

import pytest

from presslens.config import load_settings
from presslens.ingest.text import parse_text
from presslens.outlets.selfref import self_name


@pytest.mark.parametrize(("line", "name", "rule"), [
    ("© 2026 The Harbour Courier. All rights reserved.", "The Harbour Courier", "copyright_line"),
    ("Copyright © 2019-2024 Acme News Ltd", "Acme News Ltd", "copyright_line"),
    ("COPYRIGHT 2020 NBX. All rights reserved", "NBX", "copyright_line"),
    ("© Northwind Wire 2024", "Northwind Wire", "copyright_line"),
    ("The Daily Lantern © 2025", "The Daily Lantern", "copyright_trailing"),
    ("Follow The Example Post on social media for live updates.", "The Example Post",
     "follow_line"),
    ("Zeta TV’s website can also be accessed at the following alternate addresses:", "Zeta TV",
     "alternate_addresses"),
])
def test_reads_the_name_from_a_self_reference(line: str, name: str, rule: str) -> None:
    found = self_name([line])
    assert found is not None
    assert (found.name, found.rule) == (name, rule)


@pytest.mark.parametrize("line", [
    "© 2026 All rights reserved.",
    "Follow us on Twitter",
    "Download our app: App Store | Google Play",
    "The story © 2020 was retold",
    "© " + "Word " * 60,  # too long to be a boilerplate line
])
def test_no_name_when_the_line_names_nobody(line: str) -> None:
    assert self_name([line]) is None


def test_unknown_outlet_gets_its_site_name_from_boilerplate() -> None:
    text = ("Storm closes ports along the coast\n\nBy Ana Lopes\n\n"
            "Ports along the northern coast closed on Monday as a storm approached, officials "
            "said.\n\nFishing boats were told to stay in harbour.\n\n"
            "© 2026 The Harbour Courier. All rights reserved.\n")
    article = parse_text(text, url=None, settings=load_settings(environ={}))
    assert article.outlet is None
    assert article.site_name == "The Harbour Courier"
    assert any(e.field == "site_name" and e.rule == "copyright_line" for e in article.evidence)
    assert "Harbour Courier" not in article.body
