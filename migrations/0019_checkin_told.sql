-- Who a check-in's escalation reached, recorded when the messages that
-- carried the details are erased (a day after the escalation) and kept as
-- long as the check-in itself (a week), so that a late OK still tells them
-- and LATER still says who was told. Only that: to_buddy 1 with the buddy's
-- row id (NULL for an escalation from before 0015: any accepted buddy may
-- have heard), or to_buddy 0 for the line's moderators (not which of them).
CREATE TABLE checkin_told (
  checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
  to_buddy   INTEGER NOT NULL,
  buddy_id   INTEGER
);
CREATE INDEX checkin_told_checkin ON checkin_told (checkin_id);
