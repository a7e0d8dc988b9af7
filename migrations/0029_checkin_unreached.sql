-- Whether the member was told that her check-in's escalation reached none
-- of her buddies (jobs/checkin-timers.ts): she is told once per escalation.
ALTER TABLE checkins ADD COLUMN unreached_told INTEGER NOT NULL DEFAULT 0;
CREATE INDEX checkins_unreached ON checkins (id) WHERE state = 'escalated' AND unreached_told = 0;
