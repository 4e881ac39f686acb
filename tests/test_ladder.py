"""target_ladder: each target beside the same indicator's target of the superior government, same year.

Five short reports written here in the register of real ones (one national report of 2024, and a national,
a provincial, a city and a county report of 2025); the figures are invented."""

from __future__ import annotations

import re

import duckdb
import pytest

from flows.pipeline import pipeline

# the work of the year in every report, without a figure: a report is at least 1,000 characters (the gate)
WORK = """\
三、今年重点工作
（一）着力扩大有效需求。坚持把扩大内需作为战略基点，统筹推进重大项目建设，强化要素保障，加快项目前期工作，推动在建项目早竣工早投产。稳定和扩大传统消费，培育壮大新型消费，优化消费环境，让群众愿消费、敢消费、能消费。
（二）着力推动产业转型升级。坚持创新驱动发展，支持企业加大研发投入，培育高新技术企业和科技型中小企业，推进传统产业数字化改造，发展壮大战略性新兴产业，提升产业链供应链韧性和安全水平。
（三）着力深化改革扩大开放。持续优化营商环境，深化“放管服”改革，推进政务服务“一网通办”，依法平等保护各类经营主体合法权益，稳住外贸外资基本盘，积极参与高质量共建“一带一路”。
（四）着力推进乡村全面振兴。稳定粮食播种面积，加强高标准农田建设，发展乡村特色产业，扎实推进宜居宜业和美乡村建设，健全防止返贫动态监测和帮扶机制，坚决守住不发生规模性返贫底线。
（五）着力保障和改善民生。落实就业优先政策，做好高校毕业生、农民工等重点群体就业工作，办好人民满意的教育，深化医药卫生体制改革，健全多层次社会保障体系，加强和创新社会治理，维护社会大局稳定。
（六）着力加强政府自身建设。坚持依法行政，自觉接受人大依法监督和政协民主监督，深入推进廉洁政府建设，驰而不息纠治“四风”，锲而不舍落实中央八项规定精神，以实干实绩推动各项工作落地见效。
（七）着力加强生态环境保护。深入打好蓝天、碧水、净土保卫战，推进重点行业超低排放改造，加强河湖长制和林长制落实，统筹山水林田湖草沙系统治理，推动绿色低碳发展，让群众身边的环境持续改善。
（八）着力防范化解重大风险。统筹发展和安全，稳妥处置地方债务风险，守住不发生系统性风险底线，压实安全生产责任，加强防灾减灾救灾能力建设，保障人民群众生命财产安全。
各位代表，新的一年任务艰巨、使命光荣。让我们更加紧密地团结起来，坚定信心、真抓实干、奋发有为，为完成全年目标任务而努力奋斗！
"""

REPORTS = {
    "nat.txt": """\
政府工作报告
——2025年3月5日在第十四届全国人民代表大会第三次会议上
国务院总理

各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，国内生产总值增长5%，城镇新增就业1256万人。
二、2025年经济社会发展总体要求和政策取向
今年发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；居民消费价格涨幅2%左右。
""",
    "nat2024.txt": """\
政府工作报告
——2024年3月5日在第十四届全国人民代表大会第二次会议上
国务院总理

各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，国内生产总值增长5.2%。
二、2024年经济社会发展总体要求和政策取向
今年发展的主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1200万人以上；居民消费价格涨幅3%左右。
""",
    "prov.txt": """\
2025年河北省政府工作报告
——2025年1月15日在河北省第十四届人民代表大会第三次会议上
各位代表：
现在，我代表河北省人民政府，向大会报告工作，请予审议。
一、2024年工作回顾
过去一年，全省生产总值增长5.4%，一般公共预算收入增长3.1%。
二、2025年工作安排
今年全省经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长4%；居民消费价格涨幅2%左右；城镇新增就业90万人以上。
""",
    "city.txt": """\
2025年保定市政府工作报告
——2025年1月10日在保定市第十六届人民代表大会第四次会议上
各位代表：
现在，我代表保定市人民政府，向大会报告工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.8%。
二、2025年工作安排
今年全市经济社会发展的主要预期目标是：地区生产总值增长6.5%左右；一般公共预算收入增长5%；居民消费价格涨幅2%左右。
""",
    "county.txt": """\
2025年蠡县政府工作报告
——2025年1月8日在蠡县第十七届人民代表大会第四次会议上
各位代表：
现在，我代表蠡县人民政府，向大会报告工作，请予审议。
一、2024年工作回顾
过去一年，全县地区生产总值增长6.1%。
二、2025年工作安排
今年全县经济社会发展的主要预期目标是：地区生产总值增长7%；一般公共预算收入增长6%；固定资产投资增长10%。
""",
}


@pytest.fixture(scope="module")
def ladder(tmp_path_factory) -> list[tuple]:
    root = tmp_path_factory.mktemp("ladder")
    inbox = root / "inbox"
    inbox.mkdir()
    for name, text in REPORTS.items():
        (inbox / name).write_text(text + WORK, encoding="utf-8")
    db = root / "w.duckdb"
    summary = pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(root / "pages"))
    assert len(summary.loaded) == 5
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT year, region, indicator_id, value, superior_region, superior_value, raised_by "
            "FROM target_ladder"
        ).fetchall()


@pytest.mark.parametrize(
    ("region", "indicator_id", "superior", "value", "superior_value", "raised_by"),
    [
        ("河北省保定市蠡县", "gdp", "河北省保定市", 7.0, 6.5, 0.5),  # county beside its city
        ("河北省保定市蠡县", "general_budget_revenue", "河北省保定市", 6.0, 5.0, 1.0),
        ("河北省保定市", "gdp", "河北省", 6.5, 6.0, 0.5),  # city beside its province
        ("河北省保定市", "cpi", "河北省", 2.0, 2.0, 0.0),
        ("河北省", "gdp", "全国", 6.0, 5.0, 1.0),  # province beside the nation: 地区生产总值 and 国内生产总值
        ("河北省", "cpi", "全国", 2.0, 2.0, 0.0),
    ],
)
def test_each_target_beside_its_superiors(
    ladder, region, indicator_id, superior, value, superior_value, raised_by
):
    assert (2025, region, indicator_id, value, superior, superior_value, raised_by) in ladder


def test_the_ladder_never_pairs_years_amounts_or_strangers(ladder):
    assert {row[0] for row in ladder} == {2025}  # the 2024 national report pairs with nothing of 2025
    assert len(ladder) == 7  # the six above and the city's revenue beside the province's
    assert all(row[2] != "urban_new_jobs" for row in ladder)  # 90万 beside 1200万 is no ambition
    assert not any(row[1] == "河北省保定市蠡县" and row[2] == "fixed_asset_investment" for row in ladder)


def test_a_ladder_page_per_year_and_indicator(ladder, tmp_path_factory):
    pages = sorted(tmp_path_factory.getbasetemp().glob("ladder*/pages"))[-1]
    gdp = (pages / "ladder" / "2025" / "gdp.html").read_text(encoding="utf-8")
    # the county beside its city, the city beside its province, the province beside the nation
    for region, superior in (
        ("河北省保定市蠡县", "河北省保定市"),
        ("河北省保定市", "河北省"),
        ("河北省", "全国"),
    ):
        assert re.search(f">{region}</a></td>.*?<td>{superior}</td>", gdp)
    assert "+0.5" in gdp and "+1" in gdp
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert 'href="ladder/2025/gdp.html"' in index and not (pages / "ladder" / "2024").exists()
