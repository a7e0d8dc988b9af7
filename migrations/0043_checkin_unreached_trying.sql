-- The outbox row of the notice that told a member her check-in's escalation
-- had reached no one yet, "we're still trying" (jobs/checkin-timers.ts):
-- should all of it then fail for good (a buddy's opt-out, retries run out),
-- she is told once that it reached no one after all, and this is cleared in
-- the same transaction. NULL: nothing of the kind is owed her.
ALTER TABLE checkins ADD COLUMN unreached_trying_notice INTEGER;
CREATE INDEX checkins_unreached_trying ON checkins (id) WHERE unreached_trying_notice IS NOT NULL;
