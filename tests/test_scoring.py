"""How predicted rows are matched with gold rows (pledgetrack.scoring)."""

import pytest

from pledgetrack.scoring import gold_verdict, load_gold, match

IDS = {
    "农村贫困人口": "poor",
    "农村贫困人口减少": "poverty_reduction",
    "国内生产总值": "gdp",
    "经济增长": "gdp",
    "一般公共预算收入": "budget",
    "区级一般公共预算收入": "district_budget",
}
FACTORS = {"万人": ("人", 1e4), "人": ("人", 1.0), "%": ("%", 1.0), "亿元": ("元", 1e8), "万元": ("元", 1e4)}


def row(indicator, kind="growth", value=7.0, unit="%", year=2012, region="全国", phrase=""):
    return {
        "region": region,
        "year": year,
        "indicator": indicator,
        "kind": kind,
        "value": value,
        "unit": unit,
        "phrase": phrase or indicator,
    }


@pytest.mark.parametrize(
    ("predicted", "gold", "tp", "fp", "fn"),
    [
        ([row("国内生产总值")], [row("国内生产总值")], 1, 0, 0),
        ([row("经济增长")], [row("国内生产总值")], 1, 0, 0),  # same catalogue id
        ([row("国内生产总值", value=7.5)], [row("国内生产总值")], 0, 1, 1),  # value differs
        ([row("国内生产总值", kind="level")], [row("国内生产总值")], 0, 1, 1),  # kind differs
        ([row("国内生产总值", year=2013)], [row("国内生产总值")], 0, 1, 1),
        (
            [row("城镇新增就业", "level", 1100, "万人")],
            [row("城镇新增就业", "level", 11000000, "人")],
            1,
            0,
            0,
        ),
        ([row("区级一般公共预算收入")], [row("一般公共预算收入")], 0, 1, 1),  # ids tell them apart
        (
            [row("新增养老床位", "level", 300, "张")],
            [row("养老床位", "level", 300, "张")],
            1,
            0,
            0,
        ),  # contained
        ([row("国内生产总值"), row("国内生产总值")], [row("国内生产总值")], 1, 1, 0),  # gold used once
        # the same words are the same fact, whatever the ids say
        (
            [row("农村贫困人口减少", "level", 1000, "万人", phrase="农村贫困人口减少1000万以上")],
            [row("农村贫困人口", "level", 1000, "万人", phrase="农村贫困人口减少1000万以上")],
            1,
            0,
            0,
        ),
        ([row("国际收支", "qualitative", None, None)], [row("国际收支", "qualitative", None, None)], 1, 0, 0),
        ([], [row("国内生产总值")], 0, 0, 1),
    ],
)
def test_match(predicted, gold, tp, fp, fn):
    m = match(predicted, gold, IDS.get, FACTORS.get)
    assert (len(m.pairs), len(m.false_positives), len(m.misses)) == (tp, fp, fn)


def test_scores():
    m = match([row("国内生产总值"), row("x", value=1)], [row("国内生产总值"), row("y", value=2)], IDS.get)
    assert (m.precision, m.recall, m.f1) == (0.5, 0.5, 0.5)


def test_load_gold(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "targets.jsonl").write_text('{"region": "全国", "year": 2012}\n\n', encoding="utf-8")
    (tmp_path / "outcomes.jsonl").write_text('{"region": "全国", "year": 2011}\n', encoding="utf-8")
    gold = load_gold(tmp_path)
    assert len(gold.targets) == 1 and len(gold.outcomes) == 1 and gold.pairs == []
    (tmp_path / "pairs.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        load_gold(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "missing")


@pytest.mark.parametrize(
    ("pair", "target", "outcome", "expected"),
    [
        # a verdict set by hand wins
        ({"verdict": "missed", "outcome_phrase": "目标没有完成"}, {"kind": "growth"}, None, "missed"),
        ({"outcome_phrase": None, "follow_up_source": None}, None, None, "pending"),
        ({"outcome_phrase": None, "follow_up_source": "2016.txt"}, None, None, "no_evidence"),
        ({"outcome_phrase": "国际收支基本平衡"}, {"kind": "qualitative"}, None, "kept"),
        # an outcome without a figure and without a verdict is a favourable statement (as score.py reads it)
        (
            {"outcome_phrase": "居民消费价格涨幅保持较低水平"},
            {"kind": "growth", "value": 3, "unit": "%", "direction": "ceiling", "comparator": "approx"},
            {"kind": "qualitative", "value": None, "unit": None},
            "kept",
        ),
        (
            {"outcome_phrase": "居民消费价格上涨3.4%"},
            {"kind": "growth", "value": 3, "unit": "%", "direction": "ceiling", "comparator": "approx"},
            {"kind": "growth", "value": 3.4, "unit": "%"},
            "kept",
        ),
        (
            {"outcome_phrase": "居民消费价格上涨3.6%"},
            {"kind": "growth", "value": 3, "unit": "%", "direction": "ceiling", "comparator": "at_most"},
            {"kind": "growth", "value": 3.6, "unit": "%"},
            "missed",
        ),
    ],
)
def test_gold_verdict(pair, target, outcome, expected):
    assert gold_verdict(pair, target, outcome, 0.5, 0.05) == expected
