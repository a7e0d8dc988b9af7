-- Whether the member was told that her check-in's escalation to the
-- moderators (CHECKIN_FALLBACK=moderators: she had no buddy, or none of hers
-- could be reached) reached none of them (jobs/checkin-timers.ts): she is
-- told once per escalation, as unreached_told does for her buddies.
ALTER TABLE checkins ADD COLUMN moderators_unreached_told INTEGER NOT NULL DEFAULT 0;
