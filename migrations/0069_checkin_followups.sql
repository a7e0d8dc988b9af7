-- Two check-in follow-ups that must neither be lost nor doubled.
--
-- The copies of one all-clear (a late OK's word to a buddy) share a pair:
-- the id of the first row queued for that buddy by that OK. One OK may
-- queue it over Signal and by SMS (the alarms went by both); a copy's
-- fallback to the other channel (a carrier opt-out, a held lane) is not
-- queued when the pair has a copy there already, which would be sent
-- twice. Rows queued before this column have none: each is its own pair.
ALTER TABLE checkin_all_clears ADD COLUMN pair INTEGER;

-- A Signal moderator's identity changed and whether the members whose
-- running check-in relied on the moderators (CHECKIN_FALLBACK=moderators)
-- must be told it now reaches no one is still to decide. Set in the
-- change's own transaction; cleared in the one that tells them, so that a
-- failure then (a busy or full disk) leaves it for the check-in timers'
-- next run, not for her deadline.
CREATE TABLE moderators_gone_due (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  changed_at INTEGER NOT NULL
);
