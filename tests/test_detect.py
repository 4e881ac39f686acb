"""detect_meta, require_meta and the regions catalogue: texts written for these tests, then the corpus."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from pledgetrack.detect import detect_meta, require_meta
from pledgetrack.model import IngestError, ReportMeta
from pledgetrack.normalize import normalize
from pledgetrack.regions import load_regions
from pledgetrack.sections import split_sections
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
    monkeypatch.setenv("PLEDGETRACK_REGIONS", str(extra))
    catalogue = load_regions()
    assert catalogue.get("上海市示范新区") is not None
    assert load_regions(extra) is catalogue
    text = (
        "2019年示范新区政府工作报告\n\n——2019年1月9日在示范新区第一届人民代表大会第二次会议上\n\n各位代表："
    )
    assert detect_meta(normalize(text), catalogue).region == "上海市示范新区"
    monkeypatch.delenv("PLEDGETRACK_REGIONS")
    assert load_regions().get("上海市示范新区") is None


def test_user_csv_with_unknown_parent_is_an_error(tmp_path) -> None:
    extra = tmp_path / "regions.csv"
    extra.write_text("name,parent\n新区,上海\n", encoding="utf-8")  # parent must be the full name 上海市
    with pytest.raises(ValueError, match="parent"):
        load_regions(extra)


def test_missing_user_csv_is_an_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        load_regions(tmp_path / "missing.csv")


# ---------------------------------------------------------------- corpus


@pytest.mark.corpus
def test_corpus_meta(corpus_dir, files_tsv) -> None:
    for row in files_tsv:
        meta = require_meta(detect_meta(normalize((corpus_dir / row["file"]).read_text(encoding="utf-8"))))
        got = (meta.region, meta.year, meta.review_year)
        assert got == (row["region"], int(row["year"]), int(row["review_year"])), row["file"]
        assert meta.title and "政府工作报告" in meta.title


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
