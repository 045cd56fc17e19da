-- An optional coded column never costs a finding (issue 13 point 1), the inspection's kind
-- (检查类型) too: a kind that is none of the codes and synonyms (e.g. 安全生产大检查) is stored as
-- 'other' with the sheet's words here; hazard export writes the words, so that they import back.
ALTER TABLE inspection ADD COLUMN kind_text TEXT;
