-- The all-clears (a late OK's word to a buddy) whose member is still to
-- hear if one reached no buddy: a row per pair (the id of its first copy),
-- naming the member who sent the OK. Not the buddy link's owner
-- (buddy_messages): after a number change that is her old number's
-- membership, no longer hers. Her erasure takes the row: no one else is
-- told. The check-in timers drop a row once its member was told, its buddy
-- left, or it is a day old; they read only the all-clears queued since the
-- oldest row, not every one kept for the retention period.
CREATE TABLE checkin_all_clear_watch (
  pair       INTEGER PRIMARY KEY,
  member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);

-- All-clears of before it: their owner is the best known member to tell.
-- Those older than a day go at the timers' next run.
INSERT INTO checkin_all_clear_watch (pair, member_id, created_at)
SELECT coalesce(a.pair, a.outbox_id), min(b.member_id), min(o.created_at)
FROM checkin_all_clears a JOIN buddy_messages b ON b.outbox_id = a.outbox_id JOIN outbox o ON o.id = a.outbox_id
GROUP BY coalesce(a.pair, a.outbox_id);
