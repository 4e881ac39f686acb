"""The web page or forum around a report: lines in, the same lines with those of the page's chrome set to
None (widget phrases, non-CJK lines of numbers or Latin words, runs of short lines that are mostly chrome,
running page heads, the page before the title); and `is_chrome`, which also judges whole paragraphs for a
site's identity phrases. The rules are those of `normalize`'s docstring, under "Markdown … chrome".
"""

from __future__ import annotations

import re

from pledgetrack.grammar import CJK_CHAR, HEADING_START
from pledgetrack.ingest.paragraphs import CONTINUES_AFTER, CONTINUES_BEFORE, SALUTATION, is_frame, is_title

_BREADCRUMB_SEPARATOR = re.compile(r"^[>›»/]$")

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


# A site's licence or copyright footer is a few lines; a paragraph longer than this that names the site is the
# report itself (one whose line breaks were lost is a single paragraph of tens of thousands of characters).
SITE_FOOTER_MAX = 1000


def is_chrome(line: str, site_phrases: tuple[str, ...] = ()) -> bool:
    """A line or paragraph of the web page or forum around the report, not of the report.

    Site-identity phrases (维基文库, 公有领域, Powered by …) are judged on whole paragraphs (`site_phrases`:
    those of `site_identity_phrases` to look for), after the lines are joined: a licence footer broken into
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


def site_identity_phrases(text: str) -> tuple[str, ...]:
    """The site-identity phrases in `text`, as written there ("Powered by"): a line of the text holds a
    phrase exactly when it holds one of these strings (`findall` passes over an occurrence only where it
    overlaps one it found, on the same line)."""
    found = _CHROME_STRONG_RE.findall(text)
    if "ublic" in text or "owered" in text:
        found += _CHROME_STRONG_LATIN.findall(text)
    return tuple(dict.fromkeys(found))


def drop_chrome(lines: list[str]) -> list[str | None]:
    """Drop chrome lines, runs of short lines that are mostly chrome, running page headers, and the page
    chrome before the title."""
    chrome = [bool(line) and is_chrome(line) for line in lines]
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
            and not (i > 0 and lines[i - 1] and lines[i - 1][-1] in CONTINUES_AFTER)
            and not (i + 1 < len(lines) and lines[i + 1] and lines[i + 1][0] in CONTINUES_BEFORE)
            and not SALUTATION.match(line)
            and not HEADING_START.match(line)
            and line[-1] not in CONTINUES_AFTER
            and line[0] not in CONTINUES_BEFORE
        ):
            seen.setdefault(line, []).append(i)
    body = next((i for i, line in enumerate(lines) if SALUTATION.match(line) or HEADING_START.match(line)), 0)
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
        if is_frame(line):
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
        if SALUTATION.match(line) or HEADING_START.match(line) or line.endswith("。"):
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


def _in_breadcrumb(lines: list[str], i: int) -> bool:
    """The line stands next to a breadcrumb separator line (">")."""
    return any(0 <= j < len(lines) and bool(_BREADCRUMB_SEPARATOR.match(lines[j])) for j in (i - 1, i + 1))
