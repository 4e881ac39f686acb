-- What a relative target (targets.reference, 013) is held to, as the lookup (pledgetrack/extract/lookup.py)
-- read it, on the row of what the follow-up says about it:
--   reference_kind    level (its own level of the year before: "高于2020年水平"), average (another
--                     government's average: "高于全市平均水平"), rank ("进入全市前列") or quota ("完成省定任务");
--                     NULL for a target held to no reference
--   reference_region  for an average or a rank, the government whose result is the reference, from the
--                     regions catalogue ("全市平均水平" of 河北省保定市蠡县: 河北省保定市): the verdict compares
--                     the target's growth with that region's growth of the same indicator in `outcomes`, when
--                     the warehouse holds it (sql/models/verdicts.sql, rule relative_by_reference)
ALTER TABLE evidence ADD COLUMN reference_kind VARCHAR;
ALTER TABLE evidence ADD COLUMN reference_region VARCHAR;
