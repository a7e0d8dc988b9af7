-- A check-in that a restore brought back running (store/restore.ts): she may
-- have ended it with OK after the backup was made, and the line cannot know.
-- The check-in timers' first run after the server starts gives it a grace
-- and asks her (jobs/checkin-restored.ts), then clears the mark; until then
-- neither its reminder nor its end is read.
ALTER TABLE checkins ADD COLUMN restored INTEGER NOT NULL DEFAULT 0;
CREATE INDEX checkins_restored ON checkins (id) WHERE restored = 1;
-- The end she set, when that grace moved due_at later: the escalation names
-- it (how late she is matters). NULL: due_at is the end she set (LATER
-- clears it, as she set that end).
ALTER TABLE checkins ADD COLUMN expected_at INTEGER;
-- The outbox row of the question that grace sent her: the carrier refusing
-- that very text as opted out (21610) is her STOP since the backup, and ends
-- this check-in (store/checkin-stop.ts); any other refusal leaves it running.
ALTER TABLE checkins ADD COLUMN restored_question INTEGER;
