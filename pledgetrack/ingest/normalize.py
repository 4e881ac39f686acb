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
- Markdown (#, **, bullets, rules, links), HTML entities and web/forum chrome are removed (`_is_chrome`:
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
"""

from __future__ import annotations

import html
import re
import unicodedata

from pledgetrack.grammar import (
    CJK,
    CJK_BMP_UNIFIED,
    CJK_CHAR,
    HEADING_MAX,
    HEADING_START,
    LINE_END,
    PARAGRAPH_BREAK,
    SENTENCE_END,
    SENTENCE_OR_SEMICOLON,
)

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

# ---------------------------------------------------------------- paragraph structure
_CLOSERS = "”’」』）)"
_CONTINUES_AFTER = "，、《（“‘—-/+"  # a line ending in these runs on
_CONTINUES_BEFORE = "，。、；：！？）》”’」』%‰…"  # a line starting with these belongs to the previous one
_BRACKETED = re.compile(r"^[（(][^（()）]{1,30}[)）]$")
_TITLE = re.compile(r"政府工作报告|工作报告(?:（[^）]{1,8}）)?$")
_BREADCRUMB_SEPARATOR = re.compile(r"^[>›»/]$")
_YEAR_IN_TITLE = re.compile(r"[0-9]{4}年")
# "省长赵刚作政府工作报告", "殷勇同志作政府工作报告": a photo caption or news line about delivering the
# report, which news sites print under the title; it names the speaker, not the report.
_DELIVERS_REPORT = re.compile(r"[作做](?:了)?(?:政府)?工作报告")
_DASH_DATE = re.compile(r"^——[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日")  # a date line, perhaps broken mid-way
# a whole date line: "——2018年1月16日在…会议上", "2019年1月15日在…会议上", "…审议通过", or a bare date
_DATE_LINE = re.compile(
    rf"^(?:——)?[0-9]{{4}}年[0-9]{{1,2}}月[0-9]{{1,2}}日(?:[^{SENTENCE_END}]{{0,60}}?(?:会议上|会议|通过|讲话))?$"
)
_SPEAKER = re.compile(rf"^[{CJK}]{{0,20}}(?:区长|市长|县长|省长|州长|旗长|盟长|主席|总理)[{CJK}·]{{2,5}}$")
_SALUTATION = re.compile(r"^各位(?:代表|委员)")
_SENTENCE_INSIDE = re.compile(f"[{SENTENCE_OR_SEMICOLON}]")
SHORT_LINE = 40  # an unpunctuated body line this short is a heading, not a broken sentence

# ---------------------------------------------------------------- web / forum chrome
# fmt: off
# Phrases of a site's identity or a forum's machinery: chrome wherever they stand. (One regex of literal
# alternatives finds those a text holds; each paragraph is then searched for these few with `in`.)
_CHROME_STRONG = (
    "设为首页", "收藏本站", "显示全部楼层", "只看该作者", "本帖最后由", "您需要登录", "后才可以回帖",
    "积分规则", "维基文库", "维基百科", "公有领域", "本作品是", "本作品不适用", "POWERED BY", "版权所有",
    "ICP备", "公网安备",
)
_CHROME_STRONG_RE = re.compile("|".join(map(re.escape, _CHROME_STRONG)))
_CHROME_STRONG_LATIN = re.compile("[Pp]ublic [Dd]omain|[Pp]owered [Bb]y")
# Widget labels: chrome on a short line (a report paragraph may say 联系电话 or 责任编辑).
# Every alternative starts with a literal character (Copyright|copyright, not [Cc]opyright): then the regex
# engine skips to the positions that start one, instead of trying all 48 alternatives at every character.
_CHROME_WEAK = re.compile("|".join([
    "加入收藏", "复制链接", "阅读模式", "发表于", r"查看[:：] *\d", r"回复[:：] *\d", "签到天数",
    "每日心情", "立即注册", "客服中心", "在线时间", "在线咨询", "联系电话", "快速回复", "返回顶部",
    "返回列表", "返回首页", "上一篇", "下一篇", "上一主题", "下一主题", "打印本页", "关闭窗口", "分享到",
    "扫一扫", "浏览次数", "点击数[:：]", "阅读数[:：]", "责任编辑", "Copyright", "copyright", "COPYRIGHT",
    "Licensed", "licensed", "网站地图", "联系我们", "免责声明", "当前位置[:：]", "您的位置[:：]", "字号[:：]",
    "来源[:：]", "时间[:：]", "分享[:：]", "阅读量[:：]", "字体[:：]",
    "©", "发布时间[:：]", "发布日期[:：]", "发布机构[:：]", "索引号[:：]", "【打印】",
    "【关闭】",
]))
# Lines that are one widget word and nothing else.
_CHROME_WORDS = frozenset([
    "关闭", "打印", "分享", "收藏", "首页", "主题", "帖子", "积分", "版主", "管理员", "会员", "精华", "金钱",
    "威望", "在线", "离线", "回复", "举报", "评论", "点赞", "登录", "注册", "搜索", "楼主", "沙发", "板凳",
    "推荐", "订阅", "置顶", "上一页", "下一页", "更多",
    "工作报告",  # a news site's column and tag ("政府工作报告" is a title; this alone names no report)
])
# fmt: on
# A line without CJK is chrome when it has Latin words, a phone number, a time, a page number or a URL.
_NON_CJK_CHROME = re.compile(
    r"[A-Za-z]|^[0-9]{3,4}-[0-9]{7,8}$|[0-9]{1,2}:[0-9]{2}|^[-—\s]*[0-9]{1,3}[-—\s]*$|https?://|www\."
)
_PAGE_NUMBER = re.compile(r"^第[0-9]+页(?:共[0-9]+页)?$|^[0-9]+/[0-9]+$")
CHROME_LINE_MAX = 40  # widget phrases only count on short lines; a paragraph may mention a website
CHROME_RUN_LINE = 30  # a "run" of chrome is made of lines this short
RUNNING_HEAD_MIN = 3  # a short line seen this often is a page header or footer


def normalize(text: str) -> str:
    """The canonical form of a report's text (see the module docstring for every rule)."""
    # (no line starts or ends with a space: the last rule of _clean_text drops every space next to "\n")
    lines = _drop_chrome(_clean_text(text).split("\n"))
    paragraphs = _one_title(_join_paragraphs(lines))
    paragraphs = [_pair_quotes(p) if '"' in p else p for p in paragraphs]
    # Each paragraph is searched only for the site-identity phrases the text holds (no phrase spans the
    # "\n\n" between two paragraphs): most reports have none, a copied wiki page four of the 17.
    site_phrases = _site_identity_phrases(PARAGRAPH_BREAK.join(paragraphs))
    return PARAGRAPH_BREAK.join(p for p in paragraphs if not _is_chrome(p, site_phrases))


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


# ---------------------------------------------------------------- step 2: chrome


# A site's licence or copyright footer is a few lines; a paragraph longer than this that names the site is the
# report itself (one whose line breaks were lost is a single paragraph of tens of thousands of characters).
SITE_FOOTER_MAX = 1000


def _is_chrome(line: str, site_phrases: tuple[str, ...] = ()) -> bool:
    """A line or paragraph of the web page or forum around the report, not of the report.

    Site-identity phrases (维基文库, 公有领域, Powered by …) are judged on whole paragraphs (`site_phrases`:
    those of `_site_identity_phrases` to look for), after the lines are joined: a licence footer broken into
    fragments ("本作品是…的", "法律", "、") goes as one.
    """
    if line in _CHROME_WORDS or _PAGE_NUMBER.match(line):
        return True
    if not CJK_CHAR.search(line):
        return bool(_NON_CJK_CHROME.search(line))
    if site_phrases and len(line) <= SITE_FOOTER_MAX and any(phrase in line for phrase in site_phrases):
        return True
    if len(line) > 2 * CHROME_LINE_MAX:
        return False  # a report paragraph; widget labels come alone or in pairs on short lines
    weak = len(_CHROME_WEAK.findall(line))
    if weak >= 2 or (weak and len(line) <= CHROME_LINE_MAX):
        return True
    return "|" in line and len(line) <= CHROME_LINE_MAX


def _site_identity_phrases(text: str) -> tuple[str, ...]:
    """The site-identity phrases in `text`, as written there ("Powered by"): a line of the text holds a
    phrase exactly when it holds one of these strings (`findall` passes over an occurrence only where it
    overlaps one it found, on the same line)."""
    found = _CHROME_STRONG_RE.findall(text)
    if "ublic" in text or "owered" in text:
        found += _CHROME_STRONG_LATIN.findall(text)
    return tuple(dict.fromkeys(found))


def _drop_chrome(lines: list[str]) -> list[str | None]:
    """Drop chrome lines, runs of short lines that are mostly chrome, running page headers, and the page
    chrome before the title."""
    chrome = [bool(line) and _is_chrome(line) for line in lines]
    _mark_chrome_runs(lines, chrome)
    _mark_running_heads(lines, chrome)
    cut = _title_cut(lines, chrome)
    # None, not "": a dropped page header between two halves of a sentence is no paragraph break
    return [None if (i < cut or chrome[i]) else line for i, line in enumerate(lines)]


def _mark_running_heads(lines: list[str], chrome: list[bool]) -> None:
    """A short line repeated page after page on a line of its own (a PDF's running header or footer) is
    dropped, except a first copy before the salutation or first heading (the title of a cover page).
    Salutations ("各位代表！") and numbered headings may repeat, and so may the fragments of a hard-wrapped
    sentence ("《", "纲要", "》的…": lines that hold on to their neighbours)."""
    seen: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if (
            line
            and len(line) <= CHROME_RUN_LINE
            and not (i > 0 and lines[i - 1] and lines[i - 1][-1] in _CONTINUES_AFTER)
            and not (i + 1 < len(lines) and lines[i + 1] and lines[i + 1][0] in _CONTINUES_BEFORE)
            and not _SALUTATION.match(line)
            and not HEADING_START.match(line)
            and line[-1] not in _CONTINUES_AFTER
            and line[0] not in _CONTINUES_BEFORE
        ):
            seen.setdefault(line, []).append(i)
    body = next(
        (i for i, line in enumerate(lines) if _SALUTATION.match(line) or HEADING_START.match(line)), 0
    )
    for where in seen.values():
        if len(where) >= RUNNING_HEAD_MIN:
            for i in where[1:] if where[0] < body else where:
                chrome[i] = True


def _mark_chrome_runs(lines: list[str], chrome: list[bool]) -> None:
    """In a run of short lines (a widget bar, a footer) where most lines are chrome, all of them are."""
    run: list[int] = []
    for i, line in enumerate([*lines, "。" * (CHROME_RUN_LINE + 1)]):
        if not line or (not run and (len(line) > CHROME_RUN_LINE or line.endswith("。"))):
            continue  # no run to close (the common case: a paragraph after a paragraph)
        if _is_frame(line):
            continue  # the report's own title/date/speaker lines are never swept away with the chrome
        if len(line) <= CHROME_RUN_LINE and not line.endswith("。"):
            run.append(i)
            continue
        hits = sum(chrome[j] for j in run)
        if hits >= 2 and hits * 2 >= len(run):
            for j in run:
                chrome[j] = True
        run = []


def _title_cut(lines: list[str], chrome: list[bool]) -> int:
    """Index of the report's title line when everything before it is page chrome, else 0.

    The head ends at the salutation or first heading. A copied web page may repeat the title inside its
    chrome ("[上海] 2024年…政府工作报告"): the last title line of the head is the report's own.
    """
    titles: list[int] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if is_title(line):
            titles.append(i)  # a title repeated by the page (a running head) is still a title line
            continue
        if chrome[i]:
            continue
        if _SALUTATION.match(line) or HEADING_START.match(line) or line.endswith("。"):
            break
    # A breadcrumb ("首页", ">", "政府工作报告", ">", "省政府工作报告") names the site's categories.
    titles = [i for i in titles if not _in_breadcrumb(lines, i)]
    if not titles:
        return 0
    last = titles[-1]
    if len(titles) >= 2 or any(chrome[:last]):
        chrome[last] = False  # the report's own copy of its title stays
        return last
    return 0


# ---------------------------------------------------------------- step 3: paragraphs


def _one_title(paragraphs: list[str]) -> list[str]:
    """A head that states the title twice ("2017年中华人民共和国国务院政府工作报告", then "政府工作报告",
    often hard-wrapped and so a title only once its lines are joined) keeps one: the last that carries a year,
    else the last."""
    head = []
    for i, p in enumerate(paragraphs):
        if _SALUTATION.match(p) or HEADING_START.match(p) or p.endswith("。"):
            break
        if is_title(p):
            head.append(i)
    if len(head) < 2:
        return paragraphs
    dated = [i for i in head if _YEAR_IN_TITLE.search(paragraphs[i])]
    keep = (dated or head)[-1]
    return [p for i, p in enumerate(paragraphs) if i == keep or i not in head]


def _in_breadcrumb(lines: list[str], i: int) -> bool:
    """The line stands next to a breadcrumb separator line (">")."""
    return any(0 <= j < len(lines) and bool(_BREADCRUMB_SEPARATOR.match(lines[j])) for j in (i - 1, i + 1))


def is_title(line: str) -> bool:
    """A report's title line: names the 政府工作报告, short, not a quoted mention nor a sentence, nor a
    caption about someone delivering it."""
    return (
        bool(_TITLE.search(line))
        and len(line) <= 50
        and not line.startswith("《")
        and not any(mark in line for mark in "。，：")
        and not _DELIVERS_REPORT.search(line)
    )


def _is_frame(line: str) -> bool:
    """Title, date line, speaker, salutation or heading: the report's own framing lines."""
    return bool(
        is_title(line)
        or _DASH_DATE.match(line)
        or _DATE_LINE.match(line)
        or _SPEAKER.match(line)
        or _SALUTATION.match(line)
        or HEADING_START.match(line)
    )


# A note in brackets after a sentence's end is still its end: a footnote mark or a page reference of the
# glossary ("…金融服务。（见第2页）", "…目标任务。〔3〕", "…奋斗！[1]").
_TRAILING_NOTE = re.compile(r"[（(〔\[【][^（）()〔〕\[\]【】]{1,8}[)）〕\]】]$")


def _ends_sentence(text: str) -> bool:
    last = text[-1]
    if last in LINE_END:
        return True
    if last in _CLOSERS and len(text) >= 2 and text[-2] in LINE_END:
        return True
    note = _TRAILING_NOTE.search(text) if last in ")）〕]】" else None
    return note is not None and note.start() > 0 and _ends_sentence(text[: note.start()])


def _is_heading(paragraph: str) -> bool:
    """A heading line on its own (numbered and short, or a whole line in brackets)."""
    short = len(paragraph) <= HEADING_MAX
    return short and bool(HEADING_START.match(paragraph) or _BRACKETED.match(paragraph))


def _is_break(paragraph: str, line: str, blanks: int, in_front: bool) -> bool:
    """Is the line break between `paragraph` (so far) and the next `line` a real paragraph break?"""
    if _ends_sentence(paragraph):
        return True
    if paragraph[-1] in _CONTINUES_AFTER or line[0] in _CONTINUES_BEFORE:
        return False
    if (
        _is_heading(paragraph)
        or HEADING_START.match(line)
        or _BRACKETED.match(line)
        or is_title(paragraph)
        or is_title(line)
        or _DATE_LINE.match(paragraph)
        or _DASH_DATE.match(line)
        or _DATE_LINE.match(line)
        or _SPEAKER.match(paragraph)
        or _SPEAKER.match(line)
        or _SALUTATION.match(line)
    ):
        return True
    if blanks == 0 or in_front:
        return False  # a hard-wrapped line, or the header block ("长宁区十六届人大\n\n三次会议文件")
    # an unnumbered heading in the body: short and without a sentence end inside
    return len(paragraph) <= SHORT_LINE and not _SENTENCE_INSIDE.search(paragraph)


def _glue(paragraph: str, line: str) -> str:
    """Join two pieces of one paragraph; Latin words keep a space between them."""
    if paragraph[-1].isascii() and paragraph[-1].isalpha() and line[0].isascii() and line[0].isalpha():
        return paragraph + " " + line
    return paragraph + line


# A copy that puts each paragraph on a line of its own (most web exports) is told from a hard-wrapped one (a
# PDF's lines) by how its lines end: most of its longer lines end a sentence, and it has (almost) no blank
# lines. Its line breaks are read as blank lines are elsewhere, so a short unnumbered heading
# ("2021年工作回顾") stays a paragraph of its own instead of running into the next line.
LINE_PARAGRAPHS_ENDING = 0.6  # share of the longer lines that end a sentence
LINE_PARAGRAPHS_BLANKS = 0.1  # blank lines, as a share of the text's lines, at most
_LONG_LINE = 20


def _lines_are_paragraphs(lines: list[str | None]) -> bool:
    text_lines = [line for line in lines if line]
    blanks = sum(1 for line in lines if line == "")
    long = [line for line in text_lines if len(line) >= _LONG_LINE]
    if not long or blanks > LINE_PARAGRAPHS_BLANKS * len(text_lines):
        return False
    return sum(_ends_sentence(line) for line in long) >= LINE_PARAGRAPHS_ENDING * len(long)


def _join_paragraphs(lines: list[str | None]) -> list[str]:
    """Lines (None: dropped, "": blank) into paragraphs, by `_is_break`."""
    paragraphs: list[str] = []
    current = ""
    blanks = 0
    line_break = 1 if _lines_are_paragraphs(lines) else 0  # what a line break counts for, in blank lines
    in_front = True  # the header block: title, date line, speaker, before any finished sentence
    for line in lines:
        if line is None:
            continue  # dropped chrome: neither text nor a blank line
        if not line:
            blanks += 1
            continue
        if current and _is_break(current, line, max(blanks, line_break), in_front):
            paragraphs.append(current)
            if in_front and (_ends_sentence(current) or _SALUTATION.match(current) or _is_heading(current)):
                in_front = False
            current = line
        else:
            current = _glue(current, line) if current else line
        blanks = 0
    if current:
        paragraphs.append(current)
    return paragraphs
