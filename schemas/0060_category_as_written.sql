-- An optional coded column never costs a finding (issue 13 point 1): a 隐患类别 that is none of
-- the four categories nor one of their synonyms (消防安全, 职业健康 …) is stored as the code
-- 'other' with the text as the sheet wrote it in category_text, which lists, `hazard show` and
-- exports show (an export imports back to the same text).
-- SQLite cannot change a CHECK: the column is copied into a new one with the wider CHECK, the
-- old one dropped and the new one renamed (the table keeps its rowids, indexes and the foreign
-- keys that point at it).
ALTER TABLE hazard ADD COLUMN category_code TEXT CHECK (category_code IS NULL OR category_code = 'equipment' OR
  category_code = 'behaviour' OR category_code = 'management' OR category_code = 'environment' OR category_code = 'other');
UPDATE hazard SET category_code = category WHERE category IS NOT NULL;
ALTER TABLE hazard DROP COLUMN category;
ALTER TABLE hazard RENAME COLUMN category_code TO category;
-- The sheet's own words for a category stored as 'other'; NULL otherwise.
ALTER TABLE hazard ADD COLUMN category_text TEXT;
