"""The indicator catalogue: a table of written names and the indicator each denotes, plus the CSV rules."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pledgetrack import indicators
from pledgetrack.config import load_settings, use_catalogues
from pledgetrack.indicators import CatalogueError, load_catalogue, read_csv

# (name as written in a report, catalogue id or None)
NAMES = [
    # the same quantity at different scopes
    ("一般公共预算收入", "general_budget_revenue"),
    ("区级一般公共预算收入", "general_budget_revenue"),
    ("地方一般公共预算收入", "general_budget_revenue"),
    ("全区一般公共预算收入", "general_budget_revenue"),
    # its name before the budget law of 2014, still written by counties
    ("一般公共财政预算收入", "general_budget_revenue"),
    ("地方公共财政预算收入", "general_budget_revenue"),
    ("全国财政收入", "fiscal_revenue"),
    ("国家财政收入", "fiscal_revenue"),
    ("全年城镇新增就业", "urban_new_jobs"),
    # the government's own area, whatever its level: 全/本/我 and 国, 省, 州, 盟, 市, 区, 县, 旗
    ("我县一般公共预算收入", "general_budget_revenue"),
    ("本市城镇新增就业", "urban_new_jobs"),
    ("全旗地区生产总值", "gdp"),
    ("我国国内生产总值", "gdp"),
    # measure words after the name
    ("居民消费价格总水平涨幅", "cpi"),
    ("居民消费价格涨幅", "cpi"),
    ("单位增加值综合能耗下降率", "energy_intensity"),
    ("主要污染物排放量削减率", "emissions"),
    ("国内生产总值增长率", "gdp"),
    ("国内生产总值预期增长目标", "gdp"),
    ("商品销售总额增速", "commodity_sales"),
    ("广义货币M2预期增长目标", "money_supply"),
    # spellings of one indicator
    ("农民人均纯收入", "rural_income"),
    ("农村居民家庭人均纯收入", "rural_income"),
    ("新增城镇就业", "urban_new_jobs"),
    ("进出口贸易总额", "trade"),
    ("单位GDP能耗", "energy_intensity"),
    ("能源消耗强度", "energy_intensity"),
    ("PM2.5年平均浓度", "pm25"),
    ("财政赤字占国内生产总值比重", "deficit_ratio"),
    # a different quantity that shares words: never the shorter name's id
    ("中央财政赤字", "central_deficit"),
    ("城镇登记失业人数", "registered_unemployed"),
    ("城镇调查失业率", "surveyed_unemployment_rate"),
    ("人均国内生产总值", None),
    ("生态环保投入占一般公共预算收入比重", None),
    ("中央财政科技投入", None),
    ("房地产价格", None),
    ("养老经费财政投入", None),
    ("一般公共预算支出", None),
    # scope words alone, empty names, decoration
    ("全区", None),
    ("", None),
    ("“国内生产总值”", "gdp"),
]


@pytest.mark.parametrize(("name", "expected"), NAMES)
def test_lookup(name: str, expected: str | None) -> None:
    found = load_catalogue(extra=()).lookup(name)
    assert (found.id if found else None) == expected


def test_builtin_catalogue_is_consistent() -> None:
    catalogue = load_catalogue(extra=())
    assert len(catalogue) >= 60
    for indicator in catalogue:
        assert indicator.name in indicator.aliases
        assert catalogue.lookup(indicator.name) is indicator, indicator.name
        assert indicator.direction in ("floor", "ceiling", None)
    assert catalogue.get("cpi").direction == "ceiling"
    assert catalogue.get("gdp").direction == "floor"


def test_catalogue_is_built_once_per_process() -> None:
    assert load_catalogue(extra=()) is load_catalogue(extra=())


def test_lookup_is_fast_enough_for_a_batch() -> None:
    catalogue = load_catalogue(extra=())
    names = [f"区级一般公共预算收入增速{i}" for i in range(2000)]
    started = time.process_time()
    for name in names:
        catalogue.lookup(name)
    assert time.process_time() - started < 1.0


def test_find_in_gives_offsets() -> None:
    text = "全区一般公共预算收入完成110亿元，居民消费价格上涨2%"
    found = [(i.id, text[a:b]) for i, a, b in load_catalogue(extra=()).find_in(text)]
    assert found == [("general_budget_revenue", "一般公共预算收入"), ("cpi", "居民消费价格")]


def test_global_jieba_is_untouched() -> None:
    import jieba

    load_catalogue(extra=())
    assert "区级一般公共预算收入" not in jieba.dt.FREQ or jieba.dt.FREQ["区级一般公共预算收入"] < 10**6


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.csv"
    path.write_text("id,name,aliases,direction,kinds,units\n" + body, encoding="utf-8")
    return path


def test_user_csv_extends_and_replaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(
        tmp_path,
        "# our district's own indicators\n"
        "tourism_revenue,旅游总收入,旅游收入,floor,growth|level,亿元\n"
        "gdp,地区生产总值,地区生产总值|GDP,floor,growth,%\n",
    )
    # a setting like any other: here from the environment, through config, as the commands read it
    monkeypatch.setattr(indicators, "_configured", ())  # restored after the test
    use_catalogues(load_settings(config_file=None, env={"PLEDGETRACK_INDICATORS": str(path)}))
    catalogue = load_catalogue()
    assert catalogue.lookup("全区旅游总收入增速").id == "tourism_revenue"
    assert catalogue.get("gdp").name == "地区生产总值"
    assert catalogue.lookup("国内生产总值") is None  # the user's row replaced the built-in one
    assert load_catalogue(extra=()).lookup("国内生产总值").id == "gdp"  # the built-in catalogue is intact


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x,名称,,sideways,,\n", "direction 'sideways'"),
        ("x,名称,,floor,growth|speed,\n", "unknown kinds ['speed']"),
        (",名称,,floor,,\n", "id and name are required"),
        ("mine,我的收入,财政收入,floor,,\n", "alias '财政收入' belongs to both"),
    ],
)
def test_bad_user_csv_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(CatalogueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_catalogue(extra=[_write(tmp_path, body)])


def test_missing_columns_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nx,y\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="missing columns"):
        read_csv(bad)
    with pytest.raises(CatalogueError, match="is not a file"):
        load_catalogue(extra=[tmp_path / "nope.csv"])


def test_a_group_names_its_parts() -> None:
    # 主要污染物 is spoken of by its members (the lookup reads them for a qualitative target of the group)
    catalogue = load_catalogue()
    assert set(catalogue.get("emissions").parts) >= {"so2_emissions", "nox_emissions", "cod_emissions"}
    assert catalogue.lookup("氮氧化物排放量").id == "nox_emissions"
    assert catalogue.get("gdp").parts == ()


def test_groups_are_read_upwards() -> None:
    # "各项约束性指标超额完成" speaks of each binding indicator, and of the members of a member
    catalogue = load_catalogue()
    assert [g.id for g in catalogue.groups_of("cod_emissions")] == ["emissions", "binding_indicators"]
    assert [g.id for g in catalogue.groups_of("energy_intensity")] == ["binding_indicators"]
    assert catalogue.groups_of("gdp") == ()
    assert catalogue.lookup("约束性指标").id == "binding_indicators"


def test_parts_must_be_other_indicators(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "id,name,aliases,direction,kinds,units,parts\ngroup,污染物,,ceiling,qualitative,,nowhere|so2_emissions\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"parts \['nowhere'\] are not other indicators"):
        load_catalogue(extra=[path])
