-- Check-ins escalated before the line told a member that her escalation
-- reached no one (0029, 0031), whose every escalation message had already
-- failed for good: she is not told so now, hours late and unasked, nor are
-- the moderators passed a stale escalation (CHECKIN_FALLBACK). One whose
-- escalation still waits in the outbox is told as any, should it fail.
UPDATE checkins SET unreached_told = 1, moderators_unreached_told = 1
WHERE state = 'escalated' AND NOT EXISTS (
  SELECT 1 FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
  WHERE c.checkin_id = checkins.id AND c.kind = 'escalation' AND o.state <> 'failed'
);
