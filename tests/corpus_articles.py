"""Small invented news articles for the ingest tests: two events, each covered by two outlets,
plus a wire copy. All names and places are invented."""

from __future__ import annotations

import json
from pathlib import Path


def _article(headline: str, *paragraphs: str) -> str:
    return "\n\n".join([headline, *paragraphs]) + "\n"


DAM_LEDGER = _article(
    'Dam talks stall as upstream state seeks bigger share',
    'Negotiators from Veridia and Ostrava met in Lakeport on Tuesday to discuss the shared '
    'Kessel dam and the water quotas downstream farmers depend on.',
    '"We will not sign a deal that leaves our fields dry," said Helena Varga, the Ostravan '
    'water minister.',
    'The talks stalled after the Veridian delegation asked for a larger share of the spring '
    'flood, officials said. A spokesperson for the Veridian ministry declined to comment.',
)

DAM_COURIER = _article(
    'Kessel dam negotiations break down in Lakeport',
    'Talks between Veridia and Ostrava over the Kessel dam broke down on Tuesday in Lakeport,'
    ' leaving the spring water quotas unresolved.',
    'Helena Varga, the Ostravan water minister, said her country would not accept a deal that'
    ' left farmers without water. "Our fields cannot wait," she said.',
    'Farmers near the delta said they feared another failed harvest, according to a local '
    "growers' association.",
)

ELECTION_LEDGER = _article(
    'Polls open in Northmark provincial election',
    'Voters in Northmark queued at polling stations on Sunday as the provincial election '
    'opened, with officials expecting turnout above the last vote.',
    '"The lines are long but calm," said Marta Lindqvist, who heads the provincial election '
    'commission.',
    'Counting begins on Sunday evening in Halden, the provincial capital.',
)

ELECTION_COURIER = _article(
    'Northmark votes in closely watched provincial poll',
    'Long lines formed at polling stations across Northmark on Sunday as voters chose a new '
    'provincial assembly.',
    'Election commission chief Marta Lindqvist told reporters that voting was orderly. '
    'Observers from two universities said they had seen few irregularities.',
    'Results are expected from Halden late on Sunday.',
)


def write_folder(root: Path) -> Path:
    """The four articles as files in ``root/news`` (.txt and .html)."""
    folder = root / "news"
    folder.mkdir()
    (folder / "dam-ledger.txt").write_text(DAM_LEDGER, encoding="utf-8")
    (folder / "election-ledger.txt").write_text(ELECTION_LEDGER, encoding="utf-8")
    html = "<html><head><title>{h}</title></head><body><article><h1>{h}</h1>{p}</article>" \
           "</body></html>"
    for name, text in (("dam-courier.html", DAM_COURIER),
                       ("election-courier.html", ELECTION_COURIER)):
        head, *paras = [p for p in text.split("\n\n") if p.strip()]
        body = "".join(f"<p>{p.strip()}</p>" for p in paras)
        (folder / name).write_text(html.format(h=head.strip(), p=body), encoding="utf-8")
    return folder


def records() -> list[dict[str, str]]:
    """Batch records of the four articles, dated and with their outlet given."""
    return [
        {"id": "ledger-dam", "text": DAM_LEDGER, "published": "2026-03-10",
         "outlet": "Lakeport Ledger"},
        {"id": "courier-dam", "text": DAM_COURIER, "published": "2026-03-10",
         "outlet": "Halden Courier"},
        {"id": "ledger-election", "text": ELECTION_LEDGER, "published": "2026-04-05",
         "outlet": "Lakeport Ledger"},
        {"id": "courier-election", "text": ELECTION_COURIER, "published": "2026-04-05",
         "outlet": "Halden Courier"},
    ]


def write_jsonl(path: Path, recs: list[dict[str, str]], *,
                extra_lines: tuple[str, ...] = ()) -> Path:
    """``recs`` as JSONL, followed by ``extra_lines`` verbatim."""
    lines = [json.dumps(r) for r in recs] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
