"""The words a reader sees for the warehouse's codes: statuses, tiers, verdict rules and the reasons
a target has no evidence, in plain Chinese.

The codes are the warehouse's (`verdicts.status`, `verdicts.rule`, `verdicts.no_evidence_reason`, the
targets' `tier`); the rules themselves are written once, in `sql/models/verdicts.sql`,
and a test checks that every rule and reason named there has its words here. The pages show these words,
never the codes (a code is kept in the page's markup for whoever queries the warehouse); the CLI, in
English, shows the codes themselves.
"""

from __future__ import annotations

STATUS = {"kept": "兑现", "missed": "未兑现", "no_evidence": "无下文", "pending": "待下一年报告"}
STATUS_COLOR = {"kept": "#1a7f37", "missed": "#cf222e", "no_evidence": "#9a6700", "pending": "#6e7781"}

TIER = {"headline": "主要目标", "commitment": "其他承诺"}

# how a verdict was reached (verdict_judgements_of, and the two rules of a target without a judgement)
RULE = {
    "floor": "下限：实际不低于目标为兑现",
    "floor_approx": "下限（“左右”）：实际不低于目标减去容差为兑现",
    "floor_range": "区间目标：实际不低于区间下限为兑现",
    "ceiling": "上限：实际不高于目标为兑现",
    "ceiling_approx": "上限（“左右”）：实际不高于目标加上容差为兑现",
    "ceiling_range": "区间目标：实际不高于区间上限为兑现",
    "attainment_ratio": "完成年度目标的百分比：达到100%为兑现",
    "explicit_statement": "下一年报告明确表述完成（或未完成）",
    "quota_statement": "下一年报告表述完成（或未完成）上级下达的任务",
    "stated_low": "上限目标：下一年报告表述保持在较低水平",
    "qualitative_state": "定性目标：下一年报告陈述的状态",
    "qualitative_by_figure": "定性目标：以该指标（或其组成部分）的数字判断方向",
    "in_step": "与经济增长同步：与同一报告的经济增速比较",
    "relative_by_reference": "高于平均水平：与参照政府当年的结果比较",
    "relative_statement": "高于平均水平：下一年报告的表述",
    "relative_rank": "排名目标：下一年报告表述的排名",
    "relative_level": "高于往年水平：以增速的正负判断",
    "no_follow_up_report": "下一年报告尚未收录",
    "no_result_stated": "下一年报告没有可以判定的结果",
}

# why a no_evidence verdict has none (verdicts.no_evidence_reason)
REASON = {
    "no_mention": "下一年报告的工作回顾没有提及这一指标",
    "no_comparable_figure": "下一年报告提及了这一指标，但没有可比的数字（口径、单位或年份不同）",
    "other_kind": "下一年报告给出的数字是另一类（如总量而非增速）",
    "no_usable_name": "目标没有可供检索的指标名称",
    "reference_not_held": "报告陈述了本身的增速，但仓库中没有参照政府当年的结果",
    "rank_unstated": "下一年报告没有陈述排名",
    "quota_unstated": "下一年报告没有陈述是否完成上级下达的任务",
}

# why a scorecard shows no kept rate (scorecard.rate_basis)
RATE_BASIS = {
    "judged": "",
    "too_few_judged": "已判定的目标太少，不计算兑现率",
    "none_judged": "没有已判定的目标",
    "pending": "下一年报告尚未收录",
}


def words(table: dict[str, str], code: str | None) -> str:
    """The words for `code`, or the code itself when a newer warehouse has a code these tables lack."""
    if code is None:
        return ""
    return table.get(code, code)
