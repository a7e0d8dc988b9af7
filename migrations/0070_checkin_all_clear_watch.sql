-- The all-clears (a late OK's word to a buddy) whose member is still to
-- hear if one reached no buddy: a row per pair (the id of its first copy),
-- naming the member who sent the OK. Not the buddy link's owner
-- (buddy_messages): after a number change that is her old number's
-- membership, no longer hers. Her erasure takes the row: no one else is
-- told. The check-in timers drop a row once its member was told, its buddy
-- left, or it is a day old with every copy final (a week old, whatever
-- their state); they read only the all-clears queued since the oldest row,
-- not every one kept for the retention period.
CREATE TABLE checkin_all_clear_watch (
  pair       INTEGER PRIMARY KEY,
  member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);

-- No backfill: all-clears queued before it are not watched (as before it,
-- no one is told of them). Those of before 0069 have no pair, and an SMS
-- fallback of a refused Signal copy was queued outside the refused copy's
-- pair, so a failed copy whose fallback arrived would read as reaching no
-- one: a false notice at upgrade. Those with a pair date from 0069, never
-- released; a backup taken between 0069 and 0070 restores unwatched too.
