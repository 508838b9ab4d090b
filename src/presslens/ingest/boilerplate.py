"""Line-level boilerplate rules shared by the ingest paths: which page furniture a line is.

Owns the families of boilerplate a scraped news page carries around its article — alternate
address notices, app/store/platform lines, social "follow us", subscribe and share prompts,
"Read more"/"Related" headers, copyright, cookie and legal lines, advertisement markers,
navigation words, bare web addresses, reading times, end markers — and the openers of reader
comment sections. Each rule is general (no outlet is named) and is applied only to lines short
enough for it, so a body sentence that mentions cookies or copyright stays body.
"""

from __future__ import annotations

import re

__all__ = ["TERMINAL", "is_comments_opener", "is_platform_line", "line_rule"]

# Characters a finished sentence or quotation ends with.
TERMINAL = tuple('.!?…"”’»\'')

# (rule, pattern, most words a line may have for the rule to apply). Checked in order.
_RULES: tuple[tuple[str, re.Pattern[str], int], ...] = tuple(
    (rule, re.compile(pattern, re.I), words)
    for rule, pattern, words in (
        ("alternate_address_notice",
         r"\bcan (?:also )?be (?:accessed|reached|found|viewed|read)\b.*\b(?:address(?:es)?|"
         r"domains?|mirrors?|links?|urls?|sites?)\b|\balternat(?:e|ive) (?:web ?)?"
         r"(?:address(?:es)?|domains?|urls?|links?|sites?)\b|"
         r"\bmirror (?:sites?|address(?:es)?|domains?)\b", 40),
        ("app_download", r"^(?:download|get|install|try)\b.{0,40}\bapps?\b", 16),
        ("social_follow",
         r"^(?:follow|like|join|find|connect with)\b.{0,60}\b(?:twitter|x|facebook|instagram|"
         r"telegram|youtube|tiktok|linkedin|whatsapp|threads|bluesky|mastodon|social media|"
         r"google news)\b|^follow us\b", 25),
        ("subscribe",
         r"^(?:subscribe|sign up|signup|register now|get our newsletter|newsletter)\b|"
         r"\bsubscribe (?:now|today|to (?:our|the))\b|\bsign up (?:for|to) (?:our|the)\b.{0,40}"
         r"newsletter", 14),
        ("share",
         r"^(?:share (?:this|on|via|the)\b.*|share|tweet|email|print|copy link|comments?|"
         r"\d+ comments?|show comments|leave a comment)$", 8),
        ("read_more",
         r"^(?:read (?:more|also|next|the full story)|also read|see also|more on this(?: story)?|"
         r"must read|don't miss)\b|^(?:related(?: (?:articles?|stories|news|coverage|content|"
         r"topics|posts|links))?|more (?:stories|news|from \S+(?: \S+)?)|recommended(?: for "
         r"you)?|most (?:read|popular|viewed)|trending(?: now)?|you (?:may|might) (?:also )?like|"
         r"top stories|latest news|editor'?s picks?|watch|listen(?: to this article)?|tags|"
         r"topics)\s*(?:[:|\-–—]|$)", 25),
        ("copyright", r"^(?:©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b",
         40),
        ("cookie_notice",
         r"\b(?:we|this (?:web)?site|our (?:web)?site|site) uses? cookies\b|\b(?:accept|reject|"
         r"manage) (?:all )?cookies\b|\bcookie (?:policy|settings|preferences|consent)\b|"
         r"^by (?:using|continuing|clicking|browsing)\b.{0,80}\b(?:agree|consent|accept)", 80),
        ("legal_links",
         r"^(?:privacy policy|terms (?:of|and) (?:use|service|conditions)|contact us|about us|"
         r"imprint|impressum|accessibility|sitemap)(?:\s*[|·•,]\s*.*)?$", 14),
        ("advertisement",
         r"^(?:advertisement|advertising|sponsored(?: content)?|ads?|story continues below"
         r"(?: advertisement)?|scroll (?:down )?to continue(?: reading)?|continue reading"
         r"(?: below)?|article continues (?:below|after advertisement))$", 6),
        ("navigation",
         r"^(?:skip to (?:main )?content|skip navigation|menu|main menu|search|sign in|log in|"
         r"login|my account|toggle navigation|close|back to top|more|live tv|watch live)$", 4),
        ("address_line",
         r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|tv|co|news|info|io|me|"
         r"fm|[a-z]{2})(?:/\S*)?$", 2),
        ("read_time", r"^\d+\s*(?:min(?:ute)?s?)\s+read$", 4),
        ("end_marker", r"^(?:#{3,}|\*{3,}|-+\s*ends?\s*-+|\(?ends?\)?|—\s*ends?\s*—)$", 3),
    )
)
# One pass to rule out most lines before trying the rules one by one.
_ANY_RULE = re.compile("|".join(f"(?:{p.pattern})" for _, p, _ in _RULES), re.I)
# Apps, stores and platforms named on their own in "get us on …" lists (no outlet names).
_PLATFORM = re.compile(
    r"\b(?:app store|google play|play store|apple tv|android(?: tv)?|ios|iphone|ipad|fire tv|"
    r"roku|smart tv|appgallery|app gallery|telegram|whatsapp|youtube|podcasts?|rss|"
    r"newsletter)\b",
    re.I,
)
# The start of a reader-comment section; everything after it is readers, not the article.
_COMMENTS_START = re.compile(
    r"^\d[\d,]*\s+(?:responses?|comments?|replies|thoughts)\s+(?:to|on)\b|"
    r"^(?:leave|post|add|write|submit) a (?:comment|reply)\b|^join the (?:discussion|"
    r"conversation)\b|^comments? (?:are|is) (?:now )?closed\b|^reader comments\b|"
    r"^(?:show|view|load|read|see) (?:all )?(?:\d[\d,]* )?(?:comments|replies)\b",
    re.I,
)


def line_rule(s: str, words: int) -> str | None:
    """Name of the boilerplate rule ``s`` (a cleaned line of ``words`` words) matches, if any."""
    if words > 80:
        return None
    if _ANY_RULE.search(s):
        for rule, pattern, max_words in _RULES:
            if words <= max_words and pattern.search(s):
                return rule
    if words <= 8 and not s.endswith(TERMINAL) and _PLATFORM.search(s):
        return "app_store_line"
    return None


def is_platform_line(s: str, words: int) -> bool:
    """A short line naming apps, stores or platforms ("X News Roku", "App Store | Google Play")."""
    return words <= 8 and bool(_PLATFORM.search(s))


def is_comments_opener(s: str, words: int) -> bool:
    """The first line of a reader-comment section ("34 responses to …", "Leave a reply")."""
    return words <= 20 and bool(_COMMENTS_START.match(s))
