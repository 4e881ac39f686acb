"""detect_meta, require_meta and the regions catalogue: texts written for these tests, then the corpus.

Its length (about 650 lines) is mostly tables of examples (META_CASES, REGION_CASES, YEAR_CASES,
FORMER_NAME_CASES), one a fact of how reports name their government and year; apart they would only
scatter the rules of one function.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from pledgetrack import regions
from pledgetrack.ingest.detect import REGION_EVIDENCE, YEAR_EVIDENCE, detect_meta, require_meta
from pledgetrack.ingest.manifest import MANIFEST_NAME
from pledgetrack.ingest.normalize import normalize
from pledgetrack.ingest.sections import split_sections
from pledgetrack.model import GivenIdentity, IngestError, ReportMeta
from pledgetrack.regions import Catalogue, Region, load_regions
from tests.conftest import SHANGHAI_DISTRICTS

DISTRICT = """2019年上海市宝山区政府工作报告

——2019年1月10日在上海市宝山区第八届人民代表大会第四次会议上

宝山区区长  张三

各位代表：

现在，我代表宝山区人民政府，向大会报告政府工作，请予审议。

一、2018年工作回顾

全年区级一般公共预算收入完成100亿元，增长5%。

二、2019年主要工作

建议今年全区经济社会发展的主要预期目标是：区级一般公共预算收入增长5%左右。
"""

SPACED_HEADER = """某区十五届人大二次会议文件（3）

政 府 工 作 报 告

──2019年1月8日在徐汇区第十六届

人民代表大会第二次会议上

徐汇区区长  李四

各位代表：

一、2018年工作回顾

过去一年，全区经济稳中有进。

二、2019年主要任务

综合各方面因素，建议今年主要预期目标是：区级财政收入增长6%。

徐汇区十六届人大二次会议秘书处        2019年1月8日
"""

SHORT_NAME_ONLY = """2021年工作报告

——2021年1月6日在静安区第二届人民代表大会第五次会议上

各位代表：

一、2020年工作回顾

全区经济总体平稳。
"""

NATIONAL_OLD = """1999年中华人民共和国国务院政府工作报告

各位代表：

现在，我代表国务院向大会作政府工作报告，请予审议。

一、1998年工作回顾

过去一年，国民经济保持较快增长。

二、1999年的主要任务

今年经济增长预期目标为7%左右。
"""

NATIONAL_NEW = """政府工作报告

——2016年3月5日在第十二届全国人民代表大会第四次会议上

国务院总理  王五

各位代表：

现在，我代表国务院，向大会报告政府工作，请予审议。

一、2015年工作回顾和“十二五”时期发展成就

过去一年，经济运行保持在合理区间。

二、“十三五”时期主要目标任务和重大举措

三、2016年重点工作

今年经济社会发展的主要预期目标是：国内生产总值增长6.5%-7%。
"""

ZHOUSHAN = """2021年普陀区政府工作报告

——2021年1月12日在舟山市普陀区第七届人民代表大会第五次会议上

各位代表：

一、2020年工作回顾

全区渔业经济稳步发展。
"""

SHANGHAI_PUTUO = """2021年普陀区政府工作报告

——2021年1月12日在普陀区第十六届人民代表大会第六次会议上

各位代表：

一、2020年工作回顾

在市委、市政府的领导下，上海西北门户功能进一步增强。
"""

CITY = """杭州市政府工作报告

2019年1月15日在杭州市第十三届人民代表大会第四次会议上

市长  赵六

各位代表：

一、2018年工作回顾

全市生产总值增长6.7%。

二、2019年工作安排

今年经济社会发展的主要预期目标是：全市生产总值增长6.5%左右。
"""

DECEMBER = """2018年12月26日在某县第十七届人民代表大会第三次会议上

各位代表：

现在，我代表嘉定区人民政府报告工作。

一、今年工作回顾

全区经济运行平稳。
"""

FIRST_REPORT = """2002年中华人民共和国国务院政府工作报告

各位代表：

现在，我代表国务院向大会作政府工作报告。

首先报告2001年的工作

新世纪第一年，经济较快增长。

一、扩大内需，促进经济增长

今年拟发行1500亿元长期建设国债。
"""

FORUM = """[上海] 2017年上海市青浦区政府工作报告
发表于 2019-3-25 19:44:57 | 显示全部楼层
积分
2025
2017年上海市青浦区政府工作报告

——2017年1月12日在上海市青浦区第五届人民代表大会第一次会议上

各位代表：

一、2016年工作回顾

全区经济稳中向好。
"""

CHINESE_NUMERALS = """政府工作报告

——二〇一七年十二月二十八日在某县第十六届人民代表大会第二次会议上

各位代表：

现在，我代表崇明区人民政府报告工作。

一、二〇一七年工作回顾

全区生态建设稳步推进。
"""

NO_REGION = """2018年政府工作报告

各位代表：

一、2017年工作回顾

过去一年，我们做了大量工作。
"""

NO_YEAR = """上海市杨浦区政府工作报告

各位代表：

现在，我代表杨浦区人民政府，向大会报告政府工作。

一、过去一年工作回顾

全区经济平稳。
"""

# fmt: off
META_CASES = [
    # name, text, region, year, review_year, delivered_on, speaker, title (None: not checked)
    ("district", DISTRICT, "上海市宝山区", 2019, 2018, dt.date(2019, 1, 10), "张三",
     "2019年上海市宝山区政府工作报告"),
    ("spaced header", SPACED_HEADER, "上海市徐汇区", 2019, 2018, dt.date(2019, 1, 8), "李四", "政府工作报告"),
    ("short district name", SHORT_NAME_ONLY, "上海市静安区", 2021, 2020, dt.date(2021, 1, 6), None,
     "2021年工作报告"),
    ("national old", NATIONAL_OLD, "全国", 1999, 1998, None, None,
     "1999年中华人民共和国国务院政府工作报告"),
    ("national new", NATIONAL_NEW, "全国", 2016, 2015, dt.date(2016, 3, 5), "王五", "政府工作报告"),
    ("shared name, zhoushan", ZHOUSHAN, "浙江省舟山市普陀区", 2021, 2020, dt.date(2021, 1, 12), None, None),
    ("shared name, shanghai", SHANGHAI_PUTUO, "上海市普陀区", 2021, 2020, dt.date(2021, 1, 12), None, None),
    ("city", CITY, "浙江省杭州市", 2019, 2018, dt.date(2019, 1, 15), "赵六", "杭州市政府工作报告"),
    ("december delivery", DECEMBER, "上海市嘉定区", 2019, 2018, dt.date(2018, 12, 26), None, None),
    ("chinese numerals", CHINESE_NUMERALS, "上海市崇明区", 2018, 2017, dt.date(2017, 12, 28), None, None),
    ("first report style", FIRST_REPORT, "全国", 2002, 2001, None, None, None),
    ("forum chrome", FORUM, "上海市青浦区", 2017, 2016, dt.date(2017, 1, 12), None,
     "2017年上海市青浦区政府工作报告"),
]
# fmt: on


def _meta(raw: str) -> ReportMeta:
    return detect_meta(normalize(raw))


@pytest.mark.parametrize(
    ("raw", "region", "year", "review_year", "delivered_on", "speaker", "title"),
    [c[1:] for c in META_CASES],
    ids=[c[0] for c in META_CASES],
)
def test_detect_meta(raw, region, year, review_year, delivered_on, speaker, title) -> None:
    meta = _meta(raw)
    assert (meta.region, meta.year, meta.review_year) == (region, year, review_year)
    assert meta.delivered_on == delivered_on
    assert meta.speaker == speaker
    if title is not None:
        assert meta.title == title


@pytest.mark.parametrize(
    ("raw", "code"), [(NO_REGION, "no_region"), (NO_YEAR, "no_year")], ids=["region", "year"]
)
def test_require_meta_rejects(raw: str, code: str) -> None:
    meta = _meta(raw)
    with pytest.raises(IngestError) as error:
        require_meta(meta)
    assert error.value.code == code
    assert len(error.value.reason) > 30  # a sentence, not a code


def test_require_meta_passes_complete_meta() -> None:
    meta = _meta(DISTRICT)
    assert require_meta(meta) is meta


def test_empty_text_has_no_facts() -> None:
    assert detect_meta("") == ReportMeta(None, None, None, None)


# ---------------------------------------------------------------- regions catalogue


@pytest.mark.parametrize("district", SHANGHAI_DISTRICTS)
def test_every_shanghai_district(district: str) -> None:
    name = district if district.endswith("区") else district + "区"
    regions = [r for r in load_regions().named(name) if r.parent == "上海市"]
    assert [r.full_name for r in regions] == ["上海市" + name]


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("上海", "上海市"),
        ("广东", "广东省"),
        ("广西", "广西壮族自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("新疆", "新疆维吾尔自治区"),
    ],
)
def test_province_short_names(short: str, full: str) -> None:
    assert [r.full_name for r in load_regions().named(short) if r.level == "province"] == [full]


def test_catalogue_has_country_and_31_provinces() -> None:
    catalogue = load_regions()
    assert catalogue.get("全国") is not None
    assert len([r for r in catalogue.by_full_name.values() if r.level == "province"]) == 31


def test_full_name_is_the_parent_chain() -> None:
    catalogue = load_regions()
    region = catalogue.get("浙江省杭州市西湖区")
    assert region is not None and [a.full_name for a in catalogue.ancestors(region)] == [
        "浙江省杭州市",
        "浙江省",
    ]


def test_catalogue_is_cached() -> None:
    assert load_regions() is load_regions()


def test_user_csv_extends_catalogue(tmp_path, monkeypatch) -> None:
    extra = tmp_path / "regions.csv"
    extra.write_text("# my regions\nname,parent,aliases\n示范新区,上海市,示范\n", encoding="utf-8")
    monkeypatch.setattr(regions, "_configured", ())  # restored after the test
    regions.configure([extra])
    catalogue = load_regions()
    assert catalogue.get("上海市示范新区") is not None
    assert load_regions(extra) is catalogue
    text = (
        "2019年示范新区政府工作报告\n\n——2019年1月9日在示范新区第一届人民代表大会第二次会议上\n\n各位代表："
    )
    assert detect_meta(normalize(text), catalogue).region == "上海市示范新区"
    regions.configure([])
    assert load_regions().get("上海市示范新区") is None


def test_user_csv_with_unknown_parent_is_an_error(tmp_path) -> None:
    extra = tmp_path / "regions.csv"
    extra.write_text("name,parent\n新区,上海\n", encoding="utf-8")  # parent must be the full name 上海市
    with pytest.raises(ValueError, match="parent"):
        load_regions(extra)


def test_missing_user_csv_is_an_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        load_regions(tmp_path / "missing.csv")


# ---------------------------------------------------------------- who: the strongest evidence


def _front_text(*lines: str) -> str:
    """A short report: the given front lines, then a review and a plan (2019 unless a line says otherwise)."""
    body = "一、过去一年工作回顾\n\n全县经济平稳。\n\n二、今年主要任务\n\n主要预期目标是：生产总值增长6%。"
    return "\n\n".join([*lines, body])


# fmt: off
REGION_CASES = [
    # name, front lines, region, how it was found
    ("title names the county",
     ("2020年定兴县政府工作报告", "各位代表：", "现在，我代表县人民政府向大会报告工作。"),
     "河北省保定市定兴县", "title"),
    ("title beats the capital named in the front",
     ("2019年西湖区政府工作报告", "杭州市人民政府", "各位代表：", "在杭州市人民政府的领导下，全区经济平稳。"),
     "浙江省杭州市西湖区", "title"),
    ("on behalf of a numbered government",
     ("各位代表：", "现在，我代表容城县第十四届人民政府，向大会报告2007年换届以来的工作。"),
     "河北省保定市容城县", "delivering_government"),
    ("on behalf of the county government",
     ("各位代表：", "现在，我代表蠡县人民政府，向大会作政府工作报告。"),
     "河北省保定市蠡县", "delivering_government"),
    ("the congress of the date line",
     ("2010年2月4日在徐水县第十四届人民代表大会第四次会议上", "各位代表：", "我代表县人民政府报告工作。"),
     "河北省保定市徐水县", "delivering_government"),
    ("the speaker line, a garbled name after the office",
     ("政府工作报告", "定兴县人民政府县长？？吴？？鹏", "各位代表："),
     "河北省保定市定兴县", "delivering_government"),
    ("a session header",
     ("长宁区十六届人大三次会议文件（11）", "政府工作报告", "各位代表："),
     "上海市长宁区", "delivering_government"),
    ("the delivering government beats the city named in passing",
     ("（2022年1月27日在博野县十八届人民代表大会第二次会议上）", "县长许喆", "各位代表：",
      "现在，我代表县人民政府向大会作工作报告。在保定市委、保定市人民政府的坚强领导下，在保定市人民政府的"
      "支持下，在保定市人民政府的关怀下，保定市人民政府的帮助下，我们做了大量工作。"),
     "河北省保定市博野县", "delivering_government"),
    ("a name before 人民政府 elsewhere in the front",
     ("各位代表：", "一年来，顺平县人民政府坚持稳中求进。"),
     "河北省保定市顺平县", "anchor"),
    ("a county that names itself nowhere",
     ("各位代表：", "现在，我代表县人民政府，向大会报告工作。在保定市委的领导下，我们做了大量工作。"),
     None, None),
]
# fmt: on


@pytest.mark.parametrize(
    ("lines", "region", "found_by"), [c[1:] for c in REGION_CASES], ids=[c[0] for c in REGION_CASES]
)
def test_region_from_the_strongest_evidence(lines, region, found_by) -> None:
    meta = _meta(_front_text(*lines))
    assert (meta.region, meta.region_found_by) == (region, found_by)


# fmt: off
YEAR_CASES = [
    # name, front lines, year, how it was found, delivery date
    ("title", ("2020年定兴县政府工作报告", "各位代表："), 2020, "title", None),
    ("bracketed date line",
     ("政府工作报告", "——在阜平县第十七届人民代表大会第一次会议上", "（2017年2月26日）", "各位代表："),
     2017, "date_line", dt.date(2017, 2, 26)),
    ("single dash before the date",
     ("政府工作报告", "—2021年2月5日在博野县第十七届人民代表大会第五次会议上", "各位代表："),
     2021, "date_line", dt.date(2021, 2, 5)),
    ("a december delivery is for next year",
     ("2018年12月26日在某县第十七届人民代表大会第三次会议上", "各位代表："),
     2019, "date_line", dt.date(2018, 12, 26)),
    ("a page's posting date above the title is not the report's",
     ("2023年1月24日", "政府工作报告", "（2020年1月9日在定兴县第十五届人民代表大会第四次会议上）"),
     2020, "date_line", dt.date(2020, 1, 9)),
    ("a posting stamp with a time is no date line",
     ("2023年1月24日10:32", "各位代表："), None, None, None),
]
# fmt: on


@pytest.mark.parametrize(
    ("lines", "year", "found_by", "delivered_on"),
    [c[1:] for c in YEAR_CASES],
    ids=[c[0] for c in YEAR_CASES],
)
def test_year_and_how_it_was_found(lines, year, found_by, delivered_on) -> None:
    body = "各位代表：\n\n一、过去一年工作回顾\n\n全县经济平稳。\n\n二、今年主要任务\n\n今年全力稳增长。"
    meta = _meta("\n\n".join([*lines, body]))
    assert (meta.year, meta.year_found_by, meta.delivered_on) == (year, found_by, delivered_on)


def test_year_from_the_headings() -> None:
    plan = _meta(_front_text("各位代表：").replace("今年主要任务", "2019年主要任务"))
    review = _meta(_front_text("各位代表：").replace("过去一年工作回顾", "2018年工作回顾"))
    assert (plan.year, plan.year_found_by) == (2019, "plan_heading")
    assert (review.year, review.year_found_by, review.review_year) == (2019, "review_heading", 2018)


def test_footer_titles_of_other_reports_are_no_review_heading() -> None:
    """A news page's footer lists other reports ("东阿县2020年政府工作报告") and tags
    ("2022年2019年政府信息公开"): neither is the review heading of a 2023 report."""
    text = (
        _front_text("2023年高唐县政府工作报告", "各位代表：")
        + "\n\n相关文章\n\n东阿县2020年政府工作报告\n\n2022年2019年政府信息公开"
    )
    meta = _meta(text)
    assert (meta.year, meta.review_year) == (2023, 2022)


# ---------------------------------------------------------------- web-page chrome before the title

COUNTY_PAGE = """工作报告
2020年定兴县政府工作报告
时间：2023-01-24????\t\t\t\t作者：中国县域????\t\t来源：政府官网????\t\t阅读：
229
评论：
0
内容摘要：
政 府 工 作 报 告（2020年1月9日在定兴县第十五届人民代表大会第四次会议上）定兴县人民政府县长各位代表：......
政 府 工 作 报 告
（2020年1月9日在定兴县第十五届人民代表大会第四次会议上）
定兴县人民政府县长?? 吴?? 鹏
各位代表：
现在，我代表定兴县人民政府，向大会报告工作，请予审议。
一、2019年工作回顾
在保定市委、保定市人民政府的坚强领导下，全县经济平稳，保定市各项工作稳步推进。
二、2020年主要任务
主要预期目标是：生产总值增长7%。
"""
UNTITLED_PAGE = """工作报告
时间：2023-01-24    作者：中国县域    来源：政府官网    阅读：
229
评论：
0
（2022年1月27日在博野县十八届人民代表大会第二次会议上）
县长许喆
各位代表：
现在，我代表县人民政府向大会作工作报告。在保定市委、保定市人民政府的坚强领导下，我们做了大量工作。
一、2021年工作回顾
全县经济平稳，保定市、保定市人民政府。
二、2022年主要任务
主要预期目标是：生产总值增长7%。
"""


@pytest.mark.parametrize(
    ("raw", "title", "region", "year", "delivered_on"),
    [
        (COUNTY_PAGE, "政府工作报告", "河北省保定市定兴县", 2020, dt.date(2020, 1, 9)),
        (UNTITLED_PAGE, None, "河北省保定市博野县", 2022, dt.date(2022, 1, 27)),
    ],
    ids=["page title, then the report's own", "a site's column line, no title"],
)
def test_page_chrome_before_the_title_is_skipped(raw, title, region, year, delivered_on) -> None:
    text = normalize(raw)
    assert "工作报告\n\n" not in text[:5] and "时间：" not in text and "阅读" not in text
    meta = detect_meta(text)
    assert (meta.title, meta.region, meta.year, meta.delivered_on) == (title, region, year, delivered_on)


# ---------------------------------------------------------------- former divisions

# fmt: off
FORMER_NAME_CASES = [
    # the name in the text, the report's year, the region it is filed under, its code
    ("徐水县", 2012, "河北省保定市徐水县", "130625"),
    ("徐水区", 2019, "河北省保定市徐水区", "130609"),
    ("徐水", 2012, "河北省保定市徐水县", "130625"),  # a short name: the division of that year
    ("徐水", 2019, "河北省保定市徐水区", "130609"),
    ("清苑县", 2014, "河北省保定市清苑县", "130622"),
    ("满城区", 2016, "河北省保定市满城区", "130607"),
    ("闸北区", 2014, "上海市闸北区", "310108"),
    ("静安区", 2017, "上海市静安区", "310106"),
]
# fmt: on


@pytest.mark.parametrize(("name", "year", "region", "code"), FORMER_NAME_CASES)
def test_former_divisions_by_year(name: str, year: int, region: str, code: str) -> None:
    meta = _meta(_front_text(f"{year}年{name}政府工作报告", "各位代表："))
    assert (meta.region, meta.year, meta.region_code) == (region, year, code)


@pytest.mark.parametrize(
    ("full_name", "year", "valid"),
    [
        ("河北省保定市徐水县", 2015, True),  # the year of the change: both names
        ("河北省保定市徐水区", 2015, True),
        ("河北省保定市徐水县", 2016, False),
        ("河北省保定市徐水区", 2014, False),
        ("上海市卢湾区", 2011, True),
        ("上海市卢湾区", 2012, False),
        ("上海市黄浦区", 1990, True),  # no years: always
    ],
)
def test_years_of_validity(full_name: str, year: int, valid: bool) -> None:
    region = load_regions().get(full_name)
    assert region is not None and region.valid_in(year) is valid


def test_a_short_name_before_a_level_word_is_another_name() -> None:
    """Were 徐水县 missing from the catalogue, "徐水县" in a title is still not 徐水区 (short name 徐水)."""
    catalogue = Catalogue(
        [
            Region("河北省", "河北省", "province", "全国"),
            Region("河北省徐水区", "徐水区", "county", "河北省", ("徐水",)),
        ]
    )
    assert catalogue.names_in("2012年徐水县政府工作报告") == []
    assert catalogue.names_in("2019年徐水区政府工作报告") == ["徐水区"]
    assert catalogue.names_in("2019年徐水政府工作报告") == ["徐水"]


def test_user_csv_with_years_of_validity(tmp_path) -> None:
    extra = tmp_path / "regions.csv"
    extra.write_text(
        "name,parent,aliases,code,valid_from,valid_to\n旧城县,河北省保定市,旧城,130699,,2010\n",
        encoding="utf-8",
    )
    region = load_regions(extra).get("河北省保定市旧城县")
    assert region is not None and (region.code, region.valid_from, region.valid_to) == ("130699", None, 2010)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,parent,valid_to\n旧城县,河北省保定市,2010年\n", encoding="utf-8")
    with pytest.raises(ValueError, match="valid_to"):
        load_regions(bad)


# ---------------------------------------------------------------- a manifest decides


def test_given_identity_wins_and_the_text_is_kept() -> None:
    text = normalize(_front_text("2019年徐水区政府工作报告", "各位代表："))
    given = GivenIdentity("河北省保定市徐水县", 2015, "transition", "m.csv, line 2")
    meta = detect_meta(text, given=given)
    assert (meta.region, meta.year, meta.review_year, meta.region_code) == (
        "河北省保定市徐水县",
        2015,
        2014,
        "130625",
    )
    assert (meta.region_found_by, meta.year_found_by, meta.report_kind) == (
        "manifest",
        "manifest",
        "transition",
    )
    assert (meta.detected_region, meta.detected_year) == ("河北省保定市徐水区", 2019)
    agreeing = detect_meta(text, given=GivenIdentity("河北省保定市徐水区", 2019))
    assert (agreeing.detected_region, agreeing.detected_year, agreeing.region_found_by) == (
        None,
        None,
        "manifest",
    )


def test_no_region_reason_points_to_a_manifest() -> None:
    with pytest.raises(IngestError, match="manifest"):
        require_meta(_meta(NO_REGION))


# ---------------------------------------------------------------- corpus


@pytest.mark.corpus
def test_corpus_meta(corpus_dir, files_tsv) -> None:
    """Every report that names itself is found under files.tsv's region and year (those of a folder with a
    manifest.csv do not: tests/test_manifest.py loads them with it)."""
    for row in files_tsv:
        if (corpus_dir / row["file"]).with_name(MANIFEST_NAME).exists():
            continue
        meta = require_meta(detect_meta(normalize((corpus_dir / row["file"]).read_text(encoding="utf-8"))))
        got = (meta.region, meta.year, meta.review_year)
        assert got == (row["region"], int(row["year"]), int(row["review_year"])), row["file"]
        assert meta.title is None or "政府工作报告" in meta.title, row["file"]  # some copies have no title
        assert meta.region_found_by in REGION_EVIDENCE and meta.year_found_by in YEAR_EVIDENCE


@pytest.mark.corpus
def test_corpus_dates_and_speakers(corpus_dir) -> None:
    expected = {
        "seeds/001_2d19162b22fddcbb.txt": (dt.date(2024, 1, 17), "吕鸣"),
        "seeds/002_506680e8e9304b82.txt": (dt.date(2018, 1, 16), None),
        "seeds/003_7c050edddbe7abd9.txt": (dt.date(2020, 1, 9), None),
        "seeds/004_8b03acbbd24002e3.txt": (dt.date(2018, 1, 10), "顾洪辉"),
        "seeds/000_6b575947ea1a2fe5.txt": (None, None),
    }
    for name, (date, speaker) in expected.items():
        meta = detect_meta(normalize((corpus_dir / name).read_text(encoding="utf-8")))
        assert (meta.delivered_on, meta.speaker) == (date, speaker), name


@pytest.mark.corpus
def test_corpus_ingestion_text_half_is_fast(corpus_dir, files_tsv) -> None:
    """Normalizing, detecting and splitting all corpus reports takes well under a second of CPU."""
    texts = [(corpus_dir / row["file"]).read_text(encoding="utf-8") for row in files_tsv]
    load_regions()  # loaded once per process, not per report
    start = time.process_time()
    for raw in texts:
        text = normalize(raw)
        split_sections(text, detect_meta(text).year)
    assert time.process_time() - start < 1.0
