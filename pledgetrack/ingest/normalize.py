"""The canonical text of a report: what the warehouse stores and every offset points into.

`normalize` is deterministic and idempotent (normalize(normalize(x)) == normalize(x)). Output: one
paragraph per line, paragraphs separated by one blank line ("\\n\\n"), no leading/trailing blank lines.

Decisions (each rule is a table or a regex below):
- Unicode: BOM, zero-width characters and soft hyphens are removed; NBSP, ideographic and other spaces
  become plain spaces; then NFKC (full-width digits/letters become ASCII). Circled numbers (①) become
  "（1）" first, because NFKC would glue them to neighbouring digits; ㎡/m² become 平方米, the register's
  own spelling of the unit.
- Punctuation, one form: prose punctuation is full-width (，：；！？（）). It is kept out of NFKC, and
  half-width `, : ; ! ?` are made full-width, unless they sit between ASCII letters/digits (1,000  9:00
  Rank: 7  http://), where the ASCII form is used; `( )` are full-width unless both neighbours are ASCII
  letters (f(x)). A `.` right after a CJK character that ends a sentence becomes 。. Straight double quotes
  in a paragraph with an even number of them become “…” pairs; curly and single quotes are kept as written.
- Dashes: a run of em dashes / horizontal bars / box-drawing lines (—, ―, ─, ──) is the Chinese dash "——";
  a single dash between two numbers ("2016—2020", "6%－6.5%") is "-" (a range); "一一" used as a dash is
  left alone (it cannot be told from the numeral). Ellipses are "…" / "……" (NFKC turns them into dots).
- Spaces: none inside numbers or between numbers, units and CJK ("2020 年" → "2020年", "1 %" → "1%");
  a space is kept only between two ASCII words/numbers ("Powered by", "X3.4 Licensed"). A gap of 4+ spaces
  inside a line separates two fields (a sign-off "秘书处      2018年1月10日"): it becomes a paragraph break.
- Markdown (#, **, bullets, rules, links), HTML entities and web/forum chrome are removed (`is_chrome`:
  a vocabulary of widget phrases, non-CJK lines that look like phone numbers, times, page numbers or bare
  Latin words, runs of short lines that are mostly chrome, short lines repeated on every page of a PDF,
  and everything before the report's title when the title appears more than once or after chrome). A
  dropped line does not count as a blank line, so a page header inside a sentence does not split it.
- Paragraphs: PDF and web copies break lines in mid-sentence and mid-word. A line break is kept when the
  text before it ends a sentence (。！？：；… or a closing quote after one) or is a heading, title, date or
  speaker line, or when the next line starts a heading, date line or salutation; a short line without a
  sentence end (an unnumbered heading) in the body also ends its paragraph. A line ending in ，、《 or a
  line starting with ，。、》）% continues the paragraph. Otherwise the lines are joined without a separator.
  Judging from the paragraph built so far (not the last line) keeps this idempotent.

Three steps, one module each: the characters (this module), the chrome (`chrome`), the paragraphs
(`paragraphs`, which also tells the title, date, speaker and salutation lines).
"""

from __future__ import annotations

import html
import re
import unicodedata

from pledgetrack.grammar import CJK, CJK_BMP_UNIFIED, CJK_CHAR, PARAGRAPH_BREAK
from pledgetrack.ingest.chrome import drop_chrome, is_chrome, site_identity_phrases
from pledgetrack.ingest.paragraphs import join_paragraphs, one_title

# ---------------------------------------------------------------- before NFKC
_HTML_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#[0-9]{2,5}|#x[0-9a-f]{2,4});")
_REMOVE_CHARS = "\ufeff\u200b\u200c\u200d\u2060\u00ad\u180e\ufffe"
_REMOVE = re.compile(f"[{_REMOVE_CHARS}]")
_WIDE_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))  # NBSP, em space…
_SPACE_CHARS = re.compile(f"[{_WIDE_SPACES}\t\x0b]")
_NEWLINE_CHARS = "\r\u2028\u2029\x85"
_NEWLINES = re.compile("\r\n|\r|\u2028|\u2029|\x85")
_PAGE_BREAK = re.compile("\n?\x0c\n?")  # a form feed between the pages of a PDF's text: a line break, no more
_CIRCLED = {chr(0x2460 + i): f"（{i + 1}）" for i in range(20)}  # ①..⑳
_UNITS = {"㎡": "平方米", "m²": "平方米", "㎢": "平方公里", "km²": "平方公里", "㎞": "公里", "㎏": "公斤"}
_PRE_NFKC = re.compile("|".join(map(re.escape, sorted({**_CIRCLED, **_UNITS}, key=len, reverse=True))))
_PRE_TABLE = {**_CIRCLED, **_UNITS}
_PRE_NFKC_MARKS = frozenset(key[-1] for key in _PRE_TABLE)  # (no key ends in ASCII: ① ㎡ ² …)
# Characters NFKC leaves as they are and that make up nearly all of a report: ASCII, CJK ideographs and
# the CJK punctuation of prose. NFKC is applied only to runs of other characters (see _nfkc); the wide
# punctuation ，：；！？（） is also kept out, and settled by the punctuation rules.
_NFKC_STABLE = "。、“”‘’《》〈〉「」『』【】〔〕—·"
_WIDE = "，：；！？（）"
_NFKC_CHANGES = f"[^\x00-\x7f{CJK_BMP_UNIFIED}{_NFKC_STABLE}{_WIDE}]"
# (X X*, not X+: a pattern that starts with a character class, not a repeat, is scanned for it far faster;
# the same holds for the other runs below)
_NFKC_RUN = re.compile(f"{_NFKC_CHANGES}{_NFKC_CHANGES}*")

# ---------------------------------------------------------------- after NFKC: dashes, ellipses, dots
_DASHES = "\u2014\u2015\u2500\u2501\u2e3a\u2e3b"
_DASH_RUN = re.compile(f"[{_DASHES}][{_DASHES}]*")
# A dash between a number (or %) and a number is "-"; a dash is kept as written elsewhere. The pair of em
# dashes and the single dashes are looked for apart, the number before tested after the dash: from [0-9%]
# the engine would stop at every digit, from two alternatives at every character.
_EM_DASH_RANGE = re.compile("——(?<=[0-9%]——)(?=[0-9])")
_DASH_RANGE = re.compile("[-\u2010-\u2013\u2212](?<=[0-9%].)(?=[0-9])")
_ELLIPSIS = re.compile(r"[.。…](?:(?<=\.)\.{2,}|(?<=。)。{2,}|(?<=…)…*)")
_MIDDLE_DOTS = "\u30fb\u2027\u2219"
_MIDDLE_DOT = re.compile(f"[{_MIDDLE_DOTS}]")
_MATH_SCRIPT = re.compile(r"[$_^]\$?[_^]?\{([^{}\n]{1,12})\}\$?")  # PM_{2.5}, PM$_{2.5}$

# ---------------------------------------------------------------- markdown
_MD_HEADING = re.compile(r"^ *#{1,6} *", re.M)
_MD_RULE = re.compile(r"^ *(?:[-*_=] *){3,}$", re.M)
_MD_BULLET = re.compile(r"^ *(?:[-*+] +|[•●▪■◆◇○] *)", re.M)
# A rule or bullet line starts with one of these: a scan for "\n" (a literal) finds such a line far faster
# than the two patterns above, whose "^" is tried at every character.
_MD_LINE_MARK = re.compile("\n *[-*_=+•●▪■◆◇○]")
_MD_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
# (full-width ！（） count as their ASCII forms: NFKC no longer makes them ASCII first, see _nfkc)
_MD_IMAGE = re.compile(r"[!！]\[[^\]\n]*\][(（][^)）\n]*[)）]")
_MD_LINK = re.compile(r"\[([^\]\n]+)\][(（](?:https?://|/)[^)）\n]*[)）]")

# ---------------------------------------------------------------- punctuation and spaces
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_FULL_TO_HALF = {full: half for half, full in _HALF_TO_FULL.items()}
# The patterns below start with a literal or a class so the regex engine can skip ahead, and match only a
# mark that changes: its neighbours are tested by look-arounds after it (a leading look-behind would make
# every pattern test every character), so no callback runs for the many marks left as they are.
# `(?<![0-9A-Za-z].)` after a mark: the character before it (none at the start) is no ASCII letter/digit.
# A half-width mark is full-width unless it stands between ASCII letters/digits (spaces after it skipped:
# 1,000  9:00  Rank: 7), and a colon before "//" stays.
_PROSE_PUNCT = re.compile(r"[,:;!?](?!(?<=:)//)(?:(?<![0-9A-Za-z].)|(?! *[0-9A-Za-z]))")
_PARENS = re.compile(r"[()](?:(?<![A-Za-z].)|(?![A-Za-z]))")  # unless both neighbours are ASCII letters
# Full-width prose punctuation is left out of NFKC (see _nfkc); it becomes ASCII only where NFKC's ASCII
# form would have been kept by the rules above: between ASCII letters/digits, or a colon before "//".
_WIDE_PUNCT = re.compile(r"[，；！？：](?:(?<=[0-9A-Za-z].)(?= *[0-9A-Za-z])|(?<=：)(?=//))")
_WIDE_PARENS = re.compile(r"[（）](?<=[A-Za-z].)(?=[A-Za-z])")
# Either needs an ASCII letter or digit right before the mark (or "：//"), which few reports have at all.
_ALNUM_THEN_WIDE = re.compile(r"[0-9A-Za-z][，；！？：（）]")
_CJK_FULL_STOP = re.compile(f"\\.(?=$|[{CJK}“])", re.M)
_STRAIGHT_QUOTE = re.compile(r'"([^"\n]*)"')
_WIDE_GAP = re.compile(r" {4,}(?=\S)")
_DECIMAL_GAP = re.compile(r"\. +(?=[0-9])")
# A run of spaces is one space between an ASCII word (or its closing punctuation) and an ASCII word, and
# nothing elsewhere. The pattern matches what goes: a whole run not so placed (the first alternative when
# the character before it is not such a word, the second when the one after it is not), else, tried from
# the run's second space, the rest of the run.
_SPACE_KEPT_AFTER = r"0-9A-Za-z.,;:!?)\]'\"%"
_SPACE_KEPT_BEFORE = r"0-9A-Za-z(\['\""
_DROPPED_SPACES = re.compile(f" (?:(?<![{_SPACE_KEPT_AFTER}] ) *| *(?![ {_SPACE_KEPT_BEFORE}]))")


def normalize(text: str) -> str:
    """The canonical form of a report's text (see the module docstring for every rule)."""
    # (no line starts or ends with a space: the last rule of _clean_text drops every space next to "\n")
    lines = drop_chrome(_clean_text(text).split("\n"))
    paragraphs = one_title(join_paragraphs(lines))
    paragraphs = [_pair_quotes(p) if '"' in p else p for p in paragraphs]
    # Each paragraph is searched only for the site-identity phrases the text holds (no phrase spans the
    # "\n\n" between two paragraphs): most reports have none, a copied wiki page four of the 17.
    site_phrases = site_identity_phrases(PARAGRAPH_BREAK.join(paragraphs))
    return PARAGRAPH_BREAK.join(p for p in paragraphs if not is_chrome(p, site_phrases))


# ---------------------------------------------------------------- step 1: characters


def _clean_text(text: str) -> str:
    """Character-level rules over the whole text at once (one regex pass each, fast)."""
    if _HTML_ENTITY.search(text):
        text = html.unescape(text)  # "&nbsp;", "&ldquo;" left by a careless HTML export
    # A rule whose pattern needs a character the text lacks is skipped: `in` is a fast scan, a regex pass
    # over a report is not, and most reports have no form feed, Markdown or wide gap at all. The rules up
    # to NFKC change mostly characters that NFKC may change: the set of those the text has (none in many
    # reports, a few kinds in the others) tells which can change anything (none of them makes one).
    unstable = set("".join(_NFKC_RUN.findall(text)))
    if not unstable.isdisjoint(_REMOVE_CHARS):
        text = _REMOVE.sub("", text)
    if "\r" in text or not unstable.isdisjoint(_NEWLINE_CHARS):
        text = _NEWLINES.sub("\n", text)
    if "\x0c" in text:
        text = _PAGE_BREAK.sub("\n", text)
    if "\t" in text or "\x0b" in text or not unstable.isdisjoint(_WIDE_SPACES):
        text = _SPACE_CHARS.sub(" ", text)
    if not unstable.isdisjoint(_PRE_NFKC_MARKS):
        text = _PRE_NFKC.sub(lambda m: _PRE_TABLE[m.group()], text)
    if unstable:
        text = _nfkc(text)
        if any(dot in text for dot in _MIDDLE_DOTS):  # (NFKC makes some from other characters)
            text = _MIDDLE_DOT.sub("·", text)
    if _odd_dashes(text):
        text = _DASH_RUN.sub("——", text)
    text = _EM_DASH_RANGE.sub("-", text)
    text = _DASH_RANGE.sub("-", text)
    if "..." in text or "。。。" in text or "………" in text:  # a shorter run is left as it is
        text = _ELLIPSIS.sub(_ellipsis, text)
    if "{" in text:
        text = _MATH_SCRIPT.sub(r"\1", text)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if _MD_LINE_MARK.search("\n" + text):  # (the first line too)
        text = _MD_RULE.sub("", text)
        text = _MD_BULLET.sub("", text)
    if "](" in text or "]（" in text:
        text = _MD_IMAGE.sub("", text)
        text = _MD_LINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    if "    " in text:
        text = _WIDE_GAP.sub(_wide_gap, text)
    if ". " in text:
        text = _DECIMAL_GAP.sub(_decimal_gap, text)
    # The rules that make half-width marks wide come first, so the test before the two others sees every
    # wide mark. (The rules for parentheses and for the other marks leave each other's marks and neighbours
    # alone: the order of the two pairs is free.)
    if any(mark in text for mark in ",:;!?"):
        text = _PROSE_PUNCT.sub(_full_width, text)
    if "(" in text or ")" in text:
        text = _PARENS.sub(_full_width, text)
    if _ALNUM_THEN_WIDE.search(text) or "：//" in text:
        text = _WIDE_PUNCT.sub(_half_width, text)
        text = _WIDE_PARENS.sub(_half_width, text)
    text = _CJK_FULL_STOP.sub(_full_stop, text)
    return _DROPPED_SPACES.sub("", text)


def _nfkc(text: str) -> str:
    """NFKC over the runs of characters it may change, each with the character before it (a combining
    mark composes with the character it follows). The character after a run is ASCII, CJK or CJK
    punctuation, which never composes with what precedes it, so the result is that of NFKC over the whole
    text (a property test in tests/test_normalize.py holds it to that), at a fraction of the cost."""
    pieces, done = [], 0
    for m in _NFKC_RUN.finditer(text):
        start = max(m.start() - 1, done)
        pieces += (text[done:start], unicodedata.normalize("NFKC", text[start : m.end()]))
        done = m.end()
    return "".join(pieces) + text[done:] if pieces else text


def _before(m: re.Match[str]) -> str:
    return m.string[m.start() - 1] if m.start() else "\n"


def _odd_dashes(text: str) -> bool:
    """Has the text a dash run that is not "——" (a dash other than —, a lone — or three or more)?"""
    if any(dash in text for dash in _DASHES[1:]) or "———" in text:
        return True
    return text.count("—") != 2 * text.count("——")  # (in runs of at most two: a lone — is left over)


def _ellipsis(m: re.Match[str]) -> str:
    dots = m.group()
    if dots[0] == "." and _before(m).isdigit():
        return dots
    return "……" if len(dots) >= 6 or dots.count("…") >= 2 else "…"


def _wide_gap(m: re.Match[str]) -> str:
    return m.group() if _before(m) in " \n" else PARAGRAPH_BREAK


def _decimal_gap(m: re.Match[str]) -> str:
    return "." if _before(m).isdigit() else m.group()


def _full_width(m: re.Match[str]) -> str:
    return _HALF_TO_FULL[m.group()]


def _half_width(m: re.Match[str]) -> str:
    return _FULL_TO_HALF[m.group()]


def _full_stop(m: re.Match[str]) -> str:
    return "。" if CJK_CHAR.match(_before(m)) else m.group()


def _pair_quotes(paragraph: str) -> str:
    """Straight double quotes in Chinese prose become “…” when they pair up."""
    if paragraph.count('"') % 2 or not CJK_CHAR.search(paragraph):
        return paragraph
    return _STRAIGHT_QUOTE.sub(r"“\1”", paragraph)
