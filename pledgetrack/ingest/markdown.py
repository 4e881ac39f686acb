"""Markdown → plain text: the markup goes, every word of the report stays.

In: a Markdown file's decoded text. Out: its text with heading markers, emphasis, link targets, quotes,
bullets, rules and front matter removed (headings stay as lines of their own; tables become tab-separated).
"""

from __future__ import annotations

import re

_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images → their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links → their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|ftp)://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"`+([^`]+?)`+"), r"\1"),  # code spans
    (re.compile(r"<br\s*/?>", re.I), "\n"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)


def markdown_to_text(text: str) -> str:
    """Markdown → plain text: heading markers, emphasis, link targets, quotes, bullets and rules removed.

    Heading markers go (the normalizer strips them too); heading text stays as its own line. Escaped
    characters (\\*) are protected while emphasis is removed, then restored.
    """
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() in ("---", "...")), 0)
        lines = lines[end + 1 :] if end else lines
    out: list[str] = []
    fence = ""
    for raw in lines:
        line = raw.rstrip()
        fence_match = _MD_FENCE.match(line)
        if fence:
            if fence_match and fence_match.group(1) == fence:
                fence = ""
            else:
                out.append(line)
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if _MD_SETEXT.match(line) and out and out[-1].strip():
            out.append("")  # the underline of a setext heading
            continue
        if _MD_RULE.match(line) or _MD_REFDEF.match(line) or _MD_TABLE_RULE.match(line):
            if _MD_RULE.match(line):
                out.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_BULLET.sub("", _MD_QUOTE.sub("", line))
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            line = "\t".join(cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip()[1:-1]))
        out.append(_md_inline(line))
    return _tidy_plain("\n".join(out))


def _md_inline(line: str) -> str:
    escaped: list[str] = []

    def protect(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    line = _MD_ESCAPE.sub(protect, line)
    for pattern, replacement in _MD_INLINE:
        line = pattern.sub(replacement, line)
    return re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], line)


def _tidy_plain(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, none at the ends (indentation kept)."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
