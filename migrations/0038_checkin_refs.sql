-- The reference (#K7Q2) a missed check-in's notice to the moderators carries
-- (CHECKIN_FALLBACK=moderators): BLOCK names its sender by it, as a report's,
-- without showing who she is. It outlives the check-in (her OK must not take
-- it back: checkin_id is cleared then), goes with her member row (DELETE),
-- and by retention after a week. Her earlier ones in a day are counted from
-- here: after 3, a shorter notice without her words.
CREATE TABLE checkin_refs (
  ref        TEXT PRIMARY KEY,
  checkin_id INTEGER,
  member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX checkin_refs_checkin ON checkin_refs (checkin_id) WHERE checkin_id IS NOT NULL;
CREATE INDEX checkin_refs_member ON checkin_refs (member_id, created_at);

-- A moderator's SHOW of such a reference, answered through the outbox (over
-- Signal), quotes the check-in's details: its row is linked as 'shown', so
-- that it goes with them (her OK, her DELETE, a day after the escalation).
-- The kind's CHECK widens: the table is rebuilt (no table references it).
CREATE TABLE checkin_messages_new (
  outbox_id  INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
  checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('reminder', 'escalation', 'notice', 'shown')),
  buddy_id   INTEGER
);
INSERT INTO checkin_messages_new (outbox_id, checkin_id, kind, buddy_id) SELECT outbox_id, checkin_id, kind, buddy_id FROM checkin_messages;
DROP TABLE checkin_messages;
ALTER TABLE checkin_messages_new RENAME TO checkin_messages;
CREATE INDEX checkin_messages_checkin ON checkin_messages (checkin_id);
