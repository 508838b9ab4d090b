"""Outlet registry: domain, name, self-reference and agency recognition, and the data's quality."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _shared import SEED
from presslens.errors import ConfigError
from presslens.outlets import (
    OWNERSHIP_TYPES,
    OutletEntry,
    Registry,
    identify_outlet,
    load_registry,
    load_registry_file,
    normalize_name,
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _raw_data() -> dict:
    text = resources.files("presslens.outlets").joinpath("outlets.json").read_text("utf-8")
    return json.loads(text)


def _entry(**overrides: object) -> dict:
    base: dict = {
        "id": "example-news", "name": "Example News", "aliases": ["ExampleNews"],
        "kind": "outlet", "domains": ["example-news.test"], "country": "GB",
        "country_name": "United Kingdom", "owner": "Example Media Ltd",
        "ownership_type": "private", "state_affiliated": False, "controlling_state": None,
        "funding_state": None,
        "citations": [{"url": "https://example-news.test/about", "title": "About"}],
    }
    base.update(overrides)
    return base


def _write(tmp_path: Path, outlets: list[dict], version: int = 1) -> Path:
    path = tmp_path / "outlets.json"
    path.write_text(json.dumps({"version": version, "outlets": outlets}), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- by_domain


@pytest.mark.parametrize(
    ("url", "outlet_id", "domain"),
    [
        ("https://www.presstv.ir/Detail/2024/05/01/123/some-story", "presstv", "presstv.ir"),
        ("http://presstv.co.uk", "presstv", "presstv.co.uk"),
        ("PRESSTV.TV", "presstv", "presstv.tv"),
        ("www.presstv.com/x", "presstv", "presstv.com"),
        ("https://m.bbc.co.uk:443/news/world", "bbc", "bbc.co.uk"),
        ("https://www.bbc.com/persian", "bbc", "bbc.com"),
        ("https://amp.theguardian.com/world/2024/x", "guardian", "theguardian.com"),
        ("https://edition.cnn.com/2024/05/01/x.html", "cnn", "cnn.com"),
        ("https://de.rt.com/international/1", "rt", "rt.com"),
        ("https://rtde.tech/x", "rt", "rtde.tech"),
        ("https://sputnikglobe.com/20240101/x.html", "sputnik", "sputnikglobe.com"),
        ("https://www.aljazeera.net/news/", "al-jazeera", "aljazeera.net"),
        ("https://english.alarabiya.net/News", "al-arabiya", "alarabiya.net"),
        ("https://www1.folha.uol.com.br/mundo/x.shtml", "folha", "folha.uol.com.br"),
        ("https://www.bbc.com./news", "bbc", "bbc.com"),
        ("//www.dw.com/en/x", "dw", "dw.com"),
        ("https://user:pw@www.nytimes.com:8443/2024/x?y=1#z", "new-york-times", "nytimes.com"),
        ("https://www-presstv-ir.cdn.ampproject.org/c/s/www.presstv.ir/Detail/x",
         "presstv", "presstv.ir"),
        ("https://web.archive.org/web/20240101000000/https://www.aljazeera.com/news/x",
         "al-jazeera", "aljazeera.com"),
    ],
)
def test_by_domain_matches_hosts_subdomains_and_mirrors(
    registry: Registry, url: str, outlet_id: str, domain: str
) -> None:
    info = registry.by_domain(url)
    assert info is not None, url
    assert (info.id, info.matched_by, info.matched_value) == (outlet_id, "url_domain", domain)


@pytest.mark.parametrize(
    "junk",
    [
        "", "   ", "not a url", "http://[::1", "http://", "://", "https://", "mailto:",
        "http://127.0.0.1/x", "https://[2001:db8::1]/", "https://co.uk", "https://uk",
        "https://notbbc.com", "https://bbc.com.evil.example/x", "https://example.com",
        "http://x:99999", "http://a..b.com", "xn--", "https://-bad-.com", "\x00\x01",
        "http://exa mple.com", "https://web.archive.org/web/", "ftp://",
    ],
)
def test_by_domain_returns_none_for_junk_and_unknown_hosts(registry: Registry, junk: str) -> None:
    assert registry.by_domain(junk) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_by_domain_never_raises(text: str) -> None:
    result = load_registry().by_domain(text)
    assert result is None or result.matched_by == "url_domain"


def test_by_domain_handles_idn_hosts() -> None:
    punycode = "пример-новости.рф".encode("idna").decode("ascii")
    reg = Registry([OutletEntry.model_validate(_entry(domains=[punycode]))])
    for url in ("https://пример-новости.рф/статья", "http://WWW.ПРИМЕР-НОВОСТИ.РФ",
                f"https://m.{punycode}/x"):
        info = reg.by_domain(url)
        assert info is not None and info.id == "example-news", url


def test_lookups_return_copies_not_the_cached_objects(registry: Registry) -> None:
    first = registry.by_domain("presstv.ir")
    assert first is not None
    first.domains.append("evil.example")
    first.citations.clear()
    first.name = "changed"
    again = registry.by_domain("presstv.ir")
    assert again is not None
    assert "evil.example" not in again.domains and again.citations and again.name == "Press TV"


# --------------------------------------------------------------------------- by_name


@pytest.mark.parametrize(
    ("name", "outlet_id"),
    [
        ("Press TV", "presstv"), ("PressTV", "presstv"), ("press-tv", "presstv"),
        ("PRESS TV", "presstv"), ("Press TV's", "presstv"), ("Press TV website", "presstv"),
        ("The Guardian", "guardian"), ("the guardian", "guardian"),
        ("Al Jazeera English", "al-jazeera"), ("AJ+", "al-jazeera"),
        ("NYTimes.com", "new-york-times"), ("Hurriyet", "hurriyet"), ("Hürriyet", "hurriyet"),
        ("Agence France-Presse", "afp"), ("Deutsche Welle Online", "dw"),
        ("Mail and Guardian", "mail-guardian"), ("ABC News", "abc-news-us"),
        ("ABC Australia", "abc-au"),
    ],
)
def test_by_name_is_case_space_and_punctuation_insensitive(
    registry: Registry, name: str, outlet_id: str
) -> None:
    info = registry.by_name(name)
    assert info is not None, name
    assert (info.id, info.matched_by) == (outlet_id, "name")


@pytest.mark.parametrize("name", ["", "   ", "Unknown Gazette", "AJ", "News", "The", "---"])
def test_by_name_unknown(registry: Registry, name: str) -> None:
    assert registry.by_name(name) is None


def test_normalize_name() -> None:
    assert normalize_name("Press TV’s") == normalize_name("presstv") == "presstv"
    assert normalize_name("The Times") == "times"
    assert normalize_name("AJ+") != normalize_name("AJ")
    assert normalize_name("Mail & Guardian") == normalize_name("Mail and Guardian")


# --------------------------------------------------------------------------- find_in_text
# Fixtures are invented boilerplate and sentences, not copies of real pages.


@pytest.mark.parametrize(
    ("lines", "outlet_id", "rule", "matched_by"),
    [
        (["Officials met on Tuesday.",
          "Deutsche Welle's website can also be accessed at these alternate addresses:",
          "www.dw.de"], "dw", "alternate_addresses", "self_reference"),
        (["A long report.", "© 2023 Al Jazeera Media Network"],
         "al-jazeera", "copyright_line", "copyright"),
        (["Copyright Rappler Inc. All rights reserved."], "rappler", "copyright_line",
         "copyright"),
        (["(c) 2022 Kathimerini"], "kathimerini", "copyright_line", "copyright"),
        (["Follow The Kyiv Independent on X and Telegram."], "kyiv-independent",
         "self_promotion_line", "self_reference"),
        (["Download the NHK World app for the latest news"], "nhk", "self_promotion_line",
         "self_reference"),
        (["Story text.", "www.rnz.co.nz"], "rnz", "bare_domain_line", "self_reference"),
        (["https://www.abc.net.au/news"], "abc-au", "bare_domain_line", "self_reference"),
        (["Read more at https://www.tehrantimes.com and share"], "tehran-times",
         "domain_mention", "self_reference"),
        (["A senior official told the Haaretz website that talks would resume."], "haaretz",
         "own_website_mention", "self_reference"),
        (["In an interview with Dawn, the minister defended the budget."], "dawn",
         "interview_mention", "self_reference"),
        (["© 2021 The Times of India"], "times-of-india", "copyright_line", "copyright"),
        (["Copyright © Times Media Ltd"], "the-times", "copyright_line", "copyright"),
    ],
)
def test_find_in_text_rules(
    registry: Registry, lines: list[str], outlet_id: str, rule: str, matched_by: str
) -> None:
    found = registry.find_in_text(lines)
    assert found is not None
    info, evidence = found
    assert (info.id, evidence.rule, info.matched_by) == (outlet_id, rule, matched_by)
    assert evidence.field == "outlet" and evidence.value == info.name
    assert evidence.text in [line.strip() for line in lines]


def test_boilerplate_beats_body_mentions(registry: Registry) -> None:
    lines = [
        "A diplomat told the BBC that the negotiations had stalled again this week.",
        "In an interview with the Press TV website, an analyst disagreed.",
        "© 2024 Guardian News & Media Limited or its affiliated companies.",
    ]
    found = registry.find_in_text(lines)
    assert found is not None and found[0].id == "guardian"
    assert found[1].rule == "copyright_line"


def test_publisher_copyright_beats_agency_copyright(registry: Registry) -> None:
    lines = ["Copyright 2024 The Associated Press. All rights reserved.",
             "© 2024 Example text by The Irish Times"]
    found = registry.find_in_text(lines)
    assert found is not None and found[0].id == "irish-times"


def test_agency_mentions_in_body_are_not_the_publisher(registry: Registry) -> None:
    assert registry.find_in_text(["The minister told Reuters on Monday that it was over."]) is None


def test_www_domain_line_beats_bare_source_credit(registry: Registry) -> None:
    lines = ["Source: nytimes.com", "haaretz.com", "www.timesofisrael.com"]
    found = registry.find_in_text(lines)
    assert found is not None and found[0].id == "times-of-israel"


def test_website_mention_beats_interview_mention(registry: Registry) -> None:
    lines = ["In an interview with Dawn, one analyst said no.",
             "Another analyst told the Tehran Times website that talks would go on."]
    found = registry.find_in_text(lines)
    assert found is not None and found[0].id == "tehran-times"


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["", "   "],
        ["Nothing here names an outlet."],
        ["The attack began at dawn.", "Residents said the stuff was gone."],
        ["Copyright 2024 Unknown Gazette Ltd"],
        ["© 2024 The National Geographic Society"],
        ["DR Congo"],
        ["Contact us at news@bbc.co.uk.evil for more"],
        ["Related coverage", "CBS News", "National News"],  # link lists, not mastheads
    ],
)
def test_find_in_text_none(registry: Registry, lines: list[str]) -> None:
    assert registry.find_in_text(lines) is None


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article_is_attributed_by_its_own_boilerplate(registry: Registry) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    found = registry.find_in_text(lines)
    assert found is not None and found[0].id == "presstv"
    assert found[1].rule in {"alternate_addresses", "copyright_line", "bare_domain_line"}


# --------------------------------------------------------------------------- agency


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Reuters", "Reuters"), ("REUTERS", "Reuters"), ("AFP", "Agence France-Presse"),
        ("Agence France-Presse", "Agence France-Presse"), ("AP", "Associated Press"),
        ("The Associated Press", "Associated Press"), ("(AP) —", "Associated Press"),
        ("By Jane Doe, Reuters", "Reuters"), ("AFP/Getty Images", "Agence France-Presse"),
        ("Reporting by Reuters; editing by Jo Smith", "Reuters"),
        ("with AFP", "Agence France-Presse"), ("Xinhua", "Xinhua News Agency"),
        ("dpa", "Deutsche Presse-Agentur"), ("Anadolu Agency", "Anadolu Agency"),
        ("ITAR-TASS", "TASS"), ("Kyodo News", "Kyodo News"), ("Yonhap", "Yonhap News Agency"),
        ("PTI", "Press Trust of India"), ("UPI", "United Press International"),
        ("Bernama", "Bernama"), ("RIA Novosti", "RIA Novosti"), ("EFE", "EFE"),
        ("ANSA", "ANSA"), ("IRNA", "Islamic Republic News Agency"),
    ],
)
def test_agency_names(registry: Registry, text: str, canonical: str) -> None:
    assert registry.agency(text) == canonical


@pytest.mark.parametrize(
    "text", ["", "The apple", "app", "ap", "Dpa", "Jane Doe", "Press TV", "BBC News",
             "the MENA region", "agencies", "Staff reporter"],
)
def test_agency_none(registry: Registry, text: str) -> None:
    assert registry.agency(text) is None


# --------------------------------------------------------------------------- identify_outlet


def test_identify_outlet_priority() -> None:
    lines = ["© 2024 Daily Maverick"]
    by_url = identify_outlet(url="https://www.presstv.ir/x", site_name="BBC", lines=lines)
    assert by_url is not None
    assert (by_url[0].id, by_url[0].matched_by, by_url[1].rule) == (
        "presstv", "url_domain", "url_domain")
    assert by_url[1].text == "www.presstv.ir"
    by_name = identify_outlet(url="https://unknown.example/x", site_name="BBC News", lines=lines)
    assert by_name is not None and (by_name[0].id, by_name[0].matched_by) == ("bbc", "site_name")
    by_text = identify_outlet(url="not a url", site_name="Unknown", lines=lines)
    assert by_text is not None and (by_text[0].id, by_text[1].rule) == (
        "daily-maverick", "copyright_line")
    assert identify_outlet() is None
    assert identify_outlet(url="https://unknown.example", lines=["Nothing."]) is None


def test_load_registry_is_cached() -> None:
    assert load_registry() is load_registry()


def test_module_level_helpers() -> None:
    from presslens.outlets import agency, host_of

    assert agency("Photo: AFP") == "Agence France-Presse"
    assert agency("Mehr zum Thema") is None  # German "more", not Mehr News Agency
    assert host_of("HTTPS://WWW.Example.COM:8080/x") == "www.example.com"
    assert host_of("http://[::1") is None


# --------------------------------------------------------------------------- loading errors


def test_loading_a_valid_custom_file(tmp_path: Path) -> None:
    reg = load_registry_file(_write(tmp_path, [_entry()]))
    info = reg.by_name("examplenews")
    assert info is not None and info.id == "example-news"
    assert reg.find_in_text(["© 2025 Example News Ltd"]) is not None


@pytest.mark.parametrize(
    "outlets",
    [
        [_entry(), _entry()],  # duplicate id
        [_entry(), _entry(id="other", name="Other", aliases=[])],  # domain claimed twice
        [_entry(), _entry(id="other", name="Example-News", aliases=[],
                          domains=["other.test"])],  # ambiguous name
        [_entry(state_affiliated=True)],  # no controlling_state
        [_entry(controlling_state="Iran")],  # controlling_state without affiliation
        [_entry(ownership_type="state_controlled")],  # state control implies affiliation
        [_entry(ownership_type="government")],
        [_entry(citations=[])],
        [_entry(citations=[{"url": "http://example-news.test/about", "title": "About"}])],
        [_entry(domains=["www.example-news.test"])],
        [_entry(domains=["https://example-news.test"])],
        [_entry(domains=["Example-News.test"])],
        [_entry(id="Bad Id")],
        [_entry(country="GBR")],
        [_entry(unexpected="field")],
    ],
)
def test_bad_files_raise_config_error(tmp_path: Path, outlets: list[dict]) -> None:
    with pytest.raises(ConfigError):
        load_registry_file(_write(tmp_path, outlets))


def test_unreadable_or_malformed_files_raise_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_registry_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_registry_file(bad)
    with pytest.raises(ConfigError):
        load_registry_file(_write(tmp_path, [_entry()], version=2))


# --------------------------------------------------------------------------- data quality


def test_shipped_data_quality(registry: Registry) -> None:
    data = _raw_data()
    entries = data["outlets"]
    outlets = [e for e in entries if e["kind"] == "outlet"]
    agencies = [e for e in entries if e["kind"] == "agency"]
    assert len(outlets) >= 100 and len(agencies) >= 16
    assert len(registry) == len(entries)

    ids = Counter(e["id"] for e in entries)
    assert [i for i, n in ids.items() if n > 1] == []
    domains = Counter(d for e in entries for d in e["domains"])
    assert [d for d, n in domains.items() if n > 1] == []
    names = Counter(
        key for e in entries for key in {normalize_name(n) for n in [e["name"], *e["aliases"]]}
    )
    assert [n for n, c in names.items() if c > 1] == []

    for e in entries:
        assert e["citations"], e["id"]
        assert all(c["url"].startswith("https://") and c["title"] for c in e["citations"]), e["id"]
        assert e["ownership_type"] in OWNERSHIP_TYPES, e["id"]
        if e["state_affiliated"]:
            assert e["controlling_state"], e["id"]
        if e["ownership_type"] == "public_service":
            assert not e["state_affiliated"] and e["funding_state"], e["id"]
        assert e["domains"] and len(e["country"]) == 2 and e["country_name"], e["id"]

    assert len({e["country"] for e in entries}) >= 40
    assert {e["ownership_type"] for e in entries} == set(OWNERSHIP_TYPES)
    assert {True, False} == {e["state_affiliated"] for e in entries}
    # Coverage of every region the registry claims to cover (a few anchor countries each).
    countries = {e["country"] for e in entries}
    for region in (
        {"US", "CA"}, {"BR", "AR", "MX"}, {"GB", "FR", "DE"}, {"RU"}, {"IR", "IL", "QA", "TR"},
        {"ZA", "NG", "KE"}, {"IN", "PK"}, {"CN", "JP", "KR"}, {"ID", "SG", "PH"}, {"AU", "NZ"},
    ):
        assert region <= countries, region


REQUIRED_AGENCIES = ["Reuters", "AP", "AFP", "dpa", "EFE", "ANSA", "Xinhua", "TASS",
                     "RIA Novosti", "Anadolu", "IRNA", "Kyodo", "Yonhap", "PTI", "UPI", "Bernama"]


@pytest.mark.parametrize("name", REQUIRED_AGENCIES)
def test_major_wire_agencies_are_present(registry: Registry, name: str) -> None:
    info = registry.by_name(name)
    assert info is not None, name
    entry = registry.get(info.id)
    assert entry is not None and entry.kind == "agency"


@pytest.mark.parametrize(
    ("outlet_id", "affiliated", "state"),
    [
        ("presstv", True, "Iran"), ("rt", True, "Russia"), ("sputnik", True, "Russia"),
        ("cgtn", True, "China"), ("xinhua", True, "China"), ("china-daily", True, "China"),
        ("global-times", True, "China"), ("trt-world", True, "Turkey"),
        ("al-jazeera", True, "Qatar"), ("bbc", False, None), ("abc-au", False, None),
        ("nhk", False, None), ("dw", False, None), ("reuters", False, None),
    ],
)
def test_state_affiliation_of_reference_outlets(
    registry: Registry, outlet_id: str, affiliated: bool, state: str | None
) -> None:
    entry = registry.get(outlet_id)
    assert entry is not None
    assert (entry.state_affiliated, entry.controlling_state) == (affiliated, state)
    if not affiliated and entry.ownership_type == "public_service":
        assert entry.funding_state


def test_mirror_domains_of_state_outlets(registry: Registry) -> None:
    presstv = registry.get("presstv")
    assert presstv is not None
    assert {"presstv.ir", "presstv.com", "presstv.co.uk", "presstv.tv"} <= set(presstv.domains)
    rt = registry.get("rt")
    assert rt is not None and "rt.com" in rt.domains and len(rt.domains) > 2
    for host in ("bbc.com", "bbc.co.uk", "aljazeera.com", "aljazeera.net"):
        assert registry.by_domain(host) is not None, host


@given(st.lists(st.integers(0, 300), max_size=12), st.integers(0, 300), st.integers(1, 40))
def test_marker_proximity_matches_the_plain_definition(gaps, start, length):
    from presslens.outlets.registry import _NEAR_AFTER, _NEAR_BEFORE, _Markers
    text = "".join(" " * g + "©" for g in gaps) + " " * 400
    markers = list(re.finditer("©", text))
    name = re.compile(f".{{{length}}}", re.S).match(text, start)
    assert name is not None
    plain = any(m.start() - _NEAR_AFTER <= name.start() and name.end() <= m.end() + _NEAR_BEFORE
                for m in markers)
    assert _Markers(markers).near(name) == plain
