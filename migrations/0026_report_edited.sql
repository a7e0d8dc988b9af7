-- Whether a moderator's EDIT replaced the report's text: an APPROVE from a
-- moderator whose notice of the edit has not reached her yet is refused.
-- A flag, no time and no text.
ALTER TABLE reports ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
