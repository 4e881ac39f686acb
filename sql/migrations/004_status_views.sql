-- This migration created the first views behind `pledgetrack status` (open_quarantine, report_inventory).
-- Views hold no data: they are models now (sql/models/status.sql), made again on every migrate. The number
-- stays so that every warehouse keeps the same sequence.
SELECT 1;
