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
