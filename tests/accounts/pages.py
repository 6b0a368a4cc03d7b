"""Reading what a person would see on a page."""

import html
import re


def error_summary(response) -> list[str]:
    """The messages in the page's GOV.UK error summary, in order."""
    page = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S)
    if not summary:
        return []
    return [
        html.unescape(re.sub(r"\s+", " ", text).strip())
        for text in re.findall(r"<a [^>]*>(.*?)</a>", summary.group(0), re.S)
    ]


def text_of(response) -> str:
    """The page's text: tags removed, entities decoded, spaces squeezed."""
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()
