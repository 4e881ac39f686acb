-- How each part of a report was found, under the name the issue gives it: sections.found_by is 'heading'
-- (a heading line), 'marker' (an opening phrase or the targets cue), 'content' (what the paragraphs say:
-- figures of what happened, aims of this year) or 'fallback' (targets of a report without a targets
-- paragraph: its first paragraph of this year's figures). Sections may now also be of kind
-- 'five_year_goals': the indicators of a five-year plan, kept apart from the year's targets.
ALTER TABLE sections RENAME COLUMN method TO found_by;
