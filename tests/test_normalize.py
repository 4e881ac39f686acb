"""normalize(): a table of input → output in the register of the reports (texts written for these tests)."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from pledgetrack.ingest.normalize import (
    _DASH_RUN,
    _NFKC_STABLE,
    _clean_text,
    _nfkc,
    _odd_dashes,
    normalize,
)
from pledgetrack.ingest.paragraphs import is_title

CASES = [
    # --- characters
    ("nfkc digits", "２０１８年增长７．５％", "2018年增长7.5%"),
    ("bom and zero width", "\ufeff2018年\u200b政府\u200d工作报告", "2018年政府工作报告"),
    ("nbsp between name parts", "虹口区区长\xa0\xa0王明", "虹口区区长王明"),
    ("ideographic indent", "\u3000\u3000全年完成投资100亿元。", "全年完成投资100亿元。"),
    ("circled numbers keep apart from digits", "重点抓好①稳增长2项", "重点抓好（1）稳增长2项"),
    ("square metres", "新增绿地3万㎡。", "新增绿地3万平方米。"),
    ("latex subscript", "PM_{2.5}年平均浓度下降。", "PM2.5年平均浓度下降。"),
    (
        "windows newlines",
        "各位代表：\r\n现在，我代表区人民政府报告工作。",
        "各位代表：\n\n现在，我代表区人民政府报告工作。",
    ),
    # --- punctuation: one form
    (
        "half-width prose punctuation",
        "主要预期目标是:收入增长6%,投资增长5%;实事项目全部完成!",
        "主要预期目标是：收入增长6%，投资增长5%；实事项目全部完成！",
    ),
    ("full-width comma inside a number", "接待1，200人次，比上年增长5％。", "接待1,200人次，比上年增长5%。"),
    ("full-width colon in a time", "开放时间9：00至17：00，全年无休。", "开放时间9:00至17:00，全年无休。"),
    (
        "full-width colon of a url",
        "网址为http：//www.example.gov.cn，欢迎访问",
        "网址为http://www.example.gov.cn，欢迎访问",
    ),
    ("full-width markdown link", "访问[门户网站]（https://www.example.gov.cn）办理。", "访问门户网站办理。"),
    ("full-width markdown image", "详见！[图1]（/img/1.png）全文。", "详见全文。"),
    ("half-width parentheses", "(一)加快转型升级", "（一）加快转型升级"),
    ("parentheses around latin", "峰会由论坛(CF40)主办。", "峰会由论坛（CF40）主办。"),
    ("question mark", "怎么办?我们要迎难而上。", "怎么办？我们要迎难而上。"),
    (
        "decimals, thousands and times stay",
        "每天9:00-18:00开放,接待1,200人次。",
        "每天9:00-18:00开放，接待1,200人次。",
    ),
    ("full stop after cjk", "任务全部完成.下一步继续推进.", "任务全部完成。下一步继续推进。"),
    ("list number keeps its dot", "1.“一网通办”：政务服务平台。", "1.“一网通办”：政务服务平台。"),
    ("straight quotes pair up", '打造"北外滩"和"北中环"两大品牌。', "打造“北外滩”和“北中环”两大品牌。"),
    ("box-drawing dash is the chinese dash", "──2018年1月10日在区人代会上", "——2018年1月10日在区人代会上"),
    ("single em dash becomes the chinese dash", "滨江—苏州河沿线", "滨江——苏州河沿线"),
    ("dash between numbers is a range", "2016—2020年增长6%－6.5%", "2016-2020年增长6%-6.5%"),
    ("ellipsis", "加强教育、卫生、文化......等工作", "加强教育、卫生、文化……等工作"),
    (
        "url keeps its colon",
        "详见www.example.gov.cn或https://example.gov.cn。",
        "详见www.example.gov.cn或https://example.gov.cn。",
    ),
    # --- spaces
    ("space before 年", "2020 年", "2020年"),
    ("date with spaces", "2020 年 1 月 9 日", "2020年1月9日"),
    ("space before unit", "区级财政收入 225.73 亿元", "区级财政收入225.73亿元"),
    ("space before number", "同比增长 0.3%", "同比增长0.3%"),
    ("space before percent", "增长 1 %左右", "增长1%左右"),
    ("space inside decimal", "完成 3. 74 万平方米", "完成3.74万平方米"),
    ("households", "完成旧改征收签约 8000 户以上", "完成旧改征收签约8000户以上"),
    ("spaced-out title", "政 府 工 作 报 告", "政府工作报告"),
    (
        "latin words keep their space",
        "实施“黄浦 AI 增能计划”，引入 Open Data 平台",
        "实施“黄浦AI增能计划”，引入Open Data平台",
    ),
    ("trailing spaces and indentation", "    各位代表：   ", "各位代表："),
    (
        "wide gap separates sign-off fields",
        "区人大三次会议秘书处        2018年1月10日",
        "区人大三次会议秘书处\n\n2018年1月10日",
    ),
    # --- the head of a news or government site's page
    (
        "breadcrumb before the title",
        "某省2026年政府工作报告\n分享:\n首页\n>\n政府信息公开\n>\n政府工作报告\n>\n省政府工作报告\n"
        "某省2026年政府工作报告\n时间：\n2026-02-02 09:20\n来源：\n某省人民政府\n各位代表：",
        "某省2026年政府工作报告\n\n各位代表：",
    ),
    (
        "photo caption about delivering the report is no title",
        "2026年某省政府工作报告\n下载\n打印\n2026年某省政府工作报告\n省长张某作政府工作报告\n各位代表：",
        "2026年某省政府工作报告\n\n省长张某作政府工作报告\n\n各位代表：",
    ),
    (
        "title and a hard-wrapped subtitle: the dated one stays",
        "2019年某某国务院政府工作报告\n\n政府工作报\n告\n\n——2019年3月5日在某会议上\n\n各位代表：",
        "2019年某某国务院政府工作报告\n\n——2019年3月5日在某会议上\n\n各位代表：",
    ),
    # --- markdown
    (
        "markdown headings",
        "# 2019年某区政府工作报告\n\n## 一、2018年工作回顾",
        "2019年某区政府工作报告\n\n一、2018年工作回顾",
    ),
    (
        "markdown emphasis and bullets",
        "- **稳增长**取得实效。\n* 促改革迈出新步伐。",
        "稳增长取得实效。\n\n促改革迈出新步伐。",
    ),
    ("markdown rule", "完成目标任务。\n\n---\n\n一、工作回顾", "完成目标任务。\n\n一、工作回顾"),
    # --- paragraphs broken by PDF conversion
    (
        "mid-word break",
        "经济发展质量和效益进\n\n一步提高，收入增长7%。",
        "经济发展质量和效益进一步提高，收入增长7%。",
    ),
    (
        "number and unit split",
        "完成旧住房改造3.74\n\n万平方米；新增绿地2万平方米。",
        "完成旧住房改造3.74万平方米；新增绿地2万平方米。",
    ),
    (
        "break after a comma",
        "全力打通断点、提升功能，\n\n2.5公里滨江岸线贯通。",
        "全力打通断点、提升功能，2.5公里滨江岸线贯通。",
    ),
    (
        "long line broken mid-phrase",
        "在市政府教育督导室综合督政中，全区各级各类学校办学水平稳步提升，全区\n\n教育工作得到高度评价。",
        "在市政府教育督导室综合督政中，全区各级各类学校办学水平稳步提升，全区教育工作得到高度评价。",
    ),
    (
        "hard-wrapped lines join",
        "中共中央关于制定《\n国民经济和社会发展规划\n》的建议。",
        "中共中央关于制定《国民经济和社会发展规划》的建议。",
    ),
    ("sentence end keeps the break", "收入增长7%。\n\n投资增长5%。", "收入增长7%。\n\n投资增长5%。"),
    (
        "closing quote after a full stop ends",
        "他说：“要干字当头。”\n\n我们要抓落实。",
        "他说：“要干字当头。”\n\n我们要抓落实。",
    ),
    (
        "heading without blank line",
        "（一）坚持稳中求进\n积极应对经济下行压力。",
        "（一）坚持稳中求进\n\n积极应对经济下行压力。",
    ),
    (
        "paragraphs run together",
        "完成全年目标。\n二、今年主要任务\n今年是关键之年。",
        "完成全年目标。\n\n二、今年主要任务\n\n今年是关键之年。",
    ),
    (
        "broken date line and header",
        "某区十五届人大\n\n二次会议文件（3）\n政 府 工 作 报 告\n\n──2019年1月8日在某区第十五届\n\n"
        "人民代表大会第二次会议上\n\n某区区长  李四\n\n各位代表：",
        "某区十五届人大二次会议文件（3）\n\n政府工作报告\n\n——2019年1月8日在某区第十五届人民代表大会第二次会议上\n\n某区区长李四\n\n各位代表：",
    ),
    (
        "unnumbered heading in the body",
        "各位代表：\n\n首先报告去年的工作\n\n\n过去一年，经济平稳增长。",
        "各位代表：\n\n首先报告去年的工作\n\n过去一年，经济平稳增长。",
    ),
    (
        "numbered heading run into its text stays prose",
        "（二）提升依法行政水平，让权力在阳光下规范运行坚持运用法治思维和法治方式推进各项工作，加快构\n\n建权责清晰的运行机制。",
        "（二）提升依法行政水平，让权力在阳光下规范运行坚持运用法治思维和法治方式推进各项工作，加快构建权责清晰的运行机制。",
    ),
    ("blank runs collapse", "第一段。\n\n\n\n\n第二段。\n\n\n", "第一段。\n\n第二段。"),
    ("empty", "", ""),
    ("only spaces", " \u3000\n\n\t", ""),
]

FORUM_PAGE = """返回首页 | 登录 | 注册
当前位置：首页 > 政务公开 > 规划计划
[某市] 2019年某区政府工作报告
发布时间：2019-02-01 10:22:33   浏览次数：1024
楼主
积分
12345

2019年上海市宝山区政府工作报告

——2019年1月10日在上海市宝山区第八届人民代表大会第四次会议上

各位代表：

    现在,我代表区人民政府,向大会报告政府工作,请予审议。

一、2018年工作回顾

    全年区级一般公共预算收入增长 5.1%。

各位代表，让我们团结一心，为建设美好家园而努力奋斗！

【打印】 【关闭】
联系电话：
021-12345678
周一至周五
8:30-17:00
版权所有：某区人民政府  ICP备12345678号
Powered by SomeCMS 3.1
"""

# text of a PDF: hard-wrapped lines, a running header and a page number at each page break
PDF_PAGES = (
    "某区政府工作报告\n各位代表：\n一、2018年工作回顾\n"
    "全年完成全社会固定资产投资，比上年增长百分之五，\n其中城市更新项目投资完成\n"
    "某区人民政府文件\n- 2 -\n\x0c"
    "100亿元。新开工项目20个。\n某区人民政府文件\n- 3 -\n\x0c二、2019年主要任务\n"
    "今年要抓好三件事。\n某区人民政府文件\n第4页\n"
)

WIKI_FOOTER = """为实现全年目标而努力奋斗！



本作品是某国的
法律
、
法规
，属于
公有领域
。

注：维基文库社群认为，
不总是
如此。

Public domain
false
"""


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalize_table(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [c[1] for c in CASES] + [FORUM_PAGE, WIKI_FOOTER, PDF_PAGES],
    ids=[c[0] for c in CASES] + ["forum", "wiki", "pdf"],
)
def test_idempotent(raw: str) -> None:
    once = normalize(raw)
    assert normalize(once) == once


def test_forum_chrome_is_dropped_and_one_title_kept() -> None:
    text = normalize(FORUM_PAGE)
    assert text.startswith("2019年上海市宝山区政府工作报告\n\n——2019年1月10日")
    assert text.endswith("为建设美好家园而努力奋斗！")
    assert text.count("政府工作报告") == 1  # the title, not its copy in the chrome
    for chrome in ("返回首页", "浏览次数", "12345", "ICP", "Powered", "021-", "8:30", "周一至周五", "打印"):
        assert chrome not in text


def test_pdf_running_heads_and_page_numbers_are_dropped() -> None:
    assert normalize(PDF_PAGES) == (
        "某区政府工作报告\n\n各位代表：\n\n一、2018年工作回顾\n\n"
        "全年完成全社会固定资产投资，比上年增长百分之五，其中城市更新项目投资完成100亿元。新开工项目20个。\n\n"
        "二、2019年主要任务\n\n今年要抓好三件事。"
    )


def test_html_entities() -> None:
    assert normalize("打造&ldquo;北外滩&rdquo;品牌&nbsp;&nbsp;2019年") == "打造“北外滩”品牌2019年"


def test_licence_footer_is_dropped_whole() -> None:
    assert normalize(WIKI_FOOTER) == "为实现全年目标而努力奋斗！"


def test_output_is_one_paragraph_per_line() -> None:
    text = normalize(FORUM_PAGE)
    assert "\n\n\n" not in text
    assert all(line for line in text.split("\n\n"))
    assert all(line == line.strip() for line in text.split("\n"))


@pytest.mark.corpus
def test_corpus_idempotent_and_clean(corpus_dir, files_tsv) -> None:
    for row in files_tsv:
        text = normalize((corpus_dir / row["file"]).read_text(encoding="utf-8"))
        assert normalize(text) == text, row["file"]
        assert "\n\n\n" not in text and " \n" not in text and "\ufeff" not in text and "\xa0" not in text
        for chrome in (
            "设为首页",
            "查看：",
            "签到天数",
            "Powered",
            "Licensed",
            "返回顶部",
            "客服中心",
            "公有领域",
        ):
            assert chrome not in text, (row["file"], chrome)


@pytest.mark.corpus
def test_corpus_title_appears_once_at_the_top(corpus_dir, files_tsv) -> None:
    for row in files_tsv:
        raw = (corpus_dir / row["file"]).read_text(encoding="utf-8")
        text = normalize(raw)
        head = text.split("\n\n")[:3]
        # a report exported without its title (counties-unnamed) has none to keep
        fields = (f for line in raw.splitlines()[:40] for f in re.split(r"\s{2,}", line))  # a page's gaps
        titled = any(is_title("".join(field.split())) for field in fields)
        assert sum(map(is_title, head)) == titled, row["file"]


# Characters that NFKC changes, composes or leaves alone, mixed with the register's own: full-width forms,
# combining marks (acute, long solidus, kana voicing), kana, Hangul jamo, a compatibility ideograph,
# ligatures, unit and Roman-numeral signs, super/subscripts, ellipses.
_NFKC_ALPHABET = (
    "aeAZ09,.:;!?()%/ 国区年增长，：；！？（）。、“”《》—·％０９Ａｚ"
    "\u0301\u0338\u3099\u309aかカは\u1100\u1161\u11a8\uf900ﬁ㎡Ⅻ²₂½…‰＝＜éÅ\u212b"
)
_WIDE_TO_ASCII = str.maketrans("，：；！？（）", ",:;!?()")


def test_nfkc_by_runs_is_nfkc_of_the_whole_text() -> None:
    # _nfkc normalizes only the runs of characters NFKC can change and keeps the wide prose punctuation
    # for the punctuation rules: with that punctuation made ASCII it must equal NFKC of the whole text.
    rng = random.Random(20261122)
    for _ in range(20_000):
        text = "".join(rng.choice(_NFKC_ALPHABET) for _ in range(rng.randint(1, 12)))
        assert _nfkc(text).translate(_WIDE_TO_ASCII) == unicodedata.normalize("NFKC", text), repr(text)


def test_characters_kept_out_of_nfkc_are_left_alone_by_it() -> None:
    # _nfkc skips ASCII, CJK ideographs and the listed CJK punctuation: NFKC must map each to itself.
    kept = [chr(c) for c in (*range(0x80), *range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    kept += list(_NFKC_STABLE)
    changed = [c for c in kept if unicodedata.normalize("NFKC", c) != c]
    assert changed == []


_SPACING_ALPHABET = "aZ09,.:;)(['\"%国，。 \u3000\t\n"


def test_no_cleaned_line_starts_or_ends_with_a_space() -> None:
    # normalize splits the cleaned text into lines without stripping them: the space rule must see to it.
    rng = random.Random(20261123)
    for _ in range(20_000):
        text = "".join(rng.choice(_SPACING_ALPHABET) for _ in range(rng.randint(1, 16)))
        lines = _clean_text(text).split("\n")
        assert all(line == line.strip(" ") for line in lines), repr(text)


def test_dash_runs_are_rewritten_only_when_odd_dashes_says_so() -> None:
    rng = random.Random(20261124)
    for _ in range(20_000):
        text = "".join(rng.choice("—――─a1") for _ in range(rng.randint(1, 10)))
        assert _odd_dashes(text) or _DASH_RUN.sub("——", text) == text, repr(text)
