-- What a relative target is held to (pledgetrack.extract.targets: TargetRow.reference): a reference level
-- ("全市平均水平", "2020年水平"), a rank ("全市前列") or a superior's quota ("省定、市定任务"). NULL for a
-- target with a figure of its own. A relative target is qualitative: it is settled by a statement that it
-- was met, or by the reference's own result where the warehouse holds it.
ALTER TABLE targets ADD COLUMN reference VARCHAR;
