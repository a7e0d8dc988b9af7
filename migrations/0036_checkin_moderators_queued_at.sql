-- When a check-in's escalation was queued for the moderators
-- (CHECKIN_FALLBACK=moderators: at its end for a member with no buddy, or
-- once none of her buddies could be reached): their 3 minutes
-- (jobs/checkin-timers.ts) count from it, and a step of the wall clock back
-- moves it as it moves escalated_at, so that she is not told an hour late
-- that none of them was reached. Those queued before are read from their
-- messages.
ALTER TABLE checkins ADD COLUMN moderators_queued_at INTEGER;
UPDATE checkins SET moderators_queued_at = (
  SELECT min(o.created_at) FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
  WHERE c.checkin_id = checkins.id AND c.kind = 'escalation' AND o.member_id IS NOT NULL
) WHERE state = 'escalated';
