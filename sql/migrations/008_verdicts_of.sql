-- This migration once defined the verdict rules as table macros of a set of (region, year) (`verdicts_of`
-- and the macros beneath it), a second copy of the rules of 006. Both copies are now one model,
-- sql/models/verdicts.sql, which migrate makes after the migrations; the version number stays so that
-- every warehouse keeps the same sequence.
SELECT 1;
