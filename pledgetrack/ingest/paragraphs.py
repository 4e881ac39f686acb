"""A report's lines into paragraphs, and the lines that frame a report: lines in (None for a dropped line,
"" for a blank one), paragraphs out; `is_title` and `is_frame` tell a title, date line, speaker,
salutation or heading. The rules are those of `normalize`'s docstring, under "Paragraphs".
"""

from __future__ import annotations

import re

from pledgetrack.grammar import CJK, HEADING_MAX, HEADING_START, LINE_END, SENTENCE_END, SENTENCE_OR_SEMICOLON

_CLOSERS = "”’」』）)"
CONTINUES_AFTER = "，、《（“‘—-/+"  # a line ending in these runs on
CONTINUES_BEFORE = "，。、；：！？）》”’」』%‰…"  # a line starting with these belongs to the previous one
_BRACKETED = re.compile(r"^[（(][^（()）]{1,30}[)）]$")
_TITLE = re.compile(r"政府工作报告|工作报告(?:（[^）]{1,8}）)?$")
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
SALUTATION = re.compile(r"^各位(?:代表|委员)")
_SENTENCE_INSIDE = re.compile(f"[{SENTENCE_OR_SEMICOLON}]")
SHORT_LINE = 40  # an unpunctuated body line this short is a heading, not a broken sentence


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


def is_frame(line: str) -> bool:
    """Title, date line, speaker, salutation or heading: the report's own framing lines."""
    return bool(
        is_title(line)
        or _DASH_DATE.match(line)
        or _DATE_LINE.match(line)
        or _SPEAKER.match(line)
        or SALUTATION.match(line)
        or HEADING_START.match(line)
    )


def one_title(paragraphs: list[str]) -> list[str]:
    """A head that states the title twice ("2017年中华人民共和国国务院政府工作报告", then "政府工作报告",
    often hard-wrapped and so a title only once its lines are joined) keeps one: the last that carries a year,
    else the last."""
    head = []
    for i, p in enumerate(paragraphs):
        if SALUTATION.match(p) or HEADING_START.match(p) or p.endswith("。"):
            break
        if is_title(p):
            head.append(i)
    if len(head) < 2:
        return paragraphs
    dated = [i for i in head if _YEAR_IN_TITLE.search(paragraphs[i])]
    keep = (dated or head)[-1]
    return [p for i, p in enumerate(paragraphs) if i == keep or i not in head]


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
    if paragraph[-1] in CONTINUES_AFTER or line[0] in CONTINUES_BEFORE:
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
        or SALUTATION.match(line)
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


def join_paragraphs(lines: list[str | None]) -> list[str]:
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
            if in_front and (_ends_sentence(current) or SALUTATION.match(current) or _is_heading(current)):
                in_front = False
            current = line
        else:
            current = _glue(current, line) if current else line
        blanks = 0
    if current:
        paragraphs.append(current)
    return paragraphs
